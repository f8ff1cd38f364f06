// Lines of copied-out text → IR blocks, losslessly: a line that is a table row (tab-separated,
// pipe- or box-delimited, or aligned in columns with wide gaps) joins the table of the lines around it;
// any other line is one text block. What the lines mean is the recognizer's business.
import type { Block, Cell, TableBlock } from "../ir.js";
import { isWhiteSpace } from "../white-space.js";
import {
  isBlankLine,
  isPipeSeparatorRow,
  splitAlignedColumns,
  splitLines,
  splitPipeRow,
  splitTabs,
} from "./lines.js";
import { realignBlankCells } from "./aligned.js";
import { cellLabels, joinStrayFigures, wrappedLabels } from "./stray-figures.js";
import { continuesRow } from "./wrapped-rows.js";
import { joinGridRows } from "./grid-rows.js";

// `charCodeAt.call(text, i)` in per-character loops: see parsers/template/nfkc.ts.
const charCodeAt = String.prototype.charCodeAt;

/** A pipe row: `| a | b |`, as page-text renderings and Markdown print table rows; or the same
 * drawn with box characters (`│ a │ b │`, as text browsers such as w3m dump tables). */
const PIPE_ROW = /^\s*[|│┃║].*[|│┃║]\s*$/;
const BOX_VERTICAL = /[│┃║]/g;
/** A table rule drawn with ASCII or box characters: `+----+----+`, `├──┼──┤`, `═══`. */
const RULE_LINE = /^[\s+\-=:|─━│┃┌┐└┘├┤┬┴┼╋═║╔╗╚╝╠╣╦╩╬╤╧╪╞╡]+$/;
const RULE_STROKES = /[-─━═]{3}/;
const INDENTED_BY_TABS = /^[ \u3000]*\t+[^\t]+$/;

/** Cells of a line when it is a table row, "separator" for a `|---|` rule, undefined for prose. */
function rowCells(line: string): string[] | "separator" | undefined {
  if (line.includes("\t")) {
    // Tabs only before the text: an indented paragraph, not a row with empty leading cells.
    if (INDENTED_BY_TABS.test(line)) return undefined;
    const cells = splitTabs(line);
    return cells.some((cell) => cell.length > 0) ? cells : undefined;
  }
  if (RULE_LINE.test(line) && RULE_STROKES.test(line)) return "separator";
  if (PIPE_ROW.test(line)) {
    const cells = splitPipeRow(line.replace(BOX_VERTICAL, "|"));
    return isPipeSeparatorRow(cells) ? "separator" : cells;
  }
  return splitAlignedColumns(line);
}

/** What one line is, before aligned tables are re-split. */
type LineKind =
  | { kind: "blank" | "separator" }
  | { kind: "text"; barrier: boolean }
  | { kind: "row"; cells: string[]; barrier: boolean };

// The kinds without cells are shared (never changed): one object per line adds up on long dumps.
const BLANK: LineKind = { kind: "blank" };
const SEPARATOR: LineKind = { kind: "separator" };
const TEXT: LineKind = { kind: "text", barrier: false };
const TEXT_BARRIER: LineKind = { kind: "text", barrier: true };

function classify(line: string): LineKind {
  // A line of one word that starts with a digit or an ideograph (every line of a one-cell-per-line
  // dump, most prose lines) is prose whatever the patterns below: no tab, no pipe or rule character
  // first, no gap.
  const word = oneWord(line);
  if (word) return word;
  if (isBlankLine(line)) return BLANK;
  const cells = rowCells(line);
  if (cells === "separator") return SEPARATOR;
  // Tab and pipe rows carry their own columns: they end any space-aligned table.
  const delimited = line.includes("\t") || PIPE_ROW.test(line);
  if (!cells) return delimited || line.includes("。") ? TEXT_BARRIER : TEXT;
  return { kind: "row", cells, barrier: delimited };
}

/**
 * Whether the line starts with an ASCII digit or a CJK ideograph and holds no white space (as `\s`
 * and `trim` say): it is not blank, not a tab, pipe or rule line (RULE_LINE and PIPE_ROW need one of
 * their own characters first) and has no column gap. Then its kind, a barrier when it holds a full
 * stop (。, looked for in the same pass); otherwise undefined.
 */
