// The arithmetic the template's figures must satisfy (spec "Identities"), as the template description
// states it (src/model/template/description.ts, IDENTITIES). Each check only runs when all its figures
// are present. Used two ways: to report the source's own errors as issues, and to pick the one reading
// of a damaged row that makes them hold (never to change a clearly printed figure).
import type { ParseIssue, TemplateId } from "../../src/model/contract.js";
import {
  IDENTITIES,
  T3_COLUMN_KEYS,
  TABLE4,
  failingIdentities,
  identityChecks,
} from "../../src/model/template/index.js";
import type { IdentityAxis, IdentityCheck, IdentityOutcomes } from "../../src/model/template/index.js";

export type Values = Record<string, number>;

export type Identity = IdentityCheck;

/** Every identity of the spec for a template (table 3 columns and rows, table 4 groups). */
export function identitiesFor(template: TemplateId): Identity[] {
  return identityChecks(template);
}

/** Issues for every identity whose figures are all present and which does not hold. */
export function identityIssues(
  template: TemplateId,
  values: Values,
  outcomes?: IdentityOutcomes,
): ParseIssue[] {
  return failingIdentities(template, values, outcomes);
}

// Positions of a row reading's cells in the row identity (总计 = Σ applicant columns) and of table 4's
// fifteen cells in the group identity, from the description.
function sumPositions(each: IdentityAxis, keys: readonly string[]): { parts: number[]; total: number } {
  const spec = IDENTITIES.find((i) => i.each === each && "total" in i);
  if (!spec || !("total" in spec)) return { parts: [], total: -1 };
  return { parts: spec.parts.map((p) => keys.indexOf(p)), total: keys.indexOf(spec.total) };
}

const { parts: ROW_PARTS, total: ROW_TOTAL } = sumPositions("t3.row", T3_COLUMN_KEYS);
const ROW_WIDTH = T3_COLUMN_KEYS.length;

const resultKeys = TABLE4.results.map((r) => r.key);
const { parts: GROUP_PARTS, total: GROUP_TOTAL } = sumPositions("t4.group", resultKeys);
const GROUP_WIDTH = resultKeys.length;

/** Row identity of one table 3 row reading: 总计 = sum of the six applicant columns. */
export function t3RowHolds(values: number[]): boolean {
  if (values.length !== ROW_WIDTH) return false;
  let sum = 0;
  for (const i of ROW_PARTS) sum += values[i]!;
  return sum === values[ROW_TOTAL];
}

/** Table 4 group identity over a (partial) reading of its 15 cells: each complete group of five adds up. */
export function t4PrefixHolds(values: number[]): boolean {
  for (let g = 0; g + GROUP_WIDTH <= values.length; g += GROUP_WIDTH) {
    let sum = 0;
    for (const i of GROUP_PARTS) sum += values[g + i]!;
    if (sum !== values[g + GROUP_TOTAL]) return false;
  }
  return true;
}
