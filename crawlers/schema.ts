import type { MigrationSet } from "../src/db/migrations.js";

// The crawl frontier, runs, per-host state and the crawl lock: the "crawl" owner's migrations, applied
// when the crawler opens its state (crawlers/state.ts). Documents themselves are stored by src/store.
// Append a new migration at the end with a new name; never edit or reorder a released one.
export const CRAWL_SCHEMA: MigrationSet = {
  owner: "crawl",
  migrations: [
    {
      name: "001-frontier-runs-hosts-lock",
      legacyVersion: 100,
      sql: `
CREATE TABLE crawl_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  -- running | finished | limit | interrupted
  status TEXT NOT NULL,
  options TEXT
);

-- One row per request the crawler knows about. A request is identified by method, URL and form body
-- (the Hanweb dataproxy and the Fujian search API are POSTs), so request_key is unique.
CREATE TABLE crawl_frontier (
  id INTEGER PRIMARY KEY,
  request_key TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL,
  method TEXT NOT NULL DEFAULT 'GET',
  request_body TEXT,
  host TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('listing', 'article', 'attachment', 'api')),
  family TEXT,
  source_id TEXT,
  parent_id INTEGER REFERENCES crawl_frontier(id),
  title TEXT,
  depth INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'in_progress', 'done', 'failed', 'skipped', 'blocked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_fetch_at INTEGER NOT NULL DEFAULT 0,
  run_id INTEGER REFERENCES crawl_runs(id),
  etag TEXT,
  last_modified TEXT,
  sha256 TEXT,
  last_status INTEGER,
  outcome TEXT,
  error TEXT,
  document_id INTEGER,
  report_id INTEGER,
  fetched_at TEXT,
  updated_at TEXT
);
CREATE INDEX crawl_frontier_ready ON crawl_frontier (status, host, next_fetch_at);
CREATE INDEX crawl_frontier_source ON crawl_frontier (source_id, run_id);

-- Hosts the crawler stopped using during a run (anti-bot challenge, open circuit breaker).
CREATE TABLE crawl_hosts (
  host TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  reason TEXT,
  run_id INTEGER,
  updated_at TEXT NOT NULL
);

-- At most one crawl per store: the holder's pid and a heartbeat, so a killed crawl's lock goes stale.
CREATE TABLE crawl_lock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  pid INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  acquired_at TEXT NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
`,
    },
    {
      name: "002-publication-dates-listing-items-bodies",
      sql: `
-- Where a request stands in a portal: role 'body' = a body's page reached from a directory (its 年报
-- column is looked for there); publisher = the body it was found under (from a directory), inherited.
ALTER TABLE crawl_frontier ADD COLUMN role TEXT;
ALTER TABLE crawl_frontier ADD COLUMN publisher TEXT;
-- The publication date the portal printed for this document and where it was read (page, meta,
-- listing, api, written, url, last-modified), handed on with the document.
ALTER TABLE crawl_frontier ADD COLUMN published_on TEXT;
ALTER TABLE crawl_frontier ADD COLUMN published_source TEXT;

-- Every item a listing showed in a run, and what became of it (queued, or skipped: reason), so the
-- summary can say how many were seen, stored, skipped and failed: a loss is visible.
CREATE TABLE crawl_items (
  run_id INTEGER NOT NULL,
  source_id TEXT NOT NULL,
  url TEXT NOT NULL,
  request_key TEXT,
  title TEXT,
  listed_on TEXT,
  verdict TEXT NOT NULL,
  PRIMARY KEY (run_id, source_id, url)
) WITHOUT ROWID;

-- Bodies a portal's directory lists (部门/乡镇 信息公开): who is expected to publish (coverage).
CREATE TABLE crawl_bodies (
  source_id TEXT NOT NULL,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  directory_url TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  PRIMARY KEY (source_id, name)
) WITHOUT ROWID;
`,
    },
    {
      name: "003-frontier-parent-index",
      // The summary asks, for each listing item, whether a request found under it was stored or
      // failed: without this index each question scanned the whole frontier.
      sql: "CREATE INDEX crawl_frontier_parent ON crawl_frontier (parent_id);",
    },
    {
      name: "004-pictures-checked",
      // A report page fetched by a crawler that brings a page's table pictures with it. A page done
      // before (0) is fetched once more, even when unchanged, so that its pictures reach the store.
      sql: "ALTER TABLE crawl_frontier ADD COLUMN pictures_checked INTEGER NOT NULL DEFAULT 0;",
    },
  ],
};
