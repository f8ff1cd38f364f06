// Reading figures out of cell text by the spec's cell conventions: blank, -, —, /, 无 and 0 are 0;
// thousands separators; money printed with its own unit (元 / 万元) converted to 万元; signed changes
// ("-6", "+3"). Everything that merely looks like a number (dates, years, page footers, ordinals,
// item numbering glued to a label, prose quantities such as "45 条") is kept as text.

import { shiftDecimal, UNIT_SHIFT, type MoneyUnit } from "./units.js";

/** A number read from the document, with the exact characters it came from. */
export interface NumberToken {
  raw: string;
  /** The value in the metric's unit (money already converted to 万元). */
  value: number;
  /** Digit string when the token is a bare integer (a candidate for splitting run-together cells). */
  digits: string | null;
  /** The integer was printed with a minus sign (belongs to its first digits when split). */
  negative?: boolean;
}

// `trim.call(text)` per token, not `text.trim()`: see parsers/template/nfkc.ts.
const trim = String.prototype.trim;

// Cells that the conventions read as zero.
const ZERO_MARKS = new Set(["-", "—", "–", "－", "--", "——", "/", "／", "无", "−", "\\"]);

export function isZeroMark(text: string): boolean {
  const trimmed = trim.call(text);
  // Every mark is one or two characters: a longer text (every prose line) is not hashed to find out.
  return trimmed.length <= 2 && ZERO_MARKS.has(trimmed);
}

// One pass over a text finds, in order, the things that look numeric. Dates, footers and ordinals
// come first in the alternation so their digits are never read as figures.
const SCAN = new RegExp(
  [
    // dates, years, times
    String.raw`(\d{4}\s*年(?:度)?(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?)`,
    // page footers: — 3 —, -3-, 第 3 页 (共 5 页); the same dash on both sides ("260-12—" in a
    // run-together row is 260, −12 and a "—" zero cell), at the end of the line ("-10- 2 -" is −10
    // and the footer "- 2 -" glued to the row)
    String.raw`(([—–\-－])\3?\s*\d{1,4}\s*\3{1,2}(?=\s*$)|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页)`,
    // ordinals such as 第20条, and the numbers of captions (表2, 附表 3-1, 图1, 附件2): no template
    // label holds 表, 图 or 附件, so a number after them is never a figure
    String.raw`(第\s*\d+|(?:附?表|图|附件)\s*\d+(?:\s*[-—－.．]\s*\d+)?)`,
    // signed words used for 本年增/减
    String.raw`(?:(增加|减少|增|减)\s*)?([+\-－−]?\d+(?:[,，]\d{3})*(?:\.\d+)?)(\s*(?:亿元|万元|元))?`,
  ].join("|"),
  "gu",
);
// SCAN's groups by number (named groups would allocate a `groups` object per match): 1 date,
// 2 footer (3 its dash), 4 ordinal, 5 sign word, 6 number, 7 money unit.
const FOOTER = 2;
const WORD = 5;
const NUM = 6;
const UNIT = 7;

// A quantity word right after a number marks prose ("网站发布信息 45 条"), not a table cell.
const PROSE_UNIT =
  /^\s*(?:件|条|个|项|人|次|篇|份|场|家|名|批|期|天|户|所|类|位|余|多|[%％]|万(?!元)|亿|倍|年|月|日|号|小时|分钟|平方|公里|米|吨|亩)/u;
const CJK = /[\u4e00-\u9fff]/u;
const ANY_DIGIT = /\d/;
const DIGITS_ONLY = /^\d+$/;

/** A piece of cell text: either a number or the text between numbers. */
export type CellPart = { kind: "text"; text: string } | { kind: "num"; token: NumberToken };

export interface ScanOptions {
  /** Inside a table cell a trailing unit such as 件 is just decoration, not prose. */
  inCell: boolean;
}

