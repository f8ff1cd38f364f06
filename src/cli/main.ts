// `nianbao` command line: one module per command under ./commands, each registering itself.
import { Command, CommanderError } from "commander";
import { StoreError } from "../db/errors.js";
import { EXIT, exitCodeOf, UserError } from "./exit-codes.js";
import { registerParse } from "./commands/parse.js";
import { registerIngest } from "./commands/ingest.js";
import { registerReparse } from "./commands/reparse.js";
import { registerCheck } from "./commands/check.js";
import { registerExport } from "./commands/export.js";
import { registerCrawl } from "./commands/crawl.js";
import { registerSources } from "./commands/sources.js";
import { registerDemo } from "./commands/demo.js";
import { registerServe } from "./commands/serve.js";

export function buildProgram(): Command {
  const program = new Command("nianbao")
    .description(
      "Government information disclosure annual reports (政府信息公开工作年度报告) → a clean dataset",
    )
    .exitOverride()
    .showHelpAfterError("(run `nianbao --help` for usage)");
  for (const register of [
    registerParse,
    registerIngest,
    registerReparse,
    registerCheck,
    registerExport,
    registerCrawl,
    registerSources,
    registerDemo,
    registerServe,
  ]) {
    register(program);
  }
  return program;
}

/** Runs the CLI; every failure becomes a one-line message and a documented exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    // The store says what went wrong with the file; the CLI decides what that means as an exit code.
    if (error instanceof UserError || error instanceof StoreError) {
      console.error(`nianbao: ${error.message}`);
      return exitCodeOf(error);
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`nianbao: internal error: ${message} (set NIANBAO_DEBUG=1 for the stack trace)`);
    if (process.env.NIANBAO_DEBUG) console.error(error);
    return EXIT.INTERNAL;
  }
}

process.exitCode = await main(process.argv);
