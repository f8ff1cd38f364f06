// A row's figures printed on two lines. `pdftotext -layout` of a table whose cells are centred
// vertically (Chromium's and LibreOffice's print of HTML tables with labels wrapped over two or
// three lines) puts the cells of some columns a line above or below the others:
//
//     一、本年新收政府信息
//                                              0
//      公开申请数量         1     0      0    0              0   1
//
//       一、本年新收政府信息公
//                                    0                0     0
//         开申请数量            1             0                          0    1
//
// Read as two rows, neither has the row's seven figures and the row is left out. The two lines are
// put back together when that is the only reading: they stand right next to each other (no blank
// line between) and no other line of figures touches them (the line before and the line after
// carry no figures), each has figures (at least two counts together), their figures interleave
// with a space between any two, and at most one of them has label words, all left of the other
// line's figures. Two real rows of table 3 never interleave: every row with a figure has its 总计.
// Two rows of a zero-as-blank table 2 whose figures interleave both carry labels: never joined.
// The figures go to the line with the label (else to the line with more figures, else the lower).

import { isWhiteSpace } from "../white-space.js";

// `charCodeAt.call(text, i)` in per-character loops: see parsers/template/nfkc.ts.
const charCodeAt = String.prototype.charCodeAt;

const WORD = /\S+/g;
const FIGURE = /^(?:\d+(?:[,，]\d{3})*(?:\.\d+)?|[-—–/／无])$/u;
const DIGITS = /^\d+$/;
const ANY_DIGIT = /\d/;
// A word that starts a numbered item: 一、 （一） 1. followed by its name.
const ITEM_HEAD =
  /^(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[）)]|\d{1,2}[.．、])\S/u;
const PAGE_FOOTER = /^\s*(?:[-—－]\s*\d{1,4}\s*[-—－]|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?)\s*$/u;

interface Word {
  text: string;
  start: number;
  end: number;
}

/** A line as label words followed by figure words (null when figures and words mix, or no figure). */
interface FigureLine {
  labels: Word[];
  figures: Word[];
}

function figureLine(line: string | undefined): FigureLine | null {
  if (line === undefined || !ANY_DIGIT.test(line) || line.includes("\t") || PAGE_FOOTER.test(line)) {
    return null;
  }
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(line); m; m = WORD.exec(line)) {
    words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  const first = words.findIndex((w) => FIGURE.test(w.text));
  if (first < 0) return null;
  for (let k = first + 1; k < words.length; k++) if (!FIGURE.test(words[k]!.text)) return null;
  return { labels: words.slice(0, first), figures: words.slice(first) };
}

const counts = (line: FigureLine) => line.figures.filter((f) => DIGITS.test(f.text)).length;

/** Whether `from`'s figures all fit on `into`'s line: on its spaces, a space each side, right of its labels. */
function fitsInto(from: FigureLine, into: FigureLine, intoText: string): boolean {
  const labelEnd = into.labels.at(-1)?.end ?? -1;
  for (const figure of from.figures) {
    if (figure.start <= labelEnd + 1) return false;
    for (let i = figure.start - 1; i <= figure.end; i++) if ((intoText[i] ?? " ") !== " ") return false;
  }
  return true;
}

/**
 * Whether `piece`'s label words are a piece of a group label printed down a column left of the row
 * labels (`（四）无法提供` wrapped a few characters a line: `无法提`, `（三`, `三、`): a few characters,
 * no digit, all ending before `row`'s last label word starts.
 */
function groupPiece(piece: FigureLine, row: FigureLine): boolean {
  const words = piece.labels.map((w) => w.text).join("");
  return words.length <= 4 && !ANY_DIGIT.test(words) && piece.labels.at(-1)!.end < row.labels.at(-1)!.start;
}

/** Whether `head`'s label starts a numbered item and `rest`'s (no number) can go on with it. */
function itemHeadAndRest(head: FigureLine, rest: FigureLine): boolean {
  return (
    head.figures.length + rest.figures.length === 7 &&
    ITEM_HEAD.test(head.labels[0]!.text) &&
    !rest.labels.some((w) => ITEM_HEAD.test(w.text) || ANY_DIGIT.test(w.text))
  );
}

/**
 * The lines with every row printed on two lines put on one (same number of lines, so line
 * numbers stay); the input array itself when nothing moves (the common case).
 */
