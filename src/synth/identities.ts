// Checks the 勾稽关系 of REPORT-FORMAT.md on a (possibly partial) map of figures. Used to prove the
// generator's clean figures are consistent and to derive the issues a parser must report when a
// source error was injected. An identity is checked only when every figure it needs is present.
// Codes and metrics are the parser's (parsers/template/identities.ts), so issues compare directly.
import type { TemplateId } from "../model/contract.js";
import {
  T3_COLUMNS,
  T3_OTHER_ITEMS,
  T3_OUTCOMES_BUT_OTHER,
  T3_PARTS,
  T4_GROUPS,
  t3Code,
  t3RowKeys,
  t4Code,
} from "./shape.js";

export interface IdentityViolation {
  code: string;
  metric: string;
  message: string;
}

const sumOf = (values: Record<string, number>, codes: string[]): number | undefined => {
  let sum = 0;
  for (const code of codes) {
    const v = values[code];
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum;
};

// Money and counts are exact decimals; compare with a tolerance well below their precision.
const differs = (a: number, b: number): boolean => Math.abs(a - b) > 1e-9;

export function checkIdentities(template: TemplateId, values: Record<string, number>): IdentityViolation[] {
  const found: IdentityViolation[] = [];
  const expect = (
    code: string,
    metric: string,
    printed: number | undefined,
    computed: number | undefined,
  ): void => {
    if (printed === undefined || computed === undefined || !differs(printed, computed)) return;
    found.push({ code, metric, message: `${metric} is ${printed}, the identity gives ${computed}` });
  };

  for (const row of t3RowKeys(template)) {
    expect(
      "identity.t3.row_total",
      t3Code(row, "total"),
      values[t3Code(row, "total")],
      sumOf(
        values,
        T3_PARTS.map((c) => t3Code(row, c)),
      ),
    );
  }
  for (const column of T3_COLUMNS) {
    const at = (row: string): string => t3Code(row, column);
    const inflow = sumOf(values, [at("new"), at("carried_over")]);
    const outflow = sumOf(values, [at("total"), at("carried_forward")]);
    if (inflow !== undefined && outflow !== undefined && differs(inflow, outflow)) {
      found.push({
        code: "identity.t3.balance",
        metric: at("total"),
        message: `new + carried over = ${inflow} but total + carried forward = ${outflow} (${column})`,
      });
    }
    expect(
      "identity.t3.outcomes",
      at("total"),
      values[at("total")],
      sumOf(values, [...T3_OUTCOMES_BUT_OTHER, "other"].map(at)),
    );
    if (template === "2021") {
      expect(
        "identity.t3.other_items",
        at("other"),
        values[at("other")],
        sumOf(
          values,
          T3_OTHER_ITEMS.map((k) => at(`other.${k}`)),
        ),
      );
    }
  }
  for (const group of T4_GROUPS) {
    expect(
      "identity.t4.group_total",
      t4Code(group, "total"),
      values[t4Code(group, "total")],
      sumOf(values, [
        t4Code(group, "upheld"),
        t4Code(group, "corrected"),
        t4Code(group, "other"),
        t4Code(group, "pending"),
      ]),
    );
  }
  return found;
}
