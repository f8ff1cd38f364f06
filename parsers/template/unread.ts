// A scan's grid row with a cell OCR could not read (stream.ts UnreadToken) keeps its other figures:
// the grid gives every cell its column, so the row is read slot by slot with the unread cell left
// open (null) — never by counting the figures that were read, which would shift them. Only when the
// row's cells fill exactly the row's width, and each stands in its column as the table's complete
// rows place it (or, for table 4's one value row, the cells abut one another across the row).
import type { SourceLocation } from "../ir.js";
import type { NumberToken } from "./cells.js";
import type { GroupItem, ReadCell } from "./readings.js";

/** A cell of a grid row that OCR could not read: its place among the row's cells, and where it is. */
export interface UnreadCell {
  slot: number;
  loc?: SourceLocation;
}

/** The issue of a figure whose cell OCR could not read in a row read otherwise. */
export const UNREAD_ISSUE = "figure.unread";

/** A row's reading with null where a cell could not be read. */
export type PartialReading = (ReadCell | null)[];

const MONEY = /元$/u;

/** A count: a whole number ≥ 0 printed without a money unit. */
export const isCount = (_slot: number, num: NumberToken): boolean =>
  Number.isInteger(num.value) && num.value >= 0 && !MONEY.test(num.raw);

/**
 * The row's cells in their slots, null where unread: when the read cells and the unread ones fill
 * exactly `width` slots and every read figure is what its slot may hold (`fits`: by default a
 * count; a blank is 0). Null otherwise.
 */
export function readingWithUnread(
  items: GroupItem[],
  unread: UnreadCell[] | undefined,
  width: number,
  fits: (slot: number, num: NumberToken) => boolean = isCount,
): PartialReading | null {
  if (!unread?.length || items.length + unread.length !== width) return null;
  const open = new Set(unread.map((u) => u.slot));
  const out: PartialReading = [];
  let k = 0;
  for (let slot = 0; slot < width; slot++) {
    if (open.has(slot)) {
      out.push(null);
      continue;
    }
    const item = items[k++];
    if (!item) return null;
    if (item.kind === "blank") {
      out.push({ value: 0, raw: "", loc: item.loc });
      continue;
    }
    if (!fits(slot, item.num)) return null;
    out.push({ value: item.num.value, raw: item.num.raw, loc: item.loc });
  }
  return out;
}

const centre = (loc: SourceLocation | undefined): number | null =>
  loc?.bbox ? (loc.bbox[0] + loc.bbox[2]) / 2 : null;

/** At least this many complete rows on the page say where a table's columns are. */
const MIN_PEER_ROWS = 3;

/**
 * Whether each read cell of `reading` stands in its column: the column's place is the median centre
 * of that slot's cells over the table's complete grid rows of the same page (`peers`, `width` cells
 * each; of every page when that page has too few), and the cell's box must reach it. False when
 * fewer than MIN_PEER_ROWS such rows say so.
 */
export function standsInColumns(reading: PartialReading, peers: GroupItem[][], width: number): boolean {
  const page = reading.find((c) => c?.loc?.page !== undefined)?.loc?.page;
  if (page === undefined) return false;
  // A table's part on a page of its own few rows: the pages are aligned (a table continued on the
  // next page is moved to where the previous page left it), so the whole table's rows say.
  let rows = peers.filter((items) => items.length === width && items[0]?.loc?.page === page);
  if (rows.length < MIN_PEER_ROWS) rows = peers.filter((items) => items.length === width);
  if (rows.length < MIN_PEER_ROWS) return false;
  return reading.every((cell, slot) => {
    if (!cell) return true;
    const box = cell.loc?.bbox;
    const xs = rows.map((items) => centre(items[slot]!.loc)).filter((x): x is number => x !== null);
    if (!box || xs.length < MIN_PEER_ROWS) return false;
    xs.sort((a, b) => a - b);
    const median = xs[Math.floor(xs.length / 2)]!;
    return median >= box[0] && median <= box[2];
  });
}

/** How far apart (points) two cells of one grid row may stand and still abut (a rule between them). */
const ABUT = 3;

/**
 * Whether the row's cells, read and unread, abut one another left to right on one page and one
 * line: one run of consecutive cells of the grid, so their order is their columns' (table 4's value
 * row has no other row to take the columns from).
 */
export function cellsAbut(reading: PartialReading, unread: UnreadCell[]): boolean {
  const locs = reading.map((cell, slot) => cell?.loc ?? unread.find((u) => u.slot === slot)?.loc);
  const first = locs[0];
  if (!first?.bbox) return false;
  return locs.every((loc, i) => {
    if (!loc?.bbox || loc.page !== first.page) return false;
    if (Math.abs(loc.bbox[1] - first.bbox![1]) > ABUT || Math.abs(loc.bbox[3] - first.bbox![3]) > ABUT)
      return false;
    const prev = locs[i - 1];
    return !prev || Math.abs(loc.bbox[0] - prev.bbox![2]) <= ABUT;
  });
}
