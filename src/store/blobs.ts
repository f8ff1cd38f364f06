// Raw document bytes, content-addressed by SHA-256, in a second SQLite file beside the database
// (data/nianbao.blobs.db for data/nianbao.db). Kept apart from the main file because PDFs are most
// of the bytes (hundreds of KB each, thousands a year): researchers copy the small .db of figures,
// while `reparse` finds every original here without re-crawling. A SQLite file rather than one file
// per blob: creating and renaming 10,000 small files cost more than the whole figure insert.
// A blob is committed before the document row that names it, so a crash leaves at worst an
// unreferenced blob, never a document whose bytes are missing.
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { StoreError, toStoreError } from "../db/errors.js";
import { busyTimeoutOf, enableWal } from "../db/open.js";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** data/nianbao.db → data/nianbao.blobs.db */
export function blobPathFor(dbPath: string): string {
  return dbPath.replace(/(\.sqlite3?|\.db)?$/, ".blobs.db");
}

export class BlobStore {
  private db: Database.Database | null = null;
  private insert: Database.Statement | null = null;
  private hasStatement: Database.Statement | null = null;
  /** A group (begin) is open: set until it is committed or rolled back. */
  private grouped = false;

  constructor(
    readonly path: string,
    private readonly readonly = false,
  ) {}

  put(sha256: string, bytes: Uint8Array): void {
    this.guard(() => {
      const db = this.open();
      this.insert ??= db.prepare(
        "INSERT INTO blobs (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
      );
      this.insert.run(
        sha256,
        bytes.byteLength,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      );
    });
  }

  /**
   * Opens a write transaction that the puts after it join, until `commit` (the store's group of
   * documents: one commit of the blobs file for many documents).
   */
  begin(): void {
    this.guard(() => {
      const db = this.open();
      if (!db.inTransaction) db.exec("BEGIN IMMEDIATE");
      this.grouped = true;
    });
  }

  commit(): void {
    if (!this.grouped) return;
    this.grouped = false;
    // SQLite rolls a whole transaction back on some errors (a full disk): the blobs put since
    // `begin` are gone, so the documents naming them must not be committed.
    if (!this.db?.inTransaction)
      throw new StoreError("io", `${this.path}: the open group of blobs was rolled back by SQLite`);
    this.guard(() => this.db!.exec("COMMIT"));
  }

  rollback(): void {
    this.grouped = false;
    if (this.db?.inTransaction) this.db.exec("ROLLBACK");
  }

  /** Whether the bytes are held (false when the blobs file is missing). */
  has(sha256: string): boolean {
    if (this.readonly && !existsSync(this.path)) return false;
    return this.guard(() => {
      this.hasStatement ??= this.open().prepare("SELECT 1 FROM blobs WHERE sha256 = ?").pluck();
      return this.hasStatement.get(sha256) !== undefined;
    });
  }

  /** Whether the blobs file is there at all (a store whose file was lost reads every document as missing). */
  exists(): boolean {
    return this.path === ":memory:" || this.db !== null || existsSync(this.path);
  }

  get(sha256: string): Uint8Array | null {
    if (this.readonly && !existsSync(this.path)) return null;
    return this.guard(() => {
      const row = this.open().prepare("SELECT bytes FROM blobs WHERE sha256 = ?").pluck().get(sha256);
      return row ? new Uint8Array(row as Buffer) : null;
    });
  }

  close(): void {
    this.grouped = false;
    this.db?.close();
    this.db = null;
    this.insert = null;
    this.hasStatement = null;
  }

  private open(): Database.Database {
    if (this.db) return this.db;
    const db = new Database(this.path, { readonly: this.readonly, fileMustExist: this.readonly });
    db.pragma(`busy_timeout = ${busyTimeoutOf()}`);
    if (!this.readonly) {
      enableWal(db, busyTimeoutOf());
      db.pragma("synchronous = NORMAL");
      db.pragma("wal_autocheckpoint = 16384");
      db.exec(
        `CREATE TABLE IF NOT EXISTS blobs (
           id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, bytes BLOB NOT NULL)`,
      );
    }
    this.db = db;
    return db;
  }

  private guard<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      const storeError = toStoreError(error, this.path);
      if (storeError?.code === "disk_full")
        throw new StoreError(
          "disk_full",
          `the disk holding ${this.path} is full; the document was not stored`,
        );
      throw storeError ?? error;
    }
  }
}
