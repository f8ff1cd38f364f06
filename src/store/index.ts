// The SQLite store: documents (content-addressed), reports, agencies, figures, findings.
// Parsing happens outside any transaction; each document is then written in one short
// transaction, so a crash or a kill leaves every report either complete or absent.
import type Database from "better-sqlite3";
import { parseDocument } from "../../parsers/index.js";
import { decodeText } from "../../parsers/encoding.js";
import { PARSER_VERSION } from "../../parsers/version.js";
import type { ParseResult } from "../model/contract.js";
import type { IncomingDocument, IngestOutcome } from "../model/ingest.js";
import { defaultDbPath } from "../paths.js";
import { AgencyRegistry, type AgencyContext } from "./agencies.js";
import { BlobStore, blobPathFor, sha256Hex } from "./blobs.js";
import { openDatabase } from "../db/open.js";
import { StoreError, toStoreError } from "../db/errors.js";
import { syncDictionary } from "./dictionary.js";
import { CORE_SCHEMA } from "./migrations/index.js";
import { ReportWriter, validateParse } from "./write.js";

export { StoreError } from "../db/errors.js";

/** A document to store, with where it was found (src/model/ingest.ts). */
export type DocumentInput = IncomingDocument;
export type { IngestOutcome } from "../model/ingest.js";

const UNIDENTIFIED = "could not tell the report's agency or year; stored without a place in the dataset";

export type ParseFunction = (bytes: Uint8Array, options: { name?: string }) => Promise<ParseResult>;

export interface StoreOptions {
  readonly?: boolean;
  /** The SQLite file holding raw bytes; default: `<name>.blobs.db` beside the database file. */
  blobPath?: string;
  busyTimeoutMs?: number;
  /** The parser to run (default: parsers/index.ts parseDocument) and the version it reports. */
  parse?: ParseFunction;
  parserVersion?: string;
}

export interface Store {
  readonly db: Database.Database;
  readonly path: string;
  readonly blobs: BlobStore;
  readonly parserVersion: string;
  ingestDocument(input: DocumentInput): Promise<IngestOutcome>;
  /** Parses the stored bytes of one document again with the current parser and replaces its report. */
  reparseDocument(documentId: number, freshStatus?: "new" | "updated"): Promise<IngestOutcome>;
  close(): void;
}

export function openStore(path: string = defaultDbPath, options: StoreOptions = {}): Store {
  const db = openDatabase(path, CORE_SCHEMA, options);
  if (!options.readonly) {
    try {
      syncDictionary(db);
    } catch (error) {
      db.close();
      throw toStoreError(error, path) ?? error;
    }
  }
  const blobPath = options.blobPath ?? (path === ":memory:" ? ":memory:" : blobPathFor(path));
  return new SqliteStore(db, path, new BlobStore(blobPath, options.readonly ?? false), options);
}

interface Parsed {
  result: ParseResult | null;
  error: string | null;
}

class SqliteStore implements Store {
  readonly parserVersion: string;
  private readonly parse: ParseFunction;
  /** Prepared on first write, so a read-only store prepares nothing it cannot run. */
  private writeSide: { writer: ReportWriter; statements: ReturnType<typeof prepareStatements> } | null = null;

  constructor(
    readonly db: Database.Database,
    readonly path: string,
    readonly blobs: BlobStore,
    options: StoreOptions,
  ) {
    this.parse = options.parse ?? parseDocument;
    this.parserVersion = options.parserVersion ?? PARSER_VERSION;
  }

  private get writer(): ReportWriter {
    return this.writable().writer;
  }

  private get statements(): ReturnType<typeof prepareStatements> {
    return this.writable().statements;
  }

  private writable() {
    if (this.db.readonly) throw new StoreError("readonly", `${this.path} was opened read-only`);
    this.writeSide ??= {
      writer: new ReportWriter(this.db, new AgencyRegistry(this.db)),
      statements: prepareStatements(this.db),
    };
    return this.writeSide;
  }

