// `npm run bench -- serve`: the web application on a synthetic store of 10,000 reports (1,250
// bodies × 8 years; see buildStore).
// Measures: start-up of `nianbao serve` as a process (spawn → URL printed) and in process (open the
// store → listening); per page type (search, body, report, rank, compare, report CSV/XLSX) the
// median and p95 time of sequential requests over loopback (client-side, keep-alive, so it
// includes HTTP but no browser) and the CPU time the app spends per request in process; and the
// server process's memory (RSS idle, after the run, peak).
// The baseline in the same run: a bare node:http server answering a fixed 40 KB page.
// Env: BENCH_SERVE_N (reports, default 10000), BENCH_SERVE_YEARS (reports per body, default 8),
// BENCH_SERVE_REQUESTS (requests per page type, default 60), BENCH_SERVE_DB (keep the store there: built
// the first time, reused after).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { ParseResult } from "../src/model/contract.js";
import { projectRoot } from "../src/paths.js";
import { createApp } from "../src/serve/app.js";
import { StoreReader } from "../src/serve/queries.js";
import { startServer } from "../src/serve/server.js";
import { AgencyResolver } from "../src/ingest/agency.js";
import { openIngest } from "../src/ingest/index.js";
import { renderCorpusDocument } from "../src/synth/index.js";
import type { BenchSection } from "./section.js";

const N = Number(process.env.BENCH_SERVE_N ?? 10_000);
/** Reports per body: the store holds N / YEARS bodies, each with a report for YEARS years. */
const YEARS = Math.max(1, Number(process.env.BENCH_SERVE_YEARS ?? 8));
const REQUESTS = Number(process.env.BENCH_SERVE_REQUESTS ?? 60);

/** The key the store files a body under (canonical name, region), so no two bodies collide. */
function bodyKey(resolver: AgencyResolver, printed: string): string {
  const resolved = resolver.resolve(printed, { hints: [], origin: "www.example.gov.cn" });
  return `${resolved.name}|${resolved.regionCode ?? ""}|${resolved.origin}`;
}

/**
 * A store of N current reports: N / YEARS distinct bodies (synthetic documents, one per body), each
 * re-issued for YEARS consecutive years ending at its document's year. The parse step returns the
 * generator's truth with a printed text and a line per figure, so pages carry full provenance.
 */
export async function buildStore(dbPath: string): Promise<{ bodies: number; reports: number }> {
  const results = new WeakMap<Uint8Array, ParseResult>();
  const documents: { bytes: Uint8Array; name: string; url: string }[] = [];
  const resolver = new AgencyResolver();
  const seen = new Set<string>();
  const wanted = Math.ceil(N / YEARS);
  // The generator's pool of names is finite (about 2,000 printed names); stop when it runs dry.
  for (let i = 0; seen.size < wanted && i < wanted * 8; i++) {
    const doc = renderCorpusDocument(i, { seed: "bench-serve" });
    const key = bodyKey(resolver, doc.truth.agency);
    if (seen.has(key)) continue;
    seen.add(key);
    const truth = doc.truth;
    const codes = Object.keys(truth.values);
    for (let copy = 0; copy < YEARS && documents.length < N; copy++) {
      const marker = new TextEncoder().encode(`\n<!-- copy ${copy} -->\n`);
      const bytes = new Uint8Array(doc.bytes.length + marker.length);
      bytes.set(doc.bytes);
      bytes.set(marker, doc.bytes.length);
      results.set(bytes, {
        agency: truth.agency,
        year: truth.year - copy,
        template: truth.template,
        values: truth.values,
        issues: truth.issues.map((issue) => ({ ...issue, message: `identity fails (${issue.metric})` })),
        sources: Object.fromEntries(
          codes.map((code, line) => [code, { raw: String(truth.values[code]), loc: { line: line + 40 } }]),
        ),
        format: doc.form,
      });
      documents.push({
        bytes,
        name: `${doc.name}#${copy}`,
        url: `https://www.example.gov.cn/${i}/${copy}.html`,
      });
    }
  }
  const store = openIngest(dbPath, { parse: async (bytes) => results.get(bytes)! });
  try {
    for (const d of documents)
      await store.ingestDocument({ bytes: d.bytes, path: d.name, url: d.url, contentType: "text/html" });
    store.db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    store.close();
  }
  return { bodies: seen.size, reports: documents.length };
}

