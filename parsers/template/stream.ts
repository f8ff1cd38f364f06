// Flattens a DocumentIR into one stream of tokens in reading order, whatever the format: a table row
// contributes its cells (spanned copies dropped, so a rowspan label is read once), a text block
// contributes one row per line. Each cell is cut into text parts and number parts; empty table cells
// become blanks (a blank is 0 by convention, but may also be layout padding: the readers decide).
import { UNREAD_CELL, type DocumentIR, type SourceLocation } from "../ir.js";
import { foldDigits, isZeroMark, readNumber, scanParts, type NumberToken } from "./cells.js";
import { normalizeLabel } from "./normalize.js";
import { runningHeads } from "./running-heads.js";

// `charCodeAt.call(text, i)` in per-character loops: see parsers/template/nfkc.ts.
const charCodeAt = String.prototype.charCodeAt;
// …and the other string methods called once or twice per token (the same megamorphic look-up).
const { includes, trim, startsWith, endsWith } = String.prototype;

interface TokenBase {
  /** Index of the row (table row or text line) the token came from. */
  row: number;
  /** True when the row is a table row with several cells (a grid), false for a line of text. */
  grid: boolean;
  /** True when the row belongs to a table (even a one-cell row), false for a line of text. */
  table: boolean;
  /** The table's columns were rebuilt from text by the front-end (IR `inferredColumns`). */
  inferred?: boolean;
  loc?: SourceLocation;
}

export interface TextToken extends TokenBase {
  kind: "text";
  text: string;
  /** normalizeLabel(text), computed once. */
  norm: string;
}

export interface NumToken extends TokenBase {
  kind: "num";
  num: NumberToken;
}

export interface BlankToken extends TokenBase {
  kind: "blank";
}

/**
 * A figure cell of a scan's grid row whose ink OCR could not read (IR text UNREAD_CELL): no figure
 * and no zero, but a place, so the row's other figures keep their columns (table 3, table 4).
 */
export interface UnreadToken extends TokenBase {
  kind: "unread";
}

export type Token = TextToken | NumToken | BlankToken | UnreadToken;

/** Builds the token stream of a document. */
export function tokenize(doc: DocumentIR): Token[] {
  const tokens: Token[] = [];
  let row = 0;
  const heads = runningHeads(doc);
  // Only OCR marks a cell unread; in any other document "?" is text.
  const ocr = doc.ocr !== undefined;
  for (let b = 0; b < doc.blocks.length; b++) {
    const block = doc.blocks[b]!;
    if (block.kind === "table") {
      for (const cells of block.rows) {
        const origin = cells.some((c) => c.spanned) ? cells.filter((c) => !c.spanned) : cells;
        const grid = origin.length > 1;
        const inferred = block.inferredColumns === true;
        for (const cell of origin) {
          const loc = cell.loc ?? block.loc;
          if (ocr && grid && cell.text === UNREAD_CELL)
            tokens.push({ kind: "unread", row, grid, table: true, inferred, loc });
          else pushCell(tokens, cell.text, { row, grid, table: true, inferred, loc });
        }
        row++;
      }
    } else {
      // Front-ends give one line per text block; only multi-line blocks need splitting.
      const lines = includes.call(block.text, "\n") ? block.text.split(/\r?\n/) : [block.text];
      for (let i = 0; i < lines.length; i++) {
        // The block's own location for its first line (as table cells share theirs), a copy after it.
        const loc =
          i > 0 && block.loc?.line !== undefined ? { ...block.loc, line: block.loc.line + i } : block.loc;
        // A page's running head is read like its footer: as nothing (the row still counts).
        if (heads?.has(`${b}:${i}`)) {
          row++;
          continue;
        }
        pushCell(tokens, lines[i]!, { row, grid: false, table: false, loc });
        row++;
      }
    }
  }
  return joinDetachedSigns(tokens);
}

// 本年增/减 printed with its sign word in a run of its own: "增" / "3" on consecutive lines of a dump.
const SIGN_WORD = new Set(["增", "减", "增加", "减少"]);

