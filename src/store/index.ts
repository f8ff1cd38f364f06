// The SQLite store: documents (content-addressed), where each was seen, reports, agencies, figures,
// findings. It only persists: parsing and agency resolution happen before, in the ingest pipeline
// (src/ingest/), outside any transaction; each document is then written in one short transaction,
// so a crash or a kill leaves every report either complete or absent.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { ParseResult } from "../model/contract.js";
import type { ResolvedAgency } from "../model/agency.js";
import type { IncomingDocument, IngestOutcome } from "../model/ingest.js";
import { MAX_DOCUMENT_RESOURCES, type DocumentResource } from "../model/resources.js";
import { defaultDbPath } from "../paths.js";
import { openDatabase } from "../db/open.js";
import { StoreError, toStoreError } from "../db/errors.js";
import { AgencyTable } from "./agencies.js";
import { BlobStore, blobPathFor } from "./blobs.js";
import { syncDictionary } from "./dictionary.js";
import { CORE_SCHEMA } from "./migrations/index.js";
import { documentsToReparse } from "./reparse.js";
import { ReportWriter } from "./write.js";

export { StoreError } from "../db/errors.js";
export { validateParse } from "./write.js";
export type { IngestOutcome } from "../model/ingest.js";

/** Where and how a document was found (everything of an IncomingDocument but its bytes and images). */
export type DocumentPlace = Omit<IncomingDocument, "bytes" | "sha256" | "resources">;

/** What the ingest pipeline read from one document, ready to be written. */
export interface ParsedDocument {
  /** The parse, or null when it failed (then `error` says why). */
  result: ParseResult | null;
  error: string | null;
  /** The report's agency as resolved from `result.agency`, or null. */
  agency: ResolvedAgency | null;
  parserVersion: string;
}

/** A stored document as a re-parse needs it: its bytes (null when lost) and where it was seen. */
export interface StoredDocument {
  id: number;
  sha256: string;
  title: string | null;
  bytes: Uint8Array | null;
  /** Where the bytes went missing from, when `bytes` is null. */
  blobPath: string;
  /** Places it was seen, newest first, with the Content-Type served there (as sent; else the media type). */
  sources: { url: string | null; path: string | null; sourceId: string | null; contentType: string | null }[];
  /** The images kept with it (an HTML report's pictures), in the order they were handed to the parser. */
  resources: DocumentResource[];
}

export interface StoreOptions {
  readonly?: boolean;
  /** The SQLite file holding raw bytes; default: `<name>.blobs.db` beside the database file. */
  blobPath?: string;
  busyTimeoutMs?: number;
}

export interface Store {
  readonly db: Database.Database;
  readonly path: string;
  readonly blobs: BlobStore;
  /** Whether the store holds these bytes (by SHA-256). */
  hasDocument(sha256: string): boolean;
  /** For bytes already held: records where they were seen again and returns them as unchanged; null if not held. */
  recordSource(sha256: string, place: DocumentPlace, now: string): IngestOutcome | null;
  /**
   * Stores new bytes, where they were found, the images handed with them (bytes in the blobs file
   * by hash) and what was read from them, in one transaction.
   */
  writeDocument(
    sha256: string,
    bytes: Uint8Array,
    place: DocumentPlace,
    parsed: ParsedDocument,
    now: string,
    resources?: readonly DocumentResource[],
  ): IngestOutcome;
  /**
   * Puts back the raw bytes of a document already held when they are missing from the blobs file
   * (the file was lost or damaged): ingesting the original again heals the store. True when restored.
   */
  restoreBytes(sha256: string, bytes: Uint8Array): boolean;
  /**
   * Pictures handed again with a document already held (a page stored before its pictures were
   * fetched, or when one of them failed): a picture's bytes take the place of what is stored for its
   * reference, a failure never replaces bytes. True when a picture's bytes changed (the document is
   * then to be read again).
   */
  addResources(documentId: number, resources: readonly DocumentResource[]): boolean;
  /** Stored documents whose raw bytes are not in the blobs file (`reparse` cannot read them). */
  documentsWithoutBytes(): number;
  /**
   * Fills the province and city of agencies stored before those columns existed, from their region
   * code (`place` knows the divisions; the store does not). Does nothing once all are filled.
   */
  fillAgencyPlaces(place: (regionCode: string) => { province: string | null; city: string | null }): void;
  /** A stored document as a re-parse needs it. */
  storedDocument(documentId: number): StoredDocument;
  /** Replaces a document's report with a new reading; a failed reading keeps the report read before. */
  writeReparsed(
    documentId: number,
    parsed: ParsedDocument,
    now: string,
    freshStatus: "new" | "updated",
  ): IngestOutcome;
  /** Documents read by an older parser than `parserVersion` (all of them with `all`). */
  reparseTargets(parserVersion: string, all: boolean): number[];
  /**
   * Opens one transaction in the database and one in the blobs file that every write after it
   * joins (each document's own transaction becomes a savepoint in it) until `commitGroup`: many
   * documents for one commit. Nothing of the group is stored before `commitGroup` returns, so the
   * caller reports a document's outcome only after it. Does nothing when a group is open.
   */
  beginGroup(): void;
  /** Commits the open group (the blobs first, as for one document); does nothing when none is open. */
  commitGroup(): void;
  /** Whether a group is open. */
  readonly grouped: boolean;
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
  return new SqliteStore(db, path, new BlobStore(blobPath, options.readonly ?? false));
}