export function joinStrayFigures(lines: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i + 1 < lines.length; i++) {
    // Cheap gate: a row printed apart has a run of spaces before its figures.
    const upperText = lines[i]!;
    if (!upperText.includes("  ")) continue;
    const upper = figureLine(upperText);
    if (!upper) continue;
    const lowerText = lines[i + 1]!;
    const lower = figureLine(lowerText);
    if (!lower || figureLine(lines[i - 1]) || figureLine(lines[i + 2])) continue;
    // Both labelled: only a row of table 3 or 4 has seven figures or more (two such rows never
    // interleave), and only when one line's label is a piece of a group label left of the other's,
    // or the upper line's label is a numbered item's head and the lower's its unnumbered rest with
    // exactly one table-3 row's seven figures between them. The figures go to the row's label.
    const labelled = upper.labels.length > 0 && lower.labels.length > 0;
    const upperPiece = labelled && groupPiece(upper, lower);
    if (labelled && upper.figures.length + lower.figures.length < 7) continue;
    if (labelled && !upperPiece && !groupPiece(lower, upper) && !itemHeadAndRest(upper, lower)) continue;
    if (counts(upper) + counts(lower) < 2 || upper.figures.length + lower.figures.length < 3) continue;
    const upperFirst = labelled
      ? !upperPiece
      : upper.labels.length > 0 || (lower.labels.length === 0 && upper.figures.length > lower.figures.length);
    const [into, intoText, from] = upperFirst
      ? ([upper, upperText, lower] as const)
      : ([lower, lowerText, upper] as const);
    if (!fitsInto(from, into, intoText)) continue;
    let joined = intoText.padEnd(from.figures.at(-1)!.end, " ");
    for (const figure of from.figures) {
      joined = joined.slice(0, figure.start) + figure.text + joined.slice(figure.end);
    }
    // The line the figures left keeps only its group piece, if any (the row's label is on the other).
    const left =
      from.labels.length > 0 ? (upperFirst ? lowerText : upperText).slice(0, from.labels.at(-1)!.end) : "";
    out ??= [...lines];
    out[i] = upperFirst ? joined.trimEnd() : left;
    out[i + 1] = upperFirst ? left : joined.trimEnd();
    i++; // both lines are used
  }
  return out ?? lines;
}

// What a line of two figures or more, without label, starts with: a word that FIGURE can match
// (a digit or a zero mark first), then another word.
const FIGURES_ONLY_START = /^\s*[\d\-—–/／无]\S*\s+\S/u;

/**
 * FIGURES_ONLY_START.test(line) in one pass: the pattern backtracks through the whole first word of
 * a line without a space (\S* then \s+ can never share a character), which on long prose lines
 * starting with a digit ("2024年，…") was most of the gate's time.
 */
function figuresOnlyStart(line: string): boolean {
  const length = line.length;
  let i = 0;
  while (i < length && isWhiteSpace(charCodeAt.call(line, i))) i++;
  if (i === length || !FIRST_OF_FIGURES.has(charCodeAt.call(line, i))) return false;
  i++;
  while (i < length && !isWhiteSpace(charCodeAt.call(line, i))) i++;
  if (i === length) return false;
  while (i < length && isWhiteSpace(charCodeAt.call(line, i))) i++;
  return i < length;
}

/** FIGURES_ONLY_START's first character class [\d\-—–/／无], by code. */
const FIRST_OF_FIGURES = new Set([..."0123456789-—–/／无"].map((c) => c.charCodeAt(0)));

/** For tests: the gate and the pattern it stands for. */
export const figuresOnlyStartParts = { fast: figuresOnlyStart, pattern: FIGURES_ONLY_START };

// Item numbering at the start of a word: 一、 （一） 1.
const NUMBERED =
  /(?:^|\s)(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[）)]|\d{1,2}[.．、])\S/u;

/**
 * A label wrapped around its row's figures, as `pdftotext -layout` prints a cell centred in a tall
 * row: the label's head on the line above a line of figures without label, its tail on the line
 * below.
 *
 *          （二）部分公开（区分处理的，只计这
 *                               0   0        0     0     0   0   0
 *          一情形，不计其他情形）
 *
 * Head and tail become the row's label cell (returned by line of the figures; both lines are
 * blanked): when the head names an item (numbered), the tail names none and has no digit, and the
 * line after the tail is blank or ends the text (the tail is not a label waiting for figures of its
 * own below it). Without this the figures were a row without label, placed by order only.
 */
