// Removes page furniture: bare page numbers ("— 3 —", "第 3 页 共 5 页", "3/5") and running
// headers or footers that repeat on several pages, found only in the top and bottom margins.
import type { PageLayout } from "./page-layout.js";

/** Share of the page height at the top and at the bottom where furniture lives. */
const MARGIN_SHARE = 0.1;

const PAGE_NUMBER = [
  /^[-—–－_~·\s]*\d{1,4}[-—–－_~·\s]*$/,
  /^第?\s*\d{1,4}\s*页\s*[,，/、]?\s*(共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^page\s*\d{1,4}(\s*of\s*\d{1,4})?$/i,
];

export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.some((pattern) => pattern.test(text.trim()));
}

function inMargin(layout: PageLayout, box: [number, number, number, number]): boolean {
  return box[3] <= layout.height * MARGIN_SHARE || box[1] >= layout.height * (1 - MARGIN_SHARE);
}

/** A repeated header or footer compared with its page numbers blanked out. */
function furnitureKey(text: string): string {
  return text.replace(/\d+/g, "#").replace(/\s+/g, "");
}

const BARE_NUMBER = /^\s*\d{1,4}\s*$/;

/**
 * A bare number ("3") in a margin is a page number only when it is the outermost item on its
 * side of the page and stands apart from the item next to it by at least its own height, as
 * footers do. A text report printed line by line (one cell a line) has figures alone on lines in
 * the margins, at the body's line spacing: those are the table's figures.
 */
function standsApart(layout: PageLayout, index: number): boolean {
  const box = layout.items[index]!.box;
  const height = box[3] - box[1];
  const bottom = box[1] >= layout.height * (1 - MARGIN_SHARE);
  let nearest = Infinity;
  for (const [i, other] of layout.items.entries()) {
    if (i === index) continue;
    const gap = bottom ? box[1] - other.box[3] : other.box[1] - box[3];
    // Anything level with it or beyond it toward the page edge: not the page's outermost line.
    if (gap < -height / 2) return false;
    nearest = Math.min(nearest, gap);
  }
  return nearest >= height;
}

export function removePageChrome(layouts: PageLayout[]): void {
  const pagesWithKey = new Map<string, Set<number>>();
  for (const layout of layouts) {
    for (const item of layout.items) {
      if (item.kind !== "line" || !inMargin(layout, item.box)) continue;
      const key = furnitureKey(item.text);
      pagesWithKey.set(key, (pagesWithKey.get(key) ?? new Set()).add(layout.page));
    }
  }
  const repeatedOn = Math.max(2, Math.ceil(layouts.length / 2));
  for (const layout of layouts) {
    layout.items = layout.items.filter((item, index) => {
      if (item.kind !== "line" || !inMargin(layout, item.box)) return true;
      if (BARE_NUMBER.test(item.text)) return !standsApart(layout, index);
      if (isPageNumber(item.text)) return false;
      return (pagesWithKey.get(furnitureKey(item.text))?.size ?? 0) < repeatedOn;
    });
  }
}
