// Which figures a lossy text form still determines. Some copied-out forms lose cell boundaries:
// cells run together ("640020470"), or identical neighbouring cells are merged and blank cells
// dropped (one cell per line). For one table row we enumerate every reading of the printed text
// that is consistent with the cell syntax and the row's identities; a figure is determinable
// when all readings agree on it. Column identities across rows are not used, so this errs on
// the side of "may be missing" (a parser that reads more is not penalised, see docs/synth.md).
import { parseCellValue } from "./cells.js";

// `signed[i]` says cell i may hold a negative figure (only 2019's 本年增/减 can); a reading that puts
// a sign anywhere else is not a reading.

/** An identity over cell positions of one row: sum(parts) = total. */
export interface RowIdentity {
  parts: number[];
  total: number;
}

/** Search budget per row; beyond it every cell of the row counts as undetermined (conservative). */
const MAX_STEPS = 200_000;
/** Readings kept per row for the cross-row step; a row with more is left to its own verdict. */
const MAX_KEPT_READINGS = 64;
/** Combinations of ambiguous rows tried against the column identities. */
const MAX_COMBINATIONS = 4096;

/** What one row's printed text allows. */
export interface RowReadings {
  /** Cells (indexes) the row's readings disagree on. */
  undetermined: number[];
  /** Every distinct reading, unless there were too many to keep. */
  readings?: number[][];
}

const NUMBER_TOKEN = /^[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:万元|元)?$|^[-—/无]$/;

/**
 * Collects the readings of one row. `extend(values, emit)` proposes the next cell values; each
 * identity is checked as soon as its last cell is known, which prunes most of the search.
 */
class ReadingSearch {
  private readonly byLastCell = new Map<number, RowIdentity[]>();
  private first: number[] | undefined;
  private readonly varies: boolean[];
  private steps = 0;
  overflow = false;

  constructor(
    private readonly cellCount: number,
    identities: RowIdentity[],
  ) {
    for (const identity of identities) {
      const last = Math.max(identity.total, ...identity.parts);
      this.byLastCell.set(last, [...(this.byLastCell.get(last) ?? []), identity]);
    }
    this.varies = new Array<boolean>(cellCount).fill(false);
  }

  /** False when the search must stop (budget spent) or the partial reading breaks an identity. */
  accept(values: number[]): boolean {
    if (++this.steps > MAX_STEPS) this.overflow = true;
    if (this.overflow) return false;
    const checks = this.byLastCell.get(values.length - 1) ?? [];
    return checks.every(
      ({ parts, total }) => Math.abs(parts.reduce((s, i) => s + values[i]!, 0) - values[total]!) < 1e-9,
    );
  }

  private readonly distinct = new Map<string, number[]>();

  record(values: number[]): void {
    if (!this.first) this.first = [...values];
    else values.forEach((v, i) => (this.varies[i] ||= v !== this.first![i]));
    if (this.distinct.size <= MAX_KEPT_READINGS) this.distinct.set(values.join(","), [...values]);
  }

  /** The row's distinct readings, or undefined when the search overflowed or found too many. */
  readings(): number[][] | undefined {
    if (this.overflow || this.distinct.size > MAX_KEPT_READINGS) return undefined;
    return [...this.distinct.values()];
  }

  result(): RowReadings {
    return { undetermined: this.undetermined(), readings: this.readings() };
  }

  /** Indexes of cells the readings disagree on (all of them when there is no reading or too many steps). */
  undetermined(): number[] {
    if (this.overflow || !this.first) return Array.from({ length: this.cellCount }, (_, i) => i);
    return this.varies.flatMap((v, i) => (v ? [i] : []));
  }
}

/**
 * Cells printed with no separator. `segments` are the row's value text split at the separators
 * that survived (a space here and there); each segment holds one or more whole cells.
 * Returns the indexes of cells the text does not determine.
 */
export function readRunTogether(
  segments: string[],
  cellCount: number,
  identities: RowIdentity[],
  blankIsZero: boolean,
  signed: readonly boolean[] = [],
): RowReadings {
  const search = new ReadingSearch(cellCount, identities);
  const charsLeft = (segment: number, offset: number): number =>
    segments.slice(segment).reduce((n, s) => n + s.length, 0) - offset;
  const walk = (segment: number, offset: number, cells: number[]): void => {
    if (search.overflow || cells.length > cellCount) return;
    const text = segments[segment];
    if (text !== undefined && offset === text.length) return walk(segment + 1, 0, cells);
    // Every cell still to come needs at least one character unless blanks are allowed.
    if (!blankIsZero && charsLeft(segment, offset) < cellCount - cells.length) return;
    // A blank cell (0) can sit before any token or after the last one.
    if (blankIsZero && cells.length < cellCount) {
      const next = [...cells, 0];
      if (search.accept(next)) walk(segment, offset, next);
    }
    if (text === undefined) {
      if (cells.length === cellCount) search.record(cells);
      return;
    }
    for (let end = offset + 1; end <= text.length; end++) {
      const token = text.slice(offset, end);
      if (!NUMBER_TOKEN.test(token) || (/^[+-][0-9]/.test(token) && !signed[cells.length])) continue;
      const value = parseCellValue(token);
      if (value === undefined) continue;
      const next = [...cells, value];
      if (search.accept(next)) walk(segment, end, next);
    }
  };
  walk(0, 0, []);
  return search.result();
}

