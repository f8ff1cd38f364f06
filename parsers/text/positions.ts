// Where the words of a line sit, in two measures: characters (pdftotext -layout lays CJK text out
// one character per cell) and display columns (East Asian wide characters count 2, as text aligned
// by eye in an editor). Used by the aligned-table finder (parsers/text/aligned.ts).

// `charCodeAt.call(text, i)` in per-character loops: see parsers/template/nfkc.ts.
const charCodeAt = String.prototype.charCodeAt;
const slice = String.prototype.slice;

export type Measure = "char" | "display";
export const MEASURES: readonly Measure[] = ["char", "display"];

export interface Span {
  start: number;
  end: number;
}

/** A run of non-space text with its position in both measures. */
export interface Word {
  text: string;
  char: Span;
  display: Span;
  /** Single-space gap before this word (no column break). */
  joinsPrevious: boolean;
}

/** What the front-end emits as one cell: words joined by single spaces. */
export interface Token {
  text: string;
  words: Word[];
  char: Span;
  display: Span;
  /** The token is its whole line (no space in it): it starts at 0 in both measures. */
  wholeLine?: boolean;
}

/** East Asian wide and fullwidth characters take two display columns. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x2010 && code <= 0x2027) || // “” — … print full width in Chinese fonts
    code >= 0x20000
  );
}

const isSpace = (code: number) => code === 0x20 || code === 0xa0 || code === 0x3000;

export function words(line: string): Word[] {
  const found: Word[] = [];
  let char = 0;
  let display = 0;
  let current: Word | undefined;
  // Index in `line` where the current word starts: its text is sliced once when it ends.
  let currentFrom = 0;
  let gap = 0;
  let gapIsIdeographic = false;
  const length = line.length;
  for (let i = 0; i < length; i++) {
    let code = charCodeAt.call(line, i);
    let units = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      code = line.codePointAt(i)!;
      units = 2;
    }
    const width = isWide(code) ? 2 : 1;
    if (isSpace(code)) {
      if (current) current.text = slice.call(line, currentFrom, i);
      current = undefined;
      gap += 1;
      gapIsIdeographic ||= code === 0x3000;
    } else {
      if (!current) {
        current = {
          text: "",
          char: { start: char, end: char },
          display: { start: display, end: display },
          joinsPrevious: found.length > 0 && gap === 1 && !gapIsIdeographic,
        };
        currentFrom = i;
        found.push(current);
        gap = 0;
        gapIsIdeographic = false;
      }
      current.char.end = char + 1;
      current.display.end = display + width;
    }
    i += units - 1;
    char += 1;
    display += width;
  }
  if (current) current.text = line.slice(currentFrom);
  return found;
}

export function tokens(lineWords: Word[]): Token[] {
  const result: Token[] = [];
  for (const word of lineWords) {
    const last = result.at(-1);
    if (last && word.joinsPrevious) {
      last.text += " " + word.text;
      last.words.push(word);
      last.char = { start: last.char.start, end: word.char.end };
      last.display = { start: last.display.start, end: word.display.end };
    } else {
      result.push({ text: word.text, words: [word], char: word.char, display: word.display });
    }
  }
  return result;
}

/**
 * The tokens of a line: `tokens(words(line))`, except that a line holding no space at all (most
 * lines of a one-cell-per-line dump) is one token, the whole line at position 0 in both measures,
 * whose end is measured only when asked: the aligned-table finder never lays out a region of such
 * lines (parsers/text/aligned.ts oneWordPerLine), and most lines are in one.
 */
export function lineTokens(line: string): Token[] {
  const length = line.length;
  if (length === 0) return [];
  for (let i = 0; i < length; i++) {
    if (isSpace(charCodeAt.call(line, i))) return tokens(words(line));
  }
  return [new WholeLineToken(line)];
}

/** A line without spaces as its one token and its one word (see lineTokens). */
class WholeLineToken implements Token, Word {
  readonly words: Word[] = [this];
  readonly joinsPrevious = false;
  /** Starts its line (position 0 in both measures), known without measuring. */
  readonly wholeLine = true;
  private spans: { char: Span; display: Span } | undefined;

  constructor(public text: string) {}

  get char(): Span {
    return (this.spans ??= measureLine(this.text)).char;
  }

  get display(): Span {
    return (this.spans ??= measureLine(this.text)).display;
  }
}

/** Where a line without spaces ends in both measures (as `words` measures its one word). */
function measureLine(line: string): { char: Span; display: Span } {
  let char = 0;
  let display = 0;
  const length = line.length;
  for (let i = 0; i < length; i++) {
    let code = charCodeAt.call(line, i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      code = line.codePointAt(i)!;
      i++;
    }
    char += 1;
    display += isWide(code) ? 2 : 1;
  }
  return { char: { start: 0, end: char }, display: { start: 0, end: display } };
}
