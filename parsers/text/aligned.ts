// Space-aligned tables (`pdftotext -layout`, portals' "text version" pages) often print zero as a
// blank cell. Splitting a line on wide gaps then loses which column each figure sits in, so this
// module finds the column layout of a run of aligned lines from where their figures sit, and
// re-emits rows with one cell per column, empty where the column is blank.
//
// Positions are measured two ways: in characters (pdftotext -layout lays CJK text out one
// character per cell) and in display columns (CJK counts 2, as in text aligned by eye in an
// editor). A layout is used only when its measure lines the figures up without any clash; a
// figure that does not fall into exactly one column leaves its row as it was ("exact numbers or none").

import { MEASURES, lineTokens, type Measure, type Span, type Token, type Word } from "./positions.js";

/** One line of the document as the aligned-table finder sees it. */
export interface AlignedLineEntry {
  text: string;
  /** Breaks any table region: tab/pipe rows, prose, rules. */
  barrier?: boolean;
  /**
   * False when the caller keeps a figure line as it is whatever its columns (a line it did not read
   * as a row): its cells are then not rebuilt. Label lines may still become blank rows.
   */
  resplit?: boolean;
}

/** New cells for a line: a figure line re-split by column, or a label whose cells are all blank. */
export interface RealignedRow {
  cells: string[];
  /** A label-only line that becomes a row of empty cells. */
  blank: boolean;
}

/** A cell value as tables print it: a count, an amount, a signed change, or a printed "none". */
const FIGURE = /^(?:(?:增加|减少)?[+\-－−]?\d+(?:[,，]\d{3})*(?:\.\d+)?(?:万元|元|件|项|个)?|[-—–/／无])$/u;
/** A page footer (`-3-`, `- 3 -`, `第 3 页`): the page may restart the table at other positions. */
const PAGE_FOOTER = /^\s*(?:[-—－]\s*\d{1,4}\s*[-—－]|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?)\s*$/u;

interface ParsedLine {
  entry: AlignedLineEntry;
  /** Index of the entry among the document's lines. */
  index: number;
  tokens: Token[];
  /** Index of the first figure token when the line is label tokens then figures only. */
  firstFigure: number;
}

/** The tokens of every barrier line (never changed). */
const NO_TOKENS: Token[] = [];

function parseLine(entry: AlignedLineEntry, index: number): ParsedLine {
  // Prose and delimited rows only break regions: their words are never looked at.
  if (entry.barrier) return { entry, index, tokens: NO_TOKENS, firstFigure: -1 };
  const found = lineTokens(entry.text);
  let firstFigure = found.findIndex((token) => FIGURE.test(token.text));
  for (let k = firstFigure + 1; firstFigure >= 0 && k < found.length; k++) {
    if (!FIGURE.test(found[k]!.text)) firstFigure = -1;
  }
  return { entry, index, tokens: found, firstFigure };
}

const isFigureLine = (line: ParsedLine) => line.firstFigure >= 0;

/** Max end of label tokens on figure lines: header words right of it sit over the figures. */
function labelEdge(lines: ParsedLine[], measure: Measure): number {
  let edge = 0;
  for (const line of lines) {
    if (!isFigureLine(line) || line.firstFigure === 0) continue;
    edge = Math.max(edge, line.tokens[line.firstFigure - 1]![measure].end);
  }
  return edge;
}

/**
 * A line that starts a new table: a section heading (三、收到和处理政府信息公开申请情况), a table
 * caption (第二十条第（五）项) or the header of a table-2 part (信息内容 … 本年处理决定数量). Parts
 * of one section put their figures in different places, so each is laid out on its own.
 */
const TABLE_START = /^(?:[一二三四五六七八九十]{1,2}、\S*情况$|第[一二三四五六七八九十]+条|信息内容)/u;

/**
 * Consecutive lines that form one aligned table: header lines, then figure lines and the label
 * lines between them. A barrier, a page footer or a table start begins a new region.
 */
