// Streaming exports of the current reports: long form (one figure per row) or wide form (one report
// per row, one column per metric), as CSV (UTF-8 with a BOM by default, so Excel reads the Chinese)
// or JSON Lines. Rows are read with a SQLite iterator and written with backpressure, so memory
// stays flat however large the store is.
import type Database from "better-sqlite3";
import { stringify } from "csv-stringify";
import type { Writable } from "node:stream";
import { METRICS } from "../model/metrics.js";
import { PLACE, PUBLISHED_ON, SOURCE_URL } from "./dictionary.js";

export type ExportFormat = "csv" | "jsonl";
export type ExportForm = "long" | "wide";
export type HeaderLanguage = "zh" | "en";

export interface ExportOptions {
  format?: ExportFormat;
  form?: ExportForm;
  lang?: HeaderLanguage;
  /** Byte-order mark before CSV output (default true; Excel needs it to read UTF-8). */
  bom?: boolean;
  /** Report years to keep. */
  years?: number[];
  /** A GB/T 2260 code prefix (411300 keeps 南阳市 and its counties) or a part of the region's name. */
  region?: string;
  /** A part of the agency's canonical name or of any of its aliases. */
  agency?: string;
  /** Metric code globs (`t3.*`, `t4.review.total`). */
  metrics?: string[];
  /** Include superseded versions too (default: current reports only). */
  allVersions?: boolean;
}

export interface ExportSummary {
  /** Data rows written (figures in long form, reports in wide form). */
  rows: number;
}

interface Column {
  key: string;
  zh: string;
  en: string;
}

const REPORT_COLUMNS: Column[] = [
  { key: "report_id", zh: "报告编号", en: "report_id" },
  { key: "agency_id", zh: "机构编号", en: "agency_id" },
  { key: "agency", zh: "机构", en: "agency" },
  { key: "agency_printed", zh: "报告所署机构名称", en: "agency_as_printed" },
  { key: "region_code", zh: "行政区划代码", en: "region_code" },
  { key: "region_name", zh: "行政区划", en: "region" },
  { key: "province", zh: "省份", en: "province" },
  { key: "city", zh: "地市", en: "city" },
  { key: "level", zh: "层级", en: "level" },
  { key: "kind", zh: "机构类型", en: "kind" },
  { key: "year", zh: "年度", en: "year" },
  { key: "template", zh: "模板", en: "template" },
  { key: "url", zh: "来源网址", en: "source_url" },
  { key: "published_on", zh: "发布日期", en: "published_on" },
];

const LONG_COLUMNS: Column[] = [
  ...REPORT_COLUMNS,
  { key: "metric", zh: "指标代码", en: "metric" },
  { key: "label", zh: "指标名称", en: "label" },
  { key: "unit", zh: "单位", en: "unit" },
  { key: "value", zh: "数值", en: "value" },
  { key: "raw", zh: "原文", en: "raw_text" },
  { key: "page", zh: "页码", en: "page" },
  { key: "line", zh: "行号", en: "line" },
  { key: "sha256", zh: "文档SHA-256", en: "document_sha256" },
];

const WIDE_REPORT_COLUMNS: Column[] = [
  ...REPORT_COLUMNS,
  { key: "status", zh: "解析状态", en: "status" },
  { key: "sha256", zh: "文档SHA-256", en: "document_sha256" },
];

const UNIT_ZH: Record<string, string> = { count: "件", "10k_yuan": "万元" };

