// `nianbao export csv|jsonl`: the current reports as CSV (UTF-8 with BOM for Excel) or JSON Lines,
// long form (one figure per row) or wide form (one report per row), with filters.
import { open, rename, rm, stat } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { dirname } from "node:path";
import type { Writable } from "node:stream";
import { Option, type Command } from "commander";
import { describeFsError } from "../../../parsers/read.js";
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
    .option("-o, --out <file>", "write to this file (default: standard output)")
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
  if (options.out) await checkOutPath(options.out);
  const store = openStore(options.db, { readonly: true });
  // A file is written beside its final name and renamed at the end: never a half-written export.
  const temp = options.out ? `${options.out}.partial` : null;
  let out: Writable = cli().stdout;
  if (temp) {
    try {
      out = (await open(temp, "w")).createWriteStream();
    } catch (error) {
      store.close();
      throw outputError(options.out!, error);
    }
  }
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
      await rename(temp, options.out!).catch((error: unknown) => {
        throw outputError(options.out!, error);
      });
    }
    err(`nianbao: export: ${summary.rows} rows${options.out ? ` written to ${options.out}` : ""}`);
    return EXIT.OK;
  } catch (error) {
    if (temp) await rm(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === "EPIPE") return EXIT.OK;
    if (error instanceof Error && error.message.startsWith("no metric code"))
      throw new UserError(error.message, EXIT.USAGE);
    // A write that failed half-way (disk full, the folder removed): the partial file is gone.
    if (temp && (error as NodeJS.ErrnoException).syscall) throw outputError(options.out!, error);
    throw error;
  } finally {
    store.close();
  }
}

/** `--out` must name a file in an existing folder: checked before the store is opened. */
async function checkOutPath(out: string): Promise<void> {
  const info = await stat(out).catch(() => null);
  if (info?.isDirectory()) throw new UserError(`--out ${out}: is a folder; give a file name`, EXIT.INPUT);
  const folder = dirname(out);
  const parent = await stat(folder).catch(() => null);
  if (!parent) throw new UserError(`--out ${out}: the folder ${folder} does not exist`, EXIT.INPUT);
  if (!parent.isDirectory()) throw new UserError(`--out ${out}: ${folder} is not a folder`, EXIT.INPUT);
}

function outputError(out: string, error: unknown): UserError {
  return new UserError(
    `--out ${out}: cannot write (${describeFsError(error) ?? (error as Error).message})`,
    EXIT.INPUT,
  );
}
