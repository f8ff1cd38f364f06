// Assigns table 3's value groups to the template's rows. Rows are known in order, so order is strong
// evidence: a monotone alignment (dynamic programming) scores each group against each row by its
// label (printed on the same row: binding; printed on lines before it: supporting) and charges for
// skipped rows and dropped groups. This is what reads Markdown made from PDFs, where labels come
// detached from their figures and out of place, and one-cell-per-line text dumps.
import type { Group } from "./groups.js";

export interface AlignOptions {
  /** When most figures sit in proper table rows, loose number-only lines are noise (page numbers). */
  dropLooseLines: boolean;
}

const IN_ROW = 10;
const NEAREST_PRECEDING = 6;
const ANY_PRECEDING = 1;
const SKIP_ROW = -1;
const DROP_LABELLED = -8;
const DROP_UNLABELLED = -3;
const NO_STEP = -32768;

/** Returns, for each row key, the group index assigned to it; and the best score (for comparing orders). */
export function alignGroups(
  groups: Group[],
  rows: string[],
  options: AlignOptions,
): { assignment: Map<string, number>; score: number } {
  const G = groups.length;
  const R = rows.length;
  // The score of each group for each row, computed once (-Infinity: a labelled row allows one row only).
  const scores = scratch("scores", G * R);
  for (let g = 0; g < G; g++) scoreRows(groups[g]!, rows, scores, g * R);
  // best[g][r + 1]: best score after the first g groups with the last assigned row r (r = -1: none);
  // flat typed arrays, since this runs twice per report. prev: the previous last row + 1 (0 = none),
  // negative when the group was dropped, NO_STEP when the cell is unreached.
  const W = R + 1;
  const cells = (G + 1) * W;
  const bestFlat = scratch("best", cells).fill(-Infinity, 0, cells);
  const prevFlat = scratchSteps(cells).fill(NO_STEP, 0, cells);
  bestFlat[0] = 0;
  for (let g = 0; g < G; g++) {
    const group = groups[g]!;
    const loose = !group.grid && !group.inRow;
    const dropCost =
      loose && options.dropLooseLines
        ? 0
        : group.inRow && !group.inRow.heading
          ? DROP_LABELLED
          : DROP_UNLABELLED;
    const canFill = !(loose && options.dropLooseLines);
    const from = g * W;
    const base = (g + 1) * W;
    // Cell c holds the best score with last assigned row c - 1. Filling row r moves from any cell
    // c ≤ r to cell r + 1 at a cost of SKIP_ROW per row skipped: total = best[c] - SKIP_ROW·c + s +
    // SKIP_ROW·r, so the best source is a running maximum of best[c] - SKIP_ROW·c (the first of
    // equals, as a scan over c in order with a strict comparison would keep), and the whole step is
    // linear in the rows. A drop keeps the cell, and wins only over a strictly lower fill.
    let source = -1;
    let sourceKey = -Infinity;
    for (let c = 0; c <= R; c++) {
      if (c > 0) {
        const before = bestFlat[from + c - 1]!;
        const key = before - SKIP_ROW * (c - 1);
        if (before !== -Infinity && key > sourceKey) {
          sourceKey = key;
          source = c - 1;
        }
        const r = c - 1;
        const s = scores[g * R + r]!;
        if (canFill && source >= 0 && s !== -Infinity) {
          bestFlat[base + c] = bestFlat[from + source]! + s + SKIP_ROW * (r - source);
          prevFlat[base + c] = source;
        }
      }
      const here = bestFlat[from + c]!;
      if (here !== -Infinity && here + dropCost > bestFlat[base + c]!) {
        bestFlat[base + c] = here + dropCost;
        prevFlat[base + c] = -c - 1;
      }
    }
  }
  let end = 0;
  let endScore = -Infinity;
  for (let last = -1; last < R; last++) {
    const s = bestFlat[G * W + last + 1]! + SKIP_ROW * (R - 1 - last);
    if (s > endScore) {
      endScore = s;
      end = last;
    }
  }
  const assignment = new Map<string, number>();
  let r = end;
  for (let g = G; g > 0; g--) {
    const step = prevFlat[g * W + r + 1]!;
    if (step === NO_STEP) break;
    if (step >= 0) {
      assignment.set(rows[r]!, g - 1);
      r = step - 1;
    } else r = -step - 2;
  }
  return { assignment, score: endScore };
}

// The alignment's tables are reused from call to call (it runs twice per report, never nested): a
// new typed array per table costs more than the alignment itself (each is a backing store outside
// the heap, allocated, zeroed and later swept); only their first (G + 1) × (R + 1) cells are used.
const scratchTables = { scores: new Float64Array(0), best: new Float64Array(0) };
let scratchPrev = new Int16Array(0);

function scratch(name: keyof typeof scratchTables, size: number): Float64Array {
  if (scratchTables[name].length < size) scratchTables[name] = new Float64Array(Math.max(size, 2048));
  return scratchTables[name];
}

function scratchSteps(size: number): Int16Array {
  if (scratchPrev.length < size) scratchPrev = new Int16Array(Math.max(size, 2048));
  return scratchPrev;
}

/**
 * Scores a group against each row, into `scores` from `at` (the group's labels are looked at once,
 * not once per row).
 */
function scoreRows(group: Group, rows: string[], scores: Float64Array, at: number): void {
  const R = rows.length;
  const inRow = group.inRow;
  if (inRow && !inRow.heading) {
    for (let r = 0; r < R; r++) scores[at + r] = inRow.key === rows[r] ? IN_ROW : -Infinity;
    return;
  }
  // The row prints its own label but we could not read it: labels of earlier rows say nothing.
  const labels = group.unreadLabel ? [] : group.preceding.filter((l) => !l.heading);
  if (labels.length === 0) {
    scores.fill(0, at, at + R);
    return;
  }
  // Copied-out text prints a label line and then its figures, so the nearest label is the best guess;
  // a table fragment after a run of detached labels (Markdown made from a PDF) fills the first of them.
  const nearest = group.table ? labels[0]! : labels[labels.length - 1]!;
  const any = new Set(labels.map((l) => l.key));
  for (let r = 0; r < R; r++) {
    const row = rows[r]!;
    scores[at + r] = nearest.key === row ? NEAREST_PRECEDING : any.has(row) ? ANY_PRECEDING : 0;
  }
}