const UNIDENTIFIED = "could not tell the report's agency or year; stored without a place in the dataset";

class SqliteStore implements Store {
  /** Prepared on first write, so a read-only store prepares nothing it cannot run. */
  private writeSide: { writer: ReportWriter; statements: ReturnType<typeof prepareStatements> } | null = null;
  /** A group (beginGroup) is open: set until it is committed or lost. */
  private group = false;

  constructor(
    readonly db: Database.Database,
    readonly path: string,
    readonly blobs: BlobStore,
  ) {}

  private get writer(): ReportWriter {
    return this.writable().writer;
  }

  private get statements(): ReturnType<typeof prepareStatements> {
    return this.writable().statements;
  }

  private writable() {
    if (this.db.readonly) throw new StoreError("readonly", `${this.path} was opened read-only`);
    this.writeSide ??= {
      writer: new ReportWriter(this.db, new AgencyTable(this.db)),
      statements: prepareStatements(this.db),
    };
    return this.writeSide;
  }

  hasDocument(sha256: string): boolean {
    return this.guard(() => this.statements.hasDocument.get(sha256) !== undefined);
  }

  recordSource(sha256: string, place: DocumentPlace, now: string): IngestOutcome | null {
    return this.guard(() => this.recordKnownSource(sha256, place, now));
  }

  writeDocument(
    sha256: string,
    bytes: Uint8Array,
    place: DocumentPlace,
    parsed: ParsedDocument,
    now: string,
    resources: readonly DocumentResource[] = [],
  ): IngestOutcome {
    this.blobs.put(sha256, bytes);
    // Blobs first, as for the document: a crash leaves at worst an unreferenced blob.
    const kept = resources.map((resource) => {
      if (!resource.bytes) return { resource, sha256: null };
      const hash = createHash("sha256").update(resource.bytes).digest("hex");
      this.blobs.put(hash, resource.bytes);
      return { resource, sha256: hash };
    });
    const title = place.title ?? place.filename?.replace(/\.\w{1,5}$/, "") ?? null;
    return this.guard(() =>
      this.db
        .transaction((): IngestOutcome => {
          const s = this.statements;
          const documentId = s.insertDocument.get(
            sha256,
            bytes.byteLength,
            mediaTypeOf(place.contentType),
            parsed.result?.format ?? null,
            title,
            now,
            parsed.result ? "parsed" : "failed",
            parsed.error,
            parsed.parserVersion,
          ) as number | undefined;
          // Another process stored the same bytes while this one was parsing.
          if (documentId === undefined) return this.recordKnownSource(sha256, place, now)!;
          this.insertSource(documentId, place, now);
          kept.forEach(({ resource, sha256: hash }, i) =>
            this.writeResource(documentId, i + 1, resource, hash),
          );
          return this.writeParsed(documentId, sha256, parsed, now, "new");
        })
        .immediate(),
    );
  }

  fillAgencyPlaces(place: (regionCode: string) => { province: string | null; city: string | null }): void {
    this.guard(() => {
      const missing = this.db
        .prepare("SELECT id, region_code FROM agencies WHERE region_code IS NOT NULL AND province IS NULL")
        .all() as { id: number; region_code: string }[];
      if (missing.length === 0) return;
      const update = this.db.prepare("UPDATE agencies SET province = ?, city = ? WHERE id = ?");
      this.db.transaction(() => {
        for (const row of missing) {
          const { province, city } = place(row.region_code);
          // "" for a code the divisions do not know, so it is not looked up again on every open.
          update.run(province ?? "", city, row.id);
        }
      })();
    });
  }

  restoreBytes(sha256: string, bytes: Uint8Array): boolean {
    if (this.blobs.has(sha256)) return false;
    this.blobs.put(sha256, bytes);
    return true;
  }

