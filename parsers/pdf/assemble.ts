// Turns the pages' layouts into IR blocks: wrapped lines become paragraphs, and a table that
// continues at the top of the next page is appended to the one it continues (minus a repeated
// header), so the recognizer sees one row stream per table.
import type { Block, Cell, TableBlock } from "../ir.js";
import { roundBox, unionBox } from "./geometry.js";
import type { PageItem, PageLayout, PageLine, PageTable } from "./page-layout.js";
import { joinLines } from "./text-join.js";

/** Column rules of a continued table may differ by this much (points). */
const COLUMN_TOLERANCE = 3;

export function assembleBlocks(layouts: PageLayout[]): { blocks: Block[]; title?: string } {
  const blocks: Block[] = [];
  let openTable = null as PageTable | null;
  let title: string | undefined;
  for (const layout of layouts) {
    const carried = openTable;
    openTable = null;
    const bodyRight = rightMargin(layout.items);
    let paragraph: PageLine[] = [];
    const flush = () => {
      if (paragraph.length === 0) return;
      const box = paragraph.map((l) => l.box).reduce(unionBox);
      const text = joinLines(paragraph.map((l) => l.text));
      if (layout.page === 1 && title === undefined && isTitleCandidate(paragraph, layout)) title = text;
      blocks.push({ kind: "text", text, loc: { page: layout.page, bbox: roundBox(box) } });
      paragraph = [];
    };
    for (const [index, item] of layout.items.entries()) {
      if (item.kind === "table") {
        flush();
        const continued = index === 0 && carried !== null && continues(carried, item);
        if (continued) appendContinuation(carried.block, item.block);
        else blocks.push(item.block);
        // Only a table ending its page can continue on the next one.
        if (isLastItem(layout.items, index))
          openTable = { ...item, block: continued ? carried.block : item.block };
        continue;
      }
      const previous = paragraph.at(-1);
      if (previous && !continuesParagraph(previous, item, bodyRight)) flush();
      paragraph.push(item);
    }
    flush();
  }
  return { blocks, title };
}

function isLastItem(items: PageItem[], index: number): boolean {
  return index === items.length - 1;
}

/** The right edge of full body lines: the rightmost edge reached by several lines. */
function rightMargin(items: PageItem[]): number {
  const edges = items
    .filter((i): i is PageLine => i.kind === "line")
    .map((l) => l.box[2])
    .sort((a, b) => b - a);
  return edges[Math.min(2, edges.length - 1)] ?? 0;
}

function continuesParagraph(previous: PageLine, next: PageLine, bodyRight: number): boolean {
  const size = previous.size;
  if (Math.abs(next.size - size) > 0.6) return false;
  const gap = next.box[1] - previous.box[3];
  if (gap < -0.3 * size || gap > 1.2 * size) return false;
  if (/[。：:；;！!？?]$/.test(previous.text)) return false;
  if (/^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十\d]+[）)]|^\d+[.．、]/.test(next.text))
    return false;
  const fullLine = previous.box[2] >= bodyRight - 1.5 * size;
  // Wrapped centred lines (a two-line title) share their centre.
  const centredPair =
    Math.abs((previous.box[0] + previous.box[2]) / 2 - (next.box[0] + next.box[2]) / 2) < size;
  return fullLine || centredPair;
}

function isTitleCandidate(lines: PageLine[], layout: PageLayout): boolean {
  const size = Math.max(...lines.map((l) => l.size));
  const largest = Math.max(
    ...layout.items.filter((i): i is PageLine => i.kind === "line").map((l) => l.size),
  );
  return size >= largest - 0.5 && lines[0]!.box[1] < layout.height / 2;
}

function continues(previous: PageTable, next: PageTable): boolean {
  if (previous.xs.length !== next.xs.length) return false;
  return previous.xs.every((x, i) => Math.abs(x - next.xs[i]!) <= COLUMN_TOLERANCE);
}

function rowKey(row: Cell[]): string {
  return row.map((cell) => cell.text).join("\u0001");
}

/** Appends the next page's part of a table, skipping rows that repeat the table's header. */
function appendContinuation(table: TableBlock, next: TableBlock): void {
  let skip = 0;
  while (
    skip < next.rows.length &&
    skip < table.rows.length - 1 &&
    next.rows[skip]!.some((cell) => cell.text !== "") &&
    rowKey(next.rows[skip]!) === rowKey(table.rows[skip]!)
  ) {
    skip++;
  }
  const continuation = next.rows.slice(skip);
  carrySpansAcrossBreak(table.rows.at(-1), continuation);
  // The table's loc stays that of its first page; every cell carries its own page and box.
  table.rows.push(...continuation);
}

/**
 * A row label spanning rows across a page break (三、本年度办理结果, （四）无法提供) is printed on
 * the first page only; the continuation shows an empty merged cell. Copy the label into it.
 */
function carrySpansAcrossBreak(lastRow: Cell[] | undefined, continuation: Cell[][]): void {
  if (!lastRow || continuation.length === 0) return;
  lastRow.forEach((above, column) => {
    if (!/\p{Script=Han}/u.test(above.text)) return;
    for (const [index, row] of continuation.entries()) {
      const cell = row[column];
      if (!cell || cell.text !== "" || (index > 0 && !cell.spanned)) break;
      cell.text = above.text;
      cell.spanned = true;
    }
  });
}
