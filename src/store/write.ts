// Writing one parse of one document: report, figures with provenance, and the parse's issues as
// findings, all inside the caller's transaction. Validation happens before anything is written.
import type Database from "better-sqlite3";
import type { ParseResult } from "../model/contract.js";
import { isMetricCode } from "../model/metrics.js";
import type { ResolvedAgency } from "../model/agency.js";
import type { AgencyTable } from "./agencies.js";

export type ReportStatus = "ok" | "issues" | "no_tables" | "unidentified";

export interface WrittenReport {
  reportId: number;
  agencyId: number | null;
  agency: string | null;
  year: number | null;
  status: ReportStatus;
  /** Another report of the same agency-year was already held. */
  supersedes: boolean;
}

/** Throws a plain Error with a user-facing reason when the result cannot be stored as is. */
export function validateParse(result: ParseResult): void {
  // One pass over the values (a bulk ingest validates some 200 figures a document); the messages
  // are built from a second pass only when something is wrong.
  let valid = true;
  for (const code in result.values) {
    const value = result.values[code];
    if (!isMetricCode(code) || typeof value !== "number" || !Number.isFinite(value)) {
      valid = false;
      break;
    }
  }
  if (!valid) {
    const unknown = Object.keys(result.values).filter((code) => !isMetricCode(code));
    if (unknown.length)
      throw new Error(
        `unknown metric code${unknown.length > 1 ? "s" : ""} ${unknown.slice(0, 5).join(", ")} (not in data/metrics.json); the report was not stored`,
      );
    for (const [code, value] of Object.entries(result.values))
      if (typeof value !== "number" || !Number.isFinite(value))
        throw new Error(`metric ${code} has a value that is not a finite number (${String(value)})`);
  }
  if (result.year !== null && !(Number.isInteger(result.year) && result.year >= 1990 && result.year <= 2100))
    throw new Error(`implausible report year ${result.year}`);
}

/** Issues whose printed figures break an identity are the source's own inconsistency. */
export function isSourceInconsistency(code: string): boolean {
  return code.startsWith("identity.");
}

