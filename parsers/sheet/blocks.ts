// One worksheet → IR blocks. The used range is read row by row (hidden rows and columns left out,
// as they are not printed); merged ranges are expanded like HTML spans (parsers/html/grid.ts): the
// top-left cell is the source, the other slots `spanned` copies of it. Rows that hold one piece of
// prose or a numbered heading and nothing else are text blocks; empty rows end a table; every
// other run of rows is one table block, so section rows inside a table (第二十条第（一）项) stay in it.
// A lone cell before any table row (a title, a page's link list) is text.
import type { Block, Cell } from "../ir.js";
import { joinLines } from "../pdf/text-join.js";
import { cellText, type SheetValue } from "./cells.js";

/** What the reader needs of an exceljs worksheet. */
export interface SheetSource {
  name: string;
  rowCount: number;
  columnCount: number;
  isHidden: boolean;
  rowHidden(row: number): boolean;
  columnHidden(column: number): boolean;
  /** The cell's value, and the address of its merge master when it is a merged slot. */
  cell(row: number, column: number): { value: SheetValue; master?: { row: number; column: number } };
}

const HEADING =
  /^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+[章部分节])/;
const NUMBER = /^[-+]?\d[\d,]*(?:\.\d+)?$/;

export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function sheetBlocks(sheet: SheetSource): Block[] {
  const columns: number[] = [];
  for (let c = 1; c <= sheet.columnCount; c++) if (!sheet.columnHidden(c)) columns.push(c);
  const blocks: Block[] = [];
  let rows: Cell[][] = [];
  let firstRow = 0;
  const flush = () => {
    if (rows.length > 0) {
      // Columns empty in every row of the table (margins, spacer columns) are dropped.
      const used = columns.map((_, i) => rows.some((row) => row[i]?.text.trim()));
      const grid = rows.map((row) => row.filter((_, i) => used[i]));
      blocks.push({ kind: "table", rows: grid, loc: { path: `${sheet.name}!A${firstRow}` } });
    }
    rows = [];
  };
  for (let r = 1; r <= sheet.rowCount; r++) {
    if (sheet.rowHidden(r)) continue;
    const cells: Cell[] = [];
    const sources = new Set<string>();
    for (const c of columns) {
      const { value, master } = sheet.cell(r, c);
      const isCopy = master !== undefined && (master.row !== r || master.column !== c);
      const origin = master ?? { row: r, column: c };
      // Line breaks typed in a cell (Alt+Enter) join as a wrapped line does: none between CJK.
      const text = joinLines(
        cellText(isCopy ? sheet.cell(origin.row, origin.column).value : value).split(/\r?\n/),
      );
      const cell: Cell = {
        text,
        loc: { path: `${sheet.name}!${columnLetters(origin.column)}${origin.row}` },
      };
      if (isCopy) cell.spanned = true;
      if (text) sources.add(`${origin.row}:${origin.column}`);
      cells.push(cell);
    }
    if (sources.size === 0) {
      flush();
      continue;
    }
    const only = cells.find((cell) => cell.text)!;
    // A lone cell is text outside a table, and inside one when it reads as prose or a heading.
    if (sources.size === 1 && !NUMBER.test(only.text) && (rows.length === 0 || isTextRow(only.text))) {
      flush();
      blocks.push({ kind: "text", text: only.text, loc: { path: `${sheet.name}!A${r}` } });
      continue;
    }
    if (rows.length === 0) firstRow = r;
    rows.push(cells);
  }
  flush();
  return blocks;
}

/** Prose or a numbered heading standing alone on its row (never a figure). */
function isTextRow(text: string): boolean {
  if (NUMBER.test(text)) return false;
  return text.length >= 30 || /[。：:]$/.test(text) || HEADING.test(text) || /报告$|年报$/.test(text);
}