/** `t3.*` → a RegExp over whole codes; `*` spans dots, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

export function selectedMetrics(globs: readonly string[] | undefined): string[] {
  if (!globs?.length) return METRICS.map((m) => m.code);
  const patterns = globs.map(globToRegExp);
  return METRICS.filter((m) => patterns.some((p) => p.test(m.code))).map((m) => m.code);
}

/** Writes the export to `out` (not ended, so stdout can be used); resolves when all is flushed. */
export async function exportReports(
  db: Database.Database,
  options: ExportOptions,
  out: Writable,
): Promise<ExportSummary> {
  const format = options.format ?? "csv";
  const form = options.form ?? "long";
  const lang = options.lang ?? "zh";
  const metrics = selectedMetrics(options.metrics);
  if (options.metrics?.length && metrics.length === 0)
    throw new Error(`no metric code matches ${options.metrics.join(", ")}`);
  const columns =
    form === "long" ? LONG_COLUMNS : [...WIDE_REPORT_COLUMNS, ...metrics.map((code) => metricColumn(code))];
  const rows = form === "long" ? longRows(db, options, metrics, lang) : wideRows(db, options, metrics);

  let count = 0;
  if (format === "csv") {
    const csv = stringify({ bom: options.bom ?? true });
    const header = columns.map((c) => (lang === "zh" ? c.zh : c.en));
    await pump(
      (function* () {
        yield header;
        for (const row of rows) {
          count += 1;
          yield row;
        }
      })(),
      csv,
      out,
    );
  } else {
    const keys = columns.map((c) => c.key);
    await writeLines(
      (function* () {
        for (const row of rows) {
          count += 1;
          const object = Object.fromEntries(keys.map((key, i) => [key, row[i] ?? null]));
          yield JSON.stringify(form === "wide" ? nestValues(object, metrics) : object) + "\n";
        }
      })(),
      out,
    );
  }
  return { rows: count };
}

function metricColumn(code: string): Column {
  const m = METRICS.find((x) => x.code === code)!;
  return { key: code, zh: m.label_zh, en: code };
}

/**
 * The significant prefix of a region code: 411300 (南阳市) → 4113, 410000 (河南省) → 41, so that a
 * code selects the region and everything under it. Township codes (9 digits) are used as they are.
 */
export function regionCodePrefix(code: string): string {
  if (code.length !== 6) return code;
  if (code.endsWith("0000")) return code.slice(0, 2);
  if (code.endsWith("00")) return code.slice(0, 4);
  return code;
}

interface Filter {
  where: string;
  params: Record<string, unknown>;
}

function reportFilter(options: ExportOptions): Filter {
  const clauses = ["r.agency_id IS NOT NULL", "r.year IS NOT NULL"];
  const params: Record<string, unknown> = {};
  if (!options.allVersions) clauses.push("r.is_current = 1");
  if (options.years?.length) {
    clauses.push(`r.year IN (${options.years.map((_, i) => `:year${i}`).join(", ")})`);
    options.years.forEach((y, i) => (params[`year${i}`] = y));
  }
  if (options.region) {
    if (/^\d{2,12}$/.test(options.region)) {
      params.regionPrefix = regionCodePrefix(options.region);
      clauses.push("a.region_code LIKE :regionPrefix || '%'");
    } else {
      params.regionName = options.region;
      clauses.push("instr(a.region_name, :regionName) > 0");
    }
  }
  if (options.agency) {
    params.agency = options.agency;
    clauses.push(
      `(instr(a.name, :agency) > 0 OR EXISTS (SELECT 1 FROM agency_aliases x WHERE x.agency_id = a.id AND instr(x.alias, :agency) > 0))`,
    );
  }
  return { where: clauses.join(" AND "), params };
}

type Row = unknown[];

interface ReportRow {
  report_id: number;
  agency_id: number;
  agency: string;
  agency_printed: string | null;
  region_code: string | null;
  region_name: string | null;
  province: string | null;
  city: string | null;
  level: string | null;
  kind: string;
  year: number;
  template: string | null;
  url: string | null;
  published_on: string | null;
  status: string;
  sha256: string;
}

/** A figure as a raw row: metric, value, then (long form) raw text, page, line. */
type FigureCells = [
  metric: string,
  value: number,
  raw?: string | null,
  page?: number | null,
  line?: number | null,
];

/**
 * The selected reports in a stable order (region, agency, year). Only report rows are held in
 * memory; figures are read per report through the primary key, so no sort of all figures is needed.
 */
function selectReports(db: Database.Database, options: ExportOptions): ReportRow[] {
  const filter = reportFilter(options);
  return db
    .prepare(
      `SELECT r.id AS report_id, r.agency_id, a.name AS agency, r.agency_printed, a.region_code, a.region_name,
         ${PLACE}, a.level, a.kind, r.year, r.template, r.status, d.sha256, ${SOURCE_URL}, ${PUBLISHED_ON}
       FROM reports r
       JOIN agencies a ON a.id = r.agency_id
       JOIN documents d ON d.id = r.document_id
       WHERE ${filter.where}
       ORDER BY a.region_code, a.name, r.year, r.id`,
    )
    .all(filter.params) as ReportRow[];
}

