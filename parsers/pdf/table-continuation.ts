// A table cut by a page break arrives as two grids. This joins them into one row stream:
// both parts are put on the union of their column rules (a part drawn with fewer rules gets
// spanned copies), a header repeated at the top of the new page is dropped, a row split by the
// break (a label wrapped onto the next page) is put back together, and row labels spanning the
// break are carried into the empty merged cell the new page shows.
import type { Cell, TableBlock } from "../ir.js";
import { endsWithFullLine } from "./table-cells.js";
import { joinLines } from "./text-join.js";

/** Column rules of the two parts may differ by this much (points). */
const COLUMN_TOLERANCE = 3;

export interface TablePart {
  block: TableBlock;
  /** Column rule positions. */
  xs: number[];
  /** Which grid cell each slot belongs to (equal ids = one spanning cell). */
  ids: number[][];
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= COLUMN_TOLERANCE;
}

/** True when `next` looks like the rest of `previous`: same outer edges, compatible column rules. */
export function continuesTable(previous: TablePart, next: TablePart): boolean {
  if (!near(previous.xs[0]!, next.xs[0]!) || !near(previous.xs.at(-1)!, next.xs.at(-1)!)) return false;
  const [fewer, more] =
    previous.xs.length <= next.xs.length ? [previous.xs, next.xs] : [next.xs, previous.xs];
  return fewer.every((x) => more.some((y) => near(x, y)));
}

function unionColumns(a: number[], b: number[]): number[] {
  const result = [...a];
  for (const x of b) if (!result.some((y) => near(x, y))) result.push(x);
  return result.sort((p, q) => p - q);
}

/** Re-expresses a part on finer column rules; new slots are spanned copies of the cell they split. */
function regrid(part: TablePart, columns: number[]): void {
  if (columns.length === part.xs.length) return;
  const owner = columns.slice(0, -1).map((left) => {
    let j = 0;
    while (j + 1 < part.xs.length - 1 && part.xs[j + 1]! <= left + COLUMN_TOLERANCE) j++;
    return j;
  });
  part.block.rows = part.block.rows.map((row) =>
    owner.map((j, k) => {
      const cell = row[j] ?? { text: "" };
      return k > 0 && owner[k - 1] === j ? { ...cell, spanned: true } : cell;
    }),
  );
  part.ids = part.ids.map((row) => owner.map((j) => row[j] ?? -1));
  part.xs = columns;
}

function rowKey(row: Cell[]): string {
  return row.map((cell) => cell.text).join("\u0001");
}

/** Left-to-right structure of a row: where one cell ends and the next begins. */
function horizontalPattern(ids: number[]): string {
  return ids.map((id, c) => (c > 0 && ids[c - 1] === id ? "-" : "|")).join("");
}

const HAN = /\p{Script=Han}/u;
const LIST_MARKER = /^[（(]?[一二三四五六七八九十\d]+[）)、.．]/;

/**
 * The first row of the new page is the lower half of the previous page's last row when both
 * rows have the same cell structure, no cell holds a figure in both halves, and the lower half
 * does not start a new numbered label.
 */
function isSplitRow(upper: Cell[], upperIds: number[], lower: Cell[], lowerIds: number[]): boolean {
  if (horizontalPattern(upperIds) !== horizontalPattern(lowerIds)) return false;
  const firstText = lower.find((cell) => cell.text !== "")?.text ?? "";
  if (LIST_MARKER.test(firstText)) return false;
  if (rowKey(upper) === rowKey(lower)) return false;
  // Text continues only from a cell whose last line ran to its right edge ("5.属于三类内|部事务信息");
  // "规章" above "行政规范性文件" is two rows.
  return upper.every((cell, c) => {
    const other = lower[c]?.text ?? "";
    return (
      cell.text === "" ||
      other === "" ||
      (HAN.test(cell.text) && HAN.test(other) && endsWithFullLine.has(cell))
    );
  });
}

function mergeSplitRow(upper: Cell[], upperIds: number[], lower: Cell[], lowerIds: number[]): void {
  const merged = new Map<number, string>();
  upper.forEach((cell, c) => {
    const id = upperIds[c]!;
    if (merged.has(id)) return;
    const lowerText =
      lowerIds[c] !== undefined && c > 0 && lowerIds[c - 1] === lowerIds[c] ? "" : (lower[c]?.text ?? "");
    merged.set(id, joinLines([cell.text, lowerText]));
  });
  upper.forEach((cell, c) => (cell.text = merged.get(upperIds[c]!)!));
}

/** A row label spanning rows across the break is printed once; copy it into the empty merged cell. */
function carrySpans(lastRow: Cell[], continuation: Cell[][], ids: number[][]): void {
  lastRow.forEach((above, column) => {
    if (!HAN.test(above.text)) return;
    const firstId = ids[0]?.[column];
    for (const [index, row] of continuation.entries()) {
      const cell = row[column];
      if (!cell || cell.text !== "" || ids[index]?.[column] !== firstId) break;
      cell.text = above.text;
      cell.spanned = true;
    }
  });
}

/** Appends `next` to `previous` (mutating it). Call only when continuesTable() holds. */
export function appendContinuation(previous: TablePart, next: TablePart): void {
  const columns = unionColumns(previous.xs, next.xs);
  regrid(previous, columns);
  regrid(next, columns);
  const offset = Math.max(-1, ...previous.ids.flat()) + 1;
  const nextIds = next.ids.map((row) => row.map((id) => id + offset));
  let rows = next.block.rows;
  let ids = nextIds;

  let skip = 0;
  while (
    skip < rows.length &&
    skip < previous.block.rows.length - 1 &&
    rows[skip]!.some((cell) => cell.text !== "") &&
    rowKey(rows[skip]!) === rowKey(previous.block.rows[skip]!)
  ) {
    skip++;
  }
  rows = rows.slice(skip);
  ids = ids.slice(skip);

  const lastRow = previous.block.rows.at(-1);
  const lastIds = previous.ids.at(-1);
  if (lastRow && lastIds && rows[0] && ids[0] && isSplitRow(lastRow, lastIds, rows[0], ids[0])) {
    mergeSplitRow(lastRow, lastIds, rows[0], ids[0]);
    // The rest of a cell that spanned down from the split row stays the same cell.
    const splitIds = new Map(ids[0].map((id, c) => [id, lastIds[c]!]));
    rows = rows.slice(1);
    ids = ids.slice(1).map((row) => row.map((id) => splitIds.get(id) ?? id));
  }
  if (lastRow) carrySpans(lastRow, rows, ids);
  // The table's loc stays that of its first page; every cell carries its own page and box.
  previous.block.rows.push(...rows);
  previous.ids.push(...ids);
}
