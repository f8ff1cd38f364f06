// Markdown from document converters that repeat a spanning cell's text in every grid slot it
// covers (docling, marker). Inputs cut from the corpus's 15-putian-forestry-2019 and
// 23-putian-forestry-2024 pages as such a converter writes them (scripts/variants/dumps.ts mdgrid).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markdownStringToIR } from "../../../parsers/formats/markdown.js";
import type { TableBlock } from "../../../parsers/ir.js";
import { parseDocument } from "../../../parsers/index.js";

/** Each table row's cells as read (spanned copies dropped, as the recognizer reads them). */
const readRows = (text: string) =>
  markdownStringToIR(text)
    .blocks.filter((b): b is TableBlock => b.kind === "table")
    .flatMap((t) => t.rows.map((r) => r.filter((c) => !c.spanned).map((c) => c.text)));

const SECTION_2019 = [
  "| 第二十条第（五）项 | 第二十条第（五）项 | 第二十条第（五）项 | 第二十条第（五）项 | 第二十条第（五）项 |",
  "| --- | --- | --- | --- | --- |",
  "| 信息内容 | 上一年项目数量 | 本年增/减 | 本年增/减 | 处理决定数量 |",
  "| 行政许可 | 40 | 40 | -6 | 64 |",
  "| 其他对外管理服务事项 | 80 | 80 | +72 | 0 |",
  "| 第二十条第（六）项 | 第二十条第（六）项 | 第二十条第（六）项 | 第二十条第（六）项 | 第二十条第（六）项 |",
  "| 信息内容 | 上一年项目数量 | 本年增/减 | 本年增/减 | 处理决定数量 |",
  "| 行政处罚 | 133 | 133 | +3 | 7 |",
  "| 行政强制 | 11 | 11 | 0 | 0 |",
];

const TABLE2_2024 = [
  "# 莆田市林业局2024年政府信息公开工作年度报告",
  "",
  "二、主动公开政府信息情况",
  "",
  "| 第二十条第（一）项 | 第二十条第（一）项 | 第二十条第（一）项 | 第二十条第（一）项 |",
  "| --- | --- | --- | --- |",
  "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
  "| 规章 | 0 | 0 | 0 |",
  "| 行政规范性文件 | 1 | 0 | 9 |",
  "| 第二十条第（五）项 | 第二十条第（五）项 | 第二十条第（五）项 | 第二十条第（五）项 |",
  "| 信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |",
  "| 行政许可 | 236 | 236 | 236 |",
  "| 第二十条第（六）项 | 第二十条第（六）项 | 第二十条第（六）项 | 第二十条第（六）项 |",
  "| 信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |",
  "| 行政处罚 | 2 | 2 | 2 |",
  "| 行政强制 | 0 | 0 | 0 |",
].join("\n");

describe("Markdown tables with spanning cells repeated", () => {
  it("reads a figure spanning several grid slots once", async () => {
    const result = await parseDocument(new TextEncoder().encode(TABLE2_2024));
    assert.equal(result.values["t2.licensing.decisions"], 236);
    assert.equal(result.values["t2.penalty.decisions"], 2);
    assert.equal(result.values["t2.coercion.decisions"], 0);
    assert.equal(result.values["t2.normative.in_force"], 9);
  });

  it("finds the span from the rows where only one cut fits, and keeps equal real columns", () => {
    const rows = readRows(SECTION_2019.join("\n"));
    assert.deepEqual(rows[2], ["行政许可", "40", "-6", "64"]);
    assert.deepEqual(rows[3], ["其他对外管理服务事项", "80", "+72", "0"]);
    // 11 | 11 | 0 | 0 alone fits two cuts (11,0,0 and 11,11,0): the row above decides.
    assert.deepEqual(rows[6], ["行政处罚", "133", "+3", "7"]);
    assert.deepEqual(rows[7], ["行政强制", "11", "0", "0"]);
  });

  it("leaves rows alone when the cuts that fit read different figures", () => {
    const alone = [...SECTION_2019.slice(5, 7), "| 行政强制 | 11 | 11 | 0 | 0 |"];
    alone.splice(1, 0, "| --- | --- | --- | --- | --- |");
    assert.deepEqual(readRows(alone.join("\n")).at(-1), ["行政强制", "11", "11", "0", "0"]);
  });

  it("leaves tables without repeated labels alone", () => {
    const plain = [
      "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
      "| --- | --- | --- | --- |",
      "| 行政许可 | 40 | 40 | 64 |",
    ];
    assert.deepEqual(readRows(plain.join("\n"))[1], ["行政许可", "40", "40", "64"]);
  });
});
