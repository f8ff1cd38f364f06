// NFKC without ICU for the text reports are made of. `String.prototype.normalize` costs a round trip
// through ICU per call, and the recognizer normalises every line several times (labels, prose,
// titles). For text made only of the characters below, the normal form is the normal forms of its
// characters joined: none of them combines with a neighbour (no combining marks, no Hangul jamo),
// and a character is taken only when its own normal form stays within the ranges. What each one
// becomes is computed with `normalize` itself, once; any other character sends the text to ICU.

// String builtins called as `charCodeAt.call(text, i)` in loops over every character, not as
// `text.charCodeAt(i)`: the method look-up on the string is cached by V8 per representation of the
// string (flat or sliced, one- or two-byte, concatenated, internalized …), and strings reach the
// recognizer in all of them, so a shared loop's cache goes megamorphic and each character costs a
// generic look-up and call (about four times slower). A module's own constant is inlined whatever
// the representation (an imported one is not); `text.length` is read once before the loop likewise.
const charCodeAt = String.prototype.charCodeAt;
const slice = String.prototype.slice;

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

/** CJK unified ideographs: their own normal form, the bulk of every report. */
const isIdeograph = (code: number) => code >= 0x4e00 && code <= 0x9fff;

const inFastRanges = (code: number) =>
  isIdeograph(code) || FAST_RANGES.some(([from, to]) => code >= from && code <= to);

/** What each character of the fast ranges becomes under `map` (applied to it alone). */
export interface CharTable {
  /** 1: itself, 2: nothing, 3: `replacement`; 0: not in the fast ranges. */
  kind: Uint8Array;
  replacement: Map<number, string>;
}

const KEEP = 1;
const DROP = 2;
const REPLACE = 3;

/** Builds the table of `map` (a function of NFKC, so the closure condition carries over). */
export function charTable(map: (char: string) => string): CharTable {
  const kind = new Uint8Array(0x10000);
  const replacement = new Map<number, string>();
  for (const [from, to] of FAST_RANGES) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCharCode(code);
      const nfkc = char.normalize("NFKC");
      let closed = true;
      for (let i = 0; i < nfkc.length; i++) closed &&= inFastRanges(nfkc.charCodeAt(i));
      if (!closed) continue;
      const mapped = map(char);
      if (mapped === char) kind[code] = KEEP;
      else if (mapped === "") kind[code] = DROP;
      else {
        kind[code] = REPLACE;
        replacement.set(code, mapped);
      }
    }
  }
  return { kind, replacement };
}

/**
 * `map` applied character by character with its table (ideographs kept as they are); undefined when
 * the text holds a character outside the fast ranges. The text itself when nothing changes.
 */
export function mapChars(text: string, table: CharTable): string | undefined {
  const { kind, replacement } = table;
  let out = "";
  let kept = 0; // start of the run of unchanged characters not yet copied to `out`
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = charCodeAt.call(text, i);
    if (isIdeograph(code)) continue;
    const k = kind[code];
    if (k === KEEP) continue;
    if (k !== DROP && k !== REPLACE) return undefined;
    out += slice.call(text, kept, i);
    if (k === REPLACE) out += replacement.get(code)!;
    kept = i + 1;
  }
  return kept === 0 ? text : out + slice.call(text, kept);
}

let nfkcTable: CharTable | undefined;

const nfkcKind = (): Uint8Array => (nfkcTable ??= charTable((char) => char.normalize("NFKC"))).kind;

/**
 * Whether a character (a UTF-16 code unit) is its own NFKC form and combines with no neighbour: text
 * made only of such characters is its own NFKC form (what `nfkc` tests character by character).
 */
export function isOwnNfkc(code: number): boolean {
  return isIdeograph(code) || nfkcKind()[code] === KEEP;
}

/**
 * `text.normalize("NFKC")`, without the call when the text is made only of characters that are
 * their own normal form (short labels and headings mostly are). Text that changes goes to ICU, which
 * is faster than mapping character by character once there is anything to replace.
 */
export function nfkc(text: string): string {
  const kind = nfkcKind();
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = charCodeAt.call(text, i);
    if (!isIdeograph(code) && kind[code] !== KEEP) return text.normalize("NFKC");
  }
  return text;
}
