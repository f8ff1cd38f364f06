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
  return collapseSpaces(raw.replace(ZERO_WIDTH, "")).trim();
}

/**
 * The same as `text.replace(SPACE_RUN, collapseRun)` (`normalizeInlineReference` below is the
 * form the tests compare it with), in one pass over the character codes: this runs on every text node of a page.
 */
function collapseSpaces(text: string): string {
  let out = "";
  let copied = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const first = text.charCodeAt(i);
    if (!isSpaceCode(first)) {
      i++;
      continue;
    }
    let end = i;
    let explicit = false;
    let lineBreak = false;
    for (; end < length; end++) {
      const code = text.charCodeAt(end);
      if (!isSpaceCode(code)) break;
      if (code === 0xa0 || code === 0x3000 || code === 0x2029) explicit = true;
      else if (code === 0x0a || code === 0x0d) lineBreak = true;
    }
    const single = end - i === 1 && first === 0x20;
    const joins =
      !single &&
      !explicit &&
      lineBreak &&
      isWideCode(text.charCodeAt(i - 1)) &&
      isWideCode(text.charCodeAt(end));
    if (single) {
      i = end;
      continue;
    }
    out += text.slice(copied, i) + (joins ? "" : " ");
    copied = i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** JavaScript's `\s`: the characters SPACE_RUN matches. */
function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `isWide` of one UTF-16 code unit (a lone surrogate is never wide, as with the regular expression). */
function isWideCode(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

/** The regular-expression form of `normalizeInline`, the reference the tests compare it with. */
export function normalizeInlineReference(raw: string): string {
  return raw.replace(ZERO_WIDTH, "").replace(SPACE_RUN, collapseRun).trim();
}

/** Text nodes may contain our marker character by accident; neutralise it before adding markers. */
export function sanitizeTextNode(data: string): string {
  return data.includes(HARD_BREAK) ? data.replaceAll(HARD_BREAK, "\n") : data;
}
