// Pages of one scan lie at slightly different places on the scanner's glass, deskewing turns each
// about its own centre, and a scan fitted to the PDF's page box may come out a percent or two
// larger or smaller than the page before (a skewed scan fitted to A4 shrinks by up to 7% at 3°). So a table continued on the next page is found a few
// points off where the previous page left it, while the PDF front-end joins a table across a page
// break only when the two parts' column rules line up (within 3 pt). Each scanned page whose first
// table has the previous page's last table's column rules — up to a shift and a small change of
// scale — is mapped onto it (x' = x × scale + shift).
import type { LatticeTable } from "../pdf/lattice.js";

/** The same table measured on two pages: widths within this ratio… */
const MAX_SCALE_CHANGE = 0.08;
/** …every column rule of the part with fewer within this distance of one of the other's (points)… */
const SAME_RULE = 3;
/** …and the page never moved further than this (points, ~13 mm). */
const MAX_SHIFT = 36;

export interface PageMap {
  scale: number;
  shift: number;
}

/** How to map each page's x coordinates, given each page's tables (top to bottom). */
export function pageMaps(pages: LatticeTable[][]): PageMap[] {
  const maps: PageMap[] = pages.map(() => ({ scale: 1, shift: 0 }));
  for (let i = 1; i < pages.length; i++) {
    const last = pages[i - 1]!.at(-1);
    const first = pages[i]![0];
    if (!last || !first) continue;
    const before = maps[i - 1]!;
    const target = last.xs.map((x) => x * before.scale + before.shift);
    const scale = (target.at(-1)! - target[0]!) / (first.xs.at(-1)! - first.xs[0]!);
    if (!(Math.abs(scale - 1) <= MAX_SCALE_CHANGE)) continue;
    const shift = target[0]! - first.xs[0]! * scale;
    const mapped = first.xs.map((x) => x * scale + shift);
    if (Math.abs(mapped[0]! - first.xs[0]!) > MAX_SHIFT) continue;
    const [fewer, more] = mapped.length <= target.length ? [mapped, target] : [target, mapped];
    if (fewer.every((x) => more.some((y) => Math.abs(x - y) <= SAME_RULE))) maps[i] = { scale, shift };
  }
  return maps;
}
