// One HTTP exchange, no redirects followed (each hop is checked by the caller against the allow-list
// and robots.txt). The body is streamed and capped; a trickling server is cut off by a total deadline.
import { Agent, request, type Dispatcher } from "undici";

export interface HttpRequest {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The body was longer than the cap and was cut. */
  truncated: boolean;
  elapsedMs: number;
}

export interface FetchLimits {
  /** Whole exchange, headers and body. */
  timeoutMs: number;
  maxBodyBytes: number;
}

export class FetchError extends Error {
  constructor(
    readonly reason: "timeout" | "network" | "tls",
    message: string,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

export function createAgent(timeoutMs: number): Agent {
  return new Agent({
    connect: { timeout: Math.min(timeoutMs, 15_000) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 4_000,
    connections: 2,
  });
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

export async function fetchOnce(
  req: HttpRequest,
  limits: FetchLimits,
  dispatcher: Dispatcher,
): Promise<HttpResponse> {
  const started = performance.now();
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const res = await request(req.url, {
      method: req.method ?? "GET",
      headers: req.headers,
      body: req.body,
      dispatcher,
      signal: controller.signal,
    });
    const chunks: Uint8Array[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      if (size + chunk.length > limits.maxBodyBytes) {
        chunks.push(chunk.subarray(0, limits.maxBodyBytes - size));
        size = limits.maxBodyBytes;
        truncated = true;
        res.body.destroy();
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
    return {
      url: req.url,
      status: res.statusCode,
      headers: flattenHeaders(res.headers),
      body: Buffer.concat(chunks, size),
      truncated,
      elapsedMs: performance.now() - started,
    };
  } catch (error) {
    throw classify(error, controller.signal.aborted, limits.timeoutMs);
  } finally {
    clearTimeout(deadline);
  }
}

function classify(error: unknown, aborted: boolean, timeoutMs: number): FetchError {
  const e = error as { code?: string; message?: string; name?: string };
  const message = e?.message ?? String(error);
  if (aborted || /TIMEOUT/i.test(e?.code ?? "") || e?.name === "AbortError") {
    return new FetchError("timeout", `no complete answer within ${timeoutMs} ms`);
  }
  if (/CERT|SSL|TLS|self.signed|altnames/i.test(`${e?.code ?? ""} ${message}`))
    return new FetchError("tls", message);
  return new FetchError("network", `${e?.code ?? "error"}: ${message}`);
}
