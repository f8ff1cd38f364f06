// Opening the SQLite file shared by the stages that persist (the store in src/store, the crawl
// frontier and lock in crawlers/): pragmas (WAL, foreign keys, busy timeout), the opening owner's
// migrations, and a check that the file really is a nianbao database. Each owner opens its own
// connection with its own migrations, so none holds another's handle or knows its tables.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { StoreError, toStoreError } from "./errors.js";
import { applyMigrations, isNianbaoDatabase, type MigrationSet } from "./migrations.js";

export interface OpenOptions {
  readonly?: boolean;
  /** How long to wait for another process's write lock before giving up (ms). */
  busyTimeoutMs?: number;
}

/**
 * How long to wait for another process's lock: `busyTimeoutMs`, else $NIANBAO_BUSY_TIMEOUT_MS (an
 * operator whose cron jobs overlap may want longer; the tests want shorter), else 5 s.
 */
export function busyTimeoutOf(options: OpenOptions = {}): number {
  const fromEnv = Number(process.env.NIANBAO_BUSY_TIMEOUT_MS);
  return (
    options.busyTimeoutMs ??
    (Number.isFinite(fromEnv) && fromEnv >= 0 && process.env.NIANBAO_BUSY_TIMEOUT_MS ? fromEnv : 5000)
  );
}

export function openDatabase(
  path: string,
  schema: MigrationSet,
  options: OpenOptions = {},
): Database.Database {
  if (!options.readonly && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_CANTOPEN")
      throw new StoreError("io", `cannot open ${path}${options.readonly ? " (does it exist?)" : ""}`);
    throw toStoreError(error, path) ?? error;
  }
  try {
    db.pragma(`busy_timeout = ${busyTimeoutOf(options)}`);
    db.pragma("foreign_keys = ON");
    if (!options.readonly) {
      enableWal(db, busyTimeoutOf(options));
      db.pragma("synchronous = NORMAL");
      // Checkpoints (which fsync) every 64 MB of WAL instead of every 4 MB: a bulk ingest commits one
      // small transaction per document, and the default checkpoint rate dominated its time.
      db.pragma("wal_autocheckpoint = 16384");
      applyMigrations(db, schema, path);
    } else if (!isNianbaoDatabase(db)) {
      throw new StoreError("not_a_database", `${path} is not a nianbao database (it has no schema)`);
    }
  } catch (error) {
    db.close();
    throw toStoreError(error, path) ?? error;
  }
  return db;
}

/**
 * Switching a new file to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at once
 * (without its busy handler) when another process is switching or migrating the same new file: two
 * cron jobs starting on a new store. Retried until the busy timeout, like any other lock wait.
 */
export function enableWal(db: Database.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      if (!code.startsWith("SQLITE_BUSY") || Date.now() >= deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    }
  }
}
