// `nianbao ingest <files|dirs...>`: parses local documents into the store, one transaction per
// document. Idempotent: the same bytes twice change nothing; a failure is recorded and the batch
// goes on.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { EXIT } from "../exit-codes.js";

interface IngestCommandOptions {
  db?: string;
  json?: boolean;
}

export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("parse local report documents into the SQLite store (data/nianbao.db)")
    .argument("<paths...>", "documents, or folders to walk recursively")
    .option("--db <file>", "the database to write (default: data/nianbao.db)")
    .option("--json", "print one JSON outcome per document (JSON Lines) instead of text lines")
    .addHelpText(
      "after",
      `
Each document ends as: new, updated (a newer version of an agency-year already held; it becomes
current), unchanged (the same bytes are already stored), or failed (recorded with its reason).
Exit codes: 0 all stored; ${EXIT.PARTIAL} some documents failed; ${EXIT.STORE} the database is locked,
damaged, not a nianbao database, or the disk is full.`,
    )
    .action(async (paths: string[], options: IngestCommandOptions) => {
      process.exitCode = await ingestPaths(paths, options);
    });
}

async function ingestPaths(paths: readonly string[], options: IngestCommandOptions): Promise<number> {
  const { openStore } = await import("../../store/index.js");
  const { listDocumentFiles } = await import("../../store/files.js");
  const { createProgress } = await import("../../store/progress.js");
  const store = openStore(options.db);
  // The store's own files may sit inside a folder being ingested.
  const own = [store.path, store.blobs.path].flatMap((p) => [p, `${p}-wal`, `${p}-shm`, `${p}-journal`]);
  const files = await listDocumentFiles(paths, own);
  const counts = { new: 0, updated: 0, unchanged: 0, failed: 0 };
  const progress = options.json ? null : createProgress(files.length, "ingest");
  try {
    for (const file of files) {
      const outcome = file.error
        ? { status: "failed" as const, error: file.error, agency: null, year: null }
        : await readFile(file.path).then(
            (bytes) => store.ingestDocument({ bytes, path: file.path }),
            (error: Error) => ({ status: "failed" as const, error: error.message, agency: null, year: null }),
          );
      counts[outcome.status] += 1;
      if (options.json) process.stdout.write(JSON.stringify({ path: file.path, ...outcome }) + "\n");
      else {
        const what = outcome.error ?? [outcome.agency, outcome.year].filter(Boolean).join(" ");
        progress!.tick(outcome.status, `${outcome.status}\t${file.path}\t${what}`);
      }
    }
  } finally {
    progress?.stop();
    store.close();
  }
  console.error(
    `nianbao: ingest: ${files.length} documents: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed`,
  );
  return counts.failed ? EXIT.PARTIAL : EXIT.OK;
}
