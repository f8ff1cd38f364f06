// Shared by the crawler tests: a store in a temp dir, fast-but-real politeness settings, and
// readers over the frontier and the simulator's request log.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CrawlSettings, CrawlTarget } from "../../crawlers/crawler.js";
import { openCrawlState, type CrawlState } from "../../crawlers/state.js";
import type { LoggedRequest, Simulator } from "../../crawlers/simulator/server.js";
import { sniffFormat } from "../../parsers/sniff.js";
import { openIngest, type ParseFunction, type StoreIngest } from "../../src/ingest/index.js";

export interface TempStore {
  store: StoreIngest;
  /** The crawler's own tables in the same file (its own connection). */
  state: CrawlState;
  /** What `crawl` is given: the crawl state and a sink that ingests into `store`. */
  target: CrawlTarget;
  path: string;
  dir: string;
  cleanup(): void;
}

/**
 * A parser that reads only the format: the crawler tests assert what reaches the store (which URLs,
 * how often, in what state), never a figure, and parsing PDFs and WPS files took most of their time.
 * Each document gets an agency of its own (from its hash) so the store keeps it as a report. The
 * end-to-end crawls with the real parser are tests/crawlers/attachments.test.ts and cli.test.ts.
 */
export const stubParse: ParseFunction = (bytes) =>
  Promise.resolve({
    agency: `测试局${createHash("sha256").update(bytes).digest("hex").slice(0, 8)}`,
    year: 2023,
    template: null,
    values: {},
    issues: [],
    format: sniffFormat(bytes),
  });

/** A store in a temp dir; documents are parsed by `parse` (default: the stub above). */
export function tempStore(parse: ParseFunction = stubParse): TempStore {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-crawl-"));
  const path = join(dir, "test.db");
  const store = openIngest(path, { parse });
  const state = openCrawlState(path);
  return {
    store,
    state,
    target: crawlTarget(store, state),
    path,
    dir,
    cleanup() {
      try {
        store.close();
        state.close();
      } catch {
        // already closed by the test
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A crawl into `store`: the crawl state beside it and a sink that ingests each document. */
export function crawlTarget(store: StoreIngest, state: CrawlState): CrawlTarget {
  return { state, sink: store };
}

/** Small delays so tests are fast; the spacing they ask for is still asserted on the server side. */
export const FAST: Partial<CrawlSettings> = {
  minDelayMs: 25,
  maxDelayMs: 80,
  retryBaseMs: 30,
  breakerCooldownMs: 100,
  timeoutMs: 8_000,
  contact: "tests@nianbao.invalid",
};

export interface FrontierRow {
  url: string;
  kind: string;
  status: string;
  outcome: string | null;
  error: string | null;
  host: string;
  attempts: number;
}

export function frontierRows(store: Pick<StoreIngest, "db">): FrontierRow[] {
  return store.db
    .prepare("SELECT url, kind, status, outcome, error, host, attempts FROM crawl_frontier")
    .all() as FrontierRow[];
}

/** URLs of documents handed to the store (stored now or before). */
export function storedDocumentUrls(store: Pick<StoreIngest, "db">): Set<string> {
  return new Set(
    frontierRows(store)
      .filter(
        (r) =>
          r.outcome !== null && ["new", "updated", "unchanged", "not_modified", "failed"].includes(r.outcome),
      )
      .map((r) => r.url),
  );
}

export interface SentRequest {
  host: string;
  at: number;
}

/**
 * Minimum gap (ms) between consecutive requests to each host. Measured where requests leave the
 * crawler: the simulator shares the crawler's event loop, so its arrival times can lag by however
 * long a parse blocked the loop and would understate gaps.
 */
export function minGapByHost(log: SentRequest[]): Map<string, number> {
  const byHost = new Map<string, number[]>();
  for (const entry of log) byHost.set(entry.host, [...(byHost.get(entry.host) ?? []), entry.at]);
  const gaps = new Map<string, number>();
  for (const [host, times] of byHost) {
    times.sort((a, b) => a - b);
    let min = Infinity;
    for (let i = 1; i < times.length; i++) min = Math.min(min, times[i]! - times[i - 1]!);
    gaps.set(host, min);
  }
  return gaps;
}

/** How many times each request (method, host, path, form body) was made. */
export function requestCounts(log: LoggedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of log) {
    const key = `${entry.method} ${entry.host}${entry.path}${entry.body ? ` ${entry.body}` : ""}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function hostOfLabel(sim: Simulator, label: string): string {
  return new URL(sim.origins[label]!).host;
}
