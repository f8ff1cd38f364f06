// Table 3's rows placed by position on a scan whose row labels OCR could not all read. The template
// fixes table 3's rows and their order (23 rows, or 25 when （六） prints its three items), so a grid
// whose body has exactly that many rows names every row by its place — when the labels that WERE read
// say the same: each read label must name the row at its own place, none may name another, and
// enough of them must be read. (Item numbers alone are no evidence: a scan reads 5. as 3. or 4.) The unread labels
// are then written as the template's, so the recognizer places those rows like any labelled row; the
// identities still decide every figure (verify.ts), as for rows the recognizer places by order.
//
// Without this a report whose labels are unreadable at 150 dpi lost half its figures: the recognizer
// places unlabelled rows by order only when the column identities confirm them, and a misread
// （七）总计 row leaves those identities nothing to check.
import type { Cell, DocumentIR, TableBlock } from "../ir.js";
import { T3_HEADINGS, T3_OTHER_ITEMS, T3_ROW_KEYS, T3_ROWS } from "../template/dictionary.js";
import { LabelMatcher } from "../template/matcher.js";
import { normalizeLabel } from "../template/normalize.js";
import { TABLE3, type Table3Row } from "../../src/model/template/index.js";

/** (六) printed as one row; as its three items (2021). */
const ORDERS: readonly (readonly string[])[] = [
  T3_ROW_KEYS.filter((k) => !T3_OTHER_ITEMS.includes(k)),
  T3_ROW_KEYS.filter((k) => k !== "other"),
];

/** A figure cell's text as the page reader writes it: digits, a zero mark, "?" (unreadable), blank. */
const FIGURE = /^(?:[-+]?\d[\d.,]*|\?|—|-|\/|)$/;
/** Figure columns of table 3: six applicant columns and, mostly, the total. */
const MIN_FIGURES = 6;
const MAX_FIGURES = 7;
/** Read labels that must agree before unread ones are named by their place. */
const MIN_ANCHORS = 6;
/** Share of the body's rows whose labels must be read and agree. */
const MIN_ANCHOR_SHARE = 0.4;

interface TemplateRow {
  key: string;
  /** The printed number ("2.", "（六）") and the template's label. */
  number: string;
  label: string;
}

/** Every table-3 row with figures, by key (items joined to their heading's key, as the codes are). */
const TEMPLATE_ROWS = new Map<string, TemplateRow>();
(function collect(rows: readonly Table3Row[], prefix: string): void {
  for (const row of rows) {
    const key = row.key ? `${prefix}${row.key}` : "";
    if (key && (!row.items || row.figures))
      TEMPLATE_ROWS.set(key, { key, number: row.number, label: row.labels[0]! });
    if (row.items) collect(row.items, key ? `${key}.` : prefix);
  }
})(TABLE3.rows, "");

let matcher: LabelMatcher | undefined;

/** What a label cell's text names: a row key, a heading, or nothing read. */
function named(text: string): { key: string | null; heading: boolean } {
  matcher ??= new LabelMatcher([...T3_ROWS, ...T3_HEADINGS]);
  const found = matcher.match(normalizeLabel(text));
  return found
    ? { key: found.heading ? null : found.key, heading: found.heading }
    : { key: null, heading: false };
}

/**
 * Names table 3's unread row labels in a scan's tables by their place where the read ones agree
 * (see the header); returns the row keys named.
 */
export function placeRowsByPosition(ir: DocumentIR): string[] {
  const keys: string[] = [];
  if (!ir.ocr) return keys;
  for (const block of ir.blocks) if (block.kind === "table") placeInTable(block, keys);
  return keys;
}

function placeInTable(table: TableBlock, keys: string[]): void {
  const rows = table.rows;
  const columns = Math.max(...rows.map((r) => r.length));
  if (rows.some((r) => r.length !== columns)) return;
  // Figures per row: the figure-like cells at the row's end (the row's label cells come first).
  const trailing = rows.map((row) => {
    let n = 0;
    while (n < row.length && FIGURE.test(row[row.length - 1 - n]!.text.trim())) n++;
    return n;
  });
  const width = mode(trailing.filter((n) => n >= MIN_FIGURES).map((n) => Math.min(n, MAX_FIGURES)));
  if (width === null || width >= columns) return;
  const first = trailing.findIndex((n) => n >= width);
  const last = trailing.findLastIndex((n) => n >= width);
  const leaf = columns - width - 1;
  // A heading printed as a row of its own (（三）不予公开 over its items), its figure cells empty,
  // holds no figures: it is no row of the order.
  const body = rows
    .slice(first, last + 1)
    .filter((row) => !(named(row[leaf]!.text).heading && row.slice(leaf + 1).every((c) => !c.text.trim())));
  const order = ORDERS.find((o) => o.length === body.length);
  if (!order) return;
  let anchors = 0;
  const unread: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const row = body[i]!;
    const want = TEMPLATE_ROWS.get(order[i]!)!;
    const text = row[labelCell(row, leaf)]!.text;
    const { key } = named(text);
    if (key !== null) {
      if (key !== want.key) return; // a read label names another row: the grid is not the template's
      anchors++;
      continue;
    }
    // A heading read in the leaf column (a row of its own) or a parent cell naming another group.
    if (named(text).heading) return;
    // Label cells to the left name the row's group: they must not name another row.
    for (let c = 0; c < labelCell(row, leaf); c++) {
      const parent = named(row[c]!.text).key;
      if (parent !== null && parent !== want.key) return;
    }
    unread.push(i);
  }
  if (unread.length === 0 || anchors < Math.max(MIN_ANCHORS, body.length * MIN_ANCHOR_SHARE)) return;
  for (const i of unread) {
    const row = body[i]!;
    const want = TEMPLATE_ROWS.get(order[i]!)!;
    const at = labelCell(row, leaf);
    const original = row[at]!.text;
    const label = `${want.number}${want.label}`;
    // The label cell and the cells a merged label spans to its left (same text) take the label.
    for (let c = at; c >= 0 && (c === at || row[c]!.text === original); c--) setText(row[c]!, label);
    keys.push(want.key);
  }
}

/**
 * The row's label cell: the leaf column's, or the nearest to its left when a figure cell spans into
 * the leaf column (a row whose label stands in the columns before, its first figure merged over
 * the leaf column): a figure is never taken for a label, nor overwritten.
 */
function labelCell(row: Cell[], leaf: number): number {
  let c = leaf;
  while (c > 0 && row[c]!.text.trim() !== "" && FIGURE.test(row[c]!.text.trim())) c--;
  return c;
}

function setText(cell: Cell, text: string): void {
  cell.text = text;
}

/** The most frequent value (the larger of equals), or null for none. */
function mode(values: number[]): number | null {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  for (const [v, n] of counts)
    if (best === null || n > counts.get(best)! || (n === counts.get(best)! && v > best)) best = v;
  return best;
}
