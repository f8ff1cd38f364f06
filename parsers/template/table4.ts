// Table 4 (administrative review and litigation): fifteen figures after the header words, in printed
// order (复议, 直接起诉, 复议后起诉 × 维持/纠正/其他/尚未审结/总计). The header carries no figures, so
// every number in the table's stretch belongs to the value row(s), possibly run together or merged.
import type { NumberToken } from "./cells.js";
import { T4_CODES } from "./dictionary.js";
import { t4PrefixHolds } from "./identities.js";
import { readingsOf, type GroupItem, type Reading } from "./readings.js";
import { printsZeros, type Token } from "./stream.js";
import { recordReadings, sourceOf, type FiguresRead } from "./figures.js";
import { cellsAbut, readingWithUnread, UNREAD_ISSUE, type UnreadCell } from "./unread.js";

const WIDTH = T4_CODES.length;

export function readTable4(tokens: Token[], from: number, to: number): FiguresRead & { found: boolean } {
  const out = { values: {}, sources: {}, issues: [], found: false } as FiguresRead & { found: boolean };
  // Value rows: rows with figures, or table rows of blank cells only (all-zero tables printed blank).
  const rowsWithNumbers = new Set<number>();
  const rowsWithText = new Set<number>();
  const blanksPerRow = new Map<number, number>();
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === "num") rowsWithNumbers.add(t.row);
    else if (t.kind === "text") rowsWithText.add(t.row);
    else if (t.kind === "blank") blanksPerRow.set(t.row, (blanksPerRow.get(t.row) ?? 0) + 1);
  }
  for (const [row, blanks] of blanksPerRow)
    if (blanks >= 5 && !rowsWithText.has(row)) rowsWithNumbers.add(row);
  const items: GroupItem[] = [];
  // Cells of a scan OCR could not read, by their place among the value cells.
  const unread: UnreadCell[] = [];
  let grid = true;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (!rowsWithNumbers.has(t.row)) continue;
    if (t.kind === "num") items.push({ kind: "num", num: t.num as NumberToken, loc: t.loc, row: t.row });
    else if (t.kind === "blank") items.push({ kind: "blank", loc: t.loc, row: t.row });
    else if (t.kind === "unread") unread.push({ slot: items.length + unread.length, loc: t.loc });
    if (!t.grid) grid = false;
  }
  if (items.length === 0) {
    // The header and not one figure or value row: a table printed blank (no review, no suit) whose
    // blank value row the copy dropped. Blank is 0.
    const header = tokens.slice(from, to).filter((t) => t.kind === "text");
    if (header.some((t) => t.norm.includes("行政诉讼")) && header.some((t) => t.norm.includes("尚未审结"))) {
      for (const code of T4_CODES) {
        out.values[code] = 0;
        out.sources[code] = { raw: "" };
      }
      out.found = true;
    }
    return out;
  }
  out.found = true;
  // Figures on a line with the header words were run together (tags stripped), not merged.
  const figuresShareText = [...rowsWithNumbers].some((r) => rowsWithText.has(r));
  const result = readingsOf(items, WIDTH, {
    grid,
    check: t4PrefixHolds,
    prefixCheck: t4PrefixHolds,
    blanksDropped: !printsZeros(tokens, from, to) && !figuresShareText,
    merges: !figuresShareText,
  });
  const raw = items.map((i) => (i.kind === "num" ? i.num.raw : "␣")).join(" ");
  // A figure other than 0 spread over three or more merged cells ("2" as review's 总计 and four
  // cells of the next group) is how a reading fits the identities by accident, most often when the
  // printed table breaks them (totals printed 0): when every reading needs one, nothing is kept.
  const farFetched = result.readings.every((r) => longestExpandedRun(r) > 2);
  // A scan's value row with a cell OCR could not read: its other figures in their columns, when its
  // cells are one run of the grid's row (unread.ts).
  const partial = result.readings.length === 0 && grid ? readingWithUnread(items, unread, WIDTH) : null;
  if (partial && cellsAbut(partial, unread)) {
    partial.forEach((cell, i) => {
      const code = T4_CODES[i]!;
      if (cell) {
        out.values[code] = cell.value;
        out.sources[code] = sourceOf(cell);
      } else
        out.issues.push({
          code: UNREAD_ISSUE,
          metric: code,
          message: `table 4: the ${code} cell could not be read by OCR (the other figures are kept in their columns)`,
        });
    });
    return out;
  }
  recordReadings(out, T4_CODES, farFetched ? [] : result.readings, {
    what: "table 4",
    raw,
    metric: "t4.review.total",
    ambiguity: " that satisfy the identities",
  });
  return out;
}

/**
 * The most consecutive cells a non-zero figure was expanded into (merged identical cells), counting
 * only runs that cross from one group of five into the next.
 */
function longestExpandedRun(reading: Reading): number {
  let longest = 0;
  let run = 0;
  let start = 0;
  reading.forEach((cell, i) => {
    const prev = reading[i - 1];
    const expanded = cell.derived === "expanded_merged_cells" && cell.value !== 0;
    const continues =
      expanded && prev?.derived === "expanded_merged_cells" && prev.raw === cell.raw && prev.loc === cell.loc;
    if (!continues) start = i;
    run = expanded ? (continues ? run + 1 : 1) : 0;
    if (Math.floor(start / 5) !== Math.floor(i / 5)) longest = Math.max(longest, run);
  });
  return longest;
}
