// Whitespace of HTML text as a browser shows it, tuned for Chinese: runs collapse to one space,
// except that a source line break between two Chinese characters disappears (CSS Text 3 segment
// break rule; Word and editors wrap long lines inside words, "申\r\n请数量"). Explicit spaces
// (&nbsp;, U+3000) and hard breaks (<br>, <p> inside a cell) always leave one space.

/** Marks a hard break (<br>, a block boundary inside a cell) in raw text before normalising. */
export const HARD_BREAK = "\u2029";

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const SPACE_RUN = /[\s\u2029\u3000]+/g;
const EXPLICIT_SPACE = /[\u00A0\u3000\u2029]/;
const LINE_BREAK = /[\n\r]/;
/** Anything normalising would change: whitespace of any kind or an invisible character. */
const NEEDS_NORMALISING = /[\s\u2029\u3000\u200B-\u200D\u2060\uFEFF\u00AD]/;
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

/**
 * Collapses the whitespace of raw HTML text into what a reader sees; trims both ends. The same as
 * `normalizeInlineReference` below (zero-width characters removed, then each run of spaces made one
 * space or, for a line break between two wide characters, nothing, then trimmed), in one pass over
 * the character codes that copies the text between them in slices: this runs on every text node of
 * a page.
 */
export function normalizeInline(raw: string): string {
  // Most cells and Chinese prose need nothing: one native scan instead of the loop.
  if (!NEEDS_NORMALISING.test(raw)) return raw;
  const length = raw.length;
  let out = "";
  /** Start of the text not yet copied (-1: none pending). */
  let copyFrom = -1;
  /** The last character kept (not a space, not zero-width): the left side of the join test. */
  let previous = -1;
  let inRun = false;
  let explicit = false;
  let lineBreak = false;
  for (let i = 0; i < length; i++) {
    const code = raw.charCodeAt(i);
    // Printable ASCII and CJK are neither spaces nor zero-width: no need to classify them.
    const printable = (code > 0x20 && code < 0x7f) || (code > 0x3000 && code < 0xfeff);
    const zeroWidth = !printable && isZeroWidthCode(code);
    if (zeroWidth || (!printable && isSpaceCode(code))) {
      if (copyFrom !== -1) {
        out += raw.slice(copyFrom, i);
        copyFrom = -1;
      }
      if (zeroWidth) continue;
      if (!inRun) {
        inRun = true;
        explicit = false;
        lineBreak = false;
      }
      if (code === 0xa0 || code === 0x3000 || code === 0x2029) explicit = true;
      else if (code === 0x0a || code === 0x0d) lineBreak = true;
      continue;
    }
    if (inRun) {
      // A run before the first kept character is trimmed; one inside becomes a space unless it joins.
      const joins = !explicit && lineBreak && isWideCode(previous) && isWideCode(code);
      if (previous !== -1 && !joins) out += " ";
      inRun = false;
    }
    if (copyFrom === -1) copyFrom = i;
    previous = code;
  }
  // Nothing to change: the text itself. A trailing run is trimmed (never copied).
  if (copyFrom === 0) return raw;
  return copyFrom === -1 ? out : out + raw.slice(copyFrom);
}

/** The characters removed before collapsing (ZERO_WIDTH). */
function isZeroWidthCode(code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff || code === 0xad;
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

/**
 * True when text is only ASCII whitespace (source indentation, most text nodes of a portal page):
 * leading such text is trimmed by normalizeInline whatever follows it, so readers may skip it there.
 */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && (code < 0x09 || code > 0x0d)) return false;
  }
  return true;
}

/** Text nodes may contain our marker character by accident; neutralise it before adding markers. */
export function sanitizeTextNode(data: string): string {
  return data.includes(HARD_BREAK) ? data.replaceAll(HARD_BREAK, "\n") : data;
}