  async ingestDocument(input: DocumentInput): Promise<IngestOutcome> {
    const sha256 = input.sha256 ?? sha256Hex(input.bytes);
    const now = new Date().toISOString();
    const known = this.guard(() => this.recordKnownSource(sha256, input, now));
    // A document that failed before (a timeout, a missing converter) is tried again.
    if (known?.documentId != null && known.error !== undefined && known.reportId === null)
      return this.reparseDocument(known.documentId, "new");
    if (known) return known;

    const parsed = await this.runParser(input.bytes, input.url ?? input.path ?? input.filename);
    this.blobs.put(sha256, input.bytes);
    const context = { ...agencyContext(input), documentText: () => documentText(input.bytes, parsed.result) };
    const title = input.title ?? input.filename?.replace(/\.\w{1,5}$/, "") ?? null;
    return this.guard(() =>
      this.db
        .transaction((): IngestOutcome => {
          const s = this.statements;
          const documentId = s.insertDocument.get(
            sha256,
            input.bytes.byteLength,
            mediaTypeOf(input.contentType),
            parsed.result?.format ?? null,
            title,
            now,
            parsed.result ? "parsed" : "failed",
            parsed.error,
            this.parserVersion,
          ) as number | undefined;
          // Another process stored the same bytes while this one was parsing.
          if (documentId === undefined) return this.recordKnownSource(sha256, input, now)!;
          this.insertSource(documentId, input, now);
          return this.writeParsed(documentId, sha256, parsed, context, now, "new");
        })
        .immediate(),
    );
  }

  async reparseDocument(
    documentId: number,
    freshStatus: "new" | "updated" = "updated",
  ): Promise<IngestOutcome> {
    const s = this.statements;
    const document = s.documentById.get(documentId) as { sha256: string; title: string | null } | undefined;
    if (!document) throw new Error(`no document ${documentId}`);
    const bytes = this.blobs.get(document.sha256);
    const now = new Date().toISOString();
    const parsed: Parsed = bytes
      ? await this.runParser(bytes, `document ${documentId}`)
      : { result: null, error: `raw bytes of document ${documentId} missing from ${this.blobs.path}` };
    const sources = s.sourcesOf.all(documentId) as {
      url: string | null;
      path: string | null;
      source_id: string | null;
    }[];
    const context = agencyContext({
      title: document.title ?? undefined,
      url: sources.find((x) => x.url)?.url ?? undefined,
      sourceId: sources.find((x) => x.source_id)?.source_id ?? undefined,
      path: sources.find((x) => x.path)?.path ?? undefined,
    });
    if (bytes) context.documentText = () => documentText(bytes, parsed.result);
    return this.guard(() =>
      this.db
        .transaction((): IngestOutcome => {
          const old = s.reportOfDocument.get(documentId) as
            { agency_id: number | null; year: number | null; parser_version: string } | undefined;
          // A parser that now fails (a missing converter, a timeout) must not erase figures read before.
          if (!parsed.result && old)
            return {
              status: "failed",
              documentId,
              reportId: null,
              sha256: document.sha256,
              agency: null,
              year: old.year,
              error: `${parsed.error}; kept the report read by parser ${old.parser_version}`,
            };
          s.deleteReport.run(documentId);
          if (old?.agency_id != null && old.year != null) this.writer.refreshCurrent(old.agency_id, old.year);
          s.updateDocument.run(
            parsed.result ? "parsed" : "failed",
            parsed.error,
            this.parserVersion,
            parsed.result?.format ?? null,
            documentId,
          );
          return this.writeParsed(documentId, document.sha256, parsed, context, now, freshStatus);
        })
        .immediate(),
    );
  }

  close(): void {
    this.blobs.close();
    if (this.db.open) this.db.close();
  }

  private writeParsed(
    documentId: number,
    sha256: string,
    parsed: Parsed,
    context: AgencyContext,
    now: string,
    freshStatus: "new" | "updated",
  ): IngestOutcome {
    if (!parsed.result)
      return {
        status: "failed",
        documentId,
        reportId: null,
        sha256,
        agency: null,
        year: null,
        error: parsed.error!,
      };
    const written = this.writer.write(documentId, parsed.result, this.parserVersion, context, now);
    const base = {
      documentId,
      reportId: written.reportId,
      sha256,
      agency: written.agency,
      year: written.year,
    };
    if (written.status === "unidentified")
      return {
        ...base,
        status: "failed",
        error: UNIDENTIFIED,
      };
    return { ...base, status: written.supersedes ? "updated" : freshStatus };
  }

