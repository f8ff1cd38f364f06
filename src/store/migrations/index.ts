// Schema migrations, applied in order and keyed by SQLite's `user_version`.
// Each area of the store owns one module; append new migrations, never edit an applied one.
import { coreMigrations } from "./core.js";
import { crawlMigrations } from "./crawl.js";

export interface Migration {
  /** Strictly increasing across the whole list; becomes `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  sql: string;
}

/** Core tables use versions 1–99, crawl-frontier tables 100–199, so the two areas never collide. */
export const MIGRATIONS: Migration[] = [...coreMigrations, ...crawlMigrations].sort(
  (a, b) => a.version - b.version,
);