/** A sign word alone on its line, right before a figure alone on the next line: one signed figure. */
function joinDetachedSigns(tokens: Token[]): Token[] {
  let out: Token[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (
      t.kind === "text" &&
      !t.grid &&
      t.norm.length <= 2 && // every sign word is: longer text is not hashed to find out
      SIGN_WORD.has(t.norm) &&
      next?.kind === "num" &&
      !next.grid &&
      next.row === t.row + 1 &&
      tokens[i - 1]?.row !== t.row &&
      tokens[i + 2]?.row !== next.row &&
      next.num.digits !== null &&
      !next.num.negative
    ) {
      const num = readNumber(`${t.norm}${next.num.raw}`);
      if (num) {
        out ??= tokens.slice(0, i);
        out.push({ ...next, num });
        i++;
        continue;
      }
    }
    out?.push(t);
  }
  return out ?? tokens;
}

function pushCell(tokens: Token[], rawText: string, base: TokenBase): void {
  const text = cleanCell(rawText);
  if (text === "") {
    if (base.grid)
      tokens.push({
        kind: "blank",
        row: base.row,
        grid: base.grid,
        table: base.table,
        inferred: base.inferred,
        loc: base.loc,
      });
    return;
  }
  if (isZeroMark(text)) {
    pushNumber(tokens, base, { raw: text, value: 0, digits: null });
    return;
  }
  // A sign set apart from its figure in a cell of its own ("+ 14", "- 1"): one signed figure.
  const spaced = isSign(charCodeAt.call(text, 0)) ? SPACED_SIGN.exec(text) : null;
  if (spaced) {
    const num = readNumber(`${spaced[1]}${spaced[2]}`);
    if (num) {
      pushNumber(tokens, base, { ...num, raw: text });
      return;
    }
  }
  // A spreadsheet's error value ("#N/A", "#DIV/0!", "#REF!") where a formula failed: no figure, and
  // its slash and digits are no zero cells.
  if (text[0] === "#" && SPREADSHEET_ERROR.test(text)) {
    pushTextPiece(tokens, base, text);
    return;
  }
  // An item number standing alone ("2." on its own line, or in its own cell, before
  // "其他法律行政法规禁止公开"): numbering, never a figure.
  if (startsWithDigit(text) && ITEM_NUMBER.test(text)) {
    pushTextPiece(tokens, base, text);
    return;
  }
  // The two commonest cells without scanParts' part list: no digit at all (text), digits only (a figure).
  if (!ANY_DIGIT.test(text)) {
    pushText(tokens, text, base);
    return;
  }
  // A generic column header an OCR tool or a language model put over the figures ("数据1" … "数据6",
  // "列3", "Column 2"): it names a column, its digit is no figure. (It has a digit: tested after.)
  if (base.table && GENERIC_HEADER.test(text)) {
    pushTextPiece(tokens, base, text);
    return;
  }
  if (DIGITS_ONLY.test(text)) {
    const whole = readNumber(text);
    if (whole) {
      pushNumber(tokens, base, whole);
      return;
    }
  }
  for (const part of scanParts(text, base.table ? IN_CELL : IN_TEXT)) {
    if (part.kind === "num") pushNumber(tokens, base, part.token);
    else pushText(tokens, part.text, base);
  }
}

const ANY_DIGIT = /\d/;
const DIGITS_ONLY = /^\d+$/;
const IN_CELL = { inCell: true };
const IN_TEXT = { inCell: false };
const SPACED_SIGN = /^([+＋\-－−])\s+(\d+(?:\.\d+)?)$/u;
// First characters the patterns above need: most cells fail on them without running a regex.
// (SPACED_SIGN's signs +＋-－− by code.)
const isSign = (code: number) =>
  code === 0x2b || code === 0xff0b || code === 0x2d || code === 0xff0d || code === 0x2212;
const startsWithDigit = (text: string) => {
  const code = charCodeAt.call(text, 0);
  return code >= 0x30 && code <= 0x39;
};
const ITEM_NUMBER = /^\d{1,2}\s*[.．、]$/u;
const SPREADSHEET_ERROR = /^#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!)$/iu;
const GENERIC_HEADER = /^(?:(?:数据|数值|列|栏|值|data|column|col|value)\s*\d{1,2}|第\s*\d{1,2}\s*[列栏])$/iu;
const ODD_SPACES = /[\u00a0\u3000\u200b-\u200d\ufeff]/g;

