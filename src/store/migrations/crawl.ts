import type { Migration } from "./index.js";

// The crawl frontier, sources and fetch log (versions 100–199).
export const crawlMigrations: Migration[] = [];
