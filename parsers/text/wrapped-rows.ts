// A tab-separated row hard-wrapped onto a second line (a mail client, an editor with hard wrap at
// 40–80 columns): the label and the first figures on one line, the rest of the figures alone on
// the next (or all the figures, when the cut fell right after the label). Read as two rows, the
// row is left out. The second line goes back onto the first when that is the only reading: the
// first starts with a label and ends on a filled cell (a wrap cuts at a cell boundary), the second
// has figures and empty cells only, the line after it is not figures only too (a label-less run of
// figure rows, e.g. table 4's data under its header, is no wrap), and together they are no wider
// than the widest unwrapped row of the table (a header names every column).

const FIGURE = /^(?:[+\-－−]?\d+(?:[,，]\d{3})*(?:\.\d+)?|[-—–/／无])$/u;

const isFigure = (cell: string) => FIGURE.test(cell.trim());
const isEmpty = (cell: string) => cell.trim() === "";

/** Cells of a row with its trailing empty cells dropped. */
function trimmed(cells: readonly string[]): readonly string[] {
  let end = cells.length;
  while (end > 0 && isEmpty(cells[end - 1]!)) end--;
  return cells.slice(0, end);
}

/** Whether a row has figures and empty cells only (at least one figure). */
export function isFiguresOnly(cells: readonly string[]): boolean {
  return cells.some(isFigure) && cells.every((c) => isFigure(c) || isEmpty(c));
}

/**
 * Whether `next` (the line right after `row`) is the rest of `row`, wrapped. `nextAfter` is the
 * row of the line after `next` (undefined when that line is not a row); `widest` the cell count
 * of the widest row of the table.
 */
export function continuesRow(
  row: readonly string[],
  next: readonly string[],
  nextAfter: readonly string[] | undefined,
  widest: number,
): boolean {
  const first = row.findIndex((c) => !isEmpty(c));
  if (first < 0 || isFigure(row[first]!) || isEmpty(row.at(-1)!) || !isFiguresOnly(next)) return false;
  if (nextAfter && isFiguresOnly(nextAfter)) return false;
  return row.length + trimmed(next).length <= widest;
}
