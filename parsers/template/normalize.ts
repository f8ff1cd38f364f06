// Label normalisation: the same row label arrives with full/half-width punctuation, spaces and line
// breaks inside it, different quotes and brackets, and numbering in several styles ((一)/（一）/一、/1./1、).
// Everything that does not carry meaning is removed so labels compare as plain character strings.

// Whitespace, punctuation, brackets and quotes (after NFKC, so full-width forms are already folded).
const NOISE = /[\s\p{P}\p{S}\u00a0\u3000]/gu;

/** NFKC, then drop whitespace, punctuation, brackets, quotes and symbols. Numbering digits stay. */
export function normalizeLabel(text: string): string {
  if (text.length > MAX_CACHED_LENGTH) return fastLabel(text) ?? slowLabel(text);
  let norm = cache.get(text);
  if (norm === undefined) {
    norm = fastLabel(text) ?? slowLabel(text);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(text, norm);
  }
  return norm;
}

/** The definition: NFKC, then the noise removed. */
function slowLabel(text: string): string {
  return text.normalize("NFKC").replace(NOISE, "");
}

// Labels, header words and cell texts recur in every report of the national template: their
// normalised forms are remembered (short texts only; prose lines rarely repeat).
const MAX_CACHED_LENGTH = 64;
const MAX_CACHED = 20_000;
const cache = new Map<string, string>();

// The same result character by character, without NFKC and the Unicode-property regex (most of the
// time of reading prose lines, which are too long to cache). It holds for text made only of the
// characters below: none of them combines with a neighbour under NFKC (no combining marks, no
// Hangul jamo), so the normal form of the text is the normal forms of its characters joined, and
// NOISE looks at one character at a time. What each one becomes is computed with the definition
// itself, once; a character outside these ranges sends the text down the general path.
const FAST_RANGES: [number, number][] = [
  [0x09, 0x0d], // tab, line breaks
  [0x20, 0x7e], // ASCII
  [0xa0, 0xa0], // no-break space
  [0x2010, 0x2027], // dashes, quotes, ellipsis
  [0x2030, 0x205e], // per mille, primes, reference mark …
  [0x3000, 0x3029], // ideographic space and CJK punctuation (3029 is the last before combining marks)
  [0x3030, 0x303f],
  [0xff01, 0xff5e], // full-width ASCII
];
const isIdeograph = (code: number) => code >= 0x4e00 && code <= 0x9fff;
const inFastRanges = (code: number) =>
  isIdeograph(code) || FAST_RANGES.some(([from, to]) => code >= from && code <= to);

const KEEP = 1;
const DROP = 2;
const REPLACE = 3;
let classOf: Uint8Array | undefined;
const replacement = new Map<number, string>();

function buildClasses(): Uint8Array {
  const classes = new Uint8Array(0x10000);
  for (const [from, to] of FAST_RANGES) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCharCode(code);
      const nfkc = char.normalize("NFKC");
      // Only characters whose normal form stays within the ranges (so nothing it yields combines).
      let closed = true;
      for (let i = 0; i < nfkc.length; i++) closed &&= inFastRanges(nfkc.charCodeAt(i));
      if (!closed) continue;
      const norm = slowLabel(char);
      if (norm === char) classes[code] = KEEP;
      else if (norm === "") classes[code] = DROP;
      else {
        classes[code] = REPLACE;
        replacement.set(code, norm);
      }
    }
  }
  return classes;
}

/** normalizeLabel for text of the fast ranges; undefined for any other text. */
function fastLabel(text: string): string | undefined {
  classOf ??= buildClasses();
  let out = "";
  let kept = 0; // start of the run of kept characters not yet copied to `out`
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isIdeograph(code)) continue;
    const kind = classOf[code];
    if (kind === KEEP) continue;
    if (kind !== DROP && kind !== REPLACE) return undefined;
    out += text.slice(kept, i);
    if (kind === REPLACE) out += replacement.get(code)!;
    kept = i + 1;
  }
  return kept === 0 ? text : out + text.slice(kept);
}

/** For tests: the definition, and whether the fast path takes the text. */
export const normalizeLabelParts = { slow: slowLabel, fast: fastLabel };

/** True when the text holds at least one CJK ideograph (a label, as opposed to a bare number). */
export function hasCjk(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

// Numbering a normalised label may start with: 一 / 十二 / 1 / 12 (brackets and dots are gone already).
const NUMBERING = /^(?:[一二三四五六七八九十]{1,3}|\d{1,2})/;

/** The normalised label without its leading numbering ("三不予公开" → "不予公开"). */
export function stripNumbering(normalized: string): string {
  return normalized.replace(NUMBERING, "");
}
