// Derived rates a reader compares bodies by. Each is a ratio of sums of stored figures; it is
// computed only when every figure it needs is present and the denominator is not zero (exact or
// nothing: a rate from a partial report would be a guess).
import { metric } from "../model/metrics.js";
import { T3_COLUMN_KEYS, T3_ORGANISATION_COLUMNS, t3ItemsOf } from "../model/template/index.js";
import type { Label } from "./layout.js";

export interface Rate {
  key: string;
  label: Label;
  /** How it is computed, in words, shown beside the ranking. */
  formula: Label;
  numerator: string[];
  denominator: string[];
  /** 100 for "per 100 applications"; 1 for a share shown as a percentage. */
  scale: number;
  percent: boolean;
}

export const RATES: Rate[] = [
  {
    key: "granted_share",
    label: { zh: "公开率（予以公开＋部分公开）", en: "Granted share (granted + partial)" },
    formula: {
      zh: "（予以公开 + 部分公开）÷ 办理结果总计",
      en: "(granted + partially granted) ÷ total handled",
    },
    numerator: ["t3.granted.total", "t3.partial.total"],
    denominator: ["t3.total.total"],
    scale: 1,
    percent: true,
  },
  {
    key: "denied_share",
    label: { zh: "不予公开比例", en: "Withheld share" },
    formula: { zh: "不予公开 1–8 项之和 ÷ 办理结果总计", en: "withheld items 1–8 ÷ total handled" },
    numerator: t3ItemsOf("denied").map((item) => `t3.${item}.total`),
    denominator: ["t3.total.total"],
    scale: 1,
    percent: true,
  },
  {
    key: "legal_share",
    label: { zh: "法人或其他组织申请占比", en: "Share of applications by legal persons" },
    formula: {
      zh: "法人或其他组织新收申请 ÷ 新收申请总计",
      en: "new applications by legal persons and other organisations ÷ all new applications",
    },
    numerator: T3_ORGANISATION_COLUMNS.map((column) => `t3.new.${column}`),
    denominator: ["t3.new.total"],
    scale: 1,
    percent: true,
  },
  {
    key: "reviews_per_100",
    label: { zh: "每百件申请的行政复议数", en: "Reviews per 100 applications" },
    formula: { zh: "行政复议总计 × 100 ÷ 新收申请总计", en: "reviews × 100 ÷ new applications" },
    numerator: ["t4.review.total"],
    denominator: ["t3.new.total"],
    scale: 100,
    percent: false,
  },
  {
    key: "suits_per_100",
    label: { zh: "每百件申请的行政诉讼数", en: "Lawsuits per 100 applications" },
    formula: {
      zh: "（未经复议直接起诉 + 复议后起诉）× 100 ÷ 新收申请总计",
      en: "(suits without review + suits after review) × 100 ÷ new applications",
    },
    numerator: ["t4.suit_direct.total", "t4.suit_after_review.total"],
    denominator: ["t3.new.total"],
    scale: 100,
    percent: false,
  },
  {
    key: "review_corrected_share",
    label: { zh: "行政复议纠正率", en: "Share of reviews corrected" },
    formula: { zh: "行政复议结果纠正 ÷ 行政复议总计", en: "reviews corrected ÷ all reviews" },
    numerator: ["t4.review.corrected"],
    denominator: ["t4.review.total"],
    scale: 1,
    percent: true,
  },
];

const byKey = new Map(RATES.map((rate) => [rate.key, rate]));

export function rate(key: string): Rate | undefined {
  return byKey.get(key);
}

/** A plain metric as a "rate" of one figure over nothing, so ranking code handles both alike. */
export function measureFor(key: string): Rate | undefined {
  const known = byKey.get(key);
  if (known) return known;
  const m = metric(key);
  if (!m) return undefined;
  return {
    key,
    label: { zh: m.label_zh, en: m.label_en },
    formula: { zh: m.code, en: m.code },
    numerator: [key],
    denominator: [],
    scale: 1,
    percent: false,
  };
}

/** Table 3's applicant columns, which add up to its 总计 column (the template's row identity). */
const T3_PARTS = T3_COLUMN_KEYS.filter((key) => key !== "total");
const T3_TOTAL = /^t3\.(.+)\.total$/;

/** The six column codes a table-3 total adds up from, or none for another code. */
function partsOf(code: string): string[] {
  const match = T3_TOTAL.exec(code);
  return match ? T3_PARTS.map((part) => `t3.${match[1]}.${part}`) : [];
}

/** The codes with the columns of each table-3 total among them (see fillColumnTotals). */
export function withColumnParts(codes: string[]): string[] {
  return [...new Set([...codes, ...codes.flatMap(partsOf)])];
}

/** The figures a measure reads, with the columns of each table-3 total. */
export function codesOf(measure: Rate): string[] {
  return withColumnParts([...measure.numerator, ...measure.denominator]);
}

/**
 * Some reports print table 3 without its 总计 column, so the store has no total for them. A total
 * the measure needs is then the sum of its six printed columns (exact: the template defines the
 * total so), added to `values` when all six are present. Returns the codes it added.
 */
export function fillColumnTotals(values: Map<string, number>, codes: string[]): string[] {
  const filled: string[] = [];
  for (const code of codes) {
    if (values.has(code)) continue;
    const parts = partsOf(code);
    if (parts.length === 0 || !parts.every((part) => values.has(part))) continue;
    values.set(
      code,
      parts.reduce((sum, part) => sum + values.get(part)!, 0),
    );
    filled.push(code);
  }
  return filled;
}

/** The measure's value from one report's figures, or null when a figure is missing or the base is 0. */
export function compute(measure: Rate, values: Map<string, number>): number | null {
  let top = 0;
  for (const code of measure.numerator) {
    const value = values.get(code);
    if (value === undefined) return null;
    top += value;
  }
  if (measure.denominator.length === 0) return top;
  let bottom = 0;
  for (const code of measure.denominator) {
    const value = values.get(code);
    if (value === undefined) return null;
    bottom += value;
  }
  if (bottom === 0) return null;
  return (top * measure.scale) / bottom;
}