interface Timing {
  median: number;
  p95: number;
  bytes: number;
}

async function timeRequests(base: string, paths: string[]): Promise<Timing> {
  const times: number[] = [];
  let bytes = 0;
  // One warm-up request per page type (first-use loading of exceljs, the pinyin index, assets).
  await (await fetch(new URL(paths[0]!, base))).arrayBuffer();
  for (const path of paths) {
    const t = performance.now();
    const response = await fetch(new URL(path, base));
    const body = await response.arrayBuffer();
    times.push(performance.now() - t);
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
    bytes += body.byteLength;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { median: at(0.5), p95: at(0.95), bytes: bytes / paths.length };
}

/**
 * The same requests answered in process by the app itself (no HTTP): CPU time per request, which the
 * machine's load inflates far less than wall-clock time.
 */
async function cpuPerRequest(
  app: ReturnType<typeof createApp>,
  paths: string[],
): Promise<{ median: number; p95: number }> {
  await (await app.fetch(new Request(new URL(paths[0]!, "http://bench/")))).arrayBuffer();
  const times: number[] = [];
  for (const path of paths) {
    const before = process.cpuUsage();
    await (await app.fetch(new Request(new URL(path, "http://bench/")))).arrayBuffer();
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

/** Starts `nianbao serve` as its own process; resolves with its URL, pid and spawn → URL time. */
function spawnServer(
  dbPath: string,
): Promise<{ url: string; pid: number; ms: number; stop: () => void; how: string }> {
  const built = existsSync(join(projectRoot, "dist/src/serve/server.js"));
  const args = built
    ? [join(projectRoot, "bin/nianbao.js")]
    : ["--import", "tsx", join(projectRoot, "src/cli/main.ts")];
  const started = performance.now();
  const child = spawn(process.execPath, [...args, "serve", "--db", dbPath, "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /open (http:\/\/\S+)/.exec(out);
      if (match)
        resolve({
          url: match[1]!,
          pid: child.pid!,
          ms: performance.now() - started,
          stop: () => child.kill("SIGTERM"),
          how: built ? "node bin/nianbao.js (dist/)" : "tsx src/cli/main.ts (no dist/: includes compiling)",
        });
    });
    child.on("exit", (code) => reject(new Error(`nianbao serve exited with ${code}: ${out}`)));
  });
}

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

const ms = (value: number) => value.toFixed(1);

const section: BenchSection = {
  title: `Serve: the web application on ${N.toLocaleString("en-US")} synthetic reports`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-bench-serve-"));
    try {
      // BENCH_SERVE_DB: a store to keep between runs (built there the first time, reused after).
      const dbPath = process.env.BENCH_SERVE_DB ?? join(dir, "nianbao.db");
      let t = performance.now();
      if (!existsSync(dbPath)) {
        const built = await buildStore(dbPath);
        console.log(
          `built the store in ${((performance.now() - t) / 1000).toFixed(1)} s (not counted): ${built.bodies} bodies × up to ${YEARS} years = ${built.reports} reports\n`,
        );
      }

      // In process: open the store read-only and listen.
      t = performance.now();
      const inProcess = await startServer({ db: dbPath, port: 0 });
      const startMs = performance.now() - t;
      const reader = inProcess.reader;
      const reportIds = reader.db
        .prepare("SELECT id FROM reports WHERE is_current = 1 ORDER BY id")
        .pluck()
        .all() as number[];
      const bodyIds = reader.db.prepare("SELECT id FROM agencies ORDER BY id").pluck().all() as number[];
      const names = reader.db.prepare("SELECT name FROM agencies ORDER BY id").pluck().all() as string[];
      const years = reader.years();
      await inProcess.close();

      const pick = <T>(list: T[], i: number): T => list[Math.floor((i * 7919) % list.length)]!;
      const count = Array.from({ length: REQUESTS }, (_, i) => i);
      const pages: [string, string[]][] = [
        ["home (coverage by year, first 50 bodies)", count.map(() => "/")],
        [
          "search by name (2 characters)",
          count.map((i) => `/search?q=${encodeURIComponent(pick(names, i).slice(-4, -2))}`),
        ],
        [
          "search by pinyin initials",
          count.map((i) => `/search?q=${["hz", "nj", "zz", "rmzf", "sw"][i % 5]}`),
        ],
        ["search with filters (year + status)", count.map((i) => `/search?year=${pick(years, i)}&status=ok`)],
        ["body (reports by year, charts)", count.map((i) => `/bodies/${pick(bodyIds, i)}`)],
        ["report (three tables, provenance)", count.map((i) => `/reports/${pick(reportIds, i)}`)],
        [
          "rank (granted share, one year, all bodies)",
          count.map((i) => `/rank?metric=granted_share&year=${pick(years, i)}`),
        ],
        [
          "rank (one metric, one province)",
          count.map((i) => `/rank?metric=t3.new.total&year=${pick(years, i)}&region=32`),
        ],
        [
          "compare (3 bodies)",
          count.map(
            (i) => `/compare?id=${pick(bodyIds, i)}&id=${pick(bodyIds, i + 1)}&id=${pick(bodyIds, i + 2)}`,
          ),
        ],
        ["report CSV", count.map((i) => `/reports/${pick(reportIds, i)}.csv`)],
        [
          "report XLSX",
          count.slice(0, Math.max(10, REQUESTS / 3)).map((i) => `/reports/${pick(reportIds, i)}.xlsx`),
        ],
      ];

      // Baseline: a bare node:http server sending a fixed page of a report page's size.
      const fixed = Buffer.alloc(40_000, "x");
      const bare = createServer((_req, res) => res.end(fixed));
      await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
      const bareTiming = await timeRequests(
        `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`,
        count.map(() => "/"),
      );
      bare.close();

      const app = createApp(new StoreReader(dbPath));
      const child = await spawnServer(dbPath);
      try {
        const idle = memoryOf(child.pid);
        console.log("| measure | HTTP median | HTTP p95 | server CPU median | server CPU p95 | note |");
        console.log("| --- | --- | --- | --- | --- | --- |");
        console.log(
          `| start-up, process (spawn → URL printed) | ${ms(child.ms)} ms | | | | ${child.how}; goal < 1 s |`,
        );
        console.log(`| start-up, in process (open store → listening) | ${ms(startMs)} ms | | | | |`);
        console.log(
          `| baseline: bare node:http, fixed 40 KB page | ${ms(bareTiming.median)} ms | ${ms(bareTiming.p95)} ms | | | loopback + fetch on this machine now |`,
        );
        for (const [name, paths] of pages) {
          const timing = await timeRequests(child.url, paths);
          const cpu = await cpuPerRequest(app, paths);
          console.log(
            `| ${name} | ${ms(timing.median)} ms | ${ms(timing.p95)} ms | ${ms(cpu.median)} ms | ${ms(cpu.p95)} ms | ${paths.length} requests, ${Math.round(timing.bytes / 1024)} KB each${name.includes("XLSX") ? "" : "; goal p95 < 50 ms"} |`,
          );
        }
        const after = memoryOf(child.pid);
        console.log(
          `| server memory (the process) | RSS ${idle.rss.toFixed(0)} MB idle | ${after.rss.toFixed(0)} MB after the run | | | peak ${after.peak.toFixed(0)} MB |`,
        );
        console.log(
          `\nstore: ${reportIds.length.toLocaleString("en-US")} current reports, ${bodyIds.length.toLocaleString("en-US")} bodies, ${years.length} years`,
        );
      } finally {
        child.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default section;
