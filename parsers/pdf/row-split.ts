// Tables ruled between columns but not between every row: one ruled row band then holds several
// rows of figures, one per text line. When at least two cells of a band hold the same number of
// figure lines on shared baselines, the band is split between those lines.
import type { Segment, TextRun } from "./geometry.js";
import type { LatticeTable } from "./lattice.js";
import { groupLines, joinLine } from "./text-join.js";

const FIGURE = /^[+-]?[\d.,，%]+$|^[-—–/无]$/;

/** Horizontal rules to add so that every row of figures gets its own grid row. */
export function missingRowRules(table: LatticeTable, runs: TextRun[]): Segment[] {
  const rules: Segment[] = [];
  for (let r = 0; r + 1 < table.ys.length; r++) {
    const top = table.ys[r]!;
    const bottom = table.ys[r + 1]!;
    const cells = table.xs.slice(0, -1).map((x0, c) => {
      const inCell = runs.filter((run) => {
        const x = (run.box[0] + run.box[2]) / 2;
        const y = (run.box[1] + run.box[3]) / 2;
        return x > x0 && x < table.xs[c + 1]! && y > top && y < bottom;
      });
      return groupLines(inCell);
    });
    const stacks = cells
      .filter(
        (lines) => lines.length >= 2 && lines.every((line) => FIGURE.test(joinLine(line).replace(/\s/g, ""))),
      )
      .map((lines) => lines.map((line) => (line.box[1] + line.box[3]) / 2));
    if (stacks.length < 2) continue;
    const [first, ...others] = stacks;
    const size = Math.max(...runs.map((run) => run.size), 1);
    const aligned = others.every(
      (stack) =>
        stack.length === first!.length && stack.every((y, i) => Math.abs(y - first![i]!) < 0.5 * size),
    );
    if (!aligned) continue;
    // Cut through figure and label stacks and empty cells, not through a one-line group label.
    cells.forEach((lines, c) => {
      if (lines.length === 1) return;
      for (let i = 0; i + 1 < first!.length; i++) {
        rules.push({
          orientation: "h",
          at: (first![i]! + first![i + 1]!) / 2,
          from: table.xs[c]!,
          to: table.xs[c + 1]!,
        });
      }
    });
  }
  return rules;
}
