// `nianbao coverage`: which bodies should have published their annual report for a year, which did,
// when, and whether on time (docs/coverage.md). The verdicts are also written to the store's
// `coverage` table, so SQL users see what the command printed.
import type { Command } from "commander";
import { EXIT, UserError } from "../exit-codes.js";
import { existingStorePath } from "../existing-store.js";
import { cli, out } from "../io.js";

interface CoverageCommandOptions {
  db?: string;
  year?: string[];
  region?: string;
  format: string;
  expected?: string[];
  sources?: string;
  asOf?: string;
}

export function registerCoverage(program: Command): void {
  program
    .command("coverage")
    .description(
      "who published their annual report for a year, late, or not at all (published/late/missing/failed)",
    )
    .option("--db <file>", "the database (default: data/nianbao.db)")
    .option("--year <year...>", "the report years to judge (default: every year the store holds)")
    .option("--region <code>", "only bodies in this GB/T 2260 region (350000 = the whole province)")
    .option(
      "--expected <csv...>",
      "a list of bodies expected to publish: columns agency and/or region_code, optional year",
    )
    .option(
      "--sources <file>",
      "sources registry, to place directory bodies' short names (default: data/sources.json)",
    )
    .option("--as-of <date>", "judge missing reports against this day (YYYY-MM-DD; default today in China)")
    .option("--format <format>", "text, csv or json", "text")
    .action(async (options: CoverageCommandOptions) => {
      await runCoverage(options);
    });
}

async function runCoverage(options: CoverageCommandOptions): Promise<void> {
  if (!["text", "csv", "json"].includes(options.format))
    throw new UserError(`--format: "${options.format}" is not text, csv or json`, EXIT.USAGE);
  const years = options.year
    ?.flatMap((y) => y.split(","))
    .map((y) => {
      const n = Number(y);
      if (!Number.isInteger(n) || n < 1990 || n > 2100)
        throw new UserError(`--year: "${y}" is not a year`, EXIT.USAGE);
      return n;
    });
  if (options.region && !/^\d{6}(\d{3})?$/.test(options.region))
    throw new UserError(`--region: "${options.region}" is not a GB/T 2260 code`, EXIT.USAGE);
  if (options.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf))
    throw new UserError(`--as-of: "${options.asOf}" is not a date (YYYY-MM-DD)`, EXIT.USAGE);
  const coverage = await import("../../coverage/index.js");
  const expected = (options.expected ?? []).flatMap((file) => {
    try {
      return coverage.readExpectedList(file);
    } catch (error) {
      throw new UserError(`--expected ${file}: ${(error as Error).message}`, EXIT.INPUT);
    }
  });
  const sourceRegions = await registryRegions(options.sources);

  const path = existingStorePath(options.db);
  // The store's own tables first (a store of an older release is upgraded), then coverage's.
  const { openStore } = await import("../../store/index.js");
  openStore(path).close();
  const db = coverage.openCoverage(path);
  try {
    const asOf = options.asOf ?? coverage.todayInChina();
    const rows = coverage.computeCoverage(db, {
      ...(years ? { years } : {}),
      region: options.region ?? null,
      asOf,
      expected,
      sourceRegions,
    });
    const judged = years ?? [...new Set(rows.map((r) => r.year))];
    coverage.writeCoverage(db, rows, { years: judged, region: options.region ?? null, asOf });
    if (options.format === "json") return out(JSON.stringify(rows, null, 2));
    if (options.format === "csv") {
      const { stringify } = await import("csv-stringify/sync");
      const table = rows.map((r) => [
        r.agency,
        r.regionCode ?? "",
        r.year,
        r.status,
        r.publishedOn ?? "",
        r.publishedSource ?? "",
        r.deadline,
        r.versions,
        r.evidence,
      ]);
      cli().stdout.write(stringify([[...coverage.COVERAGE_CSV_COLUMNS], ...table]));
      return;
    }
    for (const year of judged) {
      const ofYear = rows.filter((r) => r.year === year);
      const count = (s: string) => ofYear.filter((r) => r.status === s).length;
      out(
        `${year}: ${ofYear.length} bodies — published ${count("published")}, late ${count("late")}, ` +
          `missing ${count("missing")}, failed ${count("failed")}, not yet due ${count("not_due")}`,
      );
      for (const r of ofYear) {
        const date = r.publishedOn ? `${r.publishedOn} (${r.publishedSource})` : "-";
        const edits = r.versions.includes(";") ? `  versions: ${r.versions}` : "";
        out(
          `  ${r.status.padEnd(9)} ${r.agency}${r.regionCode ? ` [${r.regionCode}]` : ""}  ${date}, due ${r.deadline}${edits}\n` +
            `            ${r.evidence}`,
        );
      }
    }
  } finally {
    db.close();
  }
}

/** Source id → region name from the registry, when there is one (directory bodies' short names). */
async function registryRegions(file: string | undefined): Promise<Map<string, string>> {
  const { existsSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { dataDir } = await import("../../paths.js");
  const path = file ?? join(dataDir, "sources.json");
  if (!existsSync(path)) {
    if (file) throw new UserError(`--sources: ${file}: no such file`, EXIT.INPUT);
    return new Map();
  }
  const { loadSources } = await import("../../../crawlers/sources.js");
  const regions = new Map<string, string>();
  for (const s of loadSources(path).sources) if (s.region) regions.set(s.id, s.region);
  return regions;
}
