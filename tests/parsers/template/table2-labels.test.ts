// Table 2 in raw pdftotext output (one cell per line): a figure printed before its label must not be
// given to that label later on, and a count can never take a money figure.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readingsOf } from "../../../parsers/template/readings.js";
import { readNumber } from "../../../parsers/template/cells.js";
import { T2_VALUES, differences, expectedValues, parseText, reportText } from "./fixture-report.js";

// As pdftotext prints Hongze's 2023 report: 行政许可's 550 comes right after its column header,
// before the label; the fee amount comes before 行政事业性收费 too.
const RAW_T2 = [
  "第二十条第（一）项",
  "信息内容",
  "",
  "本年制发件数",
  "",
  "本年废止件数",
  "",
  "现行有效件数",
  "",
  "规章",
  "",
  "0",
  "",
  "0",
  "",
  "0",
  "",
  "行政规范性文件",
  "",
  "2",
  "",
  "1",
  "",
  "15",
  "",
  "第二十条第（五）项",
  "",
  "信息内容",
  "",
  "本年处理决定数量",
  "356",
  "",
  "行政许可",
  "",
  "第二十条第（六）项",
  "",
  "信息内容",
  "",
  "本年处理决定数量",
  "",
  "行政处罚",
  "",
  "27",
  "",
  "行政强制",
  "",
  "3",
  "第二十条第（八）项",
  "信息内容",
  "",
  "本年收费金额（单位：万元）",
  "12.5",
  "",
  "行政事业性收费",
];

describe("table 2 labels in one-cell-per-line text", () => {
  it("leaves a count whose figure preceded its label out instead of giving it a later figure", async () => {
    const result = await parseText(reportText({ t2: RAW_T2 }));
    const expected: Record<string, number> = expectedValues();
    delete expected["t2.licensing.decisions"];
    delete expected["t2.fees.amount"];
    assert.deepEqual(differences(result, expected), []);
    assert.ok(result.issues.some((i) => i.metric === "t2.licensing.decisions"));
  });

  it("still reads labels followed by their figures (nearest label)", async () => {
    const lines = RAW_T2.filter((l) => l !== "356" && l !== "12.5");
    lines.splice(lines.indexOf("行政许可") + 1, 0, "356");
    lines.push("", "12.5");
    const result = await parseText(reportText({ t2: lines }));
    assert.deepEqual(differences(result, expectedValues()), []);
    assert.equal(result.values["t2.fees.amount"], T2_VALUES["t2.fees.amount"]);
  });
});

describe("count cells", () => {
  const item = (raw: string) => ({ kind: "num" as const, num: readNumber(raw)! });

  it("cannot take a figure with a fractional part or a money unit", () => {
    for (const raw of ["7730.28", "550元", "12万元"]) {
      assert.deepEqual(readingsOf([item(raw)], 1, { grid: false }).readings, [], raw);
    }
    assert.equal(readingsOf([item("550")], 1, { grid: false }).readings.length, 1);
  });

  it("money cells can", () => {
    const { readings } = readingsOf([item("7730.28")], 1, { grid: false, isMoney: () => true });
    assert.deepEqual(
      readings.map((r) => r.map((c) => c.value)),
      [[7730.28]],
    );
  });
});
