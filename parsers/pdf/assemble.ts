// Turns the pages' layouts into IR blocks: wrapped lines become paragraphs, and a table that
// continues at the top of the next page is appended to the one it continues (minus a repeated
// header), so the recognizer sees one row stream per table.
import type { Block } from "../ir.js";
import { roundBox, unionBox } from "./geometry.js";
import type { PageItem, PageLayout, PageLine } from "./page-layout.js";
import { appendContinuation, continuesTable, type TablePart } from "./table-continuation.js";
import { joinLines } from "./text-join.js";

/** A line that is one figure alone. */
const BARE_FIGURE = /^[\d.,，%％]+$/;
const CONTINUATION_CAPTION = /^[（(]?续表?[）)]?.{0,12}$|^.{0,12}[（(]续[）)]$/;

export function assembleBlocks(layouts: PageLayout[]): { blocks: Block[]; title?: string } {
  const blocks: Block[] = [];
  let openTable = null as TablePart | null;
  let title: string | undefined;
  const margins = fullMarginsByWidth(layouts);
  for (const layout of layouts) {
    const carried = openTable;
    openTable = null;
    const bodyRight = rightMarginOf(layout, margins);
    const bodySize = commonSize(layout.items);
    // A continued table may be preceded by a "续表" caption; such captions do not break it.
    const firstTable = layout.items.findIndex((item) => item.kind === "table");
    const onlyCaptionsBefore =
      firstTable >= 0 &&
      layout.items
        .slice(0, firstTable)
        .every((item) => item.kind === "line" && CONTINUATION_CAPTION.test(item.text));
    let paragraph: PageLine[] = [];
    const flush = () => {
      if (paragraph.length === 0) return;
      const box = paragraph.map((l) => l.box).reduce(unionBox);
      const text = joinLines(
        paragraph.map((l) => l.text),
        true,
      );
      if (layout.page === 1 && title === undefined && isTitleCandidate(paragraph, layout, bodySize))
        title = text;
      blocks.push({ kind: "text", text, loc: { page: layout.page, bbox: roundBox(box) } });
      paragraph = [];
    };
    for (const [index, item] of layout.items.entries()) {
      if (item.kind === "table") {
        flush();
        const part: TablePart = { block: item.block, xs: item.xs, ids: item.ids };
        const continued =
          index === firstTable && onlyCaptionsBefore && carried !== null && continuesTable(carried, part);
        if (continued) appendContinuation(carried, part);
        else blocks.push(item.block);
        // Only a table ending its page can continue on the next one.
        if (isLastItem(layout.items, index)) openTable = continued ? carried : part;
        continue;
      }
      if (index < firstTable && onlyCaptionsBefore && carried !== null) continue;
      const previous = paragraph.at(-1);
      if (previous && !continuesParagraph(previous, item, bodyRight, bodySize)) flush();
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

const widthKey = (layout: PageLayout) => Math.round(layout.width);

/** A page's own right margin when it lies in the page's right half (the page has full lines). */
function ownFullMargin(layout: PageLayout): number | undefined {
  const right = rightMargin(layout.items);
  return right > layout.width / 2 ? right : undefined;
}

/** The widest full right margin of the pages of each width. */
function fullMarginsByWidth(layouts: PageLayout[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const layout of layouts) {
    const right = ownFullMargin(layout);
    if (right !== undefined) out.set(widthKey(layout), Math.max(out.get(widthKey(layout)) ?? 0, right));
  }
  return out;
}

/**
 * The right margin full lines reach on a page. A page of short lines (a table printed one cell
 * a line) has none of its own: its longest label reaches no margin, so the document's pages of
 * the same width give it (when none has one either, as on an OCR'd scan's few lines: its own).
 */
function rightMarginOf(layout: PageLayout, margins: Map<number, number>): number {
  return ownFullMargin(layout) ?? margins.get(widthKey(layout)) ?? rightMargin(layout.items);
}

/** The font size most text on the page is set in (by characters). */
function commonSize(items: PageItem[]): number {
  const chars = new Map<number, number>();
  for (const item of items) {
    if (item.kind !== "line") continue;
    const size = Math.round(item.size);
    chars.set(size, (chars.get(size) ?? 0) + item.text.length);
  }
  return [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

function continuesParagraph(
  previous: PageLine,
  next: PageLine,
  bodyRight: number,
  bodySize: number,
): boolean {
  const size = previous.size;
  if (Math.abs(next.size - size) > 0.6) return false;
  if (previous.text.includes("\t") || next.text.includes("\t")) return false; // a row of a table drawn without rules
  const gap = next.box[1] - previous.box[3];
  if (gap < -0.3 * size || gap > 1.2 * size) return false;
  if (/[。：:；;！!？?]$/.test(previous.text)) return false;
  if (/^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十\d]+[）)]|^\d+[.．、]/.test(next.text))
    return false;
  const fullLine = previous.box[2] >= bodyRight - 1.5 * size;
  // Wrapped centred lines (a two-line title) share their centre; two short figures flush left
  // ("38" above "1": a table printed one cell a line) share it by chance.
  const centredPair =
    Math.abs((previous.box[0] + previous.box[2]) / 2 - (next.box[0] + next.box[2]) / 2) < size &&
    !BARE_FIGURE.test(previous.text) &&
    !BARE_FIGURE.test(next.text);
  // Consecutive lines of a heading larger than the body (a title broken after the body's name).
  const headingPair = size >= bodySize + 2 && Math.abs(previous.box[0] - next.box[0]) < size;
  return fullLine || centredPair || headingPair;
}

/** The first-page paragraph set in the largest type, when that is larger than the body text. */
function isTitleCandidate(lines: PageLine[], layout: PageLayout, bodySize: number): boolean {
  const size = Math.max(...lines.map((l) => l.size));
  if (size < bodySize + 1.5) return false;
  const largest = Math.max(
    ...layout.items.filter((i): i is PageLine => i.kind === "line").map((l) => l.size),
  );
  return size >= largest - 0.5 && lines[0]!.box[1] < layout.height / 2;
}
