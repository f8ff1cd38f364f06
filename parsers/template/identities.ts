// The arithmetic the template's figures must satisfy (spec "Identities"). Each check only runs when all
// its figures are present. Used two ways: to report the source's own errors as issues, and to pick the
// one reading of a damaged row that makes them hold (never to change a clearly printed figure).
import type { ParseIssue, TemplateId } from "../../src/model/contract.js";
import {
  T3_COLUMNS,
  T3_COLUMN_ZH,
  T3_OTHER_ITEMS,
  T3_OUTCOME_ITEMS,
  T3_ROW_KEYS,
  T4_GROUPS,
  T4_GROUP_ZH,
  T4_RESULTS,
} from "./dictionary.js";

export type Values = Record<string, number>;

export interface Identity {
  code: string;
  metric: string;
  /** Codes the identity reads (all must be present for it to be checked). */
  terms: string[];
  /** Returns null when it holds, else a message naming the numbers. */
  evaluate(values: Values): string | null;
}

const T3_OUTCOME_ROWS = [...T3_OUTCOME_ITEMS, "other"];

const sum = (values: Values, codes: string[]) => codes.reduce((a, c) => a + values[c]!, 0);

const cache = new Map<TemplateId, Identity[]>();

/** Every identity of the spec for a template (table 3 columns and rows, table 4 groups). */
export function identitiesFor(template: TemplateId): Identity[] {
  let known = cache.get(template);
  if (!known) cache.set(template, (known = buildIdentities(template)));
  return known;
}

function buildIdentities(template: TemplateId): Identity[] {
  const out: Identity[] = [];
  for (const col of T3_COLUMNS) {
    const zh = T3_COLUMN_ZH[col];
    const c = (row: string) => `t3.${row}.${col}`;
    out.push({
      code: "identity.t3.balance",
      metric: c("total"),
      terms: [c("new"), c("carried_over"), c("total"), c("carried_forward")],
      evaluate: (v) => {
        const left = v[c("new")]! + v[c("carried_over")]!;
        const right = v[c("total")]! + v[c("carried_forward")]!;
        return left === right
          ? null
          : `${zh}: 本年新收 ${v[c("new")]} + 上年结转 ${v[c("carried_over")]} = ${left}, but 总计 ${v[c("total")]} + 结转下年度 ${v[c("carried_forward")]} = ${right}`;
      },
    });
    const parts = T3_OUTCOME_ROWS.map(c);
    out.push({
      code: "identity.t3.outcomes",
      metric: c("total"),
      terms: [c("total"), ...parts],
      evaluate: (v) => {
        const s = sum(v, parts);
        return s === v[c("total")]!
          ? null
          : `${zh}: 总计 is ${v[c("total")]} but the outcomes (一)–(六) add up to ${s}`;
      },
    });
    if (template === "2021") {
      const items = T3_OTHER_ITEMS.map(c);
      out.push({
        code: "identity.t3.other_items",
        metric: c("other"),
        terms: [c("other"), ...items],
        evaluate: (v) => {
          const s = sum(v, items);
          return s === v[c("other")]!
            ? null
            : `${zh}: (六)其他处理 is ${v[c("other")]} but its three items add up to ${s}`;
        },
      });
    }
  }
  for (const row of T3_ROW_KEYS) {
    const six = T3_COLUMNS.slice(0, 6).map((col) => `t3.${row}.${col}`);
    const total = `t3.${row}.total`;
    out.push({
      code: "identity.t3.row_total",
      metric: total,
      terms: [total, ...six],
      evaluate: (v) => {
        const s = sum(v, six);
        return s === v[total]!
          ? null
          : `row ${row}: 总计 is ${v[total]} but the six applicant columns add up to ${s}`;
      },
    });
  }
  for (const group of T4_GROUPS) {
    const parts = T4_RESULTS.slice(0, 4).map((r) => `t4.${group}.${r}`);
    const total = `t4.${group}.total`;
    out.push({
      code: "identity.t4.group_total",
      metric: total,
      terms: [total, ...parts],
      evaluate: (v) => {
        const s = sum(v, parts);
        return s === v[total]!
          ? null
          : `${T4_GROUP_ZH[group]}: 总计 is ${v[total]} but 维持/纠正/其他/尚未审结 add up to ${s}`;
      },
    });
  }
  return out;
}

/** Issues for every identity whose figures are all present and which does not hold. */
export function identityIssues(template: TemplateId, values: Values): ParseIssue[] {
  const issues: ParseIssue[] = [];
  for (const identity of identitiesFor(template)) {
    if (!identity.terms.every((t) => t in values)) continue;
    const message = identity.evaluate(values);
    if (message) issues.push({ code: identity.code, metric: identity.metric, message });
  }
  return issues;
}

/** Row identity of one table 3 row reading: 总计 = sum of the six applicant columns. */
export function t3RowHolds(values: number[]): boolean {
  if (values.length !== 7) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += values[i]!;
  return sum === values[6];
}

/** Table 4 group identity over a (partial) reading of its 15 cells: each complete group of five adds up. */
export function t4PrefixHolds(values: number[]): boolean {
  for (let g = 0; g + 5 <= values.length; g += 5) {
    if (values[g]! + values[g + 1]! + values[g + 2]! + values[g + 3]! !== values[g + 4]) return false;
  }
  return true;
}
