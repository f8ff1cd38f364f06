// Schema migrations recorded by name, per owner, in `schema_migrations` (as sqlite-migrate keeps
// `_sqlite_migrations`). Each area that owns tables in the store file (core in src/store, crawl in
// crawlers/, more later) keeps its own list; opening the file with an owner's list applies that
// owner's migrations it has not recorded yet, in list order, each in one transaction. An owner's
// new migration therefore reaches every existing store, whatever the other owners have applied.
//
// Before this table, one `PRAGMA user_version` was shared by all owners (core 1–99, crawl 100–199)
// and only migrations above it ran. Such a store is read once: a migration whose `legacyVersion` is
// at most the store's user_version was applied by that scheme and is recorded, not run again.
import type Database from "better-sqlite3";
import { StoreError } from "./errors.js";

export interface Migration {
  /** Unique within its owner and never changed once released, e.g. "003-document-charset". */
  name: string;
  sql: string;
  /** The `user_version` this migration had under the old single-counter scheme (released ones only). */
  legacyVersion?: number;
}

/** One owner's migrations, in the order they must be applied. Append; never edit a released one. */
export interface MigrationSet {
  owner: string;
  migrations: readonly Migration[];
}

/**
 * Set on stores that record migrations by name. Releases before it compare user_version with their
 * own latest (100) and refuse a higher one as "written by a newer nianbao" instead of touching it.
 */
export const NAMED_MIGRATIONS_USER_VERSION = 1000;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  owner       TEXT NOT NULL,
  name        TEXT NOT NULL,
  applied_at  TEXT NOT NULL,
  PRIMARY KEY (owner, name)
) WITHOUT ROWID`;

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function userVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/** True when the file holds a nianbao schema (named migrations, or the old user_version scheme). */
export function isNianbaoDatabase(db: Database.Database): boolean {
  return hasTable(db, "schema_migrations") || userVersion(db) > 0;
}

/** The migrations applied to this file, by owner (for tests and `nianbao check`-like tools). */
export function appliedMigrations(db: Database.Database): { owner: string; name: string }[] {
  if (!hasTable(db, "schema_migrations")) return [];
  return db.prepare("SELECT owner, name FROM schema_migrations ORDER BY applied_at, owner, name").all() as {
    owner: string;
    name: string;
  }[];
}

function checkSet(set: MigrationSet): void {
  const names = new Set<string>();
  for (const m of set.migrations) {
    if (names.has(m.name)) throw new Error(`migration ${set.owner}/${m.name} is listed twice`);
    names.add(m.name);
  }
}

/** Brings a writable database up to date with one owner's migrations. */
export function applyMigrations(db: Database.Database, set: MigrationSet, path: string): void {
  checkSet(set);
  const version = userVersion(db);
  if (version > NAMED_MIGRATIONS_USER_VERSION)
    throw new StoreError(
      "not_a_database",
      `${path} was written by a newer nianbao (schema ${version}); upgrade nianbao`,
    );
  if (!hasTable(db, "schema_migrations")) {
    db.transaction(() => {
      if (hasTable(db, "schema_migrations")) return;
      const current = userVersion(db);
      if (current === 0) {
        const tables = db
          .prepare("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
          .pluck()
          .get();
        if (Number(tables) > 0)
          throw new StoreError(
            "not_a_database",
            `${path} is a SQLite file but not a nianbao database; refusing to change it`,
          );
        db.pragma(`user_version = ${NAMED_MIGRATIONS_USER_VERSION}`);
      }
      // A store of the old scheme keeps its user_version, so every owner can still tell below
      // which of its migrations that scheme applied.
      db.exec(CREATE_TABLE);
    }).immediate();
  }
  const applied = db.prepare("SELECT 1 FROM schema_migrations WHERE owner = ? AND name = ?").pluck();
  const record = db.prepare("INSERT INTO schema_migrations (owner, name, applied_at) VALUES (?, ?, ?)");
  const legacy = userVersion(db) < NAMED_MIGRATIONS_USER_VERSION ? userVersion(db) : 0;
  for (const migration of set.migrations) {
    if (applied.get(set.owner, migration.name) !== undefined) continue;
    db.transaction(() => {
      // Another process may have applied it while this one waited for the write lock.
      if (applied.get(set.owner, migration.name) !== undefined) return;
      const ranBefore = migration.legacyVersion !== undefined && migration.legacyVersion <= legacy;
      if (!ranBefore) db.exec(migration.sql);
      record.run(set.owner, migration.name, new Date().toISOString());
    }).immediate();
  }
}
