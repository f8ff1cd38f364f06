// `nianbao demo` (npm start): the whole pipeline offline. It starts the portal simulator on 127.0.0.1
// (several CMS families, a few dozen reports, some hazards), crawls it with the real crawler, parses
// and stores everything in its own database, data/demo.db (never data/nianbao.db, where real crawls
// go: the synthetic reports carry real agency names), writes CSV exports to data/demo-export/, and
// says what next.
import { createWriteStream } from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import { join, relative } from "node:path";
import { finished } from "node:stream/promises";
import type { Command } from "commander";
import { dataDir } from "../../paths.js";
import { EXIT, UserError } from "../exit-codes.js";
import { DEFAULT_SERVE_PORT } from "./serve.js";
import { cli, err, out, setExitCode } from "../io.js";

/** The demo's own store and exports: synthetic reports must never mix with real ones. */
const DEMO_DB = join(dataDir, "demo.db");
const DEMO_EXPORT_DIR = join(dataDir, "demo-export");

/** Fixed ports keep the simulated URLs stable, so a second demo run finds every report unchanged. */
const DEMO_BASE_PORT = 47_810;

interface DemoOptions {
  db?: string;
  out?: string;
  delay: string;
  json?: boolean;
  jobs?: string;
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("crawl a built-in simulated portal set, store the reports, export CSV (offline)")
    .option("--db <file>", "the database (default: data/demo.db, apart from real crawls)")
    .option("--out <dir>", "where the CSV exports go (default: data/demo-export)")
    .option("--delay <ms>", "politeness delay per simulated host (the real default is 2000)", "50")
    .option("--jobs <n>", "parse worker threads (default: min(2, cores))")
    .option("--json", "JSON log lines instead of a progress bar")
    .action(async (options: DemoOptions) => {
      setExitCode(await runDemo(options));
    });
}

async function runDemo(options: DemoOptions): Promise<number> {
  const started = Date.now();
  const delay = Number(options.delay);
  if (!Number.isFinite(delay) || delay < 0)
    throw new UserError(`--delay: "${options.delay}" is not a number`, EXIT.USAGE);
  const { startDefaultSimulator, simulatorSources, OFF_LIMITS } =
    await import("../../../crawlers/simulator/scenario.js");
  const { crawl } = await import("../../../crawlers/crawler.js");
  const { CrawlLockedError } = await import("../../../crawlers/lock.js");
  const { openCrawlState } = await import("../../../crawlers/state.js");
  const { chooseReporter, formatSummary } = await import("../../../crawlers/reporting.js");
  const { openIngest } = await import("../../ingest/index.js");
  const { exportReports } = await import("../../store/export.js");
  const { ParsePool, defaultPoolSize } = await import("../../../parsers/pool/index.js");
  const { parseJobsOption } = await import("./ingest.js");
  const jobs = parseJobsOption(options.jobs, defaultPoolSize());

  const dbPath = options.db ?? DEMO_DB;
  const outDir = options.out ?? DEMO_EXPORT_DIR;
  err("nianbao demo: starting the portal simulator on 127.0.0.1 …");
  // Generated reports come inline and as text attachments; the real PDF, DOCX and DOC (.wps)
  // fixtures are published beside them (crawlers/simulator/documents.ts).
  const sim = await startDefaultSimulator(
    { forms: ["inline", "inline", "text", "inline", "text", "inline"], scale: 0.6 },
    { basePort: DEMO_BASE_PORT },
  );
  const pool = new ParsePool({ size: jobs });
  const store = openIngest(dbPath, { parse: pool.parse });
  const state = openCrawlState(store.path);
  const reporter = chooseReporter(Boolean(options.json), cli().stderr);
  try {
    const sources = simulatorSources(sim);
    const result = await crawl(
      { state, sink: store },
      sources,
      {
        minDelayMs: delay,
        retryBaseMs: 200,
        breakerCooldownMs: 1_000,
        timeoutMs: 15_000,
        contact: "nianbao demo (local simulator)",
      },
      { onEvent: (e) => reporter.onEvent(e) },
    );
    reporter.stop();
    out(formatSummary(result));

    await mkdir(outDir, { recursive: true });
    const exports: string[] = [];
    for (const form of ["long", "wide"] as const) {
      const path = join(outDir, `reports-${form}.csv`);
      const out = createWriteStream(`${path}.partial`);
      const summary = await exportReports(store.db, { format: "csv", form, lang: "zh" }, out);
      out.end();
      await finished(out);
      await rename(`${path}.partial`, path);
      exports.push(`${relative(process.cwd(), path) || path} (${summary.rows} rows)`);
    }
    const reports = (
      store.db.prepare("SELECT COUNT(*) AS n FROM reports WHERE is_current = 1").get() as { n: number }
    ).n;
    const published = sim
      .expectedReports()
      .filter((r) => !OFF_LIMITS.has(sim.sites.find((s) => s.reports.includes(r))?.label ?? "")).length;
    const db = relative(process.cwd(), dbPath) || dbPath;
    out(`
nianbao demo: ${reports} current reports in the store (the ${sources.length} simulated portals publish ${published} reachable ones) in ${((Date.now() - started) / 1000).toFixed(1)} s
  database: ${db}
  exports:  ${exports.join(", ")}

next (this demo's store is ${db}; real crawls go to data/nianbao.db):
${nextSteps(db)}`);
    return EXIT.OK;
  } catch (error) {
    reporter.stop();
    if (error instanceof CrawlLockedError) throw new UserError(`demo: ${error.message}`, EXIT.BUSY);
    throw error;
  } finally {
    state.close();
    store.close();
    await pool.close();
    await sim.close();
  }
}

/** The commands to run next, for the demo's own store, with their comments in one column. */
function nextSteps(db: string): string {
  const steps: [string, string][] = [
    [`npx nianbao serve --db ${db}`, `browse it: open http://127.0.0.1:${DEFAULT_SERVE_PORT}/`],
    [
      `npx nianbao export csv --db ${db} --form wide --lang en -o reports.csv`,
      "one report per row, English headers",
    ],
    [`npx nianbao export csv --db ${db} --metric 't3.*' --year 2021-2024`, "table 3 figures, long form"],
    [
      `sqlite3 ${db} "SELECT source_id, error, COUNT(*) FROM crawl_frontier WHERE status != 'done' GROUP BY 1, 2"`,
      "what was not stored, and why",
    ],
    [`datasette ${db}`, "or browse with Datasette (pip install datasette)"],
    ["npx nianbao crawl --contact you@example.org", "the real portals in data/sources.json, 2 s per host"],
  ];
  const width = Math.max(...steps.filter(([c]) => c.length < 90).map(([c]) => c.length)) + 2;
  // A command too long for the column keeps its comment two spaces after it.
  return steps.map(([command, why]) => `  ${command.padEnd(width - 2)}  # ${why}`).join("\n");
}