  private async runParser(bytes: Uint8Array, name: string | undefined): Promise<Parsed> {
    try {
      const result = await this.parse(bytes, { name });
      validateParse(result);
      return { result, error: null };
    } catch (error) {
      return { result: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** For bytes already held: remember where they were seen again, report them unchanged. */
  private recordKnownSource(sha256: string, input: DocumentInput, now: string): IngestOutcome | null {
    const s = this.statements;
    const row = s.knownDocument.get(sha256) as
      | {
          id: number;
          report_id: number | null;
          agency: string | null;
          year: number | null;
          parse_error: string | null;
          status: string | null;
        }
      | undefined;
    if (!row) return null;
    this.insertSource(row.id, input, now);
    return {
      status: "unchanged",
      documentId: row.id,
      reportId: row.report_id,
      sha256,
      agency: row.agency,
      year: row.year,
      ...(row.parse_error ? { error: row.parse_error } : {}),
      ...(row.status === "unidentified" ? { error: UNIDENTIFIED } : {}),
    };
  }

  private insertSource(documentId: number, input: DocumentInput, now: string): void {
    this.statements.insertSource.run(
      documentId,
      input.url ?? null,
      input.path ?? null,
      input.sourceId ?? null,
      input.fetchedAt ?? now,
      input.etag ?? null,
      input.lastModified ?? null,
      mediaTypeOf(input.contentType),
    );
  }

  /** Runs a database step, turning SQLite failures (locked, full, corrupt) into StoreError. */
  private guard<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      throw toStoreError(error, this.path) ?? error;
    }
  }
}

function agencyContext(
  input: Pick<DocumentInput, "title" | "url" | "regionHint" | "sourceId" | "path" | "filename">,
): AgencyContext {
  return {
    // A local path often names the region too (…/福州市/鼓楼区/2023.pdf), and so does a served file name.
    hints: [input.regionHint, input.title, input.path, input.filename].filter((h): h is string => Boolean(h)),
    origin: input.sourceId ?? hostOf(input.url),
  };
}

/** How much of a document is searched for a parent region's name when an agency name is ambiguous. */
const TEXT_EVIDENCE_BYTES = 256 * 1024;

/** The text of a text-like document (HTML tags dropped), for region evidence; empty for PDF and Word. */
function documentText(bytes: Uint8Array, result: ParseResult | null): string {
  const format = result?.format;
  if (format !== "html" && format !== "text" && format !== "markdown") return "";
  const { text } = decodeText(bytes.subarray(0, TEXT_EVIDENCE_BYTES), { html: format === "html" });
  return format === "html" ? text.replace(/<[^>]*>/g, " ") : text;
}

/** "text/html; charset=gbk" → "text/html". */
function mediaTypeOf(contentType: string | undefined): string | null {
  return contentType?.split(";")[0]?.trim() || null;
}

function hostOf(url: string | undefined): string {
  if (!url) return "";
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

function prepareStatements(db: Database.Database) {
  return {
    knownDocument: db.prepare(
      `SELECT d.id, d.parse_error, r.id AS report_id, r.status, a.name AS agency, r.year
       FROM documents d LEFT JOIN reports r ON r.document_id = d.id LEFT JOIN agencies a ON a.id = r.agency_id
       WHERE d.sha256 = ?`,
    ),
    insertDocument: db
      .prepare(
        `INSERT INTO documents (sha256, size, media_type, format, title, first_seen_at, parse_status, parse_error, parser_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id`,
      )
      .pluck(),
    insertSource: db.prepare(
      `INSERT INTO document_sources (document_id, url, path, source_id, fetched_at, etag, last_modified, media_type)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (document_id, coalesce(url, ''), coalesce(path, '')) DO UPDATE SET
         fetched_at = excluded.fetched_at, etag = coalesce(excluded.etag, etag),
         last_modified = coalesce(excluded.last_modified, last_modified),
         source_id = coalesce(excluded.source_id, source_id), media_type = coalesce(excluded.media_type, media_type)`,
    ),
    documentById: db.prepare("SELECT sha256, title FROM documents WHERE id = ?"),
    sourcesOf: db.prepare(
      "SELECT url, path, source_id FROM document_sources WHERE document_id = ? ORDER BY fetched_at DESC",
    ),
    reportOfDocument: db.prepare("SELECT agency_id, year, parser_version FROM reports WHERE document_id = ?"),
    deleteReport: db.prepare("DELETE FROM reports WHERE document_id = ?"),
    updateDocument: db.prepare(
      "UPDATE documents SET parse_status = ?, parse_error = ?, parser_version = ?, format = coalesce(?, format) WHERE id = ?",
    ),
  };
}
