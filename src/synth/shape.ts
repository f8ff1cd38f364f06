// The national template's figure structure as metric-code parts: table 3's rows and applicant
// columns and table 4's groups, derived from the template description (src/model/template/). Shared
// by the figure generator, the identity checker and every renderer, so all of them agree on the codes.
import type { TemplateId } from "../model/contract.js";
import { T3_COLUMN_KEYS, TABLE4, t3DictionaryRowKeys, t3ItemsOf } from "../model/template/index.js";

export const T3_COLUMNS: readonly string[] = T3_COLUMN_KEYS;
export type T3Column = string;
/** The applicant columns whose sum is the 总计 column (every column but the last). */
export const T3_PARTS: readonly string[] = T3_COLUMNS.slice(0, -1);

/** (六)其他处理's items (2021), as the last part of their codes (t3.other.<item>.<column>). */
export const T3_OTHER_ITEMS = t3ItemsOf("other").map((k) => k.slice("other.".length));

/** Outcome rows of a revision (code prefixes after "t3.") that add up to （七）总计, excluding (六). */
export function t3OutcomesButOther(template: TemplateId): string[] {
  const rows = t3DictionaryRowKeys(template);
  return rows.slice(rows.indexOf("granted"), rows.indexOf("other")).filter((k) => !k.startsWith("other."));
}

export const T4_GROUPS: readonly string[] = TABLE4.groups.map((g) => g.key);
export type T4Group = string;
export const T4_OUTCOMES: readonly string[] = TABLE4.results.map((r) => r.key);

export const t3Code = (row: string, column: T3Column): string => `t3.${row}.${column}`;
export const t4Code = (group: T4Group, outcome: string): string => `t4.${group}.${outcome}`;
