// Lines of a copied-out report, cleaned of the invisible debris copying leaves behind.

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// `charCodeAt.call(text, i)` in per-character loops: see parsers/template/nfkc.ts.
const charCodeAt = String.prototype.charCodeAt;
// …and the other string methods called per line or cell (the same megamorphic look-up).
const { includes, trim } = String.prototype;

/** HTML entities left in text scraped from web pages ("0&nbsp;&nbsp;3"): debris, never content. */
const LEFTOVER_ENTITY = /&(?:(nbsp|ensp|emsp|amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-f]{1,6}));/gi;
const NAMED_ENTITIES: Record<string, string> = {
  nbsp: "\u00A0",
  ensp: " ",
  emsp: "\u3000",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function decodeEntity(match: string, name?: string, decimal?: string, hex?: string): string {
  if (name) return NAMED_ENTITIES[name.toLowerCase()] ?? match;
  const code = decimal ? Number(decimal) : parseInt(hex!, 16);
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    ? String.fromCodePoint(code)
    : match;
}

/**
 * Normalises line ends (\r\n, \r, form feeds between PDF pages), drops zero-width characters and
 * decodes HTML entities left over from scraping.
 */
export function normalizeText(raw: string): string {
  // One regular-expression scan first (native code, about four times a JavaScript loop over the
  // characters): most texts hold no zero-width character and no line end but \n, and none holds an
  // entity, and are returned as they are.
  if (!DEBRIS.test(raw)) return includes.call(raw, "&") ? raw.replace(LEFTOVER_ENTITY, decodeEntity) : raw;
  const text = raw.replace(ZERO_WIDTH, "").replace(/\r\n?|\f|\u2028|\u2029|\u0085/g, "\n");
  return includes.call(text, "&") ? text.replace(LEFTOVER_ENTITY, decodeEntity) : text;
}

/** What the replacements of normalizeText act on: ZERO_WIDTH's characters and the line ends other than \n. */
const DEBRIS = /[\r\f\u0085\u00AD\u200B-\u200D\u2060\uFEFF\u2028\u2029]/;

/** Splits into lines (1-based numbering is the caller's: index + 1). */
export function splitLines(text: string): string[] {
  return normalizeText(text).split("\n");
}

/** Blank: nothing but spaces of any width. */
export function isBlankLine(line: string): boolean {
  return trim.call(line).length === 0;
}

/** Cells of a tab-separated line, keeping empty cells (their position is the column). */
export function splitTabs(line: string): string[] {
  return line.split("\t").map((cell) => trim.call(cell));
}

/** Two or more spaces (plain or no-break), or any run holding a full-width space: a column gap. */
const COLUMN_GAP = /(?:[ \u00A0]{2,}|[ \u00A0]*\u3000[ \u3000\u00A0]*)/;
// The same gap for splitting, compiled once (split() never reads or moves a regex's lastIndex).
const COLUMN_GAPS = new RegExp(COLUMN_GAP.source, "g");

/**
 * Cells of a space-aligned line (`pdftotext -layout`, hand-aligned text), or undefined when the
 * line is prose. Leading indentation is not a column (paragraphs start with full-width spaces).
 */
export function splitAlignedColumns(line: string): string[] | undefined {
  const trimmed = trim.call(line);
  // Justified prose also has wide gaps; a sentence end (。) never appears in a table row's cells.
  if (!COLUMN_GAP.test(trimmed) || includes.call(trimmed, "。")) return undefined;
  const cells = trimmed.split(COLUMN_GAPS).filter((cell) => cell.length > 0);
  return cells.length >= 2 ? cells : undefined;
}

/** Cells of a pipe row (`| a | b |`): split on unescaped pipes, `\\|` kept as a pipe, empty cells kept. */
export function splitPipeRow(line: string): string[] {
  const trimmed = trim.call(line);
  if (!includes.call(trimmed, "\\")) {
    // No backslash, no escaped pipe (most rows): the same cuts without the look-behind patterns.
    const start = charCodeAt.call(trimmed, 0) === 0x7c ? 1 : 0;
    const end =
      trimmed.length > start && charCodeAt.call(trimmed, trimmed.length - 1) === 0x7c
        ? trimmed.length - 1
        : trimmed.length;
    return trimmed
      .slice(start, end)
      .split("|")
      .map((cell) => trim.call(cell));
  }
  const inner = trimmed.replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => cell.replaceAll("\\|", "|").trim());
}

// A delimiter cell: at least three dashes, or dashes with an alignment colon (GFM `---`, `:--`, `-:`).
// A lone "-" or "--" is a zero printed as a hyphen, i.e. data.
const SEPARATOR_CELL = /^(?::-+:?|-+:|-{3,})$/;

/** A Markdown table rule (`|---|:--:|`): every cell a delimiter; a row of single hyphens is data (zeros). */
export function isPipeSeparatorRow(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((cell) => SEPARATOR_CELL.test(cell.replace(/\s+/g, "")));
}
