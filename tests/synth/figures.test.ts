import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { metricsOf } from "../../src/model/metrics.js";
import { generateFigures } from "../../src/synth/figures.js";
import { checkIdentities } from "../../src/synth/identities.js";
import { createRng } from "../../src/synth/random.js";

const TEMPLATES = ["2019", "2021"] as const;

describe("generateFigures", () => {
  for (const template of TEMPLATES) {
    it(`gives every ${template} metric a value and satisfies every identity (400 seeds)`, () => {
      const codes = metricsOf(template).map((m) => m.code);
      for (let seed = 0; seed < 400; seed++) {
        const figures = generateFigures(createRng(seed), template);
        assert.deepEqual(Object.keys(figures.values).sort(), [...codes].sort());
        assert.deepEqual(checkIdentities(template, figures.values), [], `seed ${seed}`);
        assert.deepEqual(figures.inconsistencies, []);
        for (const [code, v] of Object.entries(figures.values)) {
          assert.ok(Number.isFinite(v), `${code} is finite`);
          if (!code.endsWith(".change")) assert.ok(v >= 0, `${code} = ${v} is not negative`);
          if (!code.endsWith(".amount")) assert.ok(Number.isInteger(v), `${code} = ${v} is whole`);
        }
      }
    });
  }

  it("draws realistic distributions: all-zero tables, thousands, decimals, signed changes", () => {
    const all = Array.from({ length: 400 }, (_, seed) =>
      generateFigures(createRng(`d${seed}`), seed % 2 ? "2019" : "2021"),
    );
    const newTotals = all.map((f) => f.values["t3.new.total"]!);
    assert.ok(newTotals.filter((n) => n === 0).length > 80, "many bodies receive no requests");
    assert.ok(
      newTotals.some((n) => n >= 1000),
      "some receive thousands",
    );
    const money = all
      .flatMap((f) => [f.values["t2.fees.amount"], f.values["t2.procurement.amount"]])
      .filter((v) => v !== undefined);
    assert.ok(
      money.some((v) => !Number.isInteger(v)),
      "money has decimals",
    );
    const changes = all.flatMap((f) =>
      Object.entries(f.values)
        .filter(([c]) => c.endsWith(".change"))
        .map(([, v]) => v),
    );
    assert.ok(changes.some((v) => v < 0) && changes.some((v) => v > 0), "2019 changes are signed");
    assert.ok(
      all.some((f) => f.values["t2.licensing.decisions"]! >= 10000),
      "table 2 has five-digit counts",
    );
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateFigures(createRng("same"), "2021");
    const b = generateFigures(createRng("same"), "2021");
    const c = generateFigures(createRng("other"), "2021", { volume: "hundreds" });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.values, c.values);
  });

  it("records an injected table 4 total printed as 0 as a known inconsistency", () => {
    const figures = generateFigures(createRng(7), "2021", { volume: "none", sourceError: "t4_total_zero" });
    assert.equal(figures.inconsistencies.length, 1);
    const [issue] = figures.inconsistencies;
    assert.equal(issue!.code, "identity.t4.group_total");
    assert.equal(figures.values[issue!.metric], 0);
    const group = issue!.metric.replace(/\.total$/, "");
    assert.ok(figures.values[`${group}.upheld`]! > 0, "the parts are not zero");
  });

  for (const [error, code] of [
    ["t3_row_total_off", "identity.t3.row_total"],
    ["t3_carried_forward_off", "identity.t3.balance"],
  ] as const) {
    it(`records ${error} as ${code}`, () => {
      const figures = generateFigures(createRng(11), "2019", { sourceError: error });
      assert.ok(figures.inconsistencies.some((i) => i.code === code));
    });
  }
});
