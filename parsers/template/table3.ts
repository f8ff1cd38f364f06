// Table 3 (applications received and handled): finds each row's figures, reads them into the seven
// applicant columns, and resolves damaged rows with the identities.
import type { ParseIssue } from "../../src/model/contract.js";
import { alignGroups } from "./align.js";
import { T3_COLUMNS, T3_HEADINGS, T3_ROWS } from "./dictionary.js";
import { scanGroups, type Group } from "./groups.js";
import { identitiesFor, t3RowHolds, type Values } from "./identities.js";
import { LabelMatcher } from "./matcher.js";
import { readingsOf, type Reading } from "./readings.js";
import { resolveAmbiguous, type RowReadings } from "./solve.js";
import type { Token } from "./stream.js";

const matcher = new LabelMatcher([...T3_ROWS, ...T3_HEADINGS]);
const COLUMN_IDENTITIES = identitiesFor("2021").filter(
  (i) => i.code === "identity.t3.balance" || i.code === "identity.t3.outcomes",
);

const BASE_ROWS = T3_ROWS.map((r) => r.key).filter((k) => !k.startsWith("other"));
const HEAD = BASE_ROWS.slice(0, BASE_ROWS.indexOf("total"));
const TAIL = ["total", "carried_forward"];
/** (六) printed as one row. */
const ORDER_COLLAPSED = [...HEAD, "other", ...TAIL];
/** (六) printed as its three items (2021 layout). */
const ORDER_ITEMS = [...HEAD, "other.no_correction", "other.no_fee", "other.other", ...TAIL];

export interface Table3Result {
  /** Row key → column values (null where unreadable). */
  rows: Map<string, RowReadings>;
  /** Whether the table printed (六) as three items. */
  items: boolean;
  /** False when the table has no 总计 column. */
  hasTotal: boolean;
  issues: ParseIssue[];
  found: boolean;
}

export function readTable3(tokens: Token[], from: number, to: number): Table3Result {
  const { groups } = scanGroups(tokens, from, to, matcher, { minBlankRow: 6 });
  const issues: ParseIssue[] = [];
  const gridRows = groups.filter((g) => g.grid && g.items.length >= 6).length;
  const options = { dropLooseLines: gridRows >= 5 };
  const collapsed = alignGroups(groups, ORDER_COLLAPSED, options);
  const itemised = alignGroups(groups, ORDER_ITEMS, options);
  const useItems = itemised.score > collapsed.score;
  const { assignment } = useItems ? itemised : collapsed;
  const hasTotal =
    headerNamesTotal(tokens, from, groups[0]?.start ?? to) || detectTotalColumn(groups, assignment);
  const width = hasTotal ? 7 : 6;

  const rows = new Map<string, RowReadings>();
  for (const [key, index] of assignment) {
    const group = groups[index]!;
    const result = readingsOf(group.items, width, {
      grid: group.grid,
      check: hasTotal ? t3RowHolds : undefined,
    });
    if (result.readings.length === 0) {
      issues.push({
        code: "figure.unreadable",
        metric: `t3.${key}.natural`,
        message: `table 3 row ${key}: could not read ${width} figures from "${describe(group)}"${result.exhausted ? " (too many ways to split)" : ""}`,
      });
      continue;
    }
    rows.set(key, { key, readings: result.readings.map((r) => pad(r)), raw: describe(group) });
  }
  issues.push(...resolveAmbiguous(rows, T3_COLUMNS.length));
  issues.push(...dropUnconfirmedPlacements(rows, groups, assignment));
  return { rows, items: useItems, hasTotal, issues, found: assignment.size > 0 };
}

/**
 * Figures in table fragments whose row was inferred from detached labels and order (Markdown made
 * from a PDF) are trusted only when the column identities confirm them: a failing (or uncheckable)
 * identity most likely means a lost or extra fragment shifted them, so they are left out rather than
 * risk wrong figures.
 */
function dropUnconfirmedPlacements(
  rows: Map<string, RowReadings>,
  groups: Group[],
  assignment: Map<string, number>,
): ParseIssue[] {
  const inferred = [...assignment]
    .filter(([, g]) => groups[g]!.table && !groups[g]!.inRow)
    .map(([key]) => key);
  if (inferred.length === 0) return [];
  const values: Values = {};
  for (const row of rows.values()) {
    row.readings[0]?.forEach((cell, col) => {
      if (cell) values[`t3.${row.key}.${T3_COLUMNS[col]}`] = cell.value;
    });
  }
  for (const col of T3_COLUMNS) {
    const items = ["no_correction", "no_fee", "other"].map((i) => values[`t3.other.${i}.${col}`]);
    if (items.every((v) => v !== undefined)) values[`t3.other.${col}`] = items.reduce((a, b) => a! + b!, 0)!;
  }
  const inferredCodes = new Set(inferred.flatMap((key) => T3_COLUMNS.map((col) => `t3.${key}.${col}`)));
  const checkable = COLUMN_IDENTITIES.filter(
    (id) => id.terms.some((t) => inferredCodes.has(t)) && id.terms.every((t) => t in values),
  );
  const failing = checkable.filter((id) => id.evaluate(values) !== null);
  if (checkable.length > 0 && failing.length === 0) return [];
  const reason = failing[0]
    ? `the identities fail (${failing[0].evaluate(values)})`
    : "no identity can confirm them";
  return inferred.map((key) => {
    rows.delete(key);
    return {
      code: "figure.unplaced",
      metric: `t3.${key}.natural`,
      message: `table 3 row ${key}: its figures were placed by order only and ${reason}; left out`,
    };
  });
}
/** A 6-column reading (no 总计 column) gets an explicit null total so columns line up. */
function pad(reading: Reading): (Reading[number] | null)[] {
  return reading.length === 7 ? reading : [...reading, null];
}

function describe(group: Group): string {
  return group.items.map((i) => (i.kind === "num" ? i.num.raw : "␣")).join(" ");
}

/** The column header (before the first figures) names a 总计 column. */
function headerNamesTotal(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === "text" && t.norm.includes("总计")) return true;
  }
  return false;
}

/**
 * A table without the 总计 column prints six figures per row. Decided on the rows read with their own
 * label: when most hold exactly six figures and none seven, the total is absent (never invented).
 */
function detectTotalColumn(groups: Group[], assignment: Map<string, number>): boolean {
  let six = 0;
  let seven = 0;
  for (const index of assignment.values()) {
    const group = groups[index]!;
    // Only table rows count: copied-out text merges cells, so its token counts prove nothing.
    if (!group.grid) continue;
    if (group.items.length === 6) six++;
    if (group.items.length >= 7) seven++;
  }
  return !(six >= 3 && six > seven * 3);
}
