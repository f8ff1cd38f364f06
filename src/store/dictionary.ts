// The metric dictionary table and the researcher views, both derived from data/metrics.json.
// They are rebuilt only when the dictionary's content changes (its hash is kept in store_meta),
// so opening a store normally writes nothing.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { METRICS } from "../model/metrics.js";

/** Headline figures shown in the one-row-per-report view. */
const HEADLINE: readonly string[] = [
  "t3.new.total",
  "t3.carried_over.total",
  "t3.granted.total",
  "t3.partial.total",
  "t3.total.total",
  "t3.carried_forward.total",
  "t4.review.total",
  "t4.suit_direct.total",
  "t4.suit_after_review.total",
];

/** A column name researchers can type without quoting: t3.new.total → t3_new_total. */
export function columnName(code: string): string {
  return code.replace(/\./g, "_");
}

export function syncDictionary(db: Database.Database): void {
  const stored = db.prepare("SELECT value FROM store_meta WHERE key = 'dictionary_hash'").pluck();
  const statements = viewStatements();
  // The hash covers the view definitions too, so a changed view is rebuilt in existing stores.
  const hash = createHash("sha256")
    .update(JSON.stringify(METRICS))
    .update(statements.join(";"))
    .digest("hex");
  if (stored.get() === hash) return;
  db.transaction(() => {
    // Another process may have rebuilt them while this one waited for the write lock.
    if (stored.get() === hash) return;
    const upsert = db.prepare(
      `INSERT INTO metrics (code, section, label_zh, label_en, unit, templates, position)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET section = excluded.section, label_zh = excluded.label_zh,
         label_en = excluded.label_en, unit = excluded.unit, templates = excluded.templates,
         position = excluded.position`,
    );
    METRICS.forEach((m, position) =>
      upsert.run(m.code, m.section, m.label_zh, m.label_en, m.unit, m.templates.join(","), position),
    );
    for (const sql of statements) db.exec(sql);
    db.prepare(
      "INSERT INTO store_meta (key, value) VALUES ('dictionary_hash', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(hash);
  }).immediate();
}

/** One column per code, each a primary-key lookup (cheap for a few headline figures). */
const lookups = (codes: readonly string[]): string =>
  codes
    .map(
      (code) =>
        `(SELECT value FROM figures WHERE report_id = r.id AND metric = '${code}') AS ${columnName(code)}`,
    )
    .join(",\n  ");

/** One column per code from one pass over the report's figures (cheaper for many columns). */
const pivot = (codes: readonly string[]): string =>
  codes
    .map((code) => `MAX(CASE WHEN f.metric = '${code}' THEN f.value END) AS ${columnName(code)}`)
    .join(",\n  ");

/** Province and city of the agency ("" marks a region code the divisions did not know). */
export const PLACE = "NULLIF(a.province, '') AS province, a.city";

/** The URL where the document was last found (reports r joined to documents d). */
export const SOURCE_URL =
  "(SELECT s.url FROM document_sources s WHERE s.document_id = d.id AND s.url IS NOT NULL ORDER BY s.fetched_at DESC LIMIT 1) AS url";

/** The publication date the portal printed, where the document was last found with one. */
export const PUBLISHED_ON = `(SELECT s.published_on FROM document_sources s WHERE s.document_id = r.document_id
    AND s.published_on IS NOT NULL ORDER BY s.fetched_at DESC LIMIT 1) AS published_on`;

function viewStatements(): string[] {
  const known = new Set(METRICS.map((m) => m.code));
  const headline = HEADLINE.filter((code) => known.has(code));
  const table3 = METRICS.filter((m) => m.section === "t3").map((m) => m.code);
  // agency_id: two bodies with the same name (鼓楼区人民政府 in 福州 and in 南京) stay apart when grouped.
  const reportColumns = `r.id AS report_id, r.agency_id, a.name AS agency, r.agency_printed, a.region_code, a.region_name,
  ${PLACE}, a.level, a.kind, r.year, r.template, r.status, r.figure_count, r.issue_count, r.parser_version`;
  return [
    "DROP VIEW IF EXISTS report_overview",
    "DROP VIEW IF EXISTS table3_wide",
    "DROP VIEW IF EXISTS figures_labeled",
    "DROP VIEW IF EXISTS findings_overview",
    `CREATE VIEW report_overview AS
SELECT ${reportColumns},
  d.sha256, ${SOURCE_URL},
  ${PUBLISHED_ON},
  ${lookups(headline)}
FROM reports r
JOIN agencies a ON a.id = r.agency_id
JOIN documents d ON d.id = r.document_id
WHERE r.is_current = 1`,
    `CREATE VIEW table3_wide AS
SELECT r.id AS report_id, r.agency_id, a.name AS agency, a.region_code, ${PLACE}, r.year, r.template,
  ${pivot(table3)}
FROM reports r
JOIN agencies a ON a.id = r.agency_id
LEFT JOIN figures f ON f.report_id = r.id
WHERE r.is_current = 1
GROUP BY r.id`,
    `CREATE VIEW figures_labeled AS
SELECT r.id AS report_id, r.agency_id, a.name AS agency, a.region_code, a.region_name, ${PLACE}, r.year, r.template,
  f.metric, m.label_zh, m.label_en, m.unit, f.value, f.raw, f.page, f.line, f.path, f.derived, f.known
FROM figures f
JOIN reports r ON r.id = f.report_id AND r.is_current = 1
JOIN agencies a ON a.id = r.agency_id
JOIN metrics m ON m.code = f.metric`,
    `CREATE VIEW findings_overview AS
SELECT x.id AS finding_id, x.scope, x.code, x.metric, x.message, x.source_inconsistent, x.expected, x.actual,
  r.agency_id, a.name AS agency, a.region_code, ${PLACE}, r.year, r.id AS report_id, x.other_report_id
FROM findings x
JOIN reports r ON r.id = x.report_id AND r.is_current = 1
JOIN agencies a ON a.id = r.agency_id`,
  ];
}
