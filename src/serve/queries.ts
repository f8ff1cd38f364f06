// The web application's only way into the store: a read-only SQLite connection and parameterised
// queries over the base tables (current reports only). It never writes, never migrates, and reads
// the raw documents from the blobs file beside the database on demand.
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { blobPathFor } from "../store/blobs.js";

export interface BodyFilters {
  q?: string;
  /** First two digits of a GB/T 2260 code. */
  province?: string;
  /** First four digits. */
  city?: string;
  level?: string;
  year?: number;
  template?: string;
  status?: string;
}

export interface Body {
  id: number;
  name: string;
  regionCode: string | null;
  regionName: string | null;
  regionNote: string | null;
  level: string | null;
  kind: string;
  reportCount: number;
}

export interface Report {
  id: number;
  agencyId: number;
  agency: string;
  agencyPrinted: string | null;
  regionCode: string | null;
  regionName: string | null;
  level: string | null;
  year: number;
  template: "2019" | "2021" | null;
  status: string;
  figureCount: number;
  issueCount: number;
  parserVersion: string;
  parsedAt: string;
  documentId: number;
  sha256: string;
  mediaType: string | null;
  format: string | null;
  title: string | null;
  size: number;
  url: string | null;
  /** Read from a scan: figures read by OCR and OCR figures left out (null: not a scan, or an older store). */
  ocrFigures: number | null;
  ocrLeftOut: number | null;
}

export interface Figure {
  metric: string;
  value: number;
  raw: string | null;
  page: number | null;
  line: number | null;
  path: string | null;
  derived: string | null;
  /** Columns other helpers add to `figures` (e.g. how a figure is known), shown as they are. */
  extra: Record<string, string | number>;
}

export interface Finding {
  scope: string;
  code: string;
  metric: string | null;
  message: string;
  sourceInconsistent: boolean;
  expected: number | null;
  actual: number | null;
  otherReportId: number | null;
}

export interface Source {
  url: string | null;
  path: string | null;
  fetchedAt: string;
}

export interface CoverageCell {
  reportId: number;
  status: string;
}

export interface YearSummary {
  year: number;
  counts: Record<string, number>;
}

export interface RankInput {
  year: number;
  codes: string[];
  /** A GB/T 2260 code prefix. */
  region?: string;
  level?: string;
}

export interface RankRow {
  reportId: number;
  agencyId: number;
  agency: string;
  regionCode: string | null;
  regionName: string | null;
  level: string | null;
  values: Map<string, number>;
}

const BASE_FIGURE_COLUMNS = new Set([
  "report_id",
  "metric",
  "value",
  "raw",
  "page",
  "line",
  "path",
  "bbox",
  "derived",
]);

/** `reports` columns added by later migrations, selected when the store has them (else NULL). */
const OPTIONAL_REPORT_COLUMNS: Record<string, string> = {
  ocr_figures: "ocrFigures",
  ocr_left_out: "ocrLeftOut",
};

const reportSelect = (optional: string) => `
SELECT ${optional} r.id, r.agency_id AS agencyId, a.name AS agency, r.agency_printed AS agencyPrinted,
  a.region_code AS regionCode, a.region_name AS regionName, a.level, r.year, r.template, r.status,
  r.figure_count AS figureCount, r.issue_count AS issueCount, r.parser_version AS parserVersion,
  r.parsed_at AS parsedAt, d.id AS documentId, d.sha256, d.media_type AS mediaType, d.format,
  d.title, d.size,
  (SELECT s.url FROM document_sources s WHERE s.document_id = d.id AND s.url IS NOT NULL
   ORDER BY s.fetched_at DESC LIMIT 1) AS url
FROM reports r
JOIN agencies a ON a.id = r.agency_id
JOIN documents d ON d.id = r.document_id`;