/**
 * One token per printed cell, blank cells dropped, then identical neighbouring tokens merged.
 * Returns the indexes of cells the tokens do not determine.
 */
export function readMergedCells(
  tokens: string[],
  cellCount: number,
  identities: RowIdentity[],
  blankIsZero: boolean,
  signed: readonly boolean[] = [],
): RowReadings {
  const search = new ReadingSearch(cellCount, identities);
  const walk = (cell: number, token: number, last: string | undefined, values: number[]): void => {
    if (search.overflow || tokens.length - token > cellCount - cell) return;
    if (cell === cellCount) {
      if (token === tokens.length) search.record(values);
      return;
    }
    const options: [number, string | undefined, number][] = [];
    if (blankIsZero) options.push([token, last, 0]);
    const next = tokens[token];
    if (next !== undefined && next !== last) options.push([token + 1, next, parseCellValue(next) ?? NaN]);
    if (last !== undefined) options.push([token, last, parseCellValue(last) ?? NaN]);
    for (const [nextToken, nextLast, value] of options) {
      if (value < 0 && !signed[cell]) continue;
      const extended = [...values, value];
      if (search.accept(extended)) walk(cell + 1, nextToken, nextLast, extended);
    }
  };
  walk(0, 0, undefined, []);
  return search.result();
}

/** The cells a run-together row does not determine (row identities only). */
export const undeterminedRunTogether = (...args: Parameters<typeof readRunTogether>): number[] =>
  readRunTogether(...args).undetermined;

/** The cells a merged-cells row does not determine (row identities only). */
export const undeterminedMergedCells = (...args: Parameters<typeof readMergedCells>): number[] =>
  readMergedCells(...args).undetermined;

/** One table row's codes and what its text allows. */
export interface ReadRow {
  codes: string[];
  reading: RowReadings;
}

/**
 * Codes a table's text does not determine once the identities *across* rows are used too (table
 * 3's columns: balance, outcomes, (六) items), as a careful reader would (corpus 07's truth does).
 * `check` returns the identities a set of figures breaks. Rows with one reading are fixed; the
 * ambiguous rows' readings are combined and only combinations breaking no identity survive. When
 * there are too many combinations, each row keeps its own verdict.
 */
export function undeterminedAcrossRows(
  rows: ReadRow[],
  check: (values: Record<string, number>) => unknown[],
): string[] {
  const fixed: Record<string, number> = {};
  const ambiguous: { codes: string[]; readings: number[][] }[] = [];
  const unknown: string[] = [];
  for (const { codes, reading } of rows) {
    if (reading.undetermined.length === 0 && reading.readings?.length) {
      reading.readings[0]!.forEach((v, i) => (fixed[codes[i]!] = v));
    } else if (reading.readings?.length) ambiguous.push({ codes, readings: reading.readings });
    else unknown.push(...reading.undetermined.map((i) => codes[i]!));
  }
  const perRow = (): string[] => [
    ...unknown,
    ...rows.flatMap(({ codes, reading }) =>
      reading.readings?.length && reading.undetermined.length
        ? reading.undetermined.map((i) => codes[i]!)
        : [],
    ),
  ];
  const combinations = ambiguous.reduce((n, r) => n * r.readings.length, 1);
  if (ambiguous.length === 0 || combinations > MAX_COMBINATIONS) return perRow();
  const consistent: Record<string, number>[] = [];
  const values = { ...fixed };
  const choose = (k: number): void => {
    if (k === ambiguous.length) {
      if (check(values).length === 0) consistent.push({ ...values });
      return;
    }
    const { codes, readings } = ambiguous[k]!;
    for (const reading of readings) {
      reading.forEach((v, i) => (values[codes[i]!] = v));
      choose(k + 1);
    }
  };
  choose(0);
  if (consistent.length === 0) return perRow();
  const varies = ambiguous
    .flatMap(({ codes }) => codes)
    .filter((code) => consistent.some((c) => c[code] !== consistent[0]![code]));
  return [...unknown, ...varies];
}