function oneWord(line: string): LineKind | undefined {
  const first = charCodeAt.call(line, 0);
  if (!((first >= 0x30 && first <= 0x39) || (first >= 0x4e00 && first <= 0x9fff))) return undefined;
  const length = line.length;
  let fullStop = false;
  for (let i = 1; i < length; i++) {
    const c = charCodeAt.call(line, i);
    if (c <= 0x20 || isWhiteSpace(c)) return undefined;
    if (c === 0x3002) fullStop = true;
  }
  return fullStop ? TEXT_BARRIER : TEXT;
}

/**
 * Consecutive row lines form one table; a blank line or a prose line ends it. Locations are lines.
 * Space-aligned rows are re-split by column position first, so blank cells keep their place and a
 * label printed with every cell blank becomes a row of empty cells (parsers/text/aligned.ts).
 */
export function linesToBlocks(text: string): Block[] {
  const wrapped = wrappedLabels(joinStrayFigures(joinGridRows(splitLines(text))));
  const labels = wrapped.labels;
  const lines = cellLabels(wrapped.lines, labels);
  const kinds = lines.map(classify);
  const realigned = realignBlankCells(
    lines.map((line, i) => {
      const kind = kinds[i]!;
      return {
        text: line,
        barrier: kind.kind === "separator" || ("barrier" in kind && kind.barrier),
        // Below, a figure line's new cells are used only when the line is a row.
        resplit: kind.kind === "row",
      };
    }),
  );
  const blocks: Block[] = [];
  let table: TableBlock | undefined;
  const tabRow = (i: number) => {
    const k = kinds[i];
    return k?.kind === "row" && lines[i]!.includes("\t") ? k.cells : undefined;
  };
  // The rest of a wrapped row may be one figure alone on its line (no tab left to split on).
  const loneCell = (line: string) =>
    line.trim() !== "" && !/\s/.test(line.trim()) ? [line.trim()] : undefined;
  // The widest tab row of each run of tab rows (lone cells between them do not end a run).
  const widestOf = new Array<number>(lines.length).fill(0);
  for (let start = 0; start < lines.length;) {
    let end = start;
    let widest = 0;
    while (end < lines.length && (tabRow(end) || (end > start && loneCell(lines[end]!)))) {
      widest = Math.max(widest, tabRow(end)?.length ?? 0);
      end++;
    }
    for (let i = start; i < end; i++) widestOf[i] = widest;
    start = Math.max(end, start + 1);
  }
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const kind = kinds[index]!;
    if (kind.kind === "blank") table = undefined;
    if (kind.kind === "blank" || kind.kind === "separator") return;
    const realignedRow = realigned[index];
    let cells =
      realignedRow && (realignedRow.blank || kind.kind === "row")
        ? realignedRow.cells
        : kind.kind === "row"
          ? kind.cells
          : undefined;
    // A label printed around the row's figures (parsers/text/stray-figures.ts) is its first cell.
    const label = labels.get(index);
    if (cells && label !== undefined) cells = [label, ...cells];
    // A tab row hard-wrapped onto this line (parsers/text/wrapped-rows.ts): its cells go on. (Looked
    // at only inside a table after a tab row: most lines are neither.)
    const previous = table ? tabRow(index - 1) : undefined;
    const rest = previous ? (tabRow(index) ?? loneCell(line)) : undefined;
    if (table && previous && rest && continuesRow(previous, rest, tabRow(index + 1), widestOf[index]!)) {
      table.rows.at(-1)!.push(...rest.map((cell): Cell => ({ text: cell, loc: { line: lineNumber } })));
      return;
    }
    if (!cells) {
      table = undefined;
      blocks.push({ kind: "text", text: line.trim(), loc: { line: lineNumber } });
      return;
    }
    if (!table) {
      table = { kind: "table", rows: [], loc: { line: lineNumber }, inferredColumns: true };
      blocks.push(table);
    }
    table.rows.push(cells.map((cell): Cell => ({ text: cell, loc: { line: lineNumber } })));
  });
  return blocks;
}