  addResources(documentId: number, resources: readonly DocumentResource[]): boolean {
    const hashed = resources.map((resource) => ({
      resource,
      sha256: resource.bytes ? createHash("sha256").update(resource.bytes).digest("hex") : null,
    }));
    // Blobs first, as for a new document: a crash leaves at worst an unreferenced blob.
    for (const { resource, sha256 } of hashed)
      if (sha256 && resource.bytes) this.blobs.put(sha256, resource.bytes);
    return this.guard(() =>
      this.db
        .transaction((): boolean => {
          const s = this.statements;
          const stored = s.resourceRowsOf.all(documentId) as {
            position: number;
            ref: string;
            sha256: string | null;
          }[];
          const byRef = new Map(stored.map((row) => [row.ref, row]));
          let next = stored.reduce((max, row) => Math.max(max, row.position), 0) + 1;
          let changed = false;
          for (const { resource, sha256 } of hashed) {
            const old = byRef.get(resource.ref);
            if (old && (old.sha256 === sha256 || !sha256)) continue; // the same bytes, or no better
            if (!old && next > MAX_DOCUMENT_RESOURCES) break;
            const position = old?.position ?? next++;
            this.writeResource(documentId, position, resource, sha256);
            byRef.set(resource.ref, { position, ref: resource.ref, sha256 });
            if (sha256) changed = true;
          }
          return changed;
        })
        .immediate(),
    );
  }

  /** One picture's row: its bytes by hash, or why there are none. */
  private writeResource(
    documentId: number,
    position: number,
    resource: DocumentResource,
    sha256: string | null,
  ) {
    this.statements.writeResource.run(
      documentId,
      position,
      resource.ref,
      resource.url,
      resource.contentType?.trim() || null,
      sha256,
      resource.bytes?.byteLength ?? null,
      sha256 ? null : (resource.error ?? "not available"),
    );
  }

  documentsWithoutBytes(): number {
    return this.guard(() => {
      const hashes = this.db.prepare("SELECT sha256 FROM documents").pluck().all() as string[];
      if (hashes.length === 0) return 0;
      if (!this.blobs.exists()) return hashes.length;
      return hashes.filter((sha256) => !this.blobs.has(sha256)).length;
    });
  }

  storedDocument(documentId: number): StoredDocument {
    const s = this.statements;
    const document = s.documentById.get(documentId) as { sha256: string; title: string | null } | undefined;
    if (!document) throw new Error(`no document ${documentId}`);
    const sources = s.sourcesOf.all(documentId) as {
      url: string | null;
      path: string | null;
      source_id: string | null;
      media_type: string | null;
      content_type: string | null;
    }[];
    const resources = (
      s.resourcesOf.all(documentId) as {
        ref: string;
        url: string;
        content_type: string | null;
        sha256: string | null;
        error: string | null;
      }[]
    ).map((row): DocumentResource => {
      const bytes = row.sha256 ? this.blobs.get(row.sha256) : null;
      return {
        ref: row.ref,
        url: row.url,
        ...(row.content_type ? { contentType: row.content_type } : {}),
        ...(bytes
          ? { bytes }
          : { error: row.error ?? `the image's bytes are missing from ${this.blobs.path}` }),
      };
    });
    return {
      id: documentId,
      sha256: document.sha256,
      title: document.title,
      bytes: this.blobs.get(document.sha256),
      blobPath: this.blobs.path,
      resources,
      sources: sources.map((x) => ({
        url: x.url,
        path: x.path,
        sourceId: x.source_id,
        contentType: x.content_type ?? x.media_type,
      })),
    };
  }

