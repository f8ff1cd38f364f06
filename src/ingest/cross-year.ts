// Table-2 rows one report cannot split ("8855698" for three cells), decided by the same body's
// neighbouring years: the template's cross-year relations (src/model/template, CROSS_YEAR: last
// year's 现行有效 + 本年制发 − 本年废止 = this year's 现行有效). A row is resolved only when at least
// one relation applies and exactly one candidate reading satisfies every relation that applies; its
// figures are stored with known = 'resolved_across_years' and the evidence. Run after a report of
// year Y is written: Y−1, Y and Y+1 are decided again from scratch, so a neighbour's new version or
// reparse that breaks the reading deletes those figures again.
import type Database from "better-sqlite3";
import { CROSS_YEAR_CHECKS, type CrossYearCheck } from "../model/template/index.js";
import {
  ambiguousRows,
  clearResolved,
  figuresRead,
  hasAmbiguousReadings,
  reportsOfAgency,
  writeResolved,
  type AmbiguousRow,
  type ResolvedEvidence,
  type YearReport,
} from "../store/resolved.js";

export interface CrossYearResolution {
  reportId: number;
  values: Record<string, number>;
  evidence: ResolvedEvidence;
}

/** Decides again the rows of the agency's reports around `year`; returns what is now resolved. */
export function resolveAcrossYears(
  db: Database.Database,
  agencyId: number,
  year: number,
): CrossYearResolution[] {
  // Most reports have no ambiguous row: no write transaction then (resolved figures only ever sit
  // on reports with ambiguous readings, so there is nothing to undo either).
  if (!hasAmbiguousReadings(db, agencyId, [year - 1, year, year + 1])) return [];
  // IMMEDIATE: another process may be writing (a deferred read-then-write would fail busy at once).
  return db
    .transaction(() => {
      const reports = reportsOfAgency(db, agencyId, [year - 2, year - 1, year, year + 1, year + 2]);
      const current = (y: number): YearReport | undefined => reports.find((r) => r.year === y && r.isCurrent);
      const resolved: CrossYearResolution[] = [];
      for (const y of [year - 1, year, year + 1]) {
        for (const r of reports) if (r.year === y) clearResolved(db, r.id);
        const report = current(y);
        if (!report) continue;
        for (const row of ambiguousRows(db, report.id)) {
          const found = resolveRow(db, row, report, current(y - 1), current(y + 1));
          if (!found) continue;
          writeResolved(db, report.id, found.values, found.evidence);
          resolved.push({ reportId: report.id, ...found });
        }
      }
      return resolved;
    })
    .immediate();
}

/** One relation as it applies to this report: the figures it reads and the neighbour it reads them from. */
interface Applied {
  check: CrossYearCheck;
  neighbour: YearReport;
  /** this year's figure = last year's + Σ plus − Σ minus, each side a function of the candidate. */
  holds: (reading: Map<string, number>) => boolean;
}

function resolveRow(
  db: Database.Database,
  row: AmbiguousRow,
  report: YearReport,
  previous: YearReport | undefined,
  next: YearReport | undefined,
): { values: Record<string, number>; evidence: ResolvedEvidence } | null {
  const own = figuresRead(db, report.id);
  // Figures a later witness filled (the prose) must agree with the reading.
  const candidates = row.candidates.filter((c) =>
    Object.entries(c).every(([code, value]) => !own.has(code) || own.get(code) === value),
  );
  const open = row.metrics.filter((code) => !own.has(code));
  if (open.length === 0 || candidates.length === 0) return null;

  const applied: Applied[] = [];
  const touches = (codes: string[]): boolean => codes.some((c) => row.metrics.includes(c));
  const inTemplates = (check: CrossYearCheck, a: YearReport, b: YearReport): boolean =>
    !check.templates ||
    (a.template !== null &&
      b.template !== null &&
      check.templates.includes(a.template as never) &&
      check.templates.includes(b.template as never));
  const known = (codes: string[], figures: Map<string, number>): boolean =>
    codes.every((c) => figures.has(c) || row.metrics.includes(c));
  // The neighbours' figures, read once for all the relations.
  const beforeFigures = previous && figuresRead(db, previous.id);
  const after = next && figuresRead(db, next.id);
  for (const check of CROSS_YEAR_CHECKS) {
    const later = [check.current, ...check.plus, ...check.minus];
    // This report as the later year, last year's report as the earlier.
    if (previous && touches(later) && inTemplates(check, report, previous)) {
      const before = beforeFigures!.get(check.previous);
      if (before !== undefined && known(later, own))
        applied.push({
          check,
          neighbour: previous,
          holds: (reading) => balance(check, (c) => reading.get(c) ?? own.get(c)!, before),
        });
    }
    // This report as the earlier year, next year's report as the later.
    if (next && after && touches([check.previous]) && inTemplates(check, next, report)) {
      if (later.every((c) => after.has(c)))
        applied.push({
          check,
          neighbour: next,
          holds: (reading) => balance(check, (c) => after.get(c)!, reading.get(check.previous)!),
        });
    }
  }
  if (applied.length === 0) return null;
  const agreeing = candidates.filter((c) => {
    const reading = new Map(Object.entries(c));
    return applied.every((a) => a.holds(reading));
  });
  if (agreeing.length !== 1) return null;
  const values = Object.fromEntries(open.map((code) => [code, agreeing[0]![code]!]));
  return {
    values,
    evidence: {
      relations: [...new Set(applied.map((a) => `${a.check.code} ${a.check.current}`))],
      reports: [...new Set(applied.map((a) => a.neighbour.id))].sort((a, b) => a - b),
    },
  };
}

/** last year's figure + Σ plus − Σ minus = this year's figure, `later` giving this year's figures. */
function balance(check: CrossYearCheck, later: (code: string) => number, before: number): boolean {
  const plus = check.plus.reduce((s, c) => s + later(c), 0);
  const minus = check.minus.reduce((s, c) => s + later(c), 0);
  return before + plus - minus === later(check.current);
}
