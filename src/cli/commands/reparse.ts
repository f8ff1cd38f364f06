// `nianbao reparse`: re-runs the current parser over stored documents parsed by an older parser
// version (from their stored bytes, no re-crawl), replacing their reports.
import type { Command } from "commander";
import { existingStorePath } from "../existing-store.js";
import { EXIT } from "../exit-codes.js";
import { err, setExitCode } from "../io.js";

interface ReparseCommandOptions {
  db?: string;
  all?: boolean;
}

export function registerReparse(program: Command): void {
  program
    .command("reparse")
    .description("re-parse stored documents whose parser version is older than the current one")
    .option("--db <file>", "the database (default: data/nianbao.db)")
    .option("--all", "re-parse every stored document, whatever its parser version")
    .addHelpText(
      "after",
      `\nExit codes: 0 all re-parsed; ${EXIT.PARTIAL} some failed; ${EXIT.STORE} store problem.`,
    )
    .action(async (options: ReparseCommandOptions) => {
      setExitCode(await reparse(options));
    });
}

async function reparse(options: ReparseCommandOptions): Promise<number> {
  const { openIngest } = await import("../../ingest/index.js");
  const { createProgress } = await import("../progress.js");
  const { ParsePool } = await import("../../../parsers/pool/index.js");
  const { missingBytesLine } = await import("./ingest.js");
  // Parsed in a worker, as ingest and crawl do: the per-document deadline and memory cap hold here too.
  const pool = new ParsePool({ size: 1 });
  const store = openIngest(existingStorePath(options.db), { parse: pool.parse });
  let failed = 0;
  try {
    const missingBytes = store.store.documentsWithoutBytes();
    if (missingBytes) err(missingBytesLine(missingBytes, store.blobs.path));
    const ids = store.reparseTargets(options.all ?? false);
    const progress = createProgress(ids.length, "reparse");
    try {
      for (const id of ids) {
        const outcome = await store.reparseDocument(id);
        if (outcome.status === "failed") failed += 1;
        const what = outcome.error ?? [outcome.agency, outcome.year].filter(Boolean).join(" ");
        progress.tick(outcome.status, `${outcome.status}\tdocument ${id}\t${what}`);
      }
    } finally {
      progress.stop();
    }
    err(
      `nianbao: reparse: ${ids.length} documents re-parsed with parser ${store.parserVersion}, ${failed} failed`,
    );
  } finally {
    store.close();
    await pool.close();
  }
  return failed ? EXIT.PARTIAL : EXIT.OK;
}
