// A table-3 row whose figures stand on its label's line and the next, in a copy that keeps no
// positions (cells joined by one space): `pdftotext -layout` prints a tall row's cells on two lines
// (some columns a line above the others), and once the spaces are squeezed the order of the
// columns is lost; `pdftotext -raw` or a hard-wrapped line prints the same shape in the right
// order. Such a row is kept only when the identities confirm the order read.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { T3, expectedValues, parseText, reportText } from "./fixture-report.js";

const NOT_HELD = T3.findIndex((r) => r.key === "unable.not_held"); // 2 1 0 0 1 0 4
const oneSpace = (row: (typeof T3)[number]) => [row.cells.filter(Boolean).at(-1)!, ...row.values].join(" ");

/** The report with table 3 copied one space between cells, the not-held row's figures on two lines. */
function report(labelLine: number[], nextLine: number[]): string {
  const rows = T3.flatMap((row, i) =>
    i === NOT_HELD
      ? [[row.cells.filter(Boolean).at(-1)!, ...labelLine].join(" "), nextLine.join(" ")]
      : [oneSpace(row)],
  );
  return reportText({ t3Rows: rows });
}

const notHeld = (values: Record<string, number>) =>
  ["natural", "commercial", "research", "social", "legal", "other", "total"].map(
    (c) => values[`t3.unable.not_held.${c}`],
  );

describe("a table-3 row's figures on its label's line and the next", () => {
  it("reads them when the identities confirm the order (a raw copy)", async () => {
    const result = await parseText(report([2, 1, 0, 0], [1, 0, 4]));
    assert.deepEqual(notHeld(result.values), [2, 1, 0, 0, 1, 0, 4]);
  });

  it("leaves them out when the 总计 stood above the applicant columns", async () => {
    const result = await parseText(report([4], [2, 1, 0, 0, 1, 0]));
    assert.deepEqual(notHeld(result.values), Array(7).fill(undefined));
    assert.ok(result.issues.some((i) => i.metric === "t3.unable.not_held.natural"));
  });

  it("leaves them out when the row adds up in the wrong order but the columns do not", async () => {
    // Columns 2-5 a line above columns 1, 6 and 7: read 1 0 0 1 2 0 4, whose own total holds.
    const result = await parseText(report([1, 0, 0, 1], [2, 0, 4]));
    assert.deepEqual(notHeld(result.values), Array(7).fill(undefined));
    // Every other figure of the table is still read.
    const expected = expectedValues();
    for (const [code, value] of Object.entries(result.values)) {
      if (code.startsWith("t3.")) assert.equal(value, expected[code], code);
    }
  });
});
