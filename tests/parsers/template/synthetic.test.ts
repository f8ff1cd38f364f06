// Generated reports of every layout and hazard (src/synth) parsed in process: no wrong figure, and
// nearly every figure read (the rest left out with an issue, never guessed).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scoreSynthetic } from "./synthetic-score.js";

describe("synthetic reports", () => {
  it("reads 240 varied generated reports with no wrong figure and at least 96% of figures", async () => {
    const score = await scoreSynthetic(240, "template-test");
    const cells = score.right + score.wrong + score.missing;
    const wrong = score.failures
      .filter((f) => f.wrong.length)
      .map((f) => `${f.name}: ${f.wrong.slice(0, 3).join("; ")}`);
    assert.deepEqual(wrong, []);
    assert.ok(
      score.right / cells >= 0.96,
      `only ${((100 * score.right) / cells).toFixed(2)}% of figures read`,
    );
    assert.ok(
      score.metaWrong <= score.docs * 0.02,
      `${score.metaWrong} documents with wrong agency/year/template`,
    );
  });
});