  writeReparsed(
    documentId: number,
    parsed: ParsedDocument,
    now: string,
    freshStatus: "new" | "updated",
  ): IngestOutcome {
    const s = this.statements;
    const sha256 = (s.documentById.get(documentId) as { sha256: string }).sha256;
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
              sha256,
              agency: null,
              year: old.year,
              error: `${parsed.error}; kept the report read by parser ${old.parser_version}`,
            };
          s.deleteReport.run(documentId);
          if (old?.agency_id != null && old.year != null) this.writer.refreshCurrent(old.agency_id, old.year);
          s.updateDocument.run(
            parsed.result ? "parsed" : "failed",
            parsed.error,
            parsed.parserVersion,
            parsed.result?.format ?? null,
            documentId,
          );
          return this.writeParsed(documentId, sha256, parsed, now, freshStatus);
        })
        .immediate(),
    );
  }

  reparseTargets(parserVersion: string, all: boolean): number[] {
    return this.guard(() => documentsToReparse(this.db, parserVersion, all));
  }

  get grouped(): boolean {
    return this.group;
  }

  beginGroup(): void {
    if (this.group) return;
    this.writable();
    // The blobs file's lock first, as a single document takes them (blob, then its rows).
    this.blobs.begin();
    try {
      this.guard(() => this.db.exec("BEGIN IMMEDIATE"));
    } catch (error) {
      this.blobs.rollback();
      throw error;
    }
    this.group = true;
  }

  commitGroup(): void {
    if (!this.group) return;
    this.group = false;
    // SQLite rolls a whole transaction back on some errors (an I/O error, a full disk): the
    // documents written in it before are gone, which their outcomes must say.
    if (!this.db.inTransaction) {
      this.blobs.rollback();
      throw new StoreError("io", `${this.path}: the open group of documents was rolled back by SQLite`);
    }
    try {
      // Blobs first: a crash between the two commits leaves at worst unreferenced blobs.
      this.blobs.commit();
      this.guard(() => this.db.exec("COMMIT"));
    } catch (error) {
      this.blobs.rollback();
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      throw error;
    }
  }

  close(): void {
    // A group still open holds documents whose outcomes nobody has been given: not kept.
    this.group = false;
    this.blobs.rollback();
    if (this.db.open && this.db.inTransaction) this.db.exec("ROLLBACK");
    this.blobs.close();
    if (this.db.open) this.db.close();
  }

  private writeParsed(
    documentId: number,
    sha256: string,
    parsed: ParsedDocument,
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
    const written = this.writer.write(documentId, parsed.result, parsed.parserVersion, parsed.agency, now);
    const base = {
      documentId,
      reportId: written.reportId,
      sha256,
      agency: written.agency,
      year: written.year,
      ...(parsed.result.ocr ? { ocrFigures: parsed.result.ocr.figures } : {}),
    };
    if (written.status === "unidentified")
      return {
        ...base,
        status: "failed",
        error: UNIDENTIFIED,
      };
    return { ...base, status: written.supersedes ? "updated" : freshStatus };
  }

  /** For bytes already held: remember where they were seen again, report them unchanged. */
  private recordKnownSource(sha256: string, place: DocumentPlace, now: string): IngestOutcome | null {
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
    this.insertSource(row.id, place, now);
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

  private insertSource(documentId: number, place: DocumentPlace, now: string): void {
    this.statements.insertSource.run(
      documentId,
      place.url ?? null,
      place.path ?? null,
      place.sourceId ?? null,
      place.fetchedAt ?? now,
      place.etag ?? null,
      place.lastModified ?? null,
      mediaTypeOf(place.contentType),
      place.contentType?.trim() || null,
      place.publishedOn ?? null,
      place.publishedOn ? (place.publishedSource ?? null) : null,
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

/** "text/html; charset=gbk" → "text/html". */
function mediaTypeOf(contentType: string | undefined): string | null {
  return contentType?.split(";")[0]?.trim() || null;
}

function prepareStatements(db: Database.Database) {
  return {
    hasDocument: db.prepare("SELECT 1 FROM documents WHERE sha256 = ?").pluck(),
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
      `INSERT INTO document_sources (document_id, url, path, source_id, fetched_at, etag, last_modified, media_type,
         content_type, published_on, published_source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (document_id, coalesce(url, ''), coalesce(path, '')) DO UPDATE SET
         fetched_at = excluded.fetched_at, etag = coalesce(excluded.etag, etag),
         last_modified = coalesce(excluded.last_modified, last_modified),
         source_id = coalesce(excluded.source_id, source_id), media_type = coalesce(excluded.media_type, media_type),
         content_type = coalesce(excluded.content_type, content_type),
         published_on = coalesce(excluded.published_on, published_on),
         published_source = CASE WHEN excluded.published_on IS NULL THEN published_source ELSE excluded.published_source END`,
    ),
    documentById: db.prepare("SELECT sha256, title FROM documents WHERE id = ?"),
    sourcesOf: db.prepare(
      "SELECT url, path, source_id, media_type, content_type FROM document_sources WHERE document_id = ? ORDER BY fetched_at DESC",
    ),
    resourceRowsOf: db.prepare("SELECT position, ref, sha256 FROM document_resources WHERE document_id = ?"),
    writeResource: db.prepare(
      `INSERT OR REPLACE INTO document_resources (document_id, position, ref, url, content_type, sha256, size, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    resourcesOf: db.prepare(
      "SELECT ref, url, content_type, sha256, error FROM document_resources WHERE document_id = ? ORDER BY position",
    ),
    reportOfDocument: db.prepare("SELECT agency_id, year, parser_version FROM reports WHERE document_id = ?"),
    deleteReport: db.prepare("DELETE FROM reports WHERE document_id = ?"),
    updateDocument: db.prepare(
      "UPDATE documents SET parse_status = ?, parse_error = ?, parser_version = ?, format = coalesce(?, format) WHERE id = ?",
    ),
  };
}
