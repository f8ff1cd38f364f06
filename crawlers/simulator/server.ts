// The portal simulator: every virtual host is its own HTTP listener on 127.0.0.1 (so host =
// 127.0.0.1:port and per-host politeness is observable), all in one process, with a request log.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HazardGate, type HostHazards } from "./hazards.js";
import type { ExpectedReport, SimRequest, SimResponse, SimSite } from "./site.js";

export interface LoggedRequest {
  host: string;
  method: string;
  /** Path and query. */
  path: string;
  userAgent: string;
  /** Form body of a POST (API calls). */
  body: string;
  /** Epoch ms when the request arrived. */
  at: number;
  status: number;
}

/** Builds a site once its origin (http://127.0.0.1:port) is known. */
export type SiteFactory = (origin: string, originOf: (label: string) => string) => SimSite;

export interface SimulatorSpec {
  sites: { label: string; factory: SiteFactory; hazards?: HostHazards }[];
}

export interface Simulator {
  /** Origin of each virtual host by label. */
  origins: Record<string, string>;
  sites: SimSite[];
  log: LoggedRequest[];
  /** Every report the simulated portals publish (the oracle for "found every report once"). */
  expectedReports(): ExpectedReport[];
  /** Switches a host's hazards (the scenario control). */
  setHazards(label: string, hazards: HostHazards): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Listens on `port` (0 = any free port); a fixed port that is taken falls back to a free one. */
async function listen(server: Server, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (port !== 0 && error.code === "EADDRINUSE") {
        server.listen(0, "127.0.0.1", resolve);
      } else reject(error);
    };
    server.once("error", onError);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", onError);
      resolve();
    });
  });
}

export interface SimulatorOptions {
  /**
   * First port of a fixed range (one per host, in spec order). Fixed ports keep URLs stable between
   * runs, so a second crawl of the same simulated portals finds everything unchanged.
   */
  basePort?: number;
}

export async function startSimulator(
  spec: SimulatorSpec,
  options: SimulatorOptions = {},
): Promise<Simulator> {
  const log: LoggedRequest[] = [];
  const servers: Server[] = [];
  const origins: Record<string, string> = {};
  const gates = new Map<string, HazardGate>();
  const sites = new Map<string, SimSite>();

  for (const [index, { label, hazards }] of spec.sites.entries()) {
    const gate = new HazardGate(hazards);
    gates.set(label, gate);
    const server = createServer((req, res) => void handle(label, req, res));
    server.keepAliveTimeout = 2_000;
    await listen(server, options.basePort ? options.basePort + index : 0);
    origins[label] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    servers.push(server);
  }
  const originOf = (label: string) => {
    const origin = origins[label];
    if (!origin) throw new Error(`simulator: no host labelled ${label}`);
    return origin;
  };
  try {
    for (const { label, factory } of spec.sites) {
      const site = factory(originOf(label), originOf);
      sites.set(label, site);
      if (site.hazards) gates.get(label)!.hazards = { ...gates.get(label)!.hazards, ...site.hazards };
    }
  } catch (error) {
    for (const server of servers) server.close();
    throw error;
  }

  async function handle(label: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sim");
    const entry: LoggedRequest = {
      host: new URL(origins[label]!).host,
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      userAgent: String(req.headers["user-agent"] ?? ""),
      body: "",
      at: Date.now(),
      status: 0,
    };
    log.push(entry);
    try {
      entry.body = await readBody(req);
      const simReq: SimRequest = {
        method: entry.method,
        path: url.pathname,
        query: url.searchParams,
        body: entry.body,
        headers: req.headers,
      };
      if (url.pathname === "/__sim/log") {
        return send(res, entry, {
          status: 200,
          headers: { "content-type": "application/json" },
          body: JSON.stringify(log),
        });
      }
      const gate = gates.get(label)!;
      const site = sites.get(label)!;
      const answer = gate.intercept(simReq) ?? (await site.route(simReq));
      const pacing = gate.pacing(url.pathname);
      await send(res, entry, { ...answer, ...pacing }, req.headers["if-none-match"]);
    } catch (error) {
      await send(res, entry, { status: 500, body: `simulator error: ${(error as Error).message}` });
    }
  }

  return {
    origins,
    sites: [...sites.values()],
    log,
    expectedReports: () => [...sites.values()].flatMap((s) => s.reports),
    setHazards: (label, hazards) => {
      gates.get(label)!.hazards = hazards;
    },
    close: async () => {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

async function send(
  res: ServerResponse,
  entry: LoggedRequest,
  answer: SimResponse,
  ifNoneMatch?: string | string[],
): Promise<void> {
  if (answer.delayMs) await sleep(answer.delayMs);
  const body = typeof answer.body === "string" ? Buffer.from(answer.body) : Buffer.from(answer.body ?? []);
  const headers = { ...answer.headers };
  // Conditional requests: a strong ETag from the content, so re-crawls of unchanged pages cost a 304.
  if (answer.status === 200 && !headers["etag"]) {
    headers["etag"] = `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;
  }
  if (answer.status === 200 && ifNoneMatch && ifNoneMatch === headers["etag"]) {
    entry.status = 304;
    res.writeHead(304, { etag: headers["etag"]! });
    res.end();
    return;
  }
  entry.status = answer.status;
  if (res.destroyed) return;
  res.writeHead(answer.status, { ...headers, "content-length": String(body.length) });
  if (!answer.trickleMs) {
    res.end(body);
    return;
  }
  const pieces = 10;
  const step = Math.ceil(body.length / pieces);
  for (let i = 0; i < body.length && !res.destroyed; i += step) {
    res.write(body.subarray(i, i + step));
    await sleep(answer.trickleMs / pieces);
  }
  res.end();
}
