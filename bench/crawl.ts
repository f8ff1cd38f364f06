// `npm run bench crawl`: a crawl of ≥ 500 documents over several simulated hosts with a set delay.
// Wall time is compared with the politeness bound (requests per host × delay: no polite crawler can
// be faster), and peak memory is compared between a small and a 4× larger crawl (it should be flat:
// the frontier lives in SQLite, not in memory). Documents are hashed, not parsed, so the figures are
// the crawler's own; parsing speed is the `parse` section's subject.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crawl, type CrawlTarget } from "../crawlers/crawler.js";
import { openCrawlState } from "../crawlers/state.js";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { projectRoot } from "../src/paths.js";
import type { BenchSection } from "./section.js";

const HOSTS = 5;
// A full GC before reading the heap, so "retained" means live objects, not garbage not yet collected.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
const DELAY_MS = 100;

interface Measure {
  documents: number;
  requests: number;
  maxRequestsPerHost: number;
  wallMs: number;
  boundMs: number;
  documentBoundMs: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Live heap after the crawl (after a full GC), before the store is closed. */
  retainedHeapMb: number;
}

/** The simulated portals run in a child process, so the server's CPU is not counted as the crawler's. */
async function startPortals(
  documentsPerHost: number,
): Promise<{ entries: Record<string, string[]>; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "crawlers/simulator/serve.ts",
      "bulk",
      "--hosts",
      String(HOSTS),
      "--documents",
      String(documentsPerHost),
    ],
    {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const { entries } = JSON.parse(line) as { entries: Record<string, string[]> };
  return { entries, stop: () => child.kill("SIGTERM") };
}

async function measure(documentsPerHost: number): Promise<Measure> {
  const portals = await startPortals(documentsPerHost);
  const dir = mkdtempSync(join(tmpdir(), "nianbao-bench-crawl-"));
  const state = openCrawlState(join(dir, "bench.db"));
  let documents = 0;
  const counting: CrawlTarget = {
    state,
    sink: {
      async ingestDocument(input) {
        documents += 1;
        const sha256 = createHash("sha256").update(input.bytes).digest("hex");
        return { status: "new", documentId: null, reportId: null, sha256, agency: null, year: null };
      },
    },
  };
  const sent = new Map<string, number>();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  collect();
  const sampler = setInterval(sample, 50);
  const started = performance.now();
  try {
    const result = await crawl(
      counting,
      Object.entries(portals.entries).map(([label, entries]) => ({
        id: label,
        name: label,
        entries,
        allowedHosts: [],
      })),
      { minDelayMs: DELAY_MS, maxDelayMs: DELAY_MS * 4, contact: "bench@nianbao.invalid" },
      { onRequest: (r) => sent.set(r.host, (sent.get(r.host) ?? 0) + 1) },
    );
    const wallMs = performance.now() - started;
    sample();
    collect();
    const retainedHeap = process.memoryUsage().heapUsed;
    const maxPerHost = Math.max(...sent.values());
    return {
      documents,
      requests: result.requests,
      maxRequestsPerHost: maxPerHost,
      wallMs,
      boundMs: (maxPerHost - 1) * DELAY_MS,
      documentBoundMs: documentsPerHost * DELAY_MS,
      peakRssMb: peakRss / 2 ** 20,
      peakHeapMb: peakHeap / 2 ** 20,
      retainedHeapMb: retainedHeap / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
    state.close();
    portals.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const section: BenchSection = {
  title: `crawl: ${HOSTS} simulated hosts (own process), ${DELAY_MS} ms politeness delay, documents hashed (not parsed)`,
  async run() {
    const rows: Measure[] = [];
    for (const perHost of [50, 200]) rows.push(await measure(perHost));
    console.log(
      "| documents | requests | max requests/host | wall s | bound s (requests/host × delay) | wall / bound | docs/host × delay s | peak RSS MB | peak heap MB | heap after crawl (GC) MB |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|---|");
    for (const r of rows) {
      console.log(
        `| ${r.documents} | ${r.requests} | ${r.maxRequestsPerHost} | ${(r.wallMs / 1000).toFixed(2)} | ${(r.boundMs / 1000).toFixed(2)} | ${(r.wallMs / r.boundMs).toFixed(3)} | ${(r.documentBoundMs / 1000).toFixed(2)} | ${r.peakRssMb.toFixed(0)} | ${r.peakHeapMb.toFixed(0)} | ${r.retainedHeapMb.toFixed(1)} |`,
      );
    }
    const [small, large] = rows;
    console.log(
      `goal: wall within 10% of the bound (${large!.wallMs / large!.boundMs <= 1.1 ? "met" : "NOT met"}); ` +
        `memory as the crawl grows ×4: live heap ${small!.retainedHeapMb.toFixed(1)} → ${large!.retainedHeapMb.toFixed(1)} MB, peak RSS ${small!.peakRssMb.toFixed(0)} → ${large!.peakRssMb.toFixed(0)} MB`,
    );
  },
};

export default section;