function regions(lines: ParsedLine[]): Region[] {
  const found: Region[] = [];
  let current: ParsedLine[] = [];
  let continues = false;
  const close = (atPageEnd: boolean) => {
    const hasFigures = current.some(isFigureLine);
    if (hasFigures) found.push({ lines: current, continues });
    continues = atPageEnd && (hasFigures || (continues && current.length === 0));
    current = [];
  };
  for (const line of lines) {
    const pageEnd = PAGE_FOOTER.test(line.entry.text);
    if (line.entry.barrier || pageEnd) {
      close(pageEnd);
      continue;
    }
    if (line.tokens.length === 0) continue;
    if (!isFigureLine(line) && TABLE_START.test(line.tokens[0]!.text)) close(false);
    current.push(line);
  }
  close(false);
  return found;
}

interface Region {
  lines: ParsedLine[];
  /** Starts right after a page footer that broke a table: the table may go on here. */
  continues: boolean;
}

interface Layout {
  columns: Span[];
  /** Figure lines whose figures sit in the label area: misaligned, left as they were. */
  outliers: Set<ParsedLine>;
}

/** Merges overlapping spans (sorted by start) into clusters. */
function mergeSpans(spans: Span[]): Span[] {
  // Spans of equal start merge alike in any order, so spans already in order need no sorted copy
  // (a one-cell-per-line dump's figures all start at the line's start).
  let inOrder = true;
  for (let i = 1; inOrder && i < spans.length; i++) inOrder = spans[i - 1]!.start <= spans[i]!.start;
  const sorted = inOrder ? spans : [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Whether a span overlaps any of merged spans sorted by start (binary search). */
function overlapsAny(sorted: Span[], span: Span): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.end <= span.start) low = mid + 1;
    else high = mid;
  }
  return low < sorted.length && sorted[low]!.start < span.end;
}

/** Index of the one column a span overlaps, or undefined (none or several). */
function columnOf(columns: Span[], span: Span): number | undefined {
  let hit: number | undefined;
  for (let i = 0; i < columns.length; i++) {
    if (!overlaps(columns[i]!, span)) continue;
    if (hit !== undefined) return undefined;
    hit = i;
  }
  return hit;
}

// Spans are collected with plain loops (no slice/map/flatMap copies): this runs for every region in
// both measures.
function figureSpansOf(lines: ParsedLine[], outliers: Set<ParsedLine>, measure: Measure): Span[] {
  const spans: Span[] = [];
  for (const line of lines) {
    if (outliers.has(line)) continue;
    for (let k = line.firstFigure; k < line.tokens.length; k++) spans.push(line.tokens[k]![measure]);
  }
  return spans;
}

function labelSpansOf(lines: ParsedLine[], measure: Measure): Span[] {
  const spans: Span[] = [];
  for (const line of lines) for (let k = 0; k < line.firstFigure; k++) spans.push(line.tokens[k]![measure]);
  return spans;
}

/**
 * The region's columns in one measure, or undefined when the figures do not line up: two figures of
 * one line in one column, or a header naming a column in a way that cannot be placed.
 */
