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

/** Returns, for each row key, the group index assigned to it; and the best score (for comparing orders). */
export function alignGroups(
  groups: Group[],
  rows: string[],
  options: AlignOptions,
): { assignment: Map<string, number>; score: number } {
  const G = groups.length;
  const R = rows.length;
  // Rows each group may fill, with their scores, computed once (a labelled row allows one row only).
  const fillable = groups.map((group) =>
    rows.map((row, r) => ({ r, s: score(group, row) })).filter((o) => o.s !== -Infinity),
  );
  // best[g][r + 1]: best score after the first g groups with the last assigned row r (r = -1: none).
  const best: number[][] = Array.from({ length: G + 1 }, () => new Array<number>(R + 1).fill(-Infinity));
  const back: ({ prev: number; assigned: boolean } | null)[][] = Array.from({ length: G + 1 }, () =>
    new Array(R + 1).fill(null),
  );
  best[0]![0] = 0;
  for (let g = 0; g < G; g++) {
    const group = groups[g]!;
    const loose = !group.grid && !group.inRow;
    const dropCost =
      loose && options.dropLooseLines
        ? 0
        : group.inRow && !group.inRow.heading
          ? DROP_LABELLED
          : DROP_UNLABELLED;
    for (let last = -1; last < R; last++) {
      const here = best[g]![last + 1]!;
      if (here === -Infinity) continue;
      // drop the group
      if (here + dropCost > best[g + 1]![last + 1]!) {
        best[g + 1]![last + 1] = here + dropCost;
        back[g + 1]![last + 1] = { prev: last, assigned: false };
      }
      if (loose && options.dropLooseLines) continue;
      for (const { r, s } of fillable[g]!) {
        if (r <= last) continue;
        const total = here + s + SKIP_ROW * (r - last - 1);
        if (total > best[g + 1]![r + 1]!) {
          best[g + 1]![r + 1] = total;
          back[g + 1]![r + 1] = { prev: last, assigned: true };
        }
      }
    }
  }
  let end = 0;
  let endScore = -Infinity;
  for (let last = -1; last < R; last++) {
    const s = best[G]![last + 1]! + SKIP_ROW * (R - 1 - last);
    if (s > endScore) {
      endScore = s;
      end = last;
    }
  }
  const assignment = new Map<string, number>();
  let r = end;
  for (let g = G; g > 0; g--) {
    const step = back[g]![r + 1];
    if (!step) break;
    if (step.assigned) assignment.set(rows[r]!, g - 1);
    r = step.prev;
  }
  return { assignment, score: endScore };
}

function score(group: Group, row: string): number {
  if (group.inRow && !group.inRow.heading) return group.inRow.key === row ? IN_ROW : -Infinity;
  const labels = group.preceding.filter((l) => !l.heading);
  // Copied-out text prints a label line and then its figures, so the nearest label is the best guess;
  // a table fragment after a run of detached labels (Markdown made from a PDF) fills the first of them.
  const nearest = group.table ? labels[0] : labels[labels.length - 1];
  if (nearest && nearest.key === row) return NEAREST_PRECEDING;
  if (labels.some((l) => l.key === row)) return ANY_PRECEDING;
  return 0;
}
