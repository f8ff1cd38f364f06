// Corpus-wide, cross-year findings over the current reports of each agency: this year's 上年结转
// against last year's 结转下年度, 现行有效件数 continuity, and implausible year-on-year jumps.
// A run replaces the cross-year findings it covers, so `nianbao check` can be repeated at will.
import type Database from "better-sqlite3";

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

const T3_COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"] as const;
const IN_FORCE_KINDS = ["rules", "normative"] as const;
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
    ...T3_COLUMNS.flatMap((c) => [`t3.carried_over.${c}`, `t3.carried_forward.${c}`]),
    ...IN_FORCE_KINDS.flatMap((k) => [`t2.${k}.in_force`, `t2.${k}.issued`, `t2.${k}.repealed`]),
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
    for (const column of T3_COLUMNS) {
      const now = cur.get(`t3.carried_over.${column}`);
      const before = prev.get(`t3.carried_forward.${column}`);
      if (!now || !before || now.value === before.value) continue;
      findings.push({
        ...base,
        code: "cross_year.carry_over",
        metric: `t3.carried_over.${column}`,
        message: `${pair.year} 上年结转 (${column}) is ${now.value}, but the ${pair.year - 1} report carried ${before.value} forward`,
        expected: before.value,
        actual: now.value,
        sourceInconsistent: printedAsIs(now, before),
      });
    }
    if (pair.currentTemplate === "2021" && pair.previousTemplate === "2021") {
      for (const kind of IN_FORCE_KINDS) {
        const inForce = cur.get(`t2.${kind}.in_force`);
        const lastInForce = prev.get(`t2.${kind}.in_force`);
        const issued = cur.get(`t2.${kind}.issued`);
        const repealed = cur.get(`t2.${kind}.repealed`);
        if (!inForce || !lastInForce || !issued || !repealed) continue;
        const expected = lastInForce.value + issued.value - repealed.value;
        if (inForce.value === expected) continue;
        findings.push({
          ...base,
          code: "cross_year.in_force",
          metric: `t2.${kind}.in_force`,
          message: `${pair.year} 现行有效件数 is ${inForce.value}; last year's ${lastInForce.value} + ${issued.value} issued − ${repealed.value} repealed = ${expected}`,
          expected,
          actual: inForce.value,
          sourceInconsistent: printedAsIs(inForce, lastInForce, issued, repealed),
        });
      }
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