function findLayout(region: ParsedLine[], measure: Measure, previousPage?: Layout): Layout | undefined {
  const figureLines = region.filter(isFigureLine);
  // Positions covered by some line's label: a figure there belongs to a misaligned line.
  const labelSpans = mergeSpans(labelSpansOf(figureLines, measure));
  const outliers = new Set<ParsedLine>();
  for (const line of figureLines) {
    for (let k = line.firstFigure; k < line.tokens.length; k++) {
      if (!overlapsAny(labelSpans, line.tokens[k]![measure])) continue;
      outliers.add(line);
      break;
    }
  }
  // A line whose figures all sit in columns no other line uses was shifted (a label broken over
  // lines took its padding along): among three or more figure lines, it is misaligned too.
  let columns = mergeSpans(figureSpansOf(figureLines, outliers, measure));
  if (figureLines.length - outliers.size >= 3) {
    // Lines per column (each line counted once: `last` is the last line counted in the column).
    const support = new Array<number>(columns.length).fill(0);
    const last = new Array<number>(columns.length).fill(-1);
    figureLines.forEach((line, n) => {
      if (outliers.has(line)) return;
      for (let k = line.firstFigure; k < line.tokens.length; k++) {
        const column = columnOf(columns, line.tokens[k]![measure]);
        if (column === undefined || last[column] === n) continue;
        last[column] = n;
        support[column]!++;
      }
    });
    for (const line of figureLines) {
      if (outliers.has(line)) continue;
      let alone = true;
      for (let k = line.firstFigure; alone && k < line.tokens.length; k++) {
        const column = columnOf(columns, line.tokens[k]![measure]);
        alone = column !== undefined && support[column] === 1;
      }
      if (alone) outliers.add(line);
    }
    columns = mergeSpans(figureSpansOf(figureLines, outliers, measure));
  }
  if (outliers.size > Math.max(2, figureLines.length / 5)) return undefined;
  const figureSpans = figureSpansOf(figureLines, outliers, measure);
  // Figures that line up give few columns, each met by several lines; in the wrong measure they
  // scatter into many columns met once.
  let mostFigures = 0;
  for (const line of figureLines) {
    if (!outliers.has(line)) mostFigures = Math.max(mostFigures, line.tokens.length - line.firstFigure);
  }
  if (columns.length > mostFigures) {
    const support = columns.map(() => 0);
    for (const span of figureSpans) support[columnOf(columns, span)!]! += 1;
    if (support.some((n) => n < 2)) return undefined;
  }
  const used: number[] = [];
  for (const line of figureLines) {
    if (outliers.has(line)) continue;
    used.length = 0;
    for (let k = line.firstFigure; k < line.tokens.length; k++) {
      const column = columnOf(columns, line.tokens[k]![measure]);
      if (column === undefined || used.includes(column)) return undefined;
      used.push(column);
    }
  }
  // A table going on after a page break has no header of its own, and the page may shift its
  // columns: its own figures are its layout when they fill as many columns as the page before.
  if (previousPage && region.findIndex(isFigureLine) === 0) {
    return columns.length === previousPage.columns.length ? { columns, outliers } : undefined;
  }
  return addHeaderColumns(region, measure, columns, outliers);
}

interface HeaderWord {
  span: Span;
  line: number;
  /** Figure columns the word sits over. */
  hits: number;
}

/**
 * A column blank on every line is only known from its header. A header word (on a line before the
 * first figure line, over the figure area) that sits over no figure column names a blank column,
 * unless it is a title spanning several names on another line (法人或其他组织 over 商业企业 and
 * 科研机构), stands alone on its line (申请人情况), or shares its line with a title over several
 * figure columns. A name left of every figure is a blank column only after the label column's
 * own header on its line. When blank columns are found this way, every figure column must be named too:
 * otherwise the header does not line up with the figures in this measure and the layout is not
 * trusted. Without any header word naming a figure column the layout is not trusted either (a
 * column blank throughout would go unseen).
 */
function addHeaderColumns(
  region: ParsedLine[],
  measure: Measure,
  columns: Span[],
  outliers: Set<ParsedLine>,
): Layout | undefined {
  const firstFigure = region.findIndex(isFigureLine);
  const edge = labelEdge(region, measure);
  // Header words right of the label edge, line by line, with the figure columns each sits over
  // (plain loops: a region may have many lines before its first figures).
  const headerLines: Word[][] = [];
  const header: HeaderWord[][] = [];
  const all: HeaderWord[] = [];
  for (let index = 0; index < firstFigure; index++) {
    const lineWords: Word[] = [];
    const lineHeader: HeaderWord[] = [];
    for (const token of region[index]!.tokens) {
      for (const word of token.words) {
        lineWords.push(word);
        const span = word[measure];
        if (span.start < edge) continue;
        let hits = 0;
        for (const column of columns) if (overlaps(column, span)) hits++;
        const headerWord = { span, line: index, hits };
        lineHeader.push(headerWord);
        all.push(headerWord);
      }
    }
    headerLines.push(lineWords);
    header.push(lineHeader);
  }
  if (!all.some((word) => word.hits === 1)) return undefined;
  const spansNames = (word: HeaderWord) =>
    header.some(
      (other, line) => line !== word.line && other.filter((o) => overlaps(o.span, word.span)).length > 1,
    );
  // Lines of column names, each keeping only its names (not titles spanning names below).
  const nameLines = header
    .filter((words) => words.length >= 2 && words.every((word) => word.hits <= 1))
    .map((words) => words.filter((word) => !spansNames(word)));
  const blankColumns = nameLines.flat().flatMap((word) => (word.hits === 0 ? [word.span] : []));
  if (blankColumns.length === 0) return { columns, outliers };
  // Left of every figure, a name may head a blank first column or the label column (信息内容):
  // it is a column only when the label column's own header stands left of it on the same line.
  for (const names of nameLines) {
    const leftOfFigures = names.some((w) => w.hits === 0 && w.span.end <= columns[0]!.start);
    const labelHeader = names[0] && headerLines[names[0].line]![0]![measure].start < edge;
    if (leftOfFigures && !labelHeader) return undefined;
  }
  const named = columns.every((column) => all.some((word) => word.hits === 1 && overlaps(word.span, column)));
  const merged = mergeSpans([...columns, ...blankColumns]);
  // A blank column's name must not run into a figure column.
  if (!named || merged.length !== columns.length + mergeSpans(blankColumns).length) {
    return undefined;
  }
  // Each name heads one column, and no column has two names on one line: otherwise names from
  // different lines were merged into one column.
  for (const names of nameLines) {
    for (const word of names) {
      if (merged.filter((column) => overlaps(column, word.span)).length > 1) return undefined;
    }
    for (const column of merged) {
      if (names.filter((word) => overlaps(column, word.span)).length > 1) return undefined;
    }
  }
  return { columns: merged, outliers };
}

