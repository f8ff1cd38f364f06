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
    layout.items = layout.items.filter((item) => {
      if (item.kind !== "line" || !inMargin(layout, item.box)) return true;
      if (isPageNumber(item.text)) return false;
      return (pagesWithKey.get(furnitureKey(item.text))?.size ?? 0) < repeatedOn;
    });
  }
}
