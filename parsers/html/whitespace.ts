// Whitespace of HTML text as a browser shows it, tuned for Chinese: runs collapse to one space,
// except that a source line break between two Chinese characters disappears (CSS Text 3 segment
// break rule; Word and editors wrap long lines inside words, "申\r\n请数量"). Explicit spaces
// (&nbsp;, U+3000) and hard breaks (<br>, <p> inside a cell) always leave one space.

/** Marks a hard break (<br>, a block boundary inside a cell) in raw text before normalising. */
export const HARD_BREAK = "\u2029";

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const SPACE_RUN = /[\s\u2029\u3000]+/g;
/** Anything normalising would change: whitespace of any kind or an invisible character. */
const NEEDS_NORMALISING = /[\s\u2029\u3000\u200B-\u200D\u2060\uFEFF\u00AD]/;
const EXPLICIT_SPACE = /[\u00A0\u3000\u2029]/;
const LINE_BREAK = /[\n\r]/;
const WIDE =
  /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u3000-\u303F\u{20000}-\u{3FFFF}]/u;

function isWide(char: string | undefined): boolean {
  return char !== undefined && WIDE.test(char);
}

function collapseRun(run: string, offset: number, whole: string): string {
  if (run === " ") return " ";
  if (!EXPLICIT_SPACE.test(run) && LINE_BREAK.test(run)) {
    if (isWide(whole[offset - 1]) && isWide(whole[offset + run.length])) return "";
  }
  return " ";
}

/** Collapses the whitespace of raw HTML text into what a reader sees; trims both ends. */
export function normalizeInline(raw: string): string {
  // Most cells ("0", "规章") need nothing: one test instead of two replaces.
  if (!NEEDS_NORMALISING.test(raw)) return raw;
  return raw.replace(ZERO_WIDTH, "").replace(SPACE_RUN, collapseRun).trim();
}

/** Text nodes may contain our marker character by accident; neutralise it before adding markers. */
export function sanitizeTextNode(data: string): string {
  return data.includes(HARD_BREAK) ? data.replaceAll(HARD_BREAK, "\n") : data;
}
