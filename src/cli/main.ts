// `nianbao` command line: one module per command under ./commands, each registering itself.
// `main(argv)` runs it in-process and returns the exit code; bin/nianbao.js (and src/cli/bin.ts from
// sources) are the process entry points that call it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { defaultDbPath, projectRoot } from "../paths.js";
import { StoreError, toStoreError } from "../db/errors.js";
import { EXIT, exitCodeOf, UserError } from "./exit-codes.js";
import { cli, err, withRun, type CliStreams } from "./io.js";
import { registerParse } from "./commands/parse.js";
import { registerIngest } from "./commands/ingest.js";
import { registerReparse } from "./commands/reparse.js";
import { registerCheck } from "./commands/check.js";
import { registerExport } from "./commands/export.js";
import { registerCrawl } from "./commands/crawl.js";
import { registerSources } from "./commands/sources.js";
import { registerCoverage } from "./commands/coverage.js";
import { registerDemo } from "./commands/demo.js";
import { registerServe } from "./commands/serve.js";

export function buildProgram(): Command {
  const program = new Command("nianbao")
    .description(
      "Government information disclosure annual reports (政府信息公开工作年度报告) → a clean dataset",
    )
    .version(packageVersion(), "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => cli().stdout.write(text),
      writeErr: (text) => cli().stderr.write(text),
      // Commander's own errors (unknown option, missing argument) in the documented one-line form.
      outputError: (text, write) => write(usageLine(text)),
    });
  for (const register of [
    registerParse,
    registerIngest,
    registerReparse,
    registerCheck,
    registerExport,
    registerCrawl,
    registerSources,
    registerCoverage,
    registerDemo,
    registerServe,
  ]) {
    register(program);
  }
  return program;
}

/** "error: unknown option '--x'\n(Did you mean --y?)" → "nianbao: unknown option '--x' (Did you mean --y?) …". */
function usageLine(text: string): string {
  const message = text
    .replace(/^error:\s*/, "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
  return `nianbao: ${message} (run \`nianbao --help\` for usage)\n`;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { version: string })
      .version;
  } catch {
    return "unknown";
  }
}

/**
 * Runs the CLI on `argv` (as process.argv: node, script, then the arguments) and returns the exit
 * code; every failure becomes a one-line message. Output goes to `streams` (default: the process's).
 */
export async function main(argv: string[], streams: Partial<CliStreams> = {}): Promise<number> {
  const run = {
    stdout: streams.stdout ?? process.stdout,
    stderr: streams.stderr ?? process.stderr,
    stdin: streams.stdin ?? process.stdin,
    exitCode: undefined,
  };
  return withRun(run, async () => {
    try {
      await buildProgram().parseAsync(argv);
      return run.exitCode ?? EXIT.OK;
    } catch (thrown) {
      // A SQLite failure that escaped a command's own handling (a damaged page met while reading
      // rows, a lock met by the crawl frontier) is still the store's: one line, exit 4.
      const error = toStoreError(thrown, dbPathOf(argv)) ?? thrown;
      if (error instanceof CommanderError) {
        return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
      }
      // The store says what went wrong with the file; the CLI decides what that means as an exit code.
      if (error instanceof UserError || error instanceof StoreError) {
        err(`nianbao: ${error.message.replace(/\s*\n\s*/g, " ")}`);
        return exitCodeOf(error);
      }
      const message = error instanceof Error ? error.message : String(error);
      err(`nianbao: internal error: ${message} (set NIANBAO_DEBUG=1 for the stack trace)`);
      if (process.env.NIANBAO_DEBUG) err(String(error instanceof Error ? error.stack : error));
      return EXIT.INTERNAL;
    }
  });
}

/** The store a command line names (`--db FILE` or `--db=FILE`), or the default one. */
function dbPathOf(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--db" && argv[i + 1]) return argv[i + 1]!;
    if (argv[i]!.startsWith("--db=")) return argv[i]!.slice("--db=".length);
  }
  return defaultDbPath;
}
