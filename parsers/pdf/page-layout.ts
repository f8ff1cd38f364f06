// One page's content in reading order: ruled tables rebuilt as grids, the rest as text lines.
import type { TableBlock } from "../ir.js";
import type { Box, PageGeometry, TextRun } from "./geometry.js";
import { findLatticeTables } from "./lattice.js";
import { missingRowRules } from "./row-split.js";
import { findAlignedTables } from "./stream.js";
import { findTabStopTables } from "./tab-stops.js";
import { contains, fillTable } from "./table-cells.js";
import { groupLines, joinLine, type Line } from "./text-join.js";

export interface PageLine {
  kind: "line";
  text: string;
  box: Box;
  size: number;
}

export interface PageTable {
  kind: "table";
  block: TableBlock;
  box: Box;
  /** Column rule positions, used to recognise a table continuing on the next page. */
  xs: number[];
  /** Grid cell of every slot (equal ids = one spanning cell). */
  ids: number[][];
}

export type PageItem = PageLine | PageTable;

export interface PageLayout {
  page: number;
  width: number;
  height: number;
  items: PageItem[];
}

export function layoutPage(geometry: PageGeometry): PageLayout {
  const items: PageItem[] = [];
  let remaining: TextRun[] = geometry.runs;
  let tables = findLatticeTables(geometry.segments);
  const rowRules = tables.flatMap((table) =>
    missingRowRules(
      table,
      remaining.filter((run) => contains(table.box, ...centreOf(run))),
    ),
  );
  if (rowRules.length > 0) tables = findLatticeTables([...geometry.segments, ...rowRules]);
  for (const table of tables) {
    const inside = remaining.filter((run) => contains(table.box, ...centreOf(run)));
    if (inside.length === 0) continue; // a drawn frame or decoration with no text
    remaining = remaining.filter((run) => !inside.includes(run));
    const item: PageTable = {
      kind: "table",
      block: fillTable(table, inside, geometry.page),
      box: table.box,
      xs: table.xs,
      ids: table.slotCell,
    };
    items.push(clipToPage(item, geometry.width));
  }
  const allLines = groupLines(remaining);
  const tabbed = findTabStopTables(allLines, geometry.page, geometry.width);
  const tabbedLines = new Set(tabbed.flatMap((t) => t.lines));
  const lines = allLines.filter((line) => !tabbedLines.has(line));
  const aligned = findAlignedTables(lines, geometry.page);
  for (const table of [...tabbed, ...aligned]) items.push(table);
  const tableLines = new Set(aligned.flatMap((t) => t.lines));
  for (const line of lines) {
    if (tableLines.has(line)) continue;
    const text = joinLine(line);
    if (text) items.push(toPageLine(line, text));
  }
  items.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
  return { page: geometry.page, width: geometry.width, height: geometry.height, items };
}

/** How far (points) a table's rules may run past the page's side before it counts as cut. */
const PAST_EDGE = 1;

/**
 * A table wider than the page (a browser printing a wide table on narrow paper) is cut at the
 * page's side: the figures of the columns running past it are not printed, and an empty cell
 * there is no blank. Only the columns lying wholly on the page are kept.
 */
function clipToPage(table: PageTable, width: number): PageTable {
  const { xs } = table;
  let first = 0;
  while (first < xs.length - 1 && xs[first]! < -PAST_EDGE) first++;
  let last = xs.length - 1;
  while (last > first && xs[last]! > width + PAST_EDGE) last--;
  if (first === 0 && last === xs.length - 1) return table;
  return {
    ...table,
    block: { ...table.block, rows: table.block.rows.map((row) => row.slice(first, last)) },
    xs: xs.slice(first, last + 1),
    ids: table.ids.map((row) => row.slice(first, last)),
    box: [Math.max(table.box[0], xs[first]!), table.box[1], Math.min(table.box[2], xs[last]!), table.box[3]],
  };
}

function toPageLine(line: Line, text: string): PageLine {
  return { kind: "line", text, box: line.box, size: line.size };
}

function centreOf(run: TextRun): [number, number] {
  return [(run.box[0] + run.box[2]) / 2, (run.box[1] + run.box[3]) / 2];
}
