// `nianbao crawl`: crawl registered portals (or URLs given on the command line) politely, parse and
// store every report found. Exit codes: 0 done; 1 done with failures worth a look (blocked hosts,
// timeouts, 5xx, unreadable documents); 5 stopped by --max-requests/--max-duration or a signal (run
// again to resume); 6 a source was not reached at all (network); 75 another crawl holds the store.
import { join } from "node:path";
import type { Command } from "commander";
import type { DocumentSink } from "../../model/ingest.js";
import { dataDir } from "../../paths.js";
import { EXIT, UserError } from "../exit-codes.js";
import { cli, err, out, setExitCode } from "../io.js";

interface CrawlCommandOptions {
  sources?: string;
  source?: string[];
  url?: string[];
  db?: string;
  delay: string;
  contact?: string;
  maxRequests?: string;
  maxDuration?: string;
  since?: string;
  timeout: string;
  json?: boolean;
  httpFallback: boolean;
  jobs?: string;
  retries: string;
}

function positiveNumber(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new UserError(`${name}: "${text}" is not a number`, EXIT.USAGE);
  return n;
}

export function registerCrawl(program: Command): void {
  program
    .command("crawl")
    .description("crawl portals politely, parse and store every annual report found (resumable)")
    .option("--sources <file>", "sources registry (default: data/sources.json)")
    .option("--source <id...>", "only these source ids from the registry")
    .option("--url <url...>", "crawl these column URLs instead of the registry")
    .option("--db <file>", "the database (default: data/nianbao.db)")
    .option("--delay <ms>", "minimum delay between two requests to one host", "2000")
    .option("--contact <text>", "contact put in the User-Agent (default: $NIANBAO_CONTACT)")
    .option("--max-requests <n>", "stop after this many requests (resumable)")
    .option("--max-duration <seconds>", "stop after this long (resumable)")
    .option("--since <year>", "skip reports whose title names an earlier year")
    .option("--timeout <seconds>", "per-request timeout", "20")
    .option("--retries <n>", "tries after the first for network errors, timeouts and 5xx (with backoff)", "2")
    .option("--no-http-fallback", "do not retry a host over http when its https fails")
    .option("--jobs <n>", "parse worker threads (default: min(2, cores))")
    .option("--json", "JSON log lines on stderr and the summary as JSON on stdout, even on a terminal")
    .action(async (options: CrawlCommandOptions) => {
      setExitCode(await runCrawl(options));
    });
}

