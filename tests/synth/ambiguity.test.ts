// The solver that decides which figures a lossy text form still determines, on rows copied from
// real reports (corpus 07-pingtan-2021.txt, 35-putian-forestry-2024-text.txt).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  readRunTogether,
  undeterminedAcrossRows,
  undeterminedMergedCells,
  undeterminedRunTogether,
  type RowIdentity,
} from "../../src/synth/ambiguity.js";

const T3_ROW: RowIdentity[] = [{ parts: [0, 1, 2, 3, 4, 5], total: 6 }];
const T4_ROW: RowIdentity[] = [
  { parts: [0, 1, 2, 3], total: 4 },
  { parts: [5, 6, 7, 8], total: 9 },
  { parts: [10, 11, 12, 13], total: 14 },
];

describe("undeterminedRunTogether", () => {
  it("splits a table 3 row uniquely when the row total pins it down (640020470 = 64,0,0,2,0,4,70)", () => {
    assert.deepEqual(undeterminedRunTogether(["640020470"], 7, T3_ROW, false), []);
  });

  it("uses the separators that survived (500000 5)", () => {
    assert.deepEqual(undeterminedRunTogether(["500000", "5"], 7, T3_ROW, false), []);
  });

  it("leaves a table 2 row with no identity undetermined (行政规范性文件693665)", () => {
    assert.deepEqual(undeterminedRunTogether(["693665"], 3, [], false), [0, 1, 2]);
    assert.deepEqual(undeterminedRunTogether(["000"], 3, [], false), []);
  });

  it("reads pingtan's table 4 row through the three group totals", () => {
    assert.deepEqual(undeterminedRunTogether(["10203120001200000"], 15, T4_ROW, false), []);
  });

  it("reports ambiguity the row total cannot resolve (220000325: 22,0,…,3,25 or 2,20,…,3,25)", () => {
    // Only the column identities across rows tell these apart; the solver does not use them.
    assert.deepEqual(undeterminedRunTogether(["220000325"], 7, T3_ROW, false), [0, 1]);
  });
});

describe("signed cells", () => {
  it("reads a lone -5 as the 本年增/减 of a 2019 table 2 row when only that cell may be negative", () => {
    // 上一年项目数量 blank, 本年增/减 -5, 处理决定数量 blank: the page shows "-5".
    assert.deepEqual(undeterminedMergedCells(["-5"], 3, [], true, [false, true, false]), []);
    assert.deepEqual(undeterminedMergedCells(["-5"], 3, [], true), [0, 1, 2]);
    // "12-34" reads as 12,-3,4 or as 12,"-"(zero),34: the first cell is sure, the others are not.
    assert.deepEqual(undeterminedRunTogether(["12-34"], 3, [], false, [false, true, false]), [1, 2]);
    // "5-3": -3 in the middle would leave the last cell empty, so the "-" is a zero: 5,0,3.
    assert.deepEqual(undeterminedRunTogether(["5-3"], 3, [], false, [false, true, false]), []);
  });
});

describe("undeterminedMergedCells", () => {
  it("recovers 2,0,0,0,0,0,2 from the merged tokens 2 / 0 / 2", () => {
    assert.deepEqual(undeterminedMergedCells(["2", "0", "2"], 7, T3_ROW, false), []);
    assert.deepEqual(undeterminedMergedCells(["0"], 15, T4_ROW, false), []);
  });

  it("cannot tell which organisation column holds a 1 among zeros", () => {
    // 26,1,0,1,0,0,28 and 26,1,0,0,1,0,28 merge to the same tokens.
    const unknown = undeterminedMergedCells(["26", "1", "0", "1", "0", "28"], 7, T3_ROW, false);
    assert.deepEqual(unknown, [3, 4]);
  });

  it("treats dropped blank cells as zeros that may sit anywhere", () => {
    // Blanks dropped, the 3 of any one applicant column and the 3 of 总计 merge into one "3":
    // only the total is known.
    assert.deepEqual(undeterminedMergedCells(["3"], 7, T3_ROW, true), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(undeterminedMergedCells(["3", "0", "3"], 7, T3_ROW, false), []);
    assert.deepEqual(undeterminedMergedCells(["5", "2"], 3, [], true).length, 3);
  });
});

describe("undeterminedAcrossRows", () => {
  const COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"];
  const codes = (row: string): string[] => COLUMNS.map((c) => `t3.${row}.${c}`);
  // A toy column identity standing in for the table's: handled ≤ received, column by column.
  const check = (values: Record<string, number>): string[] =>
    COLUMNS.filter((c) => (values[`t3.not_held.${c}`] ?? 0) > (values[`t3.new.${c}`] ?? 0));

  it("settles a row its own total cannot (220000325) with the identities across rows", () => {
    const rows = [
      { codes: codes("new"), reading: readRunTogether(["640020470"], 7, T3_ROW, false) },
      { codes: codes("not_held"), reading: readRunTogether(["220000325"], 7, T3_ROW, false) },
    ];
    // 2,20,…: 20 commercial requests handled out of 0 received is impossible; 22,0,… is the reading.
    assert.deepEqual(undeterminedAcrossRows(rows, check), []);
    assert.deepEqual(
      undeterminedAcrossRows(rows, () => []),
      ["t3.not_held.natural", "t3.not_held.commercial"],
    );
  });

  it("falls back to each row's verdict when no combination is consistent", () => {
    const rows = [{ codes: codes("not_held"), reading: readRunTogether(["220000325"], 7, T3_ROW, false) }];
    assert.deepEqual(
      undeterminedAcrossRows(rows, () => ["always broken"]),
      ["t3.not_held.natural", "t3.not_held.commercial"],
    );
  });
});
