// `nianbao ingest <files|dirs...>`: parses local documents into the store, each document complete
// or absent, a few to a commit (an outcome is printed once its document is committed). Idempotent: the same bytes twice change nothing; a failure is recorded and the batch
// goes on. Documents are parsed in worker threads (--jobs), several at a time, and written in input
// order.
import { stat } from "node:fs/promises";
import type { Command } from "commander";
import type { IngestOutcome } from "../../model/ingest.js";
import type { DocumentResource } from "../../model/resources.js";
import { INGEST_GROUP } from "../../ingest/group-commit.js";
import { InOrder } from "../../ingest/in-order.js";
import { EXIT, UserError } from "../exit-codes.js";
import { cli, err, setExitCode } from "../io.js";

interface IngestCommandOptions {
  db?: string;
  json?: boolean;
  jobs?: string;
}

/** `--jobs N`: parse worker threads (default min(2, cores)). */
export function parseJobsOption(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UserError(`--jobs: "${text}" is not a whole number from 1 to 64`, EXIT.USAGE);
  return n;
}

export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("parse local report documents into the SQLite store (data/nianbao.db)")
    .argument("<paths...>", "documents, or folders to walk recursively")
    .option("--db <file>", "the database to write (default: data/nianbao.db)")
    .option("--json", "print one JSON outcome per document (JSON Lines) instead of text lines")
    .option("--jobs <n>", "documents parsed at the same time, in worker threads (default: min(2, cores))")
    .addHelpText(
      "after",
      `
Each document ends as: new, updated (a newer version of an agency-year already held; it becomes
current), unchanged (the same bytes are already stored), or failed (recorded with its reason).
Exit codes: 0 all stored; ${EXIT.PARTIAL} some documents failed; ${EXIT.INPUT} no input could be read at all
(missing, not a regular file, over the size limit); ${EXIT.STORE} the database is locked, damaged, not a
nianbao database, or the disk is full.`,
    )
    .action(async (paths: string[], options: IngestCommandOptions) => {
      setExitCode(await ingestPaths(paths, options));
    });
}

interface Loaded {
  path: string;
  bytes?: Uint8Array;
  /** The page's images read from beside it (an HTML report saved with page_files/). */
  resources?: DocumentResource[];
  error?: string;
}

async function ingestPaths(paths: readonly string[], options: IngestCommandOptions): Promise<number> {
  // A path named on the command line that is not there is a mistake in the command, not a document
  // that failed: refuse before a store is opened (or created).
  for (const path of paths)
    if (!(await stat(path).catch(() => null)))
      throw new UserError(`${path}: no such file or folder`, EXIT.INPUT);
  const { readDocumentFile } = await import("../../../parsers/read.js");
  const { openIngest } = await import("../../ingest/index.js");
  const { listDocumentFiles } = await import("../../ingest/files.js");
  const { imagesBesidePage } = await import("../../ingest/page-images.js");
  const { createProgress } = await import("../progress.js");
  const { ParsePool, defaultPoolSize } = await import("../../../parsers/pool/index.js");
  const jobs = parseJobsOption(options.jobs, defaultPoolSize());
  const pool = new ParsePool({ size: jobs });
  const store = openIngest(options.db, { parse: pool.parse, group: INGEST_GROUP });
  // The store's own files may sit inside a folder being ingested.
  const own = [store.path, store.blobs.path].flatMap((p) => [p, `${p}-wal`, `${p}-shm`, `${p}-journal`]);
  const files = await listDocumentFiles(paths, own);
  const counts = { new: 0, updated: 0, unchanged: 0, failed: 0 };
  const progress = options.json ? null : createProgress(files.length, "ingest");
  // Files are read and their parsing started a few documents ahead of the one being written.
  const load = async (file: (typeof files)[number]): Promise<Loaded> => {
    if (file.error) return { path: file.path, error: file.error };
    try {
      // Bounded: a FIFO, a device or a file over the size limit is refused before it is read.
      const bytes = await readDocumentFile(file.path);
      // An HTML report's images saved beside it (page_files/) are parsed and kept with it.
      const resources = await imagesBesidePage(file.path, bytes);
      store.prefetch({ bytes, path: file.path, resources });
      return { path: file.path, bytes, resources };
    } catch (error) {
      return { path: file.path, error: (error as Error).message };
    }
  };
  const window: Promise<Loaded>[] = [];
  let next = 0;
  let missingBytes: number;
  /** Documents that could not be read at all (missing, not a file, too large): nothing was stored. */
  let unread = 0;
  /** Documents read by OCR (scans, report pictures), and the figures they gave. */
  let scans = 0;
  let ocrFigures = 0;
  type Outcome = Omit<IngestOutcome, "documentId" | "reportId" | "sha256"> & { documentId?: number | null };
  // Each line is printed once its document is committed (a few documents share a commit), in order.
  // At most this many handed ahead (their bytes are held until written, as the read-ahead's are).
  const outcomes = new InOrder<string, Outcome>(Math.max(8, jobs * 2), (path, outcome) => {
    counts[outcome.status] += 1;
    if (outcome.ocrFigures !== undefined) {
      scans++;
      ocrFigures += outcome.ocrFigures;
    }
    if (outcome.status === "failed" && (outcome.documentId ?? null) === null) unread++;
    if (options.json) cli().stdout.write(JSON.stringify({ path, ...outcome }) + "\n");
    else {
      const what = outcome.error ?? [outcome.agency, outcome.year].filter(Boolean).join(" ");
      progress!.tick(outcome.status, `${outcome.status}\t${path}\t${what}`);
    }
  });
  try {
    for (let i = 0; i < files.length; i++) {
      while (next < files.length && window.length < jobs * 2) window.push(load(files[next++]!));
      const file = await window.shift()!;
      await outcomes.add(
        file.path,
        file.bytes
          ? store.ingestDocument({ bytes: file.bytes, path: file.path, resources: file.resources })
          : Promise.resolve({ status: "failed" as const, error: file.error, agency: null, year: null }),
      );
    }
    await outcomes.finish();
    missingBytes = store.store.documentsWithoutBytes();
  } finally {
    progress?.stop();
    store.close();
    await pool.close();
  }
  err(
    `nianbao: ingest: ${files.length} documents: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed`,
  );
  if (scans) err(ocrLine("ingest", scans, ocrFigures));
  if (missingBytes) err(missingBytesLine(missingBytes, store.blobs.path));
  // As for `parse`: no input could be read at all is an input error; other failures are partial.
  if (unread && unread === files.length) return EXIT.INPUT;
  return counts.failed ? EXIT.PARTIAL : EXIT.OK;
}

/** How many documents were read by OCR (scans, images, reports whose tables are pictures) and what they gave. */
export function ocrLine(command: string, documents: number, figures: number): string {
  return `nianbao: ${command}: ${documents} document${documents === 1 ? "" : "s"} read by OCR (scans, report pictures) gave ${figures} figures (only those the identities or, in table 2, a confident reading confirm)`;
}

/** The warning for a store whose blobs file lost documents' raw bytes (deleted, or restored from an older copy). */
export function missingBytesLine(documents: number, blobPath: string): string {
  return `nianbao: warning: ${documents} stored documents have no raw bytes in ${blobPath} (the file was lost or replaced); \`reparse\` cannot read them: ingest their files again to restore them`;
}