/**
 * The cell's text with odd spaces made plain, trimmed, full-width digits folded; one look at the
 * characters first, since nearly every cell has neither odd spaces nor full-width digits.
 */
function cleanCell(raw: string): string {
  const length = raw.length;
  for (let i = 0; i < length; i++) {
    const c = charCodeAt.call(raw, i);
    if (
      c === 0xa0 ||
      c === 0x3000 ||
      (c >= 0x200b && c <= 0x200d) ||
      c === 0xfeff ||
      (c >= 0xff10 && c <= 0xff19)
    )
      return foldDigits(raw.replace(ODD_SPACES, " ").trim());
  }
  return trim.call(raw);
}

// Tokens are built field by field (not by spreading `base`): millions are made per crawl.
function pushNumber(tokens: Token[], base: TokenBase, num: NumberToken): void {
  tokens.push({
    kind: "num",
    row: base.row,
    grid: base.grid,
    table: base.table,
    inferred: base.inferred,
    loc: base.loc,
    num,
  });
}

function pushTextPiece(tokens: Token[], base: TokenBase, text: string): void {
  const norm = normalizeLabel(text);
  if (norm !== "")
    tokens.push({
      kind: "text",
      row: base.row,
      grid: base.grid,
      table: base.table,
      inferred: base.inferred,
      loc: base.loc,
      text,
      norm,
    });
}

// Zero marks inside running text ("规章///规范性文件//268", "68/1"): each mark is one zero cell. A single
// slash between two ideographs is wording ("本年增/减", "电话/传真"), not a cell.
const ZERO_RUN = /[/／—－]+|-+(?!\d)/gu;
const IDEOGRAPH = /[\u4e00-\u9fff]/u;
const LATIN = /[A-Za-z]/;
const WU_RUN = /无{2,}$/u;
const WU_LEAD =
  /^(无+)(?=第[二十]+条|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}\s*[.、．])/u;

function pushText(tokens: Token[], text: string, base: TokenBase): void {
  // Cells printed 无 run together after their label ("四、结转下年度继续办理无无无无无无无"): one zero each.
  // …and before the next label or heading ("11无第二十条第（八）项": 11, then 无 for 本年增/减).
  const lead = startsWith.call(text, "无") ? WU_LEAD.exec(text) : null;
  if (lead) {
    for (let k = 0; k < lead[1]!.length; k++) pushNumber(tokens, base, { raw: "无", value: 0, digits: null });
    pushText(tokens, text.slice(lead[1]!.length), base);
    return;
  }
  const wu = endsWith.call(text, "无") ? WU_RUN.exec(text) : null;
  if (wu) {
    if (wu.index > 0) pushText(tokens, text.slice(0, wu.index), base);
    for (let k = 0; k < wu[0].length; k++) pushNumber(tokens, base, { raw: "无", value: 0, digits: null });
    return;
  }
  let start = 0;
  ZERO_RUN.lastIndex = 0;
  for (let m = ZERO_RUN.exec(text); m; m = ZERO_RUN.exec(text)) {
    const before = text[m.index - 1] ?? "";
    const after = text[m.index + m[0].length] ?? "";
    // (…or between two Latin letters: "N/A", "I/O".)
    const wording =
      m[0].length === 1 &&
      ((IDEOGRAPH.test(before) && IDEOGRAPH.test(after)) || (LATIN.test(before) && LATIN.test(after)));
    // Dashes joining words or ranges ("2021-2035" is a date-like range, "——" in prose) stay text
    // unless they sit next to figures or other marks.
    if (wording || (m[0][0] !== "/" && m[0][0] !== "／" && IDEOGRAPH.test(before) && IDEOGRAPH.test(after))) {
      continue;
    }
    pushTextPiece(tokens, base, text.slice(start, m.index));
    for (const mark of m[0]) pushNumber(tokens, base, { raw: mark, value: 0, digits: null });
    start = m.index + m[0].length;
  }
  pushTextPiece(tokens, base, start === 0 ? text : text.slice(start));
}

/** Whether the stretch prints any zero at all (a copy that prints none may have dropped blank cells). */
export function printsZeros(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === "num" && t.num.value === 0) return true;
  }
  return false;
}
