// Table 4 (administrative review and litigation): fifteen figures after the header words, in printed
// order (复议, 直接起诉, 复议后起诉 × 维持/纠正/其他/尚未审结/总计). The header carries no figures, so
// every number in the table's stretch belongs to the value row(s), possibly run together or merged.
import type { NumberToken } from "./cells.js";
import { T4_GROUPS, T4_RESULTS } from "./dictionary.js";
import { t4PrefixHolds } from "./identities.js";
import { readingsOf, type GroupItem } from "./readings.js";
import type { Token } from "./stream.js";
import type { FiguresRead } from "./table2.js";

const WIDTH = 15;

export function readTable4(tokens: Token[], from: number, to: number): FiguresRead & { found: boolean } {
  const out = { values: {}, sources: {}, issues: [], found: false } as FiguresRead & { found: boolean };
  const rowsWithNumbers = new Set<number>();
  for (let i = from; i < to; i++) if (tokens[i]!.kind === "num") rowsWithNumbers.add(tokens[i]!.row);
  const items: GroupItem[] = [];
  let grid = true;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (!rowsWithNumbers.has(t.row)) continue;
    if (t.kind === "num") items.push({ kind: "num", num: t.num as NumberToken, loc: t.loc });
    else if (t.kind === "blank") items.push({ kind: "blank", loc: t.loc });
    if (!t.grid) grid = false;
  }
  if (!items.some((i) => i.kind === "num")) return out;
  out.found = true;
  const result = readingsOf(items, WIDTH, { grid, check: t4PrefixHolds, prefixCheck: t4PrefixHolds });
  const raw = items.map((i) => (i.kind === "num" ? i.num.raw : "␣")).join(" ");
  if (result.readings.length !== 1) {
    out.issues.push({
      code: result.readings.length ? "figure.ambiguous_split" : "figure.unreadable",
      metric: "t4.review.total",
      message: result.readings.length
        ? `table 4: "${raw}" can be read ${result.readings.length} ways; figures left out`
        : `table 4: could not read ${WIDTH} figures from "${raw}"`,
    });
    return out;
  }
  result.readings[0]!.forEach((cell, i) => {
    const code = `t4.${T4_GROUPS[Math.floor(i / 5)]}.${T4_RESULTS[i % 5]}`;
    out.values[code] = cell.value;
    out.sources[code] = {
      raw: cell.raw,
      ...(cell.loc ? { loc: cell.loc } : {}),
      ...(cell.derived ? { derived: cell.derived } : {}),
    };
  });
  return out;
}
