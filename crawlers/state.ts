// The crawler's own state in the store file: frontier, runs, hosts and the crawl lock. It opens its
// own connection and applies its own migrations (crawlers/schema.ts, owner "crawl"), so the crawler
// never holds the document store's handle nor relies on the store to create its tables.
import type { Database } from "better-sqlite3";
import { openDatabase } from "../src/db/open.js";
import { CRAWL_SCHEMA } from "./schema.js";

export interface CrawlState {
  readonly db: Database;
  readonly path: string;
  close(): void;
}

/** Opens (creating or upgrading) the crawl tables in the SQLite file at `path` (usually the store's). */
export function openCrawlState(path: string, options: { busyTimeoutMs?: number } = {}): CrawlState {
  const db = openDatabase(path, CRAWL_SCHEMA, options);
  return {
    db,
    path,
    close() {
      if (db.open) db.close();
    },
  };
}