async function runCrawl(options: CrawlCommandOptions): Promise<number> {
  const { loadSources, toCrawlSource, sourceIdFor, SourcesError } =
    await import("../../../crawlers/sources.js");
  const { crawl } = await import("../../../crawlers/crawler.js");
  const { CrawlLockedError } = await import("../../../crawlers/lock.js");
  const { openCrawlState } = await import("../../../crawlers/state.js");
  const { chooseReporter, formatSummary, hasActionableFailures } =
    await import("../../../crawlers/reporting.js");
  const { unreachableSources } = await import("../../../crawlers/summary.js");

  let sources;
  if (options.url?.length) {
    const taken = new Set<string>();
    sources = options.url.map((url) => {
      try {
        new URL(url);
      } catch {
        throw new UserError(`--url: "${url}" is not a URL`, EXIT.USAGE);
      }
      const id = sourceIdFor(url, taken);
      taken.add(id);
      return { id, name: url, entries: [url], allowedHosts: [] };
    });
  } else {
    const path = options.sources ?? join(dataDir, "sources.json");
    let registry;
    try {
      registry = loadSources(path);
    } catch (error) {
      if (error instanceof SourcesError) throw new UserError(error.oneLine, EXIT.INPUT);
      throw error;
    }
    let chosen = registry.sources;
    if (options.source?.length) {
      const unknown = options.source.filter((id) => !chosen.some((s) => s.id === id));
      if (unknown.length) throw new UserError(`unknown source id(s): ${unknown.join(", ")}`, EXIT.USAGE);
      chosen = chosen.filter((s) => options.source!.includes(s.id));
    }
    if (!chosen.length)
      throw new UserError(
        `no sources to crawl in ${path} (add one with \`nianbao sources add URL\`)`,
        EXIT.INPUT,
      );
    sources = chosen.map(toCrawlSource);
  }

  const contact = options.contact ?? process.env.NIANBAO_CONTACT;
  if (!contact) {
    err("nianbao: crawl: no contact given (--contact or NIANBAO_CONTACT); portal operators cannot reach you");
  }
  const { openIngest } = await import("../../ingest/index.js");
  const { ParsePool, defaultPoolSize } = await import("../../../parsers/pool/index.js");
  const { parseJobsOption, missingBytesLine, ocrLine } = await import("./ingest.js");
  // Parsing in worker threads keeps the event loop free for requests (and their measured latency).
  const pool = new ParsePool({ size: parseJobsOption(options.jobs, defaultPoolSize()) });
  const store = openIngest(options.db, { parse: pool.parse });
  const state = openCrawlState(store.path);
  const reporter = chooseReporter(Boolean(options.json), cli().stderr);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Documents read by OCR (scans, reports whose tables are pictures) and the figures they gave.
  const ocr = { documents: 0, figures: 0 };
  const sink: DocumentSink = {
    ingestDocument: async (document) => {
      const outcome = await store.ingestDocument(document);
      if (outcome.ocrFigures !== undefined) {
        ocr.documents++;
        ocr.figures += outcome.ocrFigures;
      }
      return outcome;
    },
  };
  try {
    const result = await crawl(
      { state, sink },
      sources,
      {
        minDelayMs: positiveNumber("--delay", options.delay),
        timeoutMs: positiveNumber("--timeout", options.timeout) * 1000,
        maxAttempts: Math.floor(positiveNumber("--retries", options.retries)) + 1,
        httpFallback: options.httpFallback,
        ...(contact ? { contact } : {}),
        ...(options.maxRequests
          ? { maxRequests: positiveNumber("--max-requests", options.maxRequests) }
          : {}),
        ...(options.maxDuration
          ? { maxDurationMs: positiveNumber("--max-duration", options.maxDuration) * 1000 }
          : {}),
        ...(options.since ? { sinceYear: positiveNumber("--since", options.since) } : {}),
      },
      { onEvent: (e) => reporter.onEvent(e), signal: controller.signal },
    );
    reporter.stop();
    const coverage = await crawlCoverage(
      store.path,
      sources.map((s) => s.id),
    );
    out(
      options.json
        ? JSON.stringify({ ...result, coverage, ...(ocr.documents ? { ocr } : {}) })
        : formatSummary(result) + coverage.text,
    );
    if (ocr.documents && !options.json) err(ocrLine("crawl", ocr.documents, ocr.figures));
    const missingBytes = store.store.documentsWithoutBytes();
    if (missingBytes) err(missingBytesLine(missingBytes, store.blobs.path));
    if (result.stoppedBy) return EXIT.LIMIT;
    const unreached = unreachableSources(result.summary);
    if (unreached.length) {
      const reasons = [
        ...new Set(unreached.flatMap((s) => Object.keys(s.failures).filter((r) => r.startsWith("network:")))),
      ];
      err(
        `nianbao: crawl: network: ${unreached.length} of ${result.summary.length} sources reached nothing ` +
          `(${reasons.join(", ")}); check the connection, DNS or proxy`,
      );
      return EXIT.NETWORK;
    }
    return hasActionableFailures(result) ? EXIT.PARTIAL : EXIT.OK;
  } catch (error) {
    reporter.stop();
    if (error instanceof CrawlLockedError)
      throw new UserError(`crawl: ${error.message}; nothing done (exit ${EXIT.BUSY}: try later)`, EXIT.BUSY);
    throw error;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    state.close();
    store.close();
    await pool.close();
  }
}

/**
 * Coverage after a crawl, for the report years its sources hold (src/coverage; the whole store's
 * bodies for those years): counts per status, and the command that lists them. Never fails a crawl.
 */
async function crawlCoverage(
  path: string,
  sourceIds: string[],
): Promise<{ years: { year: number; counts: Record<string, number> }[]; text: string }> {
  try {
    const { computeCoverage, openCoverage, todayInChina, writeCoverage } =
      await import("../../coverage/index.js");
    const db = openCoverage(path);
    try {
      const marks = sourceIds.map(() => "?").join(", ");
      const years = db
        .prepare(
          `SELECT DISTINCT v.year FROM report_versions v JOIN document_sources s ON s.document_id = v.document_id
           WHERE s.source_id IN (${marks}) ORDER BY v.year`,
        )
        .pluck()
        .all(...sourceIds) as number[];
      if (!years.length) return { years: [], text: "" };
      const asOf = todayInChina();
      const rows = computeCoverage(db, { years, asOf });
      writeCoverage(db, rows, { years, asOf });
      const counted = years.map((year) => {
        const counts: Record<string, number> = {};
        for (const r of rows.filter((x) => x.year === year)) counts[r.status] = (counts[r.status] ?? 0) + 1;
        return { year, counts };
      });
      const lines = counted.map(
        ({ year, counts }) =>
          `  ${year}: ${Object.entries(counts)
            .map(([status, n]) => `${status} ${n}`)
            .join(", ")}`,
      );
      return {
        years: counted,
        text: `\ncoverage (bodies expected or published; \`nianbao coverage --year Y\` lists them):\n${lines.join("\n")}`,
      };
    } finally {
      db.close();
    }
  } catch (error) {
    return { years: [], text: `\ncoverage: not computed (${(error as Error).message})` };
  }
}