/** Cells of a figure line under a layout: label tokens, then one cell per column. */
function cellsUnder(line: ParsedLine, layout: Layout, measure: Measure): string[] | undefined {
  if (layout.outliers.has(line)) return undefined;
  const cells = line.tokens.slice(0, line.firstFigure).map((t) => t.text);
  const values = new Array<string>(layout.columns.length).fill("");
  for (const token of line.tokens.slice(line.firstFigure)) {
    const column = columnOf(layout.columns, token[measure]);
    if (column === undefined || values[column] !== "") return undefined;
    values[column] = token.text;
  }
  return [...cells, ...values];
}

/** Numbering of an item label by depth: 一、 then （一） then 1. — a wrapped label's tail has none. */
const ITEM_LEVELS = [
  /^[一二三四五六七八九十]{1,2}、/u,
  /^[（(][一二三四五六七八九十]{1,2}[）)]/u,
  /^\d{1,2}[.．、]/u,
];

function itemLevel(label: string | undefined): number | undefined {
  if (label === undefined) return undefined;
  const level = ITEM_LEVELS.findIndex((pattern) => pattern.test(label));
  return level < 0 ? undefined : level;
}

/** The innermost label of a line (its last label token), if it has one. */
function innermostLabel(line: ParsedLine): string | undefined {
  const labels = isFigureLine(line) ? line.firstFigure : line.tokens.length;
  return labels > 0 ? line.tokens[labels - 1]!.text : undefined;
}

/**
 * A label line with every cell blank (zero printed as nothing). Its innermost label is numbered,
 * and so is the next line's at the same or a shallower depth: so it is neither a wrapped label,
 * nor a label whose figures follow on the next line (or stand just above it), nor a group label
 * over deeper items (（三）不予公开 over 1.–8.), which has no figures of its own.
 */
function isBlankRow(
  region: ParsedLine[],
  index: number,
  firstFigure: number,
  columns: Span[],
  measure: Measure,
): boolean {
  const line = region[index]!;
  if (isFigureLine(line) || index < firstFigure) return false;
  if (line.tokens.at(-1)![measure].end > columns[0]!.start) return false;
  const level = itemLevel(innermostLabel(line));
  if (level === undefined) return false;
  // Figures printed without a label just above may be this label's (its baseline sits lower).
  if (region[index - 1]?.firstFigure === 0) return false;
  const next = region[index + 1];
  if (!next) return true;
  const nextLevel = itemLevel(innermostLabel(next));
  return nextLevel !== undefined && nextLevel <= level;
}

/** Figure lines with two or more figures that a layout lines up: evidence for its measure. */
function linedUp(region: ParsedLine[], layout: Layout | undefined): number {
  if (!layout) return 0;
  return region.filter(
    (line) => isFigureLine(line) && !layout.outliers.has(line) && line.tokens.length - line.firstFigure >= 2,
  ).length;
}

/**
 * The measure a document is laid out in, when its tables say so clearly: one document is either
 * pdftotext's character cells or an editor's display columns. A small table (one figure line)
 * can fit either measure, with different columns; the document's big tables decide.
 */
