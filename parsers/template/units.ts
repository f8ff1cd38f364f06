// Money units and exact decimal conversion. Table 2's amounts are stored in 万元; a report prints
// them in 元, 万元 or 亿元, in the cell ("251000元") or in the column header ("采购总金额（元）",
// "（单位：万元）", or the unit alone on a line under the header). Conversions shift the decimal
// point in the printed digits (120190475.34 元 → "12019.047534" → 12019.047534), never divide in
// binary floating point (which gives 12019.047534000001).

/** A money unit as printed, by its power of ten relative to 万元 (元 = -4, 万元 = 0, 亿元 = 4). */
export type MoneyUnit = "元" | "万元" | "亿元";

export const UNIT_SHIFT: Record<MoneyUnit, number> = { 元: -4, 万元: 0, 亿元: 4 };

/**
 * The number whose decimal digits are `decimal` (e.g. "120190475.34", "-3", "1e21" excluded) with
 * the decimal point moved `places` to the right (negative: left). Exact: the result is the double
 * nearest to the shifted decimal, as if it had been printed that way.
 */
export function shiftDecimal(decimal: string, places: number): number {
  const shifted = shiftDecimalText(decimal, places);
  return shifted === null ? NaN : Number(shifted);
}

/** shiftDecimal's text ("12019.047534"), or null when `decimal` is not a plain decimal. */
function shiftDecimalText(decimal: string, places: number): string | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!m || (m[2] === "" && !m[3])) return null;
  const [, sign = "", whole = "", frac = ""] = m;
  let digits = whole + frac;
  let point = whole.length + places;
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point) || "0"}.${digits.slice(point) || "0"}`;
}

/** A value (read from decimal text, so String(value) gives back its digits) converted between units. */
export function convertMoney(value: number, from: MoneyUnit, to: MoneyUnit = "万元"): number {
  const places = UNIT_SHIFT[from] - UNIT_SHIFT[to];
  if (places === 0) return value;
  // String() is the shortest text that reads back as the same double; exponent forms
  // ("1e-7", "1.5e+21") are rebuilt as plain decimals first.
  const text = String(value);
  const exp = /^([+-]?[\d.]+)e([+-]?\d+)$/i.exec(text);
  const plain = exp ? shiftDecimalText(exp[1]!, Number(exp[2])) : text;
  return plain === null ? NaN : shiftDecimal(plain, places);
}

// Normalised header text (normalize.ts: no spaces or punctuation) naming a unit: "元", "单位元",
// "采购总金额元", "本年收费金额单位万元", "金额亿元". A unit word must end the text or stand after
// 单位/金额, so words that merely contain 元 ("元旦", "单元") are not units.
const HEADER_UNIT = /(?:^|单位|金额|额度|费用|收费)(亿元|万元|千元|百万元|元)$/u;

/** The money unit a normalised header text declares, "unknown" for a unit we cannot convert, or null. */
export function headerUnit(norm: string): MoneyUnit | "unknown" | null {
  const m = HEADER_UNIT.exec(norm);
  if (!m) return null;
  const unit = m[1]!;
  return unit === "元" || unit === "万元" || unit === "亿元" ? unit : "unknown";
}

/**
 * The unit the header words in a stretch of text declare for money cells printed without one:
 * 万元 when none is printed (the template's unit), null when the words disagree or name a unit we
 * cannot convert (the amount is then left out, never guessed). Each text is tried alone and joined
 * with the one before it, for a unit broken over lines ("单位：" / "元").
 */
export function declaredUnit(texts: readonly string[]): MoneyUnit | null {
  const found = new Set<MoneyUnit | "unknown">();
  texts.forEach((norm, i) => {
    const unit = headerUnit(norm) ?? (i > 0 && norm.length <= 3 ? headerUnit(texts[i - 1] + norm) : null);
    if (unit) found.add(unit);
  });
  if (found.size === 0) return "万元";
  if (found.size > 1 || found.has("unknown")) return null;
  return [...found][0] as MoneyUnit;
}