/** A picture an HTML report showed (its tables, read by OCR), kept beside the document. */
export interface Picture {
  /** 1-based, in the page's order. */
  position: number;
  /** As the page writes it (an <img>'s src). */
  ref: string;
  /** Fetched from (an absolute URL) or read at (a path). */
  url: string;
  /** Its bytes in the blobs file; null when they could not be had. */
  sha256: string | null;
  size: number | null;
  /** Why there are no bytes. */
  error: string | null;
}

const BODY_SELECT = `
SELECT a.id, a.name, a.region_code AS regionCode, a.region_name AS regionName,
  a.region_note AS regionNote, a.level, a.kind,
  (SELECT count(*) FROM reports r WHERE r.agency_id = a.id AND r.is_current = 1) AS reportCount
FROM agencies a`;

/** `%` and `_` typed by a user match themselves. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The store's way of writing names (NFKC, no spaces), so a search matches printed aliases. */
export function normaliseQuery(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

export class StoreReader {
  readonly db: Database.Database;
  private blobs: Database.Database | null = null;
  private readonly extraFigureColumns: string[];
  private readonly reportSelect: string;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly cache = new Map<string, unknown>();
  private cacheVersion = -1;
  private readonly dataVersion: Database.Statement;
  /** Stores made before core migration 009 keep no pictures. */
  private readonly hasPictures: boolean;

  constructor(readonly path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      this.db.pragma("busy_timeout = 5000");
      const version = this.db.pragma("user_version", { simple: true }) as number;
      const hasReports = this.db
        .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'reports'")
        .get();
      if (version === 0 || !hasReports) throw new Error(`${path} is not a nianbao database`);
      const columns = this.db
        .prepare("SELECT name FROM pragma_table_info('figures')")
        .pluck()
        .all() as string[];
      // Names come from the schema itself, never from a request; quoted all the same.
      this.extraFigureColumns = columns.filter((name) => !BASE_FIGURE_COLUMNS.has(name));
      const reportColumns = new Set(
        this.db.prepare("SELECT name FROM pragma_table_info('reports')").pluck().all() as string[],
      );
      this.reportSelect = reportSelect(
        Object.entries(OPTIONAL_REPORT_COLUMNS)
          .map(([column, alias]) => `${reportColumns.has(column) ? `r.${column}` : "NULL"} AS ${alias},`)
          .join(" "),
      );
      this.dataVersion = this.db.prepare("PRAGMA data_version").pluck();
      this.hasPictures = Boolean(
        this.db
          .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'document_resources'")
          .get(),
      );
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  close(): void {
    this.db.close();
    this.blobs?.close();
  }

  /**
   * Whole-store aggregates (years, coverage counts, regions) are cached until another connection
   * commits: SQLite's data_version changes then, and reading it costs next to nothing.
   */
  private cached<T>(key: string, compute: () => T): T {
    const version = this.dataVersion.get() as number;
    if (version !== this.cacheVersion) {
      this.cache.clear();
      this.cacheVersion = version;
    }
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  summary(): { bodies: number; reports: number; failedDocuments: number; unidentified: number } {
    return this.cached(
      "summary",
      () =>
        this.statement(
          `SELECT
        (SELECT count(DISTINCT agency_id) FROM reports WHERE is_current = 1) AS bodies,
        (SELECT count(*) FROM reports WHERE is_current = 1 AND agency_id IS NOT NULL) AS reports,
        (SELECT count(*) FROM documents WHERE parse_status = 'failed') AS failedDocuments,
        (SELECT count(*) FROM reports WHERE status = 'unidentified') AS unidentified`,
        ).get() as { bodies: number; reports: number; failedDocuments: number; unidentified: number },
    );
  }

  years(): number[] {
    return this.cached(
      "years",
      () =>
        this.statement(
          "SELECT DISTINCT year FROM reports WHERE is_current = 1 AND year IS NOT NULL ORDER BY year",
        )
          .pluck()
          .all() as number[],
    );
  }

  yearSummary(): YearSummary[] {
    return this.cached("yearSummary", () => this.computeYearSummary());
  }

  private computeYearSummary(): YearSummary[] {
    const rows = this.statement(
      `SELECT year, status, count(*) AS n FROM reports
       WHERE is_current = 1 AND agency_id IS NOT NULL AND year IS NOT NULL
       GROUP BY year, status ORDER BY year`,
    ).all() as { year: number; status: string; n: number }[];
    const byYear = new Map<number, YearSummary>();
    for (const row of rows) {
      const entry = byYear.get(row.year) ?? { year: row.year, counts: {} };
      entry.counts[row.status] = row.n;
      byYear.set(row.year, entry);
    }
    return [...byYear.values()];
  }

  /** Bodies matching the filters, a page at a time, with the total count. */
  searchBodies(
    filters: BodyFilters,
    limit: number,
    offset: number,
    pinyinMatches: number[] = [],
  ): { total: number; bodies: Body[] } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const reportConditions: string[] = ["r.agency_id = a.id", "r.is_current = 1"];
    if (filters.year !== undefined) {
      reportConditions.push("r.year = ?");
      params.push(filters.year);
    }
    if (filters.template) {
      reportConditions.push("r.template = ?");
      params.push(filters.template);
    }
    if (filters.status) {
      reportConditions.push("r.status = ?");
      params.push(filters.status);
    }
    where.push(`EXISTS (SELECT 1 FROM reports r WHERE ${reportConditions.join(" AND ")})`);
    const q = filters.q ? normaliseQuery(filters.q) : "";
    if (q) {
      const pattern = likePattern(q);
      where.push(`(a.name LIKE ? ESCAPE '\\' OR a.region_name LIKE ? ESCAPE '\\'
        OR a.id IN (SELECT agency_id FROM agency_aliases WHERE alias LIKE ? ESCAPE '\\')
        OR a.id IN (SELECT value FROM json_each(?)))`);
      params.push(pattern, pattern, pattern, JSON.stringify(pinyinMatches));
    }
    const region = filters.city || filters.province;
    if (region) {
      where.push("a.region_code LIKE ?");
      params.push(`${region.replace(/\D/g, "")}%`);
    }
    if (filters.level) {
      where.push("a.level = ?");
      params.push(filters.level);
    }
    const clause = where.join(" AND ");
    const total = this.statement(`SELECT count(*) FROM agencies a WHERE ${clause}`)
      .pluck()
      .get(...params) as number;
    const order = q
      ? "ORDER BY instr(a.name, ?) = 0, length(a.name), a.region_code, a.name"
      : "ORDER BY a.region_code IS NULL, a.region_code, a.name";
    const bodies = this.statement(`${BODY_SELECT} WHERE ${clause} ${order} LIMIT ? OFFSET ?`).all(
      ...params,
      ...(q ? [q] : []),
      limit,
      offset,
    ) as Body[];
    return { total, bodies };
  }

  /** Every body's name and printed aliases, for the pinyin-initials index. */
  bodyNames(): { id: number; name: string }[] {
    return this.statement(
      `SELECT a.id, a.name FROM agencies a
       UNION SELECT x.agency_id, x.alias FROM agency_aliases x`,
    ).all() as { id: number; name: string }[];
  }

  agencyCount(): number {
    return this.statement("SELECT count(*) FROM agencies").pluck().get() as number;
  }

  /** For each of the bodies, its current report per year. */
  coverage(bodyIds: number[]): Map<number, Map<number, CoverageCell>> {
    const rows = this.statement(
      `SELECT agency_id AS agencyId, year, id AS reportId, status FROM reports
       WHERE is_current = 1 AND agency_id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(bodyIds)) as { agencyId: number; year: number; reportId: number; status: string }[];
    const result = new Map<number, Map<number, CoverageCell>>();
    for (const row of rows) {
      const years = result.get(row.agencyId) ?? new Map<number, CoverageCell>();
      years.set(row.year, { reportId: row.reportId, status: row.status });
      result.set(row.agencyId, years);
    }
    return result;
  }

  body(id: number): Body | undefined {
    return this.statement(`${BODY_SELECT} WHERE a.id = ?`).get(id) as Body | undefined;
  }

  bodies(ids: number[]): Body[] {
    const rows = this.statement(`${BODY_SELECT} WHERE a.id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ids),
    ) as Body[];
    // Keep the order the reader chose.
    return ids.map((id) => rows.find((row) => row.id === id)).filter((row): row is Body => row !== undefined);
  }

  aliases(bodyId: number): string[] {
    return this.statement("SELECT alias FROM agency_aliases WHERE agency_id = ? ORDER BY alias")
      .pluck()
      .all(bodyId) as string[];
  }

  bodyReports(bodyId: number): Report[] {
    return this.statement(
      `${this.reportSelect} WHERE r.agency_id = ? AND r.is_current = 1 ORDER BY r.year`,
    ).all(bodyId) as Report[];
  }

  /** A report by id: current or not (a superseded version keeps its URL working). */
  report(id: number): Report | undefined {
    return this.statement(`${this.reportSelect} WHERE r.id = ?`).get(id) as Report | undefined;
  }

  previousReport(report: Report): Report | undefined {
    return this.statement(
      `${this.reportSelect} WHERE r.agency_id = ? AND r.year = ? AND r.is_current = 1`,
    ).get(report.agencyId, report.year - 1) as Report | undefined;
  }

  figures(reportId: number): Figure[] {
    const extra = this.extraFigureColumns.map((name) => `"${name.replace(/"/g, '""')}"`);
    const rows = this.statement(
      `SELECT metric, value, raw, page, line, path, derived${extra.length ? ", " + extra.join(", ") : ""}
       FROM figures WHERE report_id = ?`,
    ).all(reportId) as Record<string, unknown>[];
    return rows.map((row) => {
      const extras: Record<string, string | number> = {};
      for (const name of this.extraFigureColumns) {
        const value = row[name];
        if (typeof value === "string" || typeof value === "number") extras[name] = value;
      }
      return {
        metric: row.metric as string,
        value: row.value as number,
        raw: (row.raw as string | null) ?? null,
        page: (row.page as number | null) ?? null,
        line: (row.line as number | null) ?? null,
        path: (row.path as string | null) ?? null,
        derived: (row.derived as string | null) ?? null,
        extra: extras,
      };
    });
  }

  /** Values of some metrics for many reports at once: report id → code → value. */
  values(reportIds: number[], codes: string[]): Map<number, Map<string, number>> {
    const rows = this.statement(
      `SELECT report_id AS reportId, metric, value FROM figures
       WHERE report_id IN (SELECT value FROM json_each(?)) AND metric IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(reportIds), JSON.stringify(codes)) as {
      reportId: number;
      metric: string;
      value: number;
    }[];
    const result = new Map<number, Map<string, number>>();
    for (const row of rows) {
      const values = result.get(row.reportId) ?? new Map<string, number>();
      values.set(row.metric, row.value);
      result.set(row.reportId, values);
    }
    return result;
  }

  findings(reportId: number): Finding[] {
    return (
      this.statement(
        `SELECT scope, code, metric, message, source_inconsistent AS sourceInconsistent, expected, actual,
           other_report_id AS otherReportId
         FROM findings WHERE report_id = ? ORDER BY scope DESC, id`,
      ).all(reportId) as (Omit<Finding, "sourceInconsistent"> & { sourceInconsistent: number })[]
    ).map((row) => ({ ...row, sourceInconsistent: Boolean(row.sourceInconsistent) }));
  }

  sources(documentId: number): Source[] {
    return this.statement(
      `SELECT url, path, fetched_at AS fetchedAt FROM document_sources
       WHERE document_id = ? ORDER BY fetched_at DESC`,
    ).all(documentId) as Source[];
  }

  /** Current reports of one year (and region, level) with the figures a measure needs. */
  rank(input: RankInput): RankRow[] {
    const where = ["r.is_current = 1", "r.year = ?"];
    const params: (string | number)[] = [input.year];
    if (input.region) {
      where.push("a.region_code LIKE ?");
      params.push(`${input.region.replace(/\D/g, "")}%`);
    }
    if (input.level) {
      where.push("a.level = ?");
      params.push(input.level);
    }
    // One primary-key lookup per figure (a join on `metric IN (…)` cost half as much again).
    const lookups = input.codes.map(
      (_, i) => `(SELECT value FROM figures WHERE report_id = r.id AND metric = ?) AS v${i}`,
    );
    const rows = this.statement(
      `SELECT r.id AS reportId, r.agency_id AS agencyId, a.name AS agency, a.region_code AS regionCode,
         a.region_name AS regionName, a.level${lookups.length ? ", " + lookups.join(", ") : ""}
       FROM reports r
       JOIN agencies a ON a.id = r.agency_id
       WHERE ${where.join(" AND ")}`,
    ).all(...input.codes, ...params) as (Omit<RankRow, "values"> & Record<string, number | null>)[];
    return rows.map((row) => {
      const values = new Map<string, number>();
      input.codes.forEach((code, i) => {
        const value = row[`v${i}`];
        if (value !== null && value !== undefined) values.set(code, value);
      });
      return {
        reportId: row.reportId,
        agencyId: row.agencyId,
        agency: row.agency,
        regionCode: row.regionCode,
        regionName: row.regionName,
        level: row.level,
        values,
      };
    });
  }

  /** For the bodies, their current reports' values of the codes: body → year → code → value. */
  series(bodyIds: number[], codes: string[]): Map<number, Map<number, Map<string, number>>> {
    const rows = this.statement(
      `SELECT r.agency_id AS agencyId, r.year, f.metric, f.value
       FROM reports r JOIN figures f ON f.report_id = r.id
       WHERE r.is_current = 1 AND r.agency_id IN (SELECT value FROM json_each(?))
         AND f.metric IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(bodyIds), JSON.stringify(codes)) as {
      agencyId: number;
      year: number;
      metric: string;
      value: number;
    }[];
    const result = new Map<number, Map<number, Map<string, number>>>();
    for (const row of rows) {
      const years = result.get(row.agencyId) ?? new Map<number, Map<string, number>>();
      const values = years.get(row.year) ?? new Map<string, number>();
      values.set(row.metric, row.value);
      years.set(row.year, values);
      result.set(row.agencyId, years);
    }
    return result;
  }

  /** Region code prefixes present in the store (2 digits: provinces; 4: cities of one province). */
  regionPrefixes(length: 2 | 4, within?: string): string[] {
    return this.cached(
      `regions:${length}:${within ?? ""}`,
      () =>
        this.statement(
          `SELECT DISTINCT substr(region_code, 1, ?) FROM agencies
       WHERE region_code IS NOT NULL AND length(region_code) >= ? AND region_code LIKE ?
       ORDER BY 1`,
        )
          .pluck()
          .all(length, length, `${within ?? ""}%`) as string[],
    );
  }

  /** The pictures a document showed, in the page's order (none for most documents). */
  pictures(documentId: number): Picture[] {
    if (!this.hasPictures) return [];
    return this.statement(
      `SELECT position, ref, url, sha256, size, error FROM document_resources
       WHERE document_id = ? ORDER BY position`,
    ).all(documentId) as Picture[];
  }

  /** Stored bytes by hash (an original, a picture), from the blobs file beside the database. */
  blob(sha256: string): Buffer | null {
    if (!this.blobs) {
      const blobPath = blobPathFor(this.path);
      if (!existsSync(blobPath)) return null;
      this.blobs = new Database(blobPath, { readonly: true, fileMustExist: true });
      this.blobs.pragma("busy_timeout = 5000");
    }
    return (
      (this.blobs.prepare("SELECT bytes FROM blobs WHERE sha256 = ?").pluck().get(sha256) as Buffer) ?? null
    );
  }
}
