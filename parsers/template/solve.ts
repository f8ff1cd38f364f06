// Chooses among the readings of damaged table 3 rows. Every combination of the ambiguous rows'
// readings is tried against the column identities that touch them (balance and outcomes); a cell is
// accepted when every surviving combination gives it the same value, and left out otherwise, with a
// `figure.ambiguous_split` issue. Printed rows with one reading are never changed.
import type { ParseIssue } from "../../src/model/contract.js";
import { REVISIONS, identityChecks } from "../../src/model/template/index.js";
import { OTHER, T3_COLUMNS, T3_OTHER_ITEMS } from "./dictionary.js";
import type { ReadCell } from "./readings.js";

export interface RowReadings {
  key: string;
  /** Candidate readings; after solving exactly one, with null for cells that stay unknown. */
  readings: (ReadCell | null)[][];
  raw: string;
}

const MAX_COMBINATIONS = 4_096;

/** A column identity as a linear form over rows: Σ coefficient × row's value in `column` = 0. */
interface LinearIdentity {
  column: number;
  terms: [string, number][];
}

// Table 3's column identities (every revision's, once each) as linear forms over row keys. An
// identity that only defines a sum the template never prints beside its parts ((六) = its items)
// confirms nothing and is left out.
const COLUMN_FORMS: LinearIdentity[] = [];
const formSeen = new Set<string>();
for (const template of REVISIONS) {
  for (const check of identityChecks(template)) {
    if (check.axis !== "t3.column" || check.definesTotal || formSeen.has(`${check.code} ${check.member}`))
      continue;
    formSeen.add(`${check.code} ${check.member}`);
    const rowOf = (code: string): string => code.slice("t3.".length, -(check.member.length + 1));
    COLUMN_FORMS.push({
      column: T3_COLUMNS.indexOf(check.member),
      terms: [
        ...check.left.map((c): [string, number] => [rowOf(c), 1]),
        ...check.right.map((c): [string, number] => [rowOf(c), -1]),
      ],
    });
  }
}

// (六) printed as its items: the items stand in for the row (built once).
const COLUMN_FORMS_ITEMISED: LinearIdentity[] = COLUMN_FORMS.map(({ column, terms }) => ({
  column,
  terms: terms.flatMap(([key, c]): [string, number][] =>
    key === OTHER ? T3_OTHER_ITEMS.map((item): [string, number] => [item, c]) : [[key, c]],
  ),
}));

function columnIdentities(rows: Map<string, RowReadings>): LinearIdentity[] {
  return rows.has(OTHER) ? COLUMN_FORMS : COLUMN_FORMS_ITEMISED;
}

interface ColumnCheck {
  constant: number;
  parts: { row: number; coefficient: number }[];
  column: number;
}

/**
 * The readings of each ambiguous row that some solution uses, solving apart the groups of rows no
 * identity links (上年结转/结转 against the outcome rows); undefined for the rows of a group the search
 * could not settle, and for every row when the identities cannot all hold (then nothing is preferred).
 */
function searchByParts(ambiguous: RowReadings[], checks: ColumnCheck[]): (number[] | undefined)[] {
  const part = ambiguous.map((_, i) => i);
  const find = (i: number): number => (part[i] === i ? i : (part[i] = find(part[i]!)));
  for (const check of checks) for (const p of check.parts) part[find(p.row)] = find(check.parts[0]!.row);
  const out: (number[] | undefined)[] = ambiguous.map(() => undefined);
  for (const root of new Set(ambiguous.map((_, i) => find(i)))) {
    const rows = ambiguous
      .map((_, i) => i)
      .filter((i) => find(i) === root)
      .sort((a, b) => ambiguous[a]!.readings.length - ambiguous[b]!.readings.length);
    const at = new Map(rows.map((row, k) => [row, k]));
    const own = checks
      .filter((c) => at.has(c.parts[0]!.row))
      .map((c) => ({ ...c, parts: c.parts.map((p) => ({ ...p, row: at.get(p.row)! })) }));
    const solutions = searchSolutions(
      rows.map((i) => ambiguous[i]!),
      own,
    );
    if (solutions === null) continue;
    if (solutions.length === 0) return ambiguous.map(() => undefined);
    rows.forEach((row, k) => (out[row] = [...new Set(solutions.map((s) => s[k]!))]));
  }
  return out;
}

/** Steps and solutions of the bounded search beyond which it gives up (everything stays unknown). */
const MAX_SEARCH_STEPS = 100_000;
const MAX_SOLUTIONS = 4_096;

/**
 * Every choice of one reading per ambiguous row that satisfies all the identities, found depth-first:
 * a partial choice is abandoned as soon as an identity can no longer reach 0 whatever the rows still
 * to choose give (their smallest and largest contribution). For tables with many damaged rows (blank
 * cells that vanished everywhere) where listing every combination is out of reach. Null when an
 * identity cannot be used (an unknown cell) or the budget runs out.
 */
