// The template description is the one source of the template's structure: these checks hold every
// derived view to it, so an edit to the description that leaves a view inconsistent fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { metricsOf } from "../../src/model/metrics.js";
import {
  CROSS_YEAR_CHECKS,
  REVISIONS,
  TABLE2,
  failingIdentities,
  identityChecks,
  t3RowKeys,
  table2Columns,
} from "../../src/model/template/index.js";
import { T2_ROWS, T3_HEADINGS, T3_ROWS } from "../../parsers/template/dictionary.js";

test("every identity reads metric codes of its own revision, and names one of them", () => {
  for (const template of REVISIONS) {
    const codes = new Set(metricsOf(template).map((m) => m.code));
    for (const check of identityChecks(template)) {
      for (const term of check.terms)
        assert.ok(codes.has(term), `${check.code}: ${term} is not a ${template} metric`);
      assert.ok(check.terms.includes(check.metric));
    }
  }
  // 2019: 7 columns × (balance, outcomes) + 23 rows + 3 groups; 2021 adds (六)'s items and their identity.
  assert.equal(identityChecks("2019").length, 7 * 2 + 23 + 3);
  assert.equal(identityChecks("2021").length, 7 * 3 + 26 + 3);
});

test("identities report the printed numbers, in the order the recognizer always gave them", () => {
  const values: Record<string, number> = {};
  for (const m of metricsOf("2021")) values[m.code] = 0;
  values["t3.new.natural"] = 5; // balance fails for 自然人 and the 总计 column; row 本年新收 fails
  values["t4.review.upheld"] = 2;
  assert.deepEqual(failingIdentities("2021", values), [
    {
      code: "identity.t3.balance",
      metric: "t3.total.natural",
      message: "自然人: 本年新收 5 + 上年结转 0 = 5, but 总计 0 + 结转下年度 0 = 0",
    },
    {
      code: "identity.t3.row_total",
      metric: "t3.new.total",
      message: "row new: 总计 is 0 but the six applicant columns add up to 5",
    },
    {
      code: "identity.t4.group_total",
      metric: "t4.review.total",
      message: "行政复议: 总计 is 0 but 维持/纠正/其他/尚未审结 add up to 2",
    },
  ]);
  values["t3.other.natural"] = 1;
  const other = failingIdentities("2021", values).find((i) => i.code === "identity.t3.other_items");
  assert.equal(other?.message, "自然人: (六)其他处理 is 1 but its three items add up to 0");
  assert.ok(!failingIdentities("2019", values).some((i) => i.code === "identity.t3.other_items"));
});

test("each revision's table 2 layout prints every table 2 metric of it exactly once", () => {
  for (const template of REVISIONS) {
    const printed = TABLE2.layouts[template].flatMap((s) =>
      s.rows.flatMap((r) => table2Columns(template)[r.key]!.map((c) => `t2.${r.key}.${c.key}`)),
    );
    const expected = metricsOf(template)
      .filter((m) => m.section === "t2")
      .map((m) => m.code);
    assert.deepEqual([...printed].sort(), [...expected].sort());
    assert.equal(new Set(printed).size, printed.length);
  }
});

test("the recognizer's dictionary is the description's rows and headings", () => {
  assert.deepEqual(
    T3_ROWS.map((r) => r.key),
    t3RowKeys("2021"),
  );
  assert.ok(T3_ROWS.find((r) => r.key === "partial")!.variants.includes("部分公开"));
  assert.deepEqual(T3_HEADINGS[0]!.variants, ["本年度办理结果", "不予公开", "无法提供", "不予处理"]);
  assert.deepEqual(
    T2_ROWS.map((r) => r.key),
    TABLE2.rows.map((r) => r.key),
  );
});

test("cross-year relations compare metric codes", () => {
  const all = new Set(REVISIONS.flatMap((t) => metricsOf(t).map((m) => m.code)));
  assert.equal(CROSS_YEAR_CHECKS.filter((c) => c.code === "cross_year.carry_over").length, 7);
  for (const c of CROSS_YEAR_CHECKS)
    for (const code of [c.current, c.previous, ...c.plus, ...c.minus]) assert.ok(all.has(code), code);
});
