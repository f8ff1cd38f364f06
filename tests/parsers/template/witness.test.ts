// How each figure is known: the identities reading it hold, fail or cannot be checked, on a realistic
// report (fixture-report.ts) printed clean, with a misprinted total, and with a row lost.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { T3, parseText, reportText, t3Line } from "./fixture-report.js";

const rows = (change: (key: string, values: number[]) => number[] | null): string[] =>
  T3.flatMap((r) => {
    const values = change(r.key, [...r.values]);
    return values ? [t3Line(r, values)] : [];
  });

describe("how each figure is known", () => {
  it("marks table 2 as no identity and the identity-checked tables as confirmed", async () => {
    const result = await parseText(reportText());
    const sources = result.sources!;
    for (const code of Object.keys(result.values)) {
      const source = sources[code]!;
      if (code.startsWith("t2.")) assert.equal(source.known, "no_identity", code);
      else assert.equal(source.known, "confirmed", code);
      assert.equal(source.fails, undefined, code);
    }
    assert.deepEqual(sources["t3.new.natural"]!.holds, ["identity.t3.balance", "identity.t3.row_total"]);
    assert.deepEqual(sources["t4.review.upheld"]!.holds, ["identity.t4.group_total"]);
    // (六)'s total is computed from its items: the outcomes identity reads it, so covers the items; the
    // definition itself is no witness.
    assert.deepEqual(sources["t3.other.no_correction.legal"]!.holds, [
      "identity.t3.outcomes",
      "identity.t3.row_total",
    ]);
    assert.equal(sources["t3.other.legal"]!.derived, "sum_of_items");
    assert.ok(!sources["t3.other.legal"]!.holds!.includes("identity.t3.other_items"));
  });

  it("names the identities a misprinted total breaks, and keeps the rest confirmed", async () => {
    // 总计's natural column printed 12 instead of 11 (its row total adjusted to match, as a typo in
    // both would be): the columns' balance and outcomes fail, the row identity still holds.
    const text = reportText({
      t3Rows: rows((key, v) => (key === "total" ? [12, 3, 0, 1, 2, 0, 18] : v)),
    });
    const result = await parseText(text);
    const total = result.sources!["t3.total.natural"]!;
    assert.equal(result.values["t3.total.natural"], 12);
    assert.equal(total.known, "contradicted");
    assert.deepEqual(total.fails, ["identity.t3.balance", "identity.t3.outcomes"]);
    assert.deepEqual(total.holds, ["identity.t3.row_total"]);
    assert.equal(result.sources!["t3.granted.natural"]!.known, "contradicted");
    assert.equal(result.sources!["t3.granted.commercial"]!.known, "confirmed");
    assert.equal(result.sources!["t3.new.research"]!.known, "confirmed");
  });

  it("says which identities cannot be checked when a row is lost", async () => {
    const text = reportText({ t3Rows: rows((key, v) => (key === "partial" ? null : v)) });
    const result = await parseText(text);
    assert.equal(result.values["t3.partial.natural"], undefined);
    const granted = result.sources!["t3.granted.natural"]!;
    assert.deepEqual(granted.unchecked, ["identity.t3.outcomes"]);
    assert.deepEqual(granted.holds, ["identity.t3.row_total"]);
    assert.equal(granted.known, "confirmed");
    // The flow identity still confirms the totals.
    assert.deepEqual(result.sources!["t3.total.natural"]!.holds, [
      "identity.t3.balance",
      "identity.t3.row_total",
    ]);
  });
});