function searchSolutions(ambiguous: RowReadings[], checks: ColumnCheck[]): number[][] | null {
  const n = ambiguous.length;
  // contribution[c][row][k]: what reading k of the row adds to identity c (0 when not a part).
  const contribution: number[][][] = [];
  for (const check of checks) {
    const perRow = ambiguous.map((r) => r.readings.map(() => 0));
    for (const { row, coefficient } of check.parts) {
      for (let k = 0; k < ambiguous[row]!.readings.length; k++) {
        const cell = ambiguous[row]!.readings[k]![check.column];
        if (!cell) return null;
        perRow[row]![k] = coefficient * cell.value;
      }
    }
    contribution.push(perRow);
  }
  // Smallest and largest sum the rows from `row` on can still add to each identity.
  const bound = (pick: (values: number[]) => number): number[][] =>
    contribution.map((perRow) => {
      const out = new Array<number>(n + 1).fill(0);
      for (let row = n - 1; row >= 0; row--) out[row] = out[row + 1]! + pick(perRow[row]!);
      return out;
    });
  const low = bound((values) => Math.min(...values));
  const high = bound((values) => Math.max(...values));
  const sums = checks.map((c) => c.constant);
  const choice = new Array<number>(n).fill(0);
  const solutions: number[][] = [];
  let steps = 0;
  const walk = (row: number): boolean => {
    if (++steps > MAX_SEARCH_STEPS) return false;
    if (row === n) {
      solutions.push([...choice]);
      return solutions.length <= MAX_SOLUTIONS;
    }
    for (let k = 0; k < ambiguous[row]!.readings.length; k++) {
      let possible = true;
      for (let c = 0; c < checks.length; c++) {
        sums[c]! += contribution[c]![row]![k]!;
        if (sums[c]! + low[c]![row + 1]! > 1e-9 || sums[c]! + high[c]![row + 1]! < -1e-9) possible = false;
      }
      choice[row] = k;
      const going = !possible || walk(row + 1);
      for (let c = 0; c < checks.length; c++) sums[c]! -= contribution[c]![row]![k]!;
      if (!going) return false;
    }
    return true;
  };
  return walk(0) ? solutions : null;
}

export function resolveAmbiguous(rows: Map<string, RowReadings>, width: number): ParseIssue[] {
  const ambiguous = [...rows.values()].filter((r) => r.readings.length > 1);
  if (ambiguous.length === 0) return [];
  const position = new Map(ambiguous.map((r, i) => [r.key, i]));

  // Each identity touching an ambiguous row: its fixed part, and the ambiguous rows' coefficients.
  const checks: ColumnCheck[] = [];
  for (const identity of columnIdentities(rows)) {
    let constant = 0;
    let checkable = true;
    const parts: { row: number; coefficient: number }[] = [];
    for (const [key, coefficient] of identity.terms) {
      const at = position.get(key);
      if (at !== undefined) {
        parts.push({ row: at, coefficient });
        continue;
      }
      const cell = rows.get(key)?.readings[0]?.[identity.column];
      if (!cell) {
        checkable = false;
        break;
      }
      constant += coefficient * cell.value;
    }
    if (checkable && parts.length) checks.push({ constant, parts, column: identity.column });
  }

  const combinations = ambiguous.reduce((n, r) => n * r.readings.length, 1);
  const survivors: number[][] = [];
  const searched = combinations > MAX_COMBINATIONS && checks.length ? searchByParts(ambiguous, checks) : null;
  if (combinations <= MAX_COMBINATIONS && checks.length) {
    const choice = new Array<number>(ambiguous.length).fill(0);
    for (let n = 0; n < combinations; n++) {
      let rest = n;
      for (let i = 0; i < ambiguous.length; i++) {
        choice[i] = rest % ambiguous[i]!.readings.length;
        rest = Math.floor(rest / ambiguous[i]!.readings.length);
      }
      let holds = true;
      let checked = 0;
      for (const check of checks) {
        let sum = check.constant;
        let complete = true;
        for (const part of check.parts) {
          const cell = ambiguous[part.row]!.readings[choice[part.row]!]![check.column];
          if (!cell) {
            complete = false;
            break;
          }
          sum += part.coefficient * cell.value;
        }
        if (!complete) continue;
        checked++;
        if (Math.abs(sum) > 1e-9) {
          holds = false;
          break;
        }
      }
      if (holds && checked > 0) survivors.push([...choice]);
    }
  }

  const issues: ParseIssue[] = [];
  ambiguous.forEach((row, i) => {
    const options =
      searched?.[i] ??
      (survivors.length ? [...new Set(survivors.map((s) => s[i]!))] : row.readings.map((_, k) => k));
    const merged: (ReadCell | null)[] = [];
    for (let col = 0; col < width; col++) {
      const cells = options.map((k) => row.readings[k]![col] ?? null);
      const first = cells[0] ?? null;
      const agree = first !== null && cells.every((c) => c !== null && c.value === first.value);
      merged.push(agree ? first : null);
      if (!agree) {
        issues.push({
          code: "figure.ambiguous_split",
          metric: `t3.${row.key}.${T3_COLUMNS[col]}`,
          message: `table 3 row ${row.key}: "${row.raw}" can be read ${options.length} ways and the identities do not decide ${T3_COLUMNS[col]}`,
        });
      }
    }
    row.readings = [merged];
  });
  return issues;
}
