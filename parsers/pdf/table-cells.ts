// Puts text into a rebuilt grid: each run goes to the cell holding its centre, a run that
// crosses a drawn column rule (some producers write a whole row as one text item) is split at
// the rule first, and a cell's lines are joined in reading order.
import type { Cell, TableBlock } from "../ir.js";
import { roundBox, type Box, type TextRun } from "./geometry.js";
import type { LatticeTable } from "./lattice.js";
import { groupLines, isCjk, joinLine, joinLines } from "./text-join.js";

/** A line ending within this many font sizes of its cell's right edge filled the cell (and may wrap on). */
const FULL_LINE_SLACK = 2;

/** Cells whose last line runs to the cell's right edge: text that may continue past a page break. */
export const endsWithFullLine = new WeakSet<Cell>();

/** Margin (points) around a table within which text still counts as inside it. */
const EDGE_SLACK = 1.5;

export function contains(box: Box, x: number, y: number, slack = EDGE_SLACK): boolean {
  return x >= box[0] - slack && x <= box[2] + slack && y >= box[1] - slack && y <= box[3] + slack;
}

function slotIndex(lines: number[], value: number): number {
  for (let i = 0; i < lines.length - 2; i++) if (value < lines[i + 1]!) return i;
  return lines.length - 2;
}

/** Splits a horizontal run at the column rules it crosses inside its row. */
function splitAtRules(run: TextRun, table: LatticeTable): TextRun[] {
  if (run.vertical) return [run];
  const row = slotIndex(table.ys, (run.box[1] + run.box[3]) / 2);
  const cuts = table.xs.filter(
    (x, c) =>
      c > 0 &&
      c < table.xs.length - 1 &&
      table.hasRightRule[row]?.[c - 1] &&
      x > run.box[0] + 0.3 * run.size &&
      x < run.box[2] - 0.3 * run.size,
  );
  if (cuts.length === 0) return [run];
  // Producers that write a row as one item separate its cells with spaces (or with gaps pdf.js
  // turns into spaces): one token per crossed cell is then an exact split.
  const tokens = run.text.split(/\s+/).filter(Boolean);
  if (tokens.length === cuts.length + 1) {
    const edges = [run.box[0], ...cuts, run.box[2]];
    return tokens.map((text, i) => ({
      ...run,
      text,
      box: [edges[i]!, run.box[1], edges[i + 1]!, run.box[3]],
    }));
  }
  // Estimate each character's position from typical advance widths (CJK full, Latin half).
  const chars = [...run.text];
  const weights = chars.map((ch) => (isCjk(ch) ? 1 : 0.55));
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  const scale = (run.box[2] - run.box[0]) / total;
  const pieces: TextRun[] = [];
  let x = run.box[0];
  let current: { text: string; x0: number; x1: number } | null = null;
  let zone = -1;
  chars.forEach((ch, i) => {
    const width = weights[i]! * scale;
    const mid = x + width / 2;
    const charZone = cuts.filter((cut) => cut <= mid).length;
    if (charZone !== zone && current) {
      pieces.push({ ...run, text: current.text, box: [current.x0, run.box[1], current.x1, run.box[3]] });
      current = null;
    }
    zone = charZone;
    current ??= { text: "", x0: x, x1: x };
    current.text += ch;
    current.x1 = x + width;
    x += width;
  });
  if (current) {
    const last = current as { text: string; x0: number; x1: number };
    pieces.push({ ...run, text: last.text, box: [last.x0, run.box[1], last.x1, run.box[3]] });
  }
  return pieces.filter((piece) => piece.text.trim() !== "");
}

/** Builds the TableBlock of one rebuilt grid from the runs inside it. */
export function fillTable(table: LatticeTable, runs: TextRun[], page: number): TableBlock {
  const cellRuns: TextRun[][] = table.cells.map(() => []);
  for (const run of runs) {
    for (const piece of splitAtRules(run, table)) {
      const x = (piece.box[0] + piece.box[2]) / 2;
      const y = (piece.box[1] + piece.box[3]) / 2;
      const row = slotIndex(table.ys, y);
      const column = slotIndex(table.xs, x);
      cellRuns[table.slotCell[row]![column]!]!.push(piece);
    }
  }
  const lines = cellRuns.map((inCell) => groupLines(inCell));
  const texts = lines.map((cellLines) => joinLines(cellLines.map(joinLine)));
  const fullAtEnd = lines.map((cellLines, index) => {
    const last = cellLines.at(-1);
    return last !== undefined && last.box[2] >= table.cells[index]!.box[2] - FULL_LINE_SLACK * last.size;
  });
  const rows: Cell[][] = table.slotCell.map((slots, r) =>
    slots.map((index, c) => {
      const cell = table.cells[index]!;
      const origin = cell.r0 === r && cell.c0 === c;
      const result: Cell = { text: texts[index]!, loc: { page, bbox: roundBox(cell.box) } };
      if (!origin) result.spanned = true;
      if (fullAtEnd[index]) endsWithFullLine.add(result);
      return result;
    }),
  );
  return { kind: "table", rows, loc: { page, bbox: roundBox(table.box) } };
}
