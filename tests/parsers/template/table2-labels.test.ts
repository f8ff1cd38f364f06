// Table 2 in raw pdftotext output (one cell per line): a figure printed before its label must not be
// given to that label later on, and a count can never take a money figure.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readingsOf } from "../../../parsers/template/readings.js";
import { readNumber } from "../../../parsers/template/cells.js";
import { T2_LINES, T2_VALUES, differences, expectedValues, parseText, reportText } from "./fixture-report.js";

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

describe("table 2 cells that hold no figure", () => {
  const penalty = "t2.penalty.decisions";
  const withPenalty = (cell: string, after: string[] = []) =>
    T2_LINES.map((l) => (l.startsWith("行政处罚") ? `行政处罚\t${cell}\t\t` : l)).concat(after);

  it("a figure cell holding text is left out, not filled from a caption number after the table", async () => {
    for (const cell of ["#公式未计算", "见附件", "#REF!"]) {
      const result = await parseText(reportText({ t2: withPenalty(cell, ["表2"]) }));
      const expected = expectedValues();
      delete expected[penalty];
      assert.deepEqual(differences(result, expected), [], cell);
      assert.ok(
        result.issues.some((i) => i.metric === penalty && i.code === "figure.unreadable"),
        cell,
      );
    }
  });

  it("a spreadsheet error value is no zero: its slash and digit are not cells", async () => {
    for (const cell of ["#N/A", "#DIV/0!", "N/A"]) {
      const result = await parseText(reportText({ t2: withPenalty(cell) }));
      assert.equal(result.values[penalty], undefined, cell);
      assert.equal(result.values["t2.coercion.decisions"], T2_VALUES["t2.coercion.decisions"], cell);
    }
    const slash = await parseText(reportText({ t2: withPenalty("/") }));
    assert.equal(slash.values[penalty], 0, "a lone slash is still the convention's zero");
  });

  it("a caption's number (表2, 附表 2-1, 图1) is never a figure of the labels waiting for theirs", async () => {
    // Labels printed before their figures (Markdown from PDFs); here the figures were never printed.
    const lines = T2_LINES.filter((l) => !l.startsWith("行政处罚") && !l.startsWith("行政强制"));
    for (const caption of ["表2", "附表 2-1", "图1"]) {
      const result = await parseText(reportText({ t2: [...lines, "行政处罚", "行政强制", caption] }));
      assert.equal(result.values[penalty], undefined, caption);
      assert.equal(result.values["t2.coercion.decisions"], undefined, caption);
    }
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
