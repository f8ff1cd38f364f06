// Coverage and timeliness over a store file: opened on its own connection with the coverage owner's
// migrations (src/coverage/schema.ts), after the store has created its own tables.
import type { Database } from "better-sqlite3";
import { openDatabase } from "../db/open.js";
import { COVERAGE_SCHEMA } from "./schema.js";

export {
  computeCoverage,
  directoryBodies,
  regionPrefix,
  todayInChina,
  writeCoverage,
  type CoverageOptions,
  type CoverageRow,
  type CoverageStatus,
  type ExpectedBody,
} from "./coverage.js";
export { readExpectedList } from "./list.js";
export { deadlineFor, loadTimelinessRules, type Deadline, type TimelinessRules } from "./timeliness.js";

/** The store file's connection for coverage (the store's core tables must exist: open the store first). */
export function openCoverage(path: string, options: { busyTimeoutMs?: number } = {}): Database {
  return openDatabase(path, COVERAGE_SCHEMA, options);
}

/** The CSV columns of `nianbao coverage --format csv`. */
export const COVERAGE_CSV_COLUMNS = [
  "agency",
  "region_code",
  "year",
  "status",
  "published_on",
  "published_source",
  "deadline",
  "versions",
  "evidence",
] as const;