const reportCells = (r: ReportRow): Row => [
  r.report_id,
  r.agency_id,
  r.agency,
  r.agency_printed,
  r.region_code,
  r.region_name,
  r.province,
  r.city,
  r.level,
  r.kind,
  r.year,
  r.template,
  r.url,
  r.published_on,
];

function* longRows(
  db: Database.Database,
  options: ExportOptions,
  metrics: string[],
  lang: HeaderLanguage,
): Generator<Row> {
  const order = new Map(metrics.map((code, i) => [code, i]));
  const info = new Map(METRICS.map((m) => [m.code, m]));
  // Raw rows (arrays) rather than objects: millions of figures, far less garbage.
  const figures = db.prepare("SELECT metric, value, raw, page, line FROM figures WHERE report_id = ?").raw();
  for (const report of selectReports(db, options)) {
    const prefix = reportCells(report);
    const rows = (figures.all(report.report_id) as FigureCells[])
      .filter((f) => order.has(f[0]))
      .sort((a, b) => order.get(a[0])! - order.get(b[0])!);
    for (const [metric, value, raw, page, line] of rows) {
      const m = info.get(metric)!;
      yield [
        ...prefix,
        metric,
        lang === "zh" ? m.label_zh : m.label_en,
        lang === "zh" ? (UNIT_ZH[m.unit] ?? m.unit) : m.unit,
        value,
        raw,
        page,
        line,
        report.sha256,
      ];
    }
  }
}

function* wideRows(db: Database.Database, options: ExportOptions, metrics: string[]): Generator<Row> {
  const column = new Map(metrics.map((code, i) => [code, i]));
  const figures = db.prepare("SELECT metric, value FROM figures WHERE report_id = ?").raw();
  for (const report of selectReports(db, options)) {
    const values: unknown[] = new Array(metrics.length).fill(null);
    for (const [metric, value] of figures.all(report.report_id) as FigureCells[]) {
      const i = column.get(metric);
      if (i !== undefined) values[i] = value;
    }
    yield [...reportCells(report), report.status, report.sha256, ...values];
  }
}

/** JSON Lines in wide form: report fields plus `values: {code: number}`. */
function nestValues(row: Record<string, unknown>, metrics: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const rest: Record<string, unknown> = { ...row };
  for (const code of metrics) {
    // Absent figures stay absent in JSON (in CSV they are empty cells).
    if (rest[code] !== null && rest[code] !== undefined) values[code] = rest[code];
    delete rest[code];
  }
  return { ...rest, values };
}

/** Feeds rows into the CSV stringifier and its output into `out`, honouring backpressure on both. */
async function pump(rows: Iterable<Row>, csv: ReturnType<typeof stringify>, out: Writable): Promise<void> {
  const drained = writeLines(csv, out);
  // A failed output (disk full) rejects `drained`: stop feeding rows instead of waiting for a drain.
  drained.catch(() => csv.destroy());
  for (const row of rows) {
    if (!csv.write(row)) await Promise.race([new Promise((resolve) => csv.once("drain", resolve)), drained]);
  }
  csv.end();
  await drained;
}

/** Writes chunks to `out` with backpressure; rejects with the output's error (disk full, closed pipe). */
async function writeLines(chunks: Iterable<string | Buffer> | AsyncIterable<string | Buffer>, out: Writable) {
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  // Listened to for the whole export: an error emitted between two writes must not go unhandled.
  const onError = (error: Error) => {
    failure = error;
    wake?.();
  };
  out.on("error", onError);
  try {
    for await (const chunk of chunks) {
      if (failure) throw failure;
      if (!out.write(chunk)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          out.once("drain", resolve);
          if (failure) resolve();
        });
        wake = null;
        if (failure) throw failure;
      }
    }
  } finally {
    out.off("error", onError);
  }
}
