// Migrations are recorded by name per owner. A store made by the release before this scheme (one
// user_version shared by core 1–99 and crawl 100–199, every store at 100) upgrades without re-running
// anything, keeps its rows, and then gets a new core migration, which the old scheme would have
// skipped silently.
import { test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CRAWL_SCHEMA } from "../../crawlers/schema.js";
import { openCrawlState } from "../../crawlers/state.js";
import { appliedMigrations, NAMED_MIGRATIONS_USER_VERSION } from "../../src/db/migrations.js";
import { openDatabase } from "../../src/db/open.js";
import { StoreError } from "../../src/store/index.js";
import { openStore } from "../../src/store/index.js";
import { CORE_SCHEMA } from "../../src/store/migrations/index.js";

function tempPath(): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-migrations-"));
  return { path: join(dir, "nianbao.db"), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A store as the previous release left it: its migrations' SQL (unchanged since: released
 * migrations are never edited) applied in user_version order, user_version set to the last one.
 */
function previousReleaseStore(path: string, userVersion: number): void {
  const db = new Database(path);
  const legacy = [...CORE_SCHEMA.migrations, ...CRAWL_SCHEMA.migrations]
    .filter((m) => m.legacyVersion !== undefined && m.legacyVersion <= userVersion)
    .sort((a, b) => a.legacyVersion! - b.legacyVersion!);
  for (const m of legacy) db.exec(m.sql);
  db.pragma(`user_version = ${userVersion}`);
  db.prepare(
    `INSERT INTO documents (sha256, size, media_type, format, title, first_seen_at, parse_status, parse_error, parser_version)
     VALUES ('ab', 3, 'text/html', 'html', 'old', '2026-01-01T00:00:00Z', 'parsed', NULL, '0.1.0')`,
  ).run();
  if (userVersion >= 100)
    db.prepare(
      "INSERT INTO crawl_runs (started_at, status, options) VALUES ('2026-01-01T00:00:00Z', 'finished', NULL)",
    ).run();
  db.close();
}

const NEW_CORE_MIGRATION = {
  name: "999-test-new-column",
  sql: "ALTER TABLE documents ADD COLUMN test_note TEXT;",
};

test("a store of the previous release (user_version 100) upgrades and gets a new core migration", () => {
  const { path, cleanup } = tempPath();
  try {
    previousReleaseStore(path, 100);
    // Opening it with today's store and crawl state re-runs nothing (a re-run CREATE TABLE would throw).
    openStore(path).close();
    openCrawlState(path).close();
    const db = openDatabase(path, {
      owner: "core",
      migrations: [...CORE_SCHEMA.migrations, NEW_CORE_MIGRATION],
    });
    try {
      const columns = db.prepare("SELECT name FROM pragma_table_info('documents')").pluck().all();
      assert.ok(columns.includes("test_note"), "the new core migration was not applied");
      assert.equal(db.prepare("SELECT title FROM documents").pluck().get(), "old");
      assert.equal(db.prepare("SELECT COUNT(*) FROM crawl_runs").pluck().get(), 1);
      const applied = appliedMigrations(db).map((m) => `${m.owner}/${m.name}`);
      // Every owner's list is applied once; new migrations of either owner are counted here too.
      assert.deepEqual(
        applied.sort(),
        [
          ...CORE_SCHEMA.migrations.map((m) => `core/${m.name}`),
          "core/999-test-new-column",
          ...CRAWL_SCHEMA.migrations.map((m) => `crawl/${m.name}`),
        ].sort(),
      );
    } finally {
      db.close();
    }
  } finally {
    cleanup();
  }
});

test("a store that had only the core tables (user_version 2) gets the crawl tables when a crawl opens it", () => {
  const { path, cleanup } = tempPath();
  try {
    previousReleaseStore(path, 2);
    openStore(path).close();
    const state = openCrawlState(path);
    try {
      assert.equal(state.db.prepare("SELECT COUNT(*) FROM crawl_frontier").pluck().get(), 0);
      assert.equal(state.db.prepare("SELECT COUNT(*) FROM documents").pluck().get(), 1);
    } finally {
      state.close();
    }
  } finally {
    cleanup();
  }
});

