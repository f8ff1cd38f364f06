// Expands row/column spans onto a grid: every slot a merged cell covers holds a copy of it, marked
// `spanned`, so that column c of every row means the same column. Shared by every front-end whose
// tables carry spans (HTML rowspan/colspan, DOCX vMerge/gridSpan).
import type { Cell, SourceLocation } from "../ir.js";

/** A cell as written in the source, before expansion. */
export interface SpanningCell {
  text: string;
  /** 1 when absent; 0 means "to the end of the table" as in HTML. */
  rowspan: number;
  colspan: number;
  loc?: SourceLocation;
}

/** Limits that keep absurd or hostile spans (rowspan="9999") from blowing up the grid. */
export const SPAN_LIMITS = {
  maxColspan: 100,
  maxRowspan: 1000,
  /** Copies made by expansion, per table; beyond it spans are no longer expanded. */
  maxCopies: 200_000,
};

export interface ExpandedGrid {
  rows: Cell[][];
  /** True when a span had to be clamped or left unexpanded. */
  clamped: boolean;
}

function spanValue(value: number, max: number, remaining: number): { span: number; clamped: boolean } {
  if (!Number.isFinite(value) || value < 0) return { span: 1, clamped: true };
  if (value === 0) return { span: Math.max(1, Math.min(remaining, max)), clamped: false };
  const span = Math.min(Math.floor(value) || 1, max, remaining);
  return { span, clamped: span < value };
}

/** Lays source rows onto a grid, expanding spans; holes left by ragged rows become empty spanned slots. */
export function expandSpans(sourceRows: readonly (readonly SpanningCell[])[]): ExpandedGrid {
  const rowCount = sourceRows.length;
  const grid: (Cell | undefined)[][] = sourceRows.map(() => []);
  let copies = 0;
  let clamped = false;

  sourceRows.forEach((cells, r) => {
    const row = grid[r]!;
    let c = 0;
    for (const cell of cells) {
      while (row[c] !== undefined) c++;
      if (cell.rowspan === 1 && cell.colspan === 1) {
        // Most cells span nothing: no span to clamp, no copy to make.
        row[c++] = origin(cell);
        continue;
      }
      const rows = spanValue(cell.rowspan, SPAN_LIMITS.maxRowspan, rowCount - r);
      const cols = spanValue(cell.colspan, SPAN_LIMITS.maxColspan, Number.POSITIVE_INFINITY);
      let rowSpan = rows.span;
      let colSpan = cols.span;
      clamped ||= rows.clamped || cols.clamped;
      if (copies + rowSpan * colSpan - 1 > SPAN_LIMITS.maxCopies) {
        [rowSpan, colSpan, clamped] = [1, 1, true];
      }
      copies += rowSpan * colSpan - 1;
      for (let dr = 0; dr < rowSpan; dr++) {
        const target = grid[r + dr]!;
        for (let dc = 0; dc < colSpan; dc++) {
          // A slot already claimed by an earlier rowspan keeps its owner (overlapping spans).
          if ((dr > 0 || dc > 0) && target[c + dc] !== undefined) continue;
          target[c + dc] = dr === 0 && dc === 0 ? origin(cell) : copy(cell);
        }
      }
      c += colSpan;
    }
  });

  // A slot no source cell covers (a short row beside a rowspan) is empty and marked spanned: it is
  // not a cell of the source, so a reader must not take it for a blank (= 0) figure.
  const rows = grid.map((row) => Array.from(row, (cell) => cell ?? { text: "", spanned: true }));
  return { rows, clamped };
}

function origin(cell: SpanningCell): Cell {
  return cell.loc ? { text: cell.text, loc: cell.loc } : { text: cell.text };
}

function copy(cell: SpanningCell): Cell {
  return cell.loc ? { text: cell.text, loc: cell.loc, spanned: true } : { text: cell.text, spanned: true };
}
