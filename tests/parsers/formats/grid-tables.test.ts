// Grid tables whose cells wrap over several lines, as pandoc writes them (`pandoc -t plain` and
// `-t markdown` of the corpus's 23-putian-forestry-2024 page; lines cut from that output). Read
// line by line, a label broken after its item number (`1` / `.属于国家秘密`) put a figure in the
// label's column and the label's pieces made rows of blanks: 8 wrong figures on the whole report.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markdownStringToIR } from "../../../parsers/formats/markdown.js";
import { textStringToIR } from "../../../parsers/formats/text.js";
import type { DocumentIR, TableBlock } from "../../../parsers/ir.js";
import { joinGridRows } from "../../../parsers/text/grid-rows.js";

const RULE = "+-------+-------+-------+-------+-------+-------+-------+-------+-------+-------+";
const GRID = [
  "　　三、收到和处理政府信息公开申请情况",
  "",
  RULE,
  "| 一、  |       |       | 2     | 0     | 0     | 0     | 0     | 0     | 2     |",
  "| 本年  |       |       |       |       |       |       |       |       |       |",
  "| 新收  |       |       |       |       |       |       |       |       |       |",
  RULE,
  "|       | （    | 1     | 0     | 0     | 0     | 0     | 0     | 0     | 0     |",
  "|       | 三）  | .属于 |       |       |       |       |       |       |       |",
  "|       | 不予  | 国家  |       |       |       |       |       |       |       |",
  "|       | 公开  | 秘密  |       |       |       |       |       |       |       |",
  RULE,
  "",
  "　　四、政府信息公开行政复议、行政诉讼情况",
];

const tableRows = (ir: DocumentIR) =>
  ir.blocks
    .filter((b): b is TableBlock => b.kind === "table")
    .flatMap((t) => t.rows.map((r) => r.map((c) => c.text)));

const EXPECTED = [
  ["一、本年新收", "", "", "2", "0", "0", "0", "0", "0", "2"],
  ["", "（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"],
];

describe("grid tables with wrapped cells", () => {
  it("reads the lines between two rules as one row (text)", () => {
    assert.deepEqual(tableRows(textStringToIR(GRID.join("\n"))), EXPECTED);
  });

  it("reads the lines between two rules as one row (Markdown), the rules keeping the table open", () => {
    const ir = markdownStringToIR(GRID.join("\n"));
    assert.deepEqual(tableRows(ir), EXPECTED);
    assert.equal(ir.blocks.filter((b) => b.kind === "table").length, 1);
    assert.equal(ir.blocks.filter((b) => b.kind === "text" && b.text.startsWith("+")).length, 0);
  });

  it("keeps line numbers, joins Latin words with a space, and leaves one-line rows and other text alone", () => {
    const lines = ["+------+-----+", "| Total | 12 |", "| count |     |", "+------+-----+"];
    assert.deepEqual(joinGridRows(lines), ["+------+-----+", "| Total count | 12 |", lines[0], lines[0]]);
    const oneLine = [RULE, GRID[3]!, RULE, GRID[3]!, RULE];
    assert.equal(joinGridRows(oneLine), oneLine);
    // Word's cells open with an indented empty line (15-putian-forestry-2019): figures on the
    // second line, or on the first in some columns and the second in others, are one row.
    const word = [
      "+----+----+----+",
      "| 　　 | 　　0 | 　 |",
      "| 一、 |  | 　 1 |",
      "| 本年 |  |  |",
      "+----+----+----+",
    ];
    assert.equal(joinGridRows(word)[1], "| 一、本年 | 0 | 1 |");
    // MySQL's client rules only around the header and at the end: one row a line, never joined.
    const mysql = [
      "+------+-----+",
      "| 项目 | 数量 |",
      "+------+-----+",
      "| 规章 | 1 |",
      "| 规范性文件 | 3 |",
      "+------+-----+",
    ];
    assert.equal(joinGridRows(mysql), mysql);
    const noRule = GRID.filter((l) => l !== RULE);
    assert.equal(joinGridRows(noRule), noRule);
  });
});
