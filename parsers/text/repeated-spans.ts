// Tables written by document converters that lay spans out on the grid and repeat the spanning
// cell's text in every slot it covers (docling, marker: `| 行政许可 | 236 | 236 | 236 |` under a
// header `| 信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |`). An HTML or Word
// table marks those copies `spanned` and the recognizer reads the cell once; a Markdown table has
// no such mark, and a repeated figure reads as several columns.
//
// The copies are found per group of figure rows under a header row: the header's runs of equal
// neighbouring cells give the number of real columns over the figure slots; every way to cut the
// slots into that many runs of equal figures, in every row of the group, is tried. The slots are
// marked `spanned` only when every such cut left gives the same figures: two real neighbouring
// columns that happen to be equal (`| 11 | 11 | 0 | 0 |`) are told from a span by the other rows
// of the group, or the rows are left as they were.
import type { Cell, TableBlock } from "../ir.js";

const FIGURE = /^[+\-－]?[\d０-９][\d０-９,，.]*$/;
const isFigureSlot = (text: string) => text === "" || FIGURE.test(text);
// A long label repeated in neighbouring cells: what shows a table was written with spans repeated.
const REPEATED_LABEL = /[\u4e00-\u9fff]{2}/;
// Beyond this many figure slots, the cuts are not enumerated (no report table is that wide).
const MAX_SLOTS = 16;

/** Marks the repeated copies of spanning cells in a table written with spans repeated; others untouched. */
export function markRepeatedSpans(table: TableBlock): void {
  const rows = table.rows;
  if (!rows.some(repeatsLabel)) return;
  for (let start = 0; start < rows.length;) {
    const first = figureStart(rows[start]!);
    if (first < 0) {
      start++;
      continue;
    }
    let end = start + 1;
    while (end < rows.length && figureStart(rows[end]!) >= 0 && rows[end]!.length === rows[start]!.length)
      end++;
    markGroup(rows, start, end);
    start = end;
  }
}

function repeatsLabel(row: Cell[]): boolean {
  for (let i = 1; i < row.length; i++) {
    const text = row[i]!.text;
    if (text === row[i - 1]!.text && REPEATED_LABEL.test(text)) return true;
  }
  return false;
}

/** Index of the first slot of the row's trailing figure slots (one figure at least), or -1. */
function figureStart(row: Cell[]): number {
  let i = row.length;
  while (i > 0 && isFigureSlot(row[i - 1]!.text)) i--;
  if (i === row.length || i === 0) return -1;
  for (let j = i; j < row.length; j++) if (row[j]!.text !== "") return i;
  return -1;
}

function markGroup(rows: Cell[][], start: number, end: number): void {
  const header = rows[start - 1];
  const width = rows[start]!.length;
  if (!header || header.length !== width) return;
  let from = 0;
  for (let r = start; r < end; r++) from = Math.max(from, figureStart(rows[r]!));
  const slots = width - from;
  if (slots < 2 || slots > MAX_SLOTS) return;
  for (let i = from; i < width; i++) if (FIGURE.test(header[i]!.text)) return;
  let columns = 1;
  for (let i = from + 1; i < width; i++) if (header[i]!.text !== header[i - 1]!.text) columns++;
  if (columns === slots) return;
  const group = rows.slice(start, end).map((row) => row.slice(from).map((c) => c.text));
  const cuts = cutsInto(slots, columns).filter((cut) => group.every((row) => equalWithinRuns(row, cut)));
  if (cuts.length === 0) return;
  const read = (cut: boolean[]) =>
    group.map((row) => row.filter((_, i) => !cut[i]).join("\u0000")).join("\n");
  const figures = read(cuts[0]!);
  if (cuts.some((cut) => read(cut) !== figures)) return;
  for (let r = start; r < end; r++) {
    const row = rows[r]!;
    cuts[0]!.forEach((copy, i) => {
      if (copy) row[from + i] = { ...row[from + i]!, spanned: true };
    });
  }
}

/** Every way to cut `slots` slots into `columns` runs, as flags: true where a slot goes on its left neighbour's run. */
function cutsInto(slots: number, columns: number): boolean[][] {
  const out: boolean[][] = [];
  const cut: boolean[] = [false];
  const walk = (i: number, runs: number) => {
    if (i === slots) {
      if (runs === columns) out.push([...cut]);
      return;
    }
    if (runs < columns) {
      cut[i] = false;
      walk(i + 1, runs + 1);
    }
    if (slots - i > columns - runs) {
      cut[i] = true;
      walk(i + 1, runs);
    }
  };
  walk(1, 1);
  return out;
}

function equalWithinRuns(row: string[], cut: boolean[]): boolean {
  for (let i = 1; i < row.length; i++) if (cut[i] && row[i] !== row[i - 1]) return false;
  return true;
}
