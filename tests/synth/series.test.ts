import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createSeries } from "../../src/synth/index.js";
import { checkIdentities } from "../../src/synth/identities.js";
import { T3_COLUMNS } from "../../src/synth/shape.js";

describe("createSeries", () => {
  it("gives one body consecutive years whose figures carry over", () => {
    for (const seed of ["a", "b", "c", "d"]) {
      const series = createSeries(seed, 2019, 2024);
      assert.deepEqual(
        series.map((r) => r.year),
        [2019, 2020, 2021, 2022, 2023, 2024],
      );
      assert.equal(new Set(series.map((r) => r.agency.name)).size, 1);
      assert.deepEqual(
        series.map((r) => r.figures.template),
        ["2019", "2019", "2021", "2021", "2021", "2021"],
      );
      series.slice(1).forEach((report, i) => {
        const before = series[i]!.figures.values;
        const now = report.figures.values;
        assert.deepEqual(checkIdentities(report.figures.template, now), []);
        for (const column of T3_COLUMNS) {
          assert.equal(
            now[`t3.carried_over.${column}`],
            before[`t3.carried_forward.${column}`],
            `${seed} ${report.year} ${column}`,
          );
        }
        if (series[i]!.figures.template === "2021") {
          for (const kind of ["rules", "normative"]) {
            const expected =
              before[`t2.${kind}.in_force`]! + now[`t2.${kind}.issued`]! - now[`t2.${kind}.repealed`]!;
            assert.equal(now[`t2.${kind}.in_force`], expected, `${seed} ${report.year} ${kind}`);
          }
        }
      });
    }
  });
});
