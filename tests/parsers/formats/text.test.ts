import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { textStringToIR, textToIR } from "../../../parsers/formats/text.js";
import type { DocumentIR, TableBlock, TextBlock } from "../../../parsers/ir.js";
import { fixtureBytes } from "./fixtures.js";

const tables = (ir: DocumentIR) => ir.blocks.filter((b): b is TableBlock => b.kind === "table");
const texts = (ir: DocumentIR) => ir.blocks.filter((b): b is TextBlock => b.kind === "text");
const rowTexts = (table: TableBlock) => table.rows.map((row) => row.map((cell) => cell.text));

describe("textToIR", () => {
  it("splits tab-separated lines into rows, keeping empty cells, one table per run of lines", async () => {
    const ir = await textToIR(fixtureBytes("tab-separated.txt"));
    assert.equal(ir.format, "text");
    const [table2, table3] = tables(ir);
    assert.deepEqual(rowTexts(table2!), [
      ["第二十条第（一）项", "", "", ""],
      ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
      ["规章", "0", "0", "0"],
      ["行政规范性文件", "3", "1", "12"],
      ["第二十条第（五）项", "", "", ""],
      ["信息内容", "本年处理决定数量", "", ""],
      ["行政许可", "27", "", ""],
    ]);
    assert.deepEqual(rowTexts(table3!)[0], ["", "", "申请人情况", "", "", "", "", "", ""]);
    assert.deepEqual(rowTexts(table3!)[3], [
      "一、本年新收政府信息公开申请数量",
      "",
      "5",
      "1",
      "0",
      "0",
      "0",
      "0",
      "6",
    ]);
    assert.equal(table3!.rows[3]![2]!.loc?.line, 17);
  });

  it("keeps prose and page footers as text blocks with their line numbers; strips BOM, CR and form feeds", async () => {
    const ir = await textToIR(fixtureBytes("tab-separated.txt"));
    const prose = texts(ir);
    assert.deepEqual(prose[0], {
      kind: "text",
      text: "某县商务局 2023 年政府信息公开工作年度报告",
      loc: { line: 1 },
    });
    assert.ok(prose.some((b) => b.text === "- 3 -"));
    assert.ok(ir.blocks.every((b) => (b.kind === "text" ? !/[\r\f\uFEFF]/.test(b.text) : true)));
  });

  it("splits space-aligned columns (pdftotext -layout) on wide gaps, not on single spaces", async () => {
    const ir = await textToIR(fixtureBytes("pdftotext-layout.txt"));
    const [table4] = tables(ir);
    const rows = rowTexts(table4!);
    assert.deepEqual(rows[0], ["行政复议", "行政诉讼"]);
    assert.deepEqual(rows.at(-1), [
      "2",
      "1",
      "0",
      "0",
      "3",
      "1",
      "0",
      "0",
      "0",
      "1",
      "0",
      "0",
      "0",
      "0",
      "0",
    ]);
    const prose = texts(ir).map((b) => b.text);
    assert.ok(
      prose.includes("2022 年政府信息公开工作年度报告"),
      "single spaces inside a title are not columns",
    );
    assert.ok(prose.includes("四、政府信息公开行政复议、行政诉讼情况"), "indentation is not a column");
  });

  it("reads one-cell-per-line dumps as one text block per line, in order", async () => {
    const ir = await textToIR(fixtureBytes("one-cell-per-line.txt"));
    assert.equal(tables(ir).length, 0);
    const lines = texts(ir).map((b) => b.text);
    assert.deepEqual(lines.slice(3, 10), [
      "二、主动公开政府信息情况",
      "第二十条第（一）项",
      "信息内容",
      "本年制发件数",
      "本年废止件数",
      "现行有效件数",
      "规章",
    ]);
    assert.equal(texts(ir)[9]!.loc?.line, 10);
  });

  it("keeps cells run together as one text line (the recognizer splits them)", () => {
    const ir = textStringToIR("一、本年新收政府信息公开申请数量640020470\n");
    assert.deepEqual(ir.blocks, [
      { kind: "text", text: "一、本年新收政府信息公开申请数量640020470", loc: { line: 1 } },
    ]);
  });

  it("treats a full-width space between tokens as a column gap", () => {
    const ir = textStringToIR("行政许可\u300027\n");
    assert.deepEqual(rowTexts(tables(ir)[0]!), [["行政许可", "27"]]);
  });

  it("reads a pre-2019 prose report as text only", async () => {
    const ir = await textToIR(fixtureBytes("pre2019-prose.txt"));
    assert.equal(tables(ir).length, 0);
    assert.equal(texts(ir)[0]!.text, "某县人民政府2016年政府信息公开工作年度报告");
    assert.ok(
      texts(ir).every((b) => !b.text.startsWith("\u3000")),
      "full-width indentation is trimmed",
    );
  });

  it("splits pipe rows of page-text renderings, empty cells kept, rules dropped", () => {
    const ir = textStringToIR(
      [
        "| 第二十条  第(一)项 | |||",
        "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 | ||",
        "|---|---|",
        "二、上年结转政府信息公开申请数量 0",
      ].join("\n"),
    );
    const [table] = tables(ir);
    assert.deepEqual(rowTexts(table!), [
      ["第二十条  第(一)项", "", "", ""],
      ["一、本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3", "", ""],
    ]);
    assert.equal(texts(ir)[0]!.text, "二、上年结转政府信息公开申请数量 0");
  });

  it("treats runs of no-break spaces copied from a web page as column gaps", () => {
    const ir = textStringToIR("行政处罚\u00A0\u00A0\u00A012\u00A0\u00A03\n");
    assert.deepEqual(rowTexts(tables(ir)[0]!), [["行政处罚", "12", "3"]]);
  });

  it("reads tables drawn with box characters or ASCII rules (text-browser dumps), rules dropped", () => {
    const ir = textStringToIR(
      [
        "┌────────────┬──────┬──────┐",
        "│信息内容    │本年制发件数│本年废止件数│",
        "├────────────┼──────┼──────┤",
        "│规章        │0     │0     │",
        "└────────────┴──────┴──────┘",
        "+------+----+",
        "| 行政许可 | 27 |",
        "+------+----+",
        "—",
      ].join("\n"),
    );
    assert.deepEqual(
      ir.blocks.map((b) => (b.kind === "text" ? b.text : rowTexts(b))),
      [
        [
          ["信息内容", "本年制发件数", "本年废止件数"],
          ["规章", "0", "0"],
          ["行政许可", "27"],
        ],
        "—",
      ],
    );
  });

  it("reads a tab-indented paragraph as text, but keeps rows whose tabs separate cells", () => {
    const ir = textStringToIR(
      "\t2023年，我局收到政府信息公开申请3件。\n\t\t申请人情况\t\t\n\t\t自然人\t总计\n",
    );
    assert.deepEqual(
      ir.blocks.map((b) => (b.kind === "text" ? b.text : rowTexts(b))),
      [
        "2023年，我局收到政府信息公开申请3件。",
        [
          ["", "", "申请人情况", "", ""],
          ["", "", "自然人", "总计"],
        ],
      ],
    );
  });

  it("decodes HTML entities left in scraped text, so padding becomes column gaps", () => {
    const ir = textStringToIR("行政许可&nbsp;&nbsp;27&nbsp;&nbsp;3\n《条例》&amp;&#12298;办法&#x300B;\n");
    assert.deepEqual(rowTexts(tables(ir)[0]!), [["行政许可", "27", "3"]]);
    assert.equal(texts(ir)[0]!.text, "《条例》&《办法》");
  });
});
