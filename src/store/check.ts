// Corpus-wide, cross-year findings over the current reports of each agency: this year's 上年结转
// against last year's 结转下年度, 现行有效件数 continuity, and implausible year-on-year jumps.
// A run replaces the cross-year findings it covers, so `nianbao check` can be repeated at will.
import type Database from "better-sqlite3";
import { CROSS_YEAR_CHECKS } from "../model/template/index.js";

export interface CrossYearFinding {
  reportId: number;
  otherReportId: number;
  agency: string;
  year: number;
  code: "cross_year.carry_over" | "cross_year.in_force" | "cross_year.jump";
  metric: string;
  message: string;
  expected: number;
  actual: number;
  /** 1 when both sides are figures printed as is, so the source itself disagrees with itself. */
  sourceInconsistent: 0 | 1;
}

export interface CheckOptions {
  /** Only pairs whose later year is this one. */
  year?: number;
  /** Only agencies whose canonical name or an alias contains this text. */
  agency?: string;
}

// The relations across years come from the template description (src/model/template/, CROSS_YEAR).
const CARRY_OVER = CROSS_YEAR_CHECKS.filter((c) => c.code === "cross_year.carry_over");
const IN_FORCE = CROSS_YEAR_CHECKS.filter((c) => c.code === "cross_year.in_force");
/** Figures compared year on year for implausible jumps. */
const JUMP_METRICS = [
  "t3.new.total",
  "t2.licensing.decisions",
  "t2.penalty.decisions",
  "t2.coercion.decisions",
  "t4.review.total",
] as const;
/** A jump is implausible when the larger year is at least this many times the smaller (and big enough to matter). */
export const JUMP_FACTOR = 10;
export const JUMP_FLOOR = 100;

interface Figure {
  value: number;
  derived: string | null;
}

interface Pair {
  current: number;
  previous: number;
  agency: string;
  year: number;
  currentTemplate: string | null;
  previousTemplate: string | null;
}

