// Persistence for figures resolved across years (src/ingest/cross-year.ts decides): the candidate
// readings a report kept for a table-2 row it could not split, the figures of an agency's reports,
// and writing or deleting the figures known as 'resolved_across_years'.
import type Database from "better-sqlite3";

const RESOLVED_ACROSS_YEARS = "resolved_across_years";

/**
 * These run for every ingested document (the pipeline looks for ambiguous neighbours each time):
 * each connection prepares each statement once instead of on every call.
 */
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function statement(db: Database.Database, sql: string): Database.Statement {
  let statements = prepared.get(db);
  if (!statements) prepared.set(db, (statements = new Map()));
  let found = statements.get(sql);
  if (!found) statements.set(sql, (found = db.prepare(sql)));
  return found;
}

export interface AmbiguousRow {
  metrics: string[];
  candidates: Record<string, number>[];
}

export interface YearReport {
  id: number;
  year: number;
  template: string | null;
  isCurrent: boolean;
}

/** Why a resolved figure is known: the cross-year relations that decided it and the reports they read. */
export interface ResolvedEvidence {
  relations: string[];
  reports: number[];
}

export function ambiguousRows(db: Database.Database, reportId: number): AmbiguousRow[] {
  const rows = statement(
    db,
    "SELECT metrics, candidates FROM ambiguous_readings WHERE report_id = ? ORDER BY metrics",
  ).all(reportId) as { metrics: string; candidates: string }[];
  return rows.map((r) => ({
    metrics: r.metrics.split(","),
    candidates: JSON.parse(r.candidates) as Record<string, number>[],
  }));
}

/** Every report (current or not) of one agency in the given years. */
export function reportsOfAgency(db: Database.Database, agencyId: number, years: number[]): YearReport[] {
  const rows = statement(
    db,
    `SELECT id, year, template, is_current FROM reports
       WHERE agency_id = ? AND year IN (${years.map(() => "?").join(", ")})`,
  ).all(agencyId, ...years) as { id: number; year: number; template: string | null; is_current: number }[];
  return rows.map((r) => ({ id: r.id, year: r.year, template: r.template, isCurrent: r.is_current === 1 }));
}

/** The agency and year of a report, when both are known. */
export function agencyYearOf(
  db: Database.Database,
  reportId: number,
): { agencyId: number; year: number } | null {
  const row = statement(db, "SELECT agency_id, year FROM reports WHERE id = ?").get(reportId) as
    { agency_id: number | null; year: number | null } | undefined;
  return row?.agency_id != null && row.year != null ? { agencyId: row.agency_id, year: row.year } : null;
}

/** A report's figures as read from it (figures resolved across years are not evidence). */
export function figuresRead(db: Database.Database, reportId: number): Map<string, number> {
  const rows = statement(db, "SELECT metric, value FROM figures WHERE report_id = ? AND known IS NOT ?").all(
    reportId,
    RESOLVED_ACROSS_YEARS,
  ) as { metric: string; value: number }[];
  return new Map(rows.map((r) => [r.metric, Number(r.value)]));
}

export function clearResolved(db: Database.Database, reportId: number): number {
  return statement(db, "DELETE FROM figures WHERE report_id = ? AND known = ?").run(
    reportId,
    RESOLVED_ACROSS_YEARS,
  ).changes;
}

export function writeResolved(
  db: Database.Database,
  reportId: number,
  values: Record<string, number>,
  evidence: ResolvedEvidence,
): void {
  const insert = statement(
    db,
    "INSERT INTO figures (report_id, metric, value, known, evidence) VALUES (?, ?, ?, ?, ?)",
  );
  for (const [metric, value] of Object.entries(values))
    insert.run(reportId, metric, value, RESOLVED_ACROSS_YEARS, JSON.stringify(evidence));
}

/** The agency and year of the report a document currently has, when both are known. */
export function agencyYearOfDocument(
  db: Database.Database,
  documentId: number,
): { agencyId: number; year: number } | null {
  const id = statement(db, "SELECT id FROM reports WHERE document_id = ?").pluck().get(documentId) as
    number | undefined;
  return id === undefined ? null : agencyYearOf(db, id);
}

/** Whether any report of the agency in these years kept ambiguous readings (a cheap read first). */
export function hasAmbiguousReadings(db: Database.Database, agencyId: number, years: number[]): boolean {
  return (
    statement(
      db,
      `SELECT 1 FROM ambiguous_readings x JOIN reports r ON r.id = x.report_id
         WHERE r.agency_id = ? AND r.year IN (${years.map(() => "?").join(", ")}) LIMIT 1`,
    ).get(agencyId, ...years) !== undefined
  );
}
