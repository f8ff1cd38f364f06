// Which figures a lossy text form still determines. Some copied-out forms lose cell boundaries:
// cells run together ("640020470"), or identical neighbouring cells are merged and blank cells
// dropped (one cell per line). For one table row we enumerate every reading of the printed text
// that is consistent with the cell syntax and the row's identities; a figure is determinable
// when all readings agree on it. Column identities across rows are not used, so this errs on
// the side of "may be missing" (a parser that reads more is not penalised, see truth docs).
import { parseCellValue } from "./cells.js";

/** An identity over cell positions of one row: sum(parts) = total. */
export interface RowIdentity {
  parts: number[];
  total: number;
}

const MAX_READINGS = 20000;

function satisfies(values: number[], identities: RowIdentity[]): boolean {
  return identities.every(
    ({ parts, total }) => Math.abs(parts.reduce((s, i) => s + values[i]!, 0) - values[total]!) < 1e-9,
  );
}

/** Indexes (into `codes`) on which the readings disagree, or all of them when there are too many. */
function disagreeing(readings: number[][], size: number): number[] {
  if (readings.length === 0) return Array.from({ length: size }, (_, i) => i);
  const first = readings[0]!;
  return first.flatMap((v, i) => (readings.some((r) => r[i] !== v) ? [i] : []));
}

const NUMBER_TOKEN = /^[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:万元|元)?$|^[-—/无]$/;

/**
 * Cells printed with no separator. `segments` are the row's value text split at the separators
 * that survived (a space here and there); each segment holds one or more whole cells.
 * Returns the indexes of cells the text does not determine.
 */
export function undeterminedRunTogether(
  segments: string[],
  cellCount: number,
  identities: RowIdentity[],
  blankIsZero: boolean,
): number[] {
  const readings: number[][] = [];
  let overflow = false;
  const walk = (segment: number, offset: number, cells: number[]): void => {
    if (overflow || cells.length > cellCount) return;
    const text = segments[segment];
    if (text !== undefined && offset === text.length) return walk(segment + 1, 0, cells);
    // A blank cell (0) can sit before any token or after the last one; never twice in one place.
    if (blankIsZero && cells.length < cellCount) walk(segment, offset, [...cells, 0]);
    if (text === undefined) {
      if (cells.length === cellCount && satisfies(cells, identities)) readings.push([...cells]);
      if (readings.length > MAX_READINGS) overflow = true;
      return;
    }
    for (let end = offset + 1; end <= text.length; end++) {
      const token = text.slice(offset, end);
      if (!NUMBER_TOKEN.test(token)) continue;
      const value = parseCellValue(token);
      if (value !== undefined) walk(segment, end, [...cells, value]);
    }
  };
  walk(0, 0, []);
  if (overflow) return Array.from({ length: cellCount }, (_, i) => i);
  return disagreeing(readings, cellCount);
}

/**
 * One token per printed cell, blank cells dropped, then identical neighbouring tokens merged.
 * Returns the indexes of cells the tokens do not determine.
 */
export function undeterminedMergedCells(
  tokens: string[],
  cellCount: number,
  identities: RowIdentity[],
  blankIsZero: boolean,
): number[] {
  const readings: number[][] = [];
  let overflow = false;
  const walk = (cell: number, token: number, last: string | undefined, values: number[]): void => {
    if (overflow) return;
    if (cell === cellCount) {
      if (token === tokens.length && satisfies(values, identities)) readings.push([...values]);
      if (readings.length > MAX_READINGS) overflow = true;
      return;
    }
    if (blankIsZero) walk(cell + 1, token, last, [...values, 0]);
    const next = tokens[token];
    if (next !== undefined && next !== last)
      walk(cell + 1, token + 1, next, [...values, parseCellValue(next) ?? NaN]);
    if (last !== undefined) walk(cell + 1, token, last, [...values, parseCellValue(last) ?? NaN]);
  };
  walk(0, 0, undefined, []);
  if (overflow) return Array.from({ length: cellCount }, (_, i) => i);
  return disagreeing(readings, cellCount);
}
