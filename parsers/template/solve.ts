// Chooses among the readings of damaged table 3 rows. Every combination of the ambiguous rows'
// readings is tried against the column identities that touch them (balance and outcomes); a cell is
// accepted when every surviving combination gives it the same value, and left out otherwise, with a
// `figure.ambiguous_split` issue. Printed rows with one reading are never changed.
import type { ParseIssue } from "../../src/model/contract.js";
import { T3_COLUMNS } from "./dictionary.js";
import { identitiesFor, type Values } from "./identities.js";
import type { ReadCell } from "./readings.js";

export interface RowReadings {
  key: string;
  /** Candidate readings; after solving exactly one, with null for cells that stay unknown. */
  readings: (ReadCell | null)[][];
  raw: string;
}

const MAX_COMBINATIONS = 20_000;
const COLUMN_IDENTITIES = identitiesFor("2021").filter(
  (i) => i.code === "identity.t3.balance" || i.code === "identity.t3.outcomes",
);

export function resolveAmbiguous(rows: Map<string, RowReadings>, width: number): ParseIssue[] {
  const ambiguous = [...rows.values()].filter((r) => r.readings.length > 1);
  if (ambiguous.length === 0) return [];
  const fixed = [...rows.values()].filter((r) => r.readings.length === 1);
  const base: Values = {};
  for (const row of fixed) addRow(base, row.key, row.readings[0]!);

  const ambiguousCodes = new Set(ambiguous.flatMap((r) => T3_COLUMNS.map((c) => `t3.${r.key}.${c}`)));
  const relevant = COLUMN_IDENTITIES.filter((i) =>
    i.terms.some((t) => ambiguousCodes.has(t) || isOtherOf(t, ambiguousCodes)),
  );

  const combinations = ambiguous.reduce((n, r) => n * r.readings.length, 1);
  const survivors: number[][] = [];
  if (combinations <= MAX_COMBINATIONS) {
    const choice = new Array<number>(ambiguous.length).fill(0);
    for (let n = 0; n < combinations; n++) {
      let rest = n;
      for (let i = 0; i < ambiguous.length; i++) {
        choice[i] = rest % ambiguous[i]!.readings.length;
        rest = Math.floor(rest / ambiguous[i]!.readings.length);
      }
      const values: Values = { ...base };
      ambiguous.forEach((row, i) => addRow(values, row.key, row.readings[choice[i]!]!));
      deriveOther(values);
      const checked = relevant.filter((id) => id.terms.every((t) => t in values));
      if (checked.length > 0 && checked.every((id) => id.evaluate(values) === null))
        survivors.push([...choice]);
    }
  }

  const issues: ParseIssue[] = [];
  ambiguous.forEach((row, i) => {
    const options = survivors.length
      ? [...new Set(survivors.map((s) => s[i]!))]
      : row.readings.map((_, k) => k);
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

function addRow(values: Values, key: string, reading: (ReadCell | null)[]): void {
  reading.forEach((cell, col) => {
    if (cell) values[`t3.${key}.${T3_COLUMNS[col]}`] = cell.value;
  });
}

/** In the itemised layout the (六) total is the sum of its items. */
function deriveOther(values: Values): void {
  for (const col of T3_COLUMNS) {
    const items = ["no_correction", "no_fee", "other"].map((i) => values[`t3.other.${i}.${col}`]);
    if (!(`t3.other.${col}` in values) && items.every((v) => v !== undefined)) {
      values[`t3.other.${col}`] = items.reduce((a, b) => a! + b!, 0)!;
    }
  }
}

function isOtherOf(term: string, codes: Set<string>): boolean {
  const m = /^t3\.other\.([a-z]+)$/.exec(term);
  if (!m) return false;
  return ["no_correction", "no_fee", "other"].some((i) => codes.has(`t3.other.${i}.${m[1]}`));
}