export class ReportWriter {
  private readonly insertReport: Database.Statement;
  private readonly insertFigure: Database.Statement;
  private readonly insertPlainFigures: Database.Statement;
  private readonly insertPlainFigure: Database.Statement;
  private readonly insertFinding: Database.Statement;
  private readonly insertAmbiguous: Database.Statement;
  private readonly countOthers: Database.Statement;
  private readonly clearCurrent: Database.Statement;
  private readonly setCurrent: Database.Statement;
  private readonly setCurrentById: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly agencies: AgencyTable,
  ) {
    this.insertReport = db.prepare(
      `INSERT INTO reports (document_id, agency_id, agency_printed, year, template, parser_version, status,
         figure_count, issue_count, parsed_at, ocr_figures, ocr_left_out)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertFigure = db.prepare(
      `INSERT INTO figures (report_id, metric, value, raw, page, line, path, bbox, derived, ocr_confidence,
         ocr_first_reading, known, identities_hold, identities_fail, identities_unchecked, prose)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Figures without provenance fill only these columns, all of a report's in one statement (its
    // values as one JSON object, read by SQLite's json_each): a call per row was most of a bulk
    // ingest's figure cost. Rows stored are the same (JSON numbers come back as INTEGER or REAL, as
    // the NUMERIC column keeps a bound number).
    this.insertPlainFigure = db.prepare("INSERT INTO figures (report_id, metric, value) VALUES (?, ?, ?)");
    this.insertPlainFigures = db.prepare(
      "INSERT INTO figures (report_id, metric, value) SELECT ?, key, value FROM json_each(?)",
    );
    this.insertFinding = db.prepare(
      `INSERT INTO findings (report_id, scope, code, metric, message, source_inconsistent, created_at)
       VALUES (?, 'report', ?, ?, ?, ?, ?)`,
    );
    this.insertAmbiguous = db.prepare(
      "INSERT OR REPLACE INTO ambiguous_readings (report_id, metrics, candidates) VALUES (?, ?, ?)",
    );
    this.countOthers = db
      .prepare("SELECT count(*) FROM reports WHERE agency_id = ? AND year = ? AND id != ?")
      .pluck();
    this.clearCurrent = db.prepare(
      "UPDATE reports SET is_current = 0 WHERE agency_id = ? AND year = ? AND is_current = 1",
    );
    this.setCurrentById = db.prepare("UPDATE reports SET is_current = 1 WHERE id = ?");
    // The newest document wins, but a version with tables is preferred over one without.
    this.setCurrent = db.prepare(
      `UPDATE reports SET is_current = 1 WHERE id = (
         SELECT id FROM reports WHERE agency_id = ? AND year = ? AND status != 'unidentified'
         ORDER BY (template IS NOT NULL) DESC, document_id DESC LIMIT 1)`,
    );
  }

  write(
    documentId: number,
    result: ParseResult,
    parserVersion: string,
    agency: ResolvedAgency | null,
    now: string,
  ): WrittenReport {
    const agencyId = agency ? this.agencies.upsert(agency) : null;
    const status: ReportStatus =
      agencyId === null || result.year === null
        ? "unidentified"
        : result.template === null
          ? "no_tables"
          : result.issues.length
            ? "issues"
            : "ok";
    const entries = Object.entries(result.values);
    const reportId = Number(
      this.insertReport.run(
        documentId,
        agencyId,
        result.agency,
        result.year,
        result.template,
        parserVersion,
        status,
        entries.length,
        result.issues.length,
        now,
        result.ocr?.figures ?? null,
        result.ocr?.left_out ?? null,
      ).lastInsertRowid,
    );
    const sources = result.sources;
    if (sources === undefined) {
      if (entries.length) this.insertPlainFigures.run(reportId, JSON.stringify(result.values));
    } else
      for (const [code, value] of entries) {
        const source = sources[code];
        if (source === undefined) {
          this.insertPlainFigure.run(reportId, code, value);
          continue;
        }
        const loc = source.loc;
        this.insertFigure.run(
          reportId,
          code,
          value,
          source.raw ?? null,
          loc?.page ?? null,
          loc?.line ?? null,
          loc?.path ?? null,
          loc?.bbox ? JSON.stringify(loc.bbox) : null,
          source.derived ?? null,
          source.ocr?.confidence ?? null,
          source.ocr?.first_reading ?? null,
          source.known ?? null,
          source.holds?.join(",") ?? null,
          source.fails?.join(",") ?? null,
          source.unchecked?.join(",") ?? null,
          source.prose ?? null,
        );
      }
    for (const issue of result.issues) {
      this.insertFinding.run(
        reportId,
        issue.code,
        issue.metric ?? null,
        issue.message,
        isSourceInconsistency(issue.code) ? 1 : 0,
        now,
      );
      const first = issue.candidates?.[0];
      if (first)
        this.insertAmbiguous.run(reportId, Object.keys(first).join(","), JSON.stringify(issue.candidates));
    }
    let supersedes = false;
    if (agencyId !== null && result.year !== null) {
      supersedes = Number(this.countOthers.get(agencyId, result.year, reportId)) > 0;
      // The agency-year's only report (identified: it has an agency and a year) is its current one:
      // what the election below would decide, without its two statements.
      if (supersedes) this.refreshCurrent(agencyId, result.year);
      else this.setCurrentById.run(reportId);
    }
    return {
      reportId,
      agencyId,
      agency: agency?.name ?? result.agency,
      year: result.year,
      status,
      supersedes,
    };
  }

  /** Re-elects the current report of one agency-year (after an insert, a reparse or a delete). */
  refreshCurrent(agencyId: number, year: number): void {
    this.clearCurrent.run(agencyId, year);
    this.setCurrent.run(agencyId, year);
  }
}
