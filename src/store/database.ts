// Opening the SQLite file: pragmas (WAL, foreign keys, busy timeout), migrations keyed by
// user_version, and a check that the file really is a nianbao database.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { MIGRATIONS } from "./migrations/index.js";
import { syncDictionary } from "./dictionary.js";
import { StoreError, toStoreError } from "./errors.js";

export interface OpenOptions {
  readonly?: boolean;
  /** How long to wait for another process's write lock before giving up (ms). */
  busyTimeoutMs?: number;
}

export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
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
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma("foreign_keys = ON");
    if (!options.readonly) {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      // Checkpoints (which fsync) every 64 MB of WAL instead of every 4 MB: a bulk ingest commits one
      // small transaction per document, and the default checkpoint rate dominated its time.
      db.pragma("wal_autocheckpoint = 16384");
      migrate(db, path);
      syncDictionary(db);
    } else {
      checkVersion(db, path);
    }
  } catch (error) {
    db.close();
    throw toStoreError(error, path) ?? error;
  }
  return db;
}

function checkVersion(db: Database.Database, path: string): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version === 0)
    throw new StoreError("not_a_database", `${path} is not a nianbao database (it has no schema)`);
}

function migrate(db: Database.Database, path: string): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  const latest = Math.max(0, ...MIGRATIONS.map((m) => m.version));
  if (version > latest)
    throw new StoreError(
      "not_a_database",
      `${path} was written by a newer nianbao (schema ${version}); upgrade nianbao`,
    );
  const pending = MIGRATIONS.filter((m) => m.version > version);
  if (pending.length === 0) return;
  if (version === 0) {
    const tables = db
      .prepare("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
      .pluck()
      .get();
    if (Number(tables) > 0)
      throw new StoreError(
        "not_a_database",
        `${path} is a SQLite file but not a nianbao database; refusing to change it`,
      );
  }
  for (const migration of pending) {
    db.transaction(() => {
      // Another process may have migrated while this one waited for the write lock.
      if ((db.pragma("user_version", { simple: true }) as number) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
