// Lines of copied-out text → IR blocks, losslessly: a line that is a table row (tab-separated,
// pipe- or box-delimited, or aligned in columns with wide gaps) joins the table of the lines around it;
// any other line is one text block. What the lines mean is the recognizer's business.
import type { Block, Cell, TableBlock } from "../ir.js";
import {
  isBlankLine,
  isPipeSeparatorRow,
  splitAlignedColumns,
  splitLines,
  splitPipeRow,
  splitTabs,
} from "./lines.js";
import { realignBlankCells, type AlignedLineEntry } from "./aligned.js";

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

/** Consecutive row lines form one table; a blank line or a prose line ends it. Locations are lines.
 * Space-aligned rows are then re-split by column position so blank cells keep their place. */
export function linesToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const entries: AlignedLineEntry[] = [];
  const rows: (Cell[] | undefined)[] = [];
  let table: TableBlock | undefined;
  splitLines(text).forEach((line, index) => {
    const lineNumber = index + 1;
    const entry: AlignedLineEntry = { text: line };
    entries.push(entry);
    rows.push(undefined);
    if (isBlankLine(line)) {
      table = undefined;
      return;
    }
    const cells = rowCells(line);
    if (cells === "separator" || line.includes("\t") || PIPE_ROW.test(line)) entry.barrier = true;
    if (cells === "separator") return;
    if (!cells) {
      table = undefined;
      if (line.includes("。")) entry.barrier = true;
      blocks.push({ kind: "text", text: line.trim(), loc: { line: lineNumber } });
      return;
    }
    if (!table) {
      table = { kind: "table", rows: [], loc: { line: lineNumber } };
      blocks.push(table);
    }
    const row = cells.map((cell): Cell => ({ text: cell, loc: { line: lineNumber } }));
    entry.cells = cells;
    rows[index] = row;
    table.rows.push(row);
  });
  realignBlankCells(entries).forEach((cells, index) => {
    const row = rows[index];
    if (!cells || !row || entries[index]!.barrier) return;
    const loc = row[0]!.loc;
    row.splice(0, row.length, ...cells.map((cell): Cell => ({ text: cell, loc: { ...loc } })));
  });
  return blocks;
}
