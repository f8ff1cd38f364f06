import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { markdownStringToIR, markdownToIR, markdownRowCells } from "../../../parsers/formats/markdown.js";
import type { DocumentIR, TableBlock } from "../../../parsers/ir.js";
import { fixtureBytes } from "./fixtures.js";

const tables = (ir: DocumentIR) => ir.blocks.filter((b): b is TableBlock => b.kind === "table");
const rowTexts = (table: TableBlock) => table.rows.map((row) => row.map((cell) => cell.text));

describe("markdownToIR", () => {
  it("turns pipe tables into rows without separator rows, keeping empty cells and emphasis-free text", async () => {
    const ir = await markdownToIR(fixtureBytes("pipe-tables.md"));
    assert.equal(ir.format, "markdown");
    assert.equal(ir.title, "某区教育局2023年政府信息公开工作年度报告");
    const [t2a, t2b, t4] = tables(ir);
    assert.deepEqual(rowTexts(t2a!), [
      ["第二十条第（一）项", "", "", ""],
      ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
      ["规章", "0", "0", "0"],
      ["行政规范性文件", "4", "0", "21"],
    ]);
    assert.deepEqual(rowTexts(t2b!), [
      ["信息内容", "本年收费金额（单位：万元）"],
      ["行政事业性收费", "1.25"],
    ]);
    assert.deepEqual(rowTexts(t4!)[2], ["注：“结果纠正”含部分纠正|撤销", "", "", "", ""]);
  });

  it("strips heading markers and keeps every line in document order", async () => {
    const ir = await markdownToIR(fixtureBytes("pipe-tables.md"));
    const kinds = ir.blocks.map((b) => (b.kind === "text" ? b.text : `table@${b.loc?.line}`));
    assert.deepEqual(kinds, [
      "某区教育局2023年政府信息公开工作年度报告",
      "二、主动公开政府信息情况",
      "table@5",
      "第二十条第（八）项",
      "table@12",
      "四、政府信息公开行政复议、行政诉讼情况",
      "table@18",
    ]);
  });

  it("keeps fragments made from a PDF text layer in order, separator rows dropped wherever they are", () => {
    const ir = markdownStringToIR(
      [
        "（三）不",
        "予公开",
        "| 1.属于国家秘密 | 0 | 0 |",
        "|---|---|---|",
        "| 0 | 0 | 0 |",
        "|---|---|---|",
        "| 3.危及“三安全一稳定” | 0 | 0 |",
      ].join("\n"),
    );
    assert.deepEqual(
      ir.blocks.map((b) => (b.kind === "text" ? b.text : rowTexts(b))),
      [
        "（三）不",
        "予公开",
        [
          ["1.属于国家秘密", "0", "0"],
          ["0", "0", "0"],
          ["3.危及“三安全一稳定”", "0", "0"],
        ],
      ],
    );
  });

  it("splits pipe rows on unescaped pipes only", () => {
    assert.deepEqual(markdownRowCells("| a \\| b |  | c |"), ["a | b", "", "c"]);
    assert.deepEqual(markdownRowCells("|规章|0|"), ["规章", "0"]);
  });

  it("reads HTML tables embedded in Markdown (as PDF-to-Markdown converters write them), spans expanded", async () => {
    const md = [
      "# 某市生态环境局2023年政府信息公开工作年度报告",
      "",
      "## 四、政府信息公开行政复议、行政诉讼情况",
      "",
      '<table><tr><td colspan="2">行政复议</td><td rowspan="2">总计</td></tr>',
      "<tr><td>结果维持</td><td>结果纠正</td></tr><tr><td>1</td><td>0</td><td>1</td></tr></table>",
      "",
      "五、存在的主要问题及改进情况",
    ].join("\n");
    const ir = await markdownToIR(Buffer.from(md));
    assert.deepEqual(
      ir.blocks.map((b) => (b.kind === "text" ? b.text : rowTexts(b))),
      [
        "某市生态环境局2023年政府信息公开工作年度报告",
        "四、政府信息公开行政复议、行政诉讼情况",
        [
          ["行政复议", "行政复议", "总计"],
          ["结果维持", "结果纠正", "总计"],
          ["1", "0", "1"],
        ],
        "五、存在的主要问题及改进情况",
      ],
    );
    assert.equal(tables(ir)[0]!.loc?.line, 5);
  });
});

describe("pipe rows without backslashes and cells without markup take shortcuts", () => {
  // The definitions (regular expressions on every row and cell), for comparison.
  const definitionRow = (line: string): string[] =>
    line
      .trim()
      .replace(/^\|/, "")
      .replace(/(?<!\\)\|$/, "")
      .split(/(?<!\\)\|/)
      .map((cell) =>
        cell
          .replaceAll("\\|", "|")
          .trim()
          .replace(/<br\s*\/?>/gi, " ")
          .replace(/\*\*|__/g, "")
          .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, "$1")
          .trim(),
      );
  it("gives the definition's cells on random rows", () => {
    const piece = fc.constantFrom(
      "|",
      "||",
      " ",
      "\u3000",
      "\\",
      "\\|",
      "*",
      "**",
      "_",
      "__",
      "<br>",
      "<BR/>",
      "<b>",
      "a",
      "规章",
      "12",
      "-",
      "#",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const line = pieces.join("");
        assert.deepEqual(markdownRowCells(line), definitionRow(line), JSON.stringify(line));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