test("a new store records each owner's migrations by name and marks itself for older releases", () => {
  const { path, cleanup } = tempPath();
  try {
    openStore(path).close();
    const db = new Database(path, { readonly: true });
    try {
      assert.equal(db.pragma("user_version", { simple: true }), NAMED_MIGRATIONS_USER_VERSION);
      assert.deepEqual(
        appliedMigrations(db).map((m) => `${m.owner}/${m.name}`),
        CORE_SCHEMA.migrations.map((m) => `core/${m.name}`),
      );
    } finally {
      db.close();
    }
    // Opened again, nothing is applied twice; the crawl owner adds its own beside core's.
    openStore(path).close();
    openCrawlState(path).close();
    const again = new Database(path, { readonly: true });
    try {
      assert.equal(
        appliedMigrations(again).length,
        CORE_SCHEMA.migrations.length + CRAWL_SCHEMA.migrations.length,
      );
    } finally {
      again.close();
    }
  } finally {
    cleanup();
  }
});

test("a SQLite file that is not a nianbao store is refused, not migrated", () => {
  const { path, cleanup } = tempPath();
  try {
    const db = new Database(path);
    db.exec("CREATE TABLE notes (x TEXT)");
    db.close();
    assert.throws(
      () => openStore(path),
      (error: unknown) => error instanceof StoreError && error.code === "not_a_database",
    );
    const check = new Database(path, { readonly: true });
    try {
      assert.deepEqual(check.prepare("SELECT name FROM sqlite_schema").pluck().all(), ["notes"]);
    } finally {
      check.close();
    }
  } finally {
    cleanup();
  }
});

/** The core migrations of the release before document_sources.content_type (this session's main). */
const RELEASED_CORE = [
  "001-core-tables",
  "002-drop-figures-metric-index",
  "003-ocr-origin",
  "004-figure-witnesses",
  "005-document-sources-published-on",
];

test("a store made by today's release upgrades and gets the new core migration (content_type)", () => {
  const { path, cleanup } = tempPath();
  try {
    // Today's release: its core migrations by name, then the crawl tables, and a crawled document.
    const released = CORE_SCHEMA.migrations.filter((m) => RELEASED_CORE.includes(m.name));
    assert.deepEqual(
      released.map((m) => m.name),
      RELEASED_CORE,
      "a released migration was renamed or removed",
    );
    const old = openDatabase(path, { owner: "core", migrations: released });
    old
      .prepare(
        `INSERT INTO documents (sha256, size, media_type, format, title, first_seen_at, parse_status, parse_error, parser_version)
         VALUES ('ab', 3, 'text/html', 'html', 'old', '2026-01-01T00:00:00Z', 'parsed', NULL, '0.1.0')`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO document_sources (document_id, url, fetched_at, media_type)
         VALUES (1, 'http://example.invalid/a.html', '2026-01-01T00:00:00Z', 'text/html')`,
      )
      .run();
    old.close();
    openCrawlState(path).close();

    const store = openStore(path);
    try {
      const applied = appliedMigrations(store.db).map((m) => `${m.owner}/${m.name}`);
      assert.ok(applied.includes("core/006-document-sources-content-type"), applied.join(" "));
      const columns = store.db
        .prepare("SELECT name FROM pragma_table_info('document_sources')")
        .pluck()
        .all();
      assert.ok(columns.includes("content_type"));
      // The old row is kept; without a recorded header its media type stands for the content type.
      assert.deepEqual(store.storedDocument(1).sources, [
        { url: "http://example.invalid/a.html", path: null, sourceId: null, contentType: "text/html" },
      ]);
    } finally {
      store.close();
    }
  } finally {
    cleanup();
  }
});