export function runCrossYearCheck(db: Database.Database, options: CheckOptions = {}): CrossYearFinding[] {
  const pairs = db
    .prepare(
      `SELECT cur.id AS current, prev.id AS previous, a.name AS agency, cur.year AS year,
         cur.template AS currentTemplate, prev.template AS previousTemplate
       FROM reports cur
       JOIN reports prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1 AND prev.is_current = 1
       JOIN agencies a ON a.id = cur.agency_id
       WHERE cur.is_current = 1
         AND (:year IS NULL OR cur.year = :year)
         AND (:agency IS NULL OR a.name LIKE '%' || :agency || '%'
              OR EXISTS (SELECT 1 FROM agency_aliases x WHERE x.agency_id = a.id AND x.alias LIKE '%' || :agency || '%'))
       ORDER BY a.name, cur.year`,
    )
    .all({ year: options.year ?? null, agency: options.agency ?? null }) as Pair[];

  // Only the figures the checks compare, each found through the (report_id, metric) key.
  const compared = [
    ...new Set(CROSS_YEAR_CHECKS.flatMap((c) => [c.current, c.previous, ...c.plus, ...c.minus])),
    ...JUMP_METRICS,
  ];
  const figureStatement = db.prepare(
    `SELECT metric, value, derived FROM figures WHERE report_id = ? AND metric IN (${compared.map((c) => `'${c}'`).join(", ")})`,
  );
  const cache = new Map<number, Map<string, Figure>>();
  const figuresOf = (reportId: number): Map<string, Figure> => {
    let figures = cache.get(reportId);
    if (!figures) {
      const rows = figureStatement.all(reportId) as ({ metric: string } & Figure)[];
      figures = new Map(rows.map((r) => [r.metric, { value: Number(r.value), derived: r.derived }]));
      if (cache.size > 10_000) cache.clear();
      cache.set(reportId, figures);
    }
    return figures;
  };

  const findings: CrossYearFinding[] = [];
  for (const pair of pairs) {
    const cur = figuresOf(pair.current);
    const prev = figuresOf(pair.previous);
    const base = {
      reportId: pair.current,
      otherReportId: pair.previous,
      agency: pair.agency,
      year: pair.year,
    };
    for (const relation of CARRY_OVER) {
      const now = cur.get(relation.current);
      const before = prev.get(relation.previous);
      if (!now || !before || now.value === before.value) continue;
      const column = relation.current.slice(relation.current.lastIndexOf(".") + 1);
      findings.push({
        ...base,
        code: "cross_year.carry_over",
        metric: relation.current,
        message: `${pair.year} 上年结转 (${column}) is ${now.value}, but the ${pair.year - 1} report carried ${before.value} forward`,
        expected: before.value,
        actual: now.value,
        sourceInconsistent: printedAsIs(now, before),
      });
    }
    for (const relation of IN_FORCE) {
      if (!inTemplates(relation.templates, pair)) continue;
      // 现行有效件数: last year's + 本年制发 − 本年废止 (one figure each in the description).
      const inForce = cur.get(relation.current);
      const lastInForce = prev.get(relation.previous);
      const issued = cur.get(relation.plus[0]!);
      const repealed = cur.get(relation.minus[0]!);
      if (!inForce || !lastInForce || !issued || !repealed) continue;
      const expected = lastInForce.value + issued.value - repealed.value;
      if (inForce.value === expected) continue;
      findings.push({
        ...base,
        code: "cross_year.in_force",
        metric: relation.current,
        message: `${pair.year} 现行有效件数 is ${inForce.value}; last year's ${lastInForce.value} + ${issued.value} issued − ${repealed.value} repealed = ${expected}`,
        expected,
        actual: inForce.value,
        sourceInconsistent: printedAsIs(inForce, lastInForce, issued, repealed),
      });
    }
    for (const metric of JUMP_METRICS) {
      const now = cur.get(metric);
      const before = prev.get(metric);
      if (!now || !before) continue;
      const high = Math.max(now.value, before.value);
      const low = Math.max(Math.min(now.value, before.value), 1);
      if (high < JUMP_FLOOR || high < JUMP_FACTOR * low) continue;
      findings.push({
        ...base,
        code: "cross_year.jump",
        metric,
        message: `${metric} went from ${before.value} in ${pair.year - 1} to ${now.value} in ${pair.year} (more than ${JUMP_FACTOR}×)`,
        expected: before.value,
        actual: now.value,
        sourceInconsistent: 0,
      });
    }
  }

  storeFindings(db, options.year === undefined && options.agency === undefined ? null : pairs, findings);
  return findings;
}

/** Both years are in the relation's revisions (any when it names none). */
function inTemplates(templates: readonly string[] | undefined, pair: Pair): boolean {
  if (!templates) return true;
  return templates.includes(pair.currentTemplate ?? "") && templates.includes(pair.previousTemplate ?? "");
}

function printedAsIs(...figures: Figure[]): 0 | 1 {
  return figures.every((f) => f.derived === null) ? 1 : 0;
}

/** `covered` null: a whole-corpus run, which replaces every cross-year finding (stale ones included). */
function storeFindings(db: Database.Database, covered: Pair[] | null, findings: CrossYearFinding[]): void {
  const clearAll = db.prepare("DELETE FROM findings WHERE scope = 'cross_year'");
  const clear = db.prepare("DELETE FROM findings WHERE scope = 'cross_year' AND report_id = ?");
  const insert = db.prepare(
    `INSERT INTO findings (report_id, other_report_id, scope, code, metric, message, source_inconsistent,
       expected, actual, created_at)
     VALUES (?, ?, 'cross_year', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    if (covered === null) clearAll.run();
    else for (const pair of covered) clear.run(pair.current);
    for (const f of findings)
      insert.run(
        f.reportId,
        f.otherReportId,
        f.code,
        f.metric,
        f.message,
        f.sourceInconsistent,
        f.expected,
        f.actual,
        now,
      );
  }).immediate();
}
