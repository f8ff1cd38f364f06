// Item numbers printed apart from their labels. A one-cell-per-line dump of a Word table puts the
// numbering run of "2.其他法律行政法规禁止公开" on its own line ("2", after the previous row's seven
// figures), so every row looks like eight numbers. A lone number is numbering only when the whole
// table shows the pattern: it equals the item number of the label right after it, and most item
// labels of the table are preceded that way (a coincidence for one row never qualifies).
import { T3_ROW_KEYS } from "./dictionary.js";
import type { LabelMatcher } from "./matcher.js";
import type { Token } from "./stream.js";

/** Item number of each itemised table 3 row ("denied.law_forbidden" → 2), from the template order. */
const ITEM_NUMBER = (() => {
  const out = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const key of T3_ROW_KEYS) {
    const dot = key.indexOf(".");
    if (dot < 0) continue;
    const group = key.slice(0, dot);
    const n = (seen.get(group) ?? 0) + 1;
    seen.set(group, n);
    out.set(key, n);
  }
  return out;
})();

const MIN_CANDIDATES = 3;
const MIN_SHARE = 0.8;

/**
 * Tokens [from, to) without the item numbers that stand detached before their labels; the same
 * array when there are none.
 */
export function withoutDetachedNumbering(
  tokens: Token[],
  from: number,
  to: number,
  matcher: LabelMatcher,
): { tokens: Token[]; from: number; to: number } {
  const candidates: number[] = [];
  let itemLabels = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind !== "text") continue;
    const match = matcher.match(t.norm, false);
    const item = match ? ITEM_NUMBER.get(match.key) : undefined;
    // Labels printed with their numbering ("2其他法律…" once normalised) need nothing.
    if (item === undefined || /^\d/u.test(t.norm)) continue;
    itemLabels++;
    const before = tokens[i - 1];
    if (
      i - 1 >= from &&
      before?.kind === "num" &&
      !before.grid &&
      before.num.raw === String(item) &&
      before.row !== t.row &&
      tokens[i - 2]?.row !== before.row
    )
      candidates.push(i - 1);
  }
  if (candidates.length < MIN_CANDIDATES || candidates.length < itemLabels * MIN_SHARE)
    return { tokens, from, to };
  const drop = new Set(candidates);
  const kept = tokens.slice(from, to).filter((_, k) => !drop.has(from + k));
  return { tokens: kept, from: 0, to: kept.length };
}
