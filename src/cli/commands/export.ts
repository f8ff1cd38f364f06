// `nianbao export csv|jsonl`: the current reports as CSV (UTF-8 with BOM for Excel) or JSON Lines,
// long form (one figure per row) or wide form (one report per row), with filters.
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { Option, type Command } from "commander";
import { EXIT, UserError } from "../exit-codes.js";
import { cli, err, exitQuietlyOnClosedPipe, setExitCode } from "../io.js";

interface ExportCommandOptions {
  db?: string;
  out?: string;
  bom: boolean;
  lang: "zh" | "en";
  form: "long" | "wide";
  year?: string;
  region?: string;
  agency?: string;
  metric?: string[];
  allVersions?: boolean;
}

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("export figures as CSV or JSON Lines (long or wide form)")
    .argument("<format>", "csv or jsonl")
    .option("--db <file>", "the database to read (default: data/nianbao.db)")
    .option("--out <file>", "write to this file (default: standard output)")
    .option("--no-bom", "CSV without the UTF-8 byte-order mark (Excel needs it to show Chinese)")
    .addOption(new Option("--lang <lang>", "header language").choices(["zh", "en"]).default("zh"))
    .addOption(
      new Option("--form <form>", "long: one figure per row; wide: one report per row")
        .choices(["long", "wide"])
        .default("long"),
    )
    .option("--year <years>", "years: 2023, 2021-2023 or 2021,2023")
    .option("--region <region>", "GB/T 2260 code prefix (411300 = 南阳市 and below) or part of a region name")
    .option("--agency <text>", "part of the agency's name or of one of its aliases")
    .option("--metric <glob...>", "metric code globs, e.g. 't3.*' 't4.review.total'")
    .option("--all-versions", "include superseded versions of a report, not only the current one")
    .action(async (format: string, options: ExportCommandOptions) => {
      setExitCode(await runExport(format, options));
    });
}

export function parseYears(text: string): number[] {
  const years: number[] = [];
  for (const part of text.split(",")) {
    const range = /^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$/.exec(part);
    if (!range)
      throw new UserError(`--year: cannot read "${part}" (use 2023, 2021-2023 or 2021,2023)`, EXIT.USAGE);
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    for (let y = Math.min(from, to); y <= Math.max(from, to); y++) years.push(y);
  }
  return years;
}

async function runExport(format: string, options: ExportCommandOptions): Promise<number> {
  if (format !== "csv" && format !== "jsonl")
    throw new UserError(`unknown export format "${format}" (use csv or jsonl)`, EXIT.USAGE);
  const { openStore } = await import("../../store/index.js");
  const { exportReports } = await import("../../store/export.js");
  const store = openStore(options.db, { readonly: true });
  // A file is written beside its final name and renamed at the end: never a half-written export.
  const temp = options.out ? `${options.out}.partial` : null;
  const out = temp ? createWriteStream(temp) : cli().stdout;
  // `nianbao export csv | head`: a closed pipe ends the export quietly.
  if (!temp) exitQuietlyOnClosedPipe(EXIT.OK);
  try {
    const summary = await exportReports(
      store.db,
      {
        format,
        form: options.form,
        lang: options.lang,
        bom: options.bom,
        years: options.year ? parseYears(options.year) : undefined,
        region: options.region,
        agency: options.agency,
        metrics: options.metric,
        allVersions: options.allVersions,
      },
      out,
    );
    if (temp) {
      out.end();
      await finished(out);
      await rename(temp, options.out!);
    }
    err(`nianbao: export: ${summary.rows} rows${options.out ? ` written to ${options.out}` : ""}`);
    return EXIT.OK;
  } catch (error) {
    if (temp) await rm(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === "EPIPE") return EXIT.OK;
    if (error instanceof Error && error.message.startsWith("no metric code"))
      throw new UserError(error.message, EXIT.USAGE);
    throw error;
  } finally {
    store.close();
  }
}