function documentMeasure(layouts: Map<Measure, Layout | undefined>[], regionList: Region[]) {
  const evidence = MEASURES.map((measure) =>
    regionList.reduce((sum, region, i) => sum + linedUp(region.lines, layouts[i]!.get(measure)), 0),
  );
  const [char, display] = evidence as [number, number];
  if (char >= 3 && char >= 2 * display) return "char";
  if (display >= 3 && display >= 2 * char) return "display";
  return undefined;
}

/**
 * Whether every line of the region is one word starting the line. Its figures then all start at
 * the same position, in both measures: findLayout gives one column or none, and every header word
 * (starting there too) sits over that column, so no blank column is added. Under one column a
 * figure line (one figure) is already whole, and no label line is a blank row (its label reaches
 * past the column's start): the region's lines stay as they are whatever findLayout says, and it
 * lines up no line with two figures (no evidence for documentMeasure either).
 */
function oneWordPerLine(lines: ParsedLine[]): boolean {
  for (const line of lines) {
    const token = line.tokens[0];
    if (line.tokens.length !== 1 || token!.words.length !== 1) return false;
    if (!token!.wholeLine && token!.char.start !== 0) return false;
  }
  return true;
}

/**
 * Re-splits the figure lines of aligned tables so blank cells keep their column. Returns, per
 * entry, the new cells, or undefined to keep the entry as it is. Rows with a figure in every
 * column are unchanged; a row is re-split only under the document's measure, or, when that is not
 * clear, when both measures line its region up and agree.
 */
export function realignBlankCells(entries: AlignedLineEntry[]): (RealignedRow | undefined)[] {
  const parsed = entries.map(parseLine);
  const result = new Array<RealignedRow | undefined>(entries.length).fill(undefined);
  const regionList = regions(parsed);
  const regionLayouts: Map<Measure, Layout | undefined>[] = [];
  regionList.forEach((region, i) => {
    // A region of one word per line, each at the line's start (a one-cell-per-line dump), has no
    // layout that changes a line (see oneWordPerLine): none is looked for, unless the region after
    // it goes on from it across a page break and needs its columns.
    if (oneWordPerLine(region.lines) && !regionList[i + 1]?.continues) {
      regionLayouts.push(new Map(MEASURES.map((m) => [m, undefined] as const)));
      return;
    }
    const previous = region.continues ? regionLayouts[i - 1] : undefined;
    regionLayouts.push(
      new Map(MEASURES.map((m) => [m, findLayout(region.lines, m, previous?.get(m))] as const)),
    );
  });
  const measure = documentMeasure(regionLayouts, regionList);
  regionList.forEach(({ lines: region }, regionIndex) => {
    const layouts = [...regionLayouts[regionIndex]!].filter(
      (pair): pair is [Measure, Layout] =>
        pair[1] !== undefined && (measure === undefined || pair[0] === measure),
    );
    if (layouts.length === 0 || (measure === undefined && layouts.length < MEASURES.length)) {
      return;
    }
    const columnCount = layouts[0]![1].columns.length;
    const firstFigure = region.findIndex(isFigureLine);
    const sameShape = layouts.every(([, layout]) => layout.columns.length === columnCount);
    region.forEach((line, index) => {
      if (!isFigureLine(line)) {
        const blank =
          sameShape &&
          layouts.every(([m, layout]) => isBlankRow(region, index, firstFigure, layout.columns, m));
        if (blank) {
          const labels = line.tokens.map((token) => token.text);
          const cells = [...labels, ...new Array<string>(columnCount).fill("")];
          result[line.index] = { cells, blank: true };
        }
        return;
      }
      if (line.entry.resplit === false) return;
      const figures = line.tokens.length - line.firstFigure;
      // A proposal has one cell per column of its layout: with a figure in each, nothing changes.
      if (figures === columnCount) return;
      const proposals = layouts.map(([m, layout]) => cellsUnder(line, layout, m));
      const [first] = proposals;
      if (!first || proposals.some((p) => !p || p.join("\t") !== first.join("\t"))) return;
      if (figures === first.length - line.firstFigure) return; // every column filled
      result[line.index] = { cells: first, blank: false };
    });
  });
  return result;
}