export function wrappedLabels(lines: string[]): { lines: string[]; labels: Map<number, string> } {
  let out: string[] | null = null;
  const labels = new Map<number, string>();
  for (let i = 1; i + 1 < lines.length; i++) {
    // Cheap gate (most lines fail it): a figure first, and a second word. A line starting with an
    // ideograph other than 无 fails it at its first character.
    const first = lines[i]!.charCodeAt(0);
    if ((first >= 0x4e00 && first <= 0x9fff && first !== 0x65e0) || !figuresOnlyStart(lines[i]!)) continue;
    const figures = figureLine(lines[i]);
    if (!figures || figures.labels.length > 0 || figures.figures.length < 2) continue;
    const head = lines[i - 1]!;
    const tail = lines[i + 1]!;
    if (head.trim() === "" || tail.trim() === "" || ANY_DIGIT.test(tail) || !NUMBERED.test(head)) continue;
    if (NUMBERED.test(tail) || figureLine(head) || (lines[i + 2] ?? "").trim() !== "") continue;
    out ??= [...lines];
    labels.set(i, head.trim() + tail.trim());
    out[i - 1] = "";
    out[i + 1] = "";
  }
  return { lines: out ?? lines, labels };
}

/** Words of a line with their columns. */
function wordsOf(line: string): Word[] {
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(line); m; m = WORD.exec(line)) {
    words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return words;
}

const isBlank = (line: string | undefined) => line === undefined || line.trim() === "";

/**
 * A label cell wrapped over several lines with the row's figures on a line in its middle, a group
 * label's pieces down a column to its left, as `pdftotext -layout` prints a tall row of LibreOffice's
 * or Chromium's print of an HTML table:
 *
 *       （六）
 *             2.申请人逾期未按收费通
 *       其他处
 *             知要求缴纳费用、行政机
 *        理                   0   0   0   0   0   0   0
 *             关不再处理其政府信息公
 *                  开申请
 *
 * Read line by line, the figures' own line has only `理` for a label, and the row is placed by
 * order only. Taken as one cell: within lines between blank lines (at most eight), one line of
 * figures below a numbered item head (the only one that far right), the words in the head's column
 * and right of it, top to bottom, are the row's label (returned by line of the figures, whose own
 * words are blanked); words left of that column are a group label's pieces (a few characters
 * each, no digit) and stay where they are, but on the figures' line. Needs label words on the
 * figures' line or below it (else it is a label above its row, read as such elsewhere) and no
 * digit below the figures.
 */
export function cellLabels(lines: string[], labels: Map<number, string>): string[] {
  let out: string[] | null = null;
  for (let start = 0; start < lines.length; start++) {
    if (isBlank(lines[start]) || !isBlank(lines[start - 1])) continue;
    let end = start;
    while (end < lines.length && !isBlank(lines[end])) end++;
    if (end - start < 3 || end - start > 8) continue;
    const figureLines: number[] = [];
    for (let i = start; i < end; i++) if (figureLine(lines[i])) figureLines.push(i);
    if (figureLines.length !== 1) continue;
    const f = figureLines[0]!;
    const row = figureLine(lines[f])!;
    if (row.figures.length < 2 || labels.has(f)) continue;
    // The item head is the numbered word furthest right (a group's own number, `（六）`, is left of it).
    let head = -1;
    let column = -1;
    let heads = 0;
    for (let i = start; i < end; i++) {
      for (const word of wordsOf(lines[i]!)) {
        if (!ITEM_HEAD.test(word.text) || word.start < column) continue;
        heads = word.start === column ? heads + 1 : 1;
        [head, column] = [i, word.start];
      }
    }
    if (heads !== 1 || head >= f) continue;
    let label = "";
    let after = false;
    let pieces = true;
    const kept: string[] = [];
    for (let i = start; i < end; i++) {
      const words = i === f ? row.labels : wordsOf(lines[i]!);
      let piece = "";
      let line = lines[i]!;
      for (const word of words) {
        // The figures' own line keeps only its figures (they follow the label cell).
        if (word.start >= column || i === f)
          line = line.slice(0, word.start) + " ".repeat(word.end - word.start) + line.slice(word.end);
        if (word.start >= column) {
          label += word.text;
          if (i >= f) after = true;
        } else piece += word.text;
      }
      if (piece.length > 4 || ANY_DIGIT.test(piece)) pieces = false;
      if (i > f && ANY_DIGIT.test(lines[i]!)) pieces = false;
      kept.push(i === f ? line : line.trimEnd());
    }
    if (!pieces || !after) continue;
    out ??= [...lines];
    for (let i = start; i < end; i++) out[i] = kept[i - start]!;
    labels.set(f, label);
    start = end;
  }
  return out ?? lines;
}
