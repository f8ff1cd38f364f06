// `nianbao check`: corpus-wide cross-year findings (上年结转 vs last year's 结转下年度, 现行有效件数
// continuity, implausible jumps), stored in the findings table and listed.
import type { Command } from "commander";
import { existingStorePath } from "../existing-store.js";
import { UserError, EXIT } from "../exit-codes.js";
import { cli, err, setExitCode } from "../io.js";

interface CheckCommandOptions {
  db?: string;
  year?: string;
  agency?: string;
  json?: boolean;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("find cross-year breaks between each agency's reports; store and list them")
    .option("--db <file>", "the database (default: data/nianbao.db)")
    .option("--year <year>", "only compare this year with the year before")
    .option("--agency <text>", "only agencies whose name or an alias contains this text")
    .option("--json", "print findings as JSON Lines")
    .addHelpText(
      "after",
      `
Findings are data, not errors: the exit code is 0 whatever is found (${EXIT.STORE} on a store problem).
source_inconsistent = 1 means the printed figures themselves disagree (both read as printed).`,
    )
    .action(async (options: CheckCommandOptions) => {
      setExitCode(await check(options));
    });
}

async function check(options: CheckCommandOptions): Promise<number> {
  const year = options.year === undefined ? undefined : Number(options.year);
  if (year !== undefined && !Number.isInteger(year))
    throw new UserError(`--year must be a year, not ${options.year}`, EXIT.USAGE);
  const { openStore, StoreError } = await import("../../store/index.js");
  const { runCrossYearCheck } = await import("../../store/check.js");
  const { missingBytesLine } = await import("./ingest.js");
  const store = openStore(existingStorePath(options.db));
  try {
    // A damaged page the findings never read would go unnoticed: the whole file is verified first
    // (quick_check reads every page once; about a second for 100 MB).
    const integrity = store.db.pragma("quick_check(1)", { simple: true });
    if (integrity !== "ok")
      throw new StoreError(
        "corrupt",
        `${store.path} is damaged (${String(integrity)}); restore it from a copy`,
      );
    const missingBytes = store.documentsWithoutBytes();
    if (missingBytes) err(missingBytesLine(missingBytes, store.blobs.path));
    const findings = runCrossYearCheck(store.db, { year, agency: options.agency });
    for (const f of findings) {
      if (options.json) cli().stdout.write(JSON.stringify(f) + "\n");
      else
        cli().stdout.write(
          `${f.agency}\t${f.year}\t${f.code}\t${f.metric}\t${f.message}${f.sourceInconsistent ? "\t(source inconsistent)" : ""}\n`,
        );
    }
    const identity = store.db
      .prepare(
        `SELECT count(*) FROM findings x JOIN reports r ON r.id = x.report_id
         WHERE r.is_current = 1 AND x.scope = 'report' AND x.source_inconsistent = 1`,
      )
      .pluck()
      .get();
    err(
      `nianbao: check: ${findings.length} cross-year findings stored; current reports also carry ${String(identity)} identity failures (see the findings table)`,
    );
  } finally {
    store.close();
  }
  return EXIT.OK;
}
