// Rules a scan lost inside a table's figures. A faint or broken rule between two figure cells leaves
// one cell spanning two (or more) slots of the grid, while the rows above and below (or the columns
// beside) keep the rule: the table's rules are shared by its rows and columns. The merged cell then
// reads as one figure from two ("0   0" as one 0, or three zeros stacked in a total column as no
// figure at all), and its row has a figure too few. Such a cell is split again where its neighbours
// have their rule, when its picture says it holds one figure per slot: every slot's ink looks like
// figures (cell-image.ts), and no ink crosses the lost rule's place except a thin line along it (the
// rule's own remains). A cell merged on purpose (table 2's 本年处理决定数量 over three columns holds
// one figure, centred; a header's words cross the slots' edges) fails one of those tests.
import type { Segment } from "../pdf/geometry.js";
import type { LatticeTable } from "../pdf/lattice.js";
import { prepareCell } from "./cell-image.js";
import type { GrayImage, InkImage } from "./image.js";

/** Half the width of the band that must be clear of ink along the lost rule (inches). */
const BAND = 0.04;
/** Rule remnants cover this share of a line across the band, a glyph's strokes much less. */
const REMNANT = 0.7;
/** Ink allowed in the band outside remnants, as a share of the band's area (noise, JPEG specks). */
const STRAY = 0.004;
/** Kept off the cell's other rules when looking at the band (inches). */
const INSET = 0.03;

/** Segments (points) for the rules lost inside the table's figure cells; none when nothing was lost. */
export function lostRules(table: LatticeTable, gray: GrayImage, ink: InkImage, faint: InkImage): Segment[] {
  const out: Segment[] = [];
  const { xs, ys, slotCell } = table;
  const rows = ys.length - 1;
  const columns = xs.length - 1;
  table.cells.forEach((cell, index) => {
    const wide = cell.c1 > cell.c0;
    const tall = cell.r1 > cell.r0;
    if (wide === tall) return; // one slot, or merged both ways (a header block)
    for (let r = cell.r0; r <= cell.r1; r++)
      for (let c = cell.c0; c <= cell.c1; c++) if (slotCell[r]![c] !== index) return;
    // Each lost rule must be one the neighbouring row (column) keeps.
    if (wide) {
      const kept = (r: number, k: number) => r >= 0 && r < rows && slotCell[r]![k - 1] !== slotCell[r]![k];
      for (let k = cell.c0 + 1; k <= cell.c1; k++) if (!kept(cell.r0 - 1, k) && !kept(cell.r0 + 1, k)) return;
    } else {
      const kept = (c: number, k: number) => c >= 0 && c < columns && slotCell[k - 1]![c] !== slotCell[k]![c];
      for (let k = cell.r0 + 1; k <= cell.r1; k++) if (!kept(cell.c0 - 1, k) && !kept(cell.c0 + 1, k)) return;
    }
    const scale = gray.dpi / 72;
    const [x0, y0, x1, y1] = [xs[cell.c0]!, ys[cell.r0]!, xs[cell.c1 + 1]!, ys[cell.r1 + 1]!];
    const boundaries = wide ? xs.slice(cell.c0 + 1, cell.c1 + 1) : ys.slice(cell.r0 + 1, cell.r1 + 1);
    if (
      !boundaries.every((at) =>
        ruleMayStand(
          ink,
          faint,
          wide,
          at * scale,
          wide ? [y0 * scale, y1 * scale] : [x0 * scale, x1 * scale],
          gray.dpi,
        ),
      )
    )
      return;
    const slots: [number, number, number, number][] = wide
      ? Array.from({ length: cell.c1 - cell.c0 + 1 }, (_, i) => [
          xs[cell.c0 + i]!,
          y0,
          xs[cell.c0 + i + 1]!,
          y1,
        ])
      : Array.from({ length: cell.r1 - cell.r0 + 1 }, (_, i) => [
          x0,
          ys[cell.r0 + i]!,
          x1,
          ys[cell.r0 + i + 1]!,
        ]);
    const figures = slots.every((b) => {
      const kind = prepareCell(gray, ink, [b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale]).kind;
      return kind === "digits" || kind === "dash" || kind === "slash";
    });
    if (!figures) return;
    for (const at of boundaries)
      out.push(
        wide ? { orientation: "v", at, from: y0, to: y1 } : { orientation: "h", at, from: x0, to: x1 },
      );
  });
  return out;
}

/**
 * Whether a rule may stand at `at` (pixels; x for a vertical line) between `span` (pixels, the
 * cell's extent along the line): no ink crosses its place, or the rule itself is there, a line of
 * ink at the faint level along most of the span (the rule finder dropped it where a seal's ring or
 * a stroke crossed it, or where it was broken).
 */
export function ruleMayStand(
  ink: InkImage,
  faint: InkImage,
  vertical: boolean,
  at: number,
  span: [number, number],
  dpi: number,
): boolean {
  const half = Math.max(2, Math.round(BAND * dpi));
  const inset = Math.max(2, Math.round(INSET * dpi));
  const from = Math.max(0, Math.round(span[0]) + inset);
  const to = Math.min(vertical ? ink.height : ink.width, Math.round(span[1]) - inset);
  const length = to - from;
  if (length <= 0) return false;
  let stray = 0;
  for (let d = -half; d <= half; d++) {
    const line = Math.round(at) + d;
    if (line < 0 || line >= (vertical ? ink.width : ink.height)) continue;
    let count = 0;
    let light = 0;
    for (let t = from; t < to; t++) {
      const i = vertical ? t * ink.width + line : line * ink.width + t;
      count += ink.data[i]!;
      light += faint.data[i]!;
    }
    if (light >= length * REMNANT) return true;
    stray += count;
  }
  return stray <= length * (2 * half + 1) * STRAY;
}