/** Splits text into text parts and number parts, dropping page footers. */
export function scanParts(text: string, options: ScanOptions): CellPart[] {
  // Fast paths for most cells: every SCAN alternative needs an ASCII digit, and a bare digit string
  // is one figure whatever surrounds it.
  if (!ANY_DIGIT.test(text)) return text === "" ? [] : [{ kind: "text", text }];
  const whole = DIGITS_ONLY.test(text) ? readNumber(text) : null;
  if (whole) return [{ kind: "num", token: whole }];
  const parts: CellPart[] = [];
  let textStart = 0;
  const pushText = (end: number) => {
    if (end > textStart) parts.push({ kind: "text", text: text.slice(textStart, end) });
  };
  SCAN.lastIndex = 0;
  for (let m = SCAN.exec(text); m; m = SCAN.exec(text)) {
    const footer = m[FOOTER];
    const num = m[NUM];
    const unit = m[UNIT];
    const word = m[WORD];
    const start = m.index;
    const end = start + m[0].length;
    if (footer !== undefined) {
      pushText(start);
      textStart = end;
      continue;
    }
    if (num === undefined) continue; // dates and ordinals stay in the text
    const raw = m[0];
    // Item numbering glued to a label: "…00000003.其他" → the figure is 0000000, "3." is numbering;
    // "------2.其他" → the hyphen before the 2 is a zero mark, not a minus sign.
    const signed = !unit && !word && followedBy(NUMBERING_AFTER, text, end) ? SIGNED_INTEGER.exec(num) : null;
    if (signed) {
      const [, sign = "", digits = ""] = signed;
      pushText(start);
      if (sign && sign !== "+") parts.push({ kind: "num", token: { raw: sign, value: 0, digits: null } });
      if (digits.length > 1) parts.push({ kind: "num", token: readNumber(digits.slice(0, -1))! });
      textStart = start + sign.length + Math.max(0, digits.length - 1);
      continue;
    }
    // "(1)" style numbering.
    if (opensParenthesis(text, start) && followedBy(CLOSING_PARENTHESIS, text, end)) continue;
    const longText = !options.inCell || text.length > 24;
    if (longText && !unit && followedBy(PROSE_UNIT_AFTER, text, end)) continue;
    // A percentage-like or decimal glued to CJK prose on the left inside long text is still a figure;
    // only whole prose sentences are excluded by the unit test above.
    const token = readNumber(raw);
    if (!token) continue;
    pushText(start);
    parts.push({ kind: "num", token });
    textStart = end;
  }
  pushText(text.length);
  return parts;
}

// What may follow a number, matched where it ends (sticky) instead of on a copy of the rest of
// the text: one copy per number made long lines costly.
const NUMBERING_AFTER = /\s*[.．、]\s*[\u4e00-\u9fff]/uy;
const SIGNED_INTEGER = /^([+\-－−]?)(\d+)$/u;
const CLOSING_PARENTHESIS = /\s*[)）]/uy;
const PROSE_UNIT_AFTER = new RegExp(PROSE_UNIT.source.slice(1), "uy");

/** Whether the sticky `pattern` matches in `text` at `at` (as `^pattern` on `text.slice(at)`). */
function followedBy(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at;
  return pattern.test(text);
}

/**
 * True when the text before `end` ends with "(" or "（" and optional spaces. Walks back from `end`
 * instead of matching a `$`-anchored pattern on the whole prefix, which made one long line quadratic.
 */
function opensParenthesis(text: string, end: number): boolean {
  let i = end - 1;
  while (i >= 0 && /\s/u.test(text[i]!)) i--;
  return i >= 0 && (text[i] === "(" || text[i] === "（");
}

const NUMBER = /^(增加|减少|增|减)?\s*([+＋\-－−]?)\s*(\d+(?:[,，]\d{3})*(?:\.\d+)?)\s*(亿元|万元|元)?$/u;

/** Reads one number with its sign words and money unit; null when the text is not a number. */
export function readNumber(raw: string): NumberToken | null {
  // Most figures are bare digit strings.
  if (DIGITS_ONLY.test(raw)) {
    const value = Number(raw);
    return Number.isFinite(value) ? { raw, value, digits: raw } : null;
  }
  const m = NUMBER.exec(trim.call(raw));
  if (!m) return null;
  const [, word, sign, body, unit] = m;
  const plain = body!.replace(/[,，]/g, "");
  // Money printed with its own unit is converted to 万元 by moving the decimal point, exactly.
  let value = unit ? shiftDecimal(plain, UNIT_SHIFT[unit as MoneyUnit]) : Number(plain);
  if (!Number.isFinite(value)) return null;
  const negative =
    word === "减少" || word === "减" || (sign !== undefined && sign !== "" && sign !== "+" && sign !== "＋");
  if (negative) value = -value;
  // A signed integer can still hold run-together cells: "107-119113" may be 107, -11, 9113.
  const digits = !word && !unit && /^\d+$/.test(body!) ? body! : null;
  // Built field by field (not by spreading): one per figure that is not a bare digit string.
  const token: NumberToken = { raw: trim.call(raw), value, digits };
  if (negative) token.negative = true;
  return token;
}

const FULL_WIDTH_DIGIT = /[０-９]/u;
const FULL_WIDTH_NUMERIC = /[０-９]|(?<=[０-９0-9])．(?=[０-９0-9])/gu;

/** Full-width digits (and a full-width decimal point between digits) as ASCII: "１２．５" → "12.5". */
export function foldDigits(text: string): string {
  if (!FULL_WIDTH_DIGIT.test(text)) return text;
  return text.replace(FULL_WIDTH_NUMERIC, (ch) =>
    ch === "．" ? "." : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** True when the text has CJK characters (so it can be a label). */
export function hasCjkText(text: string): boolean {
  return CJK.test(text);
}
