// Zeros printed as hyphens: a Markdown row of "-" cells is data, only a GFM delimiter row under a
// header (or a fragment's first row) is a rule.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markdownStringToIR } from "../../../parsers/formats/markdown.js";
import { textStringToIR } from "../../../parsers/formats/text.js";
import type { DocumentIR, TableBlock } from "../../../parsers/ir.js";
import { parseDocument } from "../../../parsers/index.js";
import { T2_LINES, expectedValues, reportText } from "../template/fixture-report.js";

const rowTexts = (ir: DocumentIR) =>
  ir.blocks
    .filter((b): b is TableBlock => b.kind === "table")
    .map((t) => t.rows.map((row) => row.map((cell) => cell.text)));

describe("markdown rows of hyphens", () => {
  it("keeps a row of single hyphens as data and drops delimiter rows with colons or three dashes", () => {
    const ir = markdownStringToIR(
      [
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "|:---|:---:|---:|----|",
        "| 规章 | - | - | - |",
        "| - | - | - | - |",
        "| 行政规范性文件 | 2 | 1 | 15 |",
      ].join("\n"),
    );
    assert.deepEqual(rowTexts(ir), [
      [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "-", "-", "-"],
        ["-", "-", "-", "-"],
        ["行政规范性文件", "2", "1", "15"],
      ],
    ]);
  });

  it("does not take a leading row of dashes for a rule", () => {
    const ir = markdownStringToIR(["| --- | --- |", "| 1 | 2 |"].join("\n"));
    assert.deepEqual(rowTexts(ir), [
      [
        ["---", "---"],
        ["1", "2"],
      ],
    ]);
  });

  it("reads a row of zeros printed as hyphens in a report made from a PDF", async () => {
    // Table 2 as PDF-to-Markdown converters write it: labels detached from their figure fragments. Were
    // the hyphen row dropped, the next fragment (2 1 15) would fill 规章.
    const t2 = [
      "第二十条第（一）项",
      "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
      "|---|---|---|---|",
      "",
      "规章",
      "",
      "| - | - | - |",
      "",
      "行政规范性文件",
      "",
      "| 2 | 1 | 15 |",
      "",
      ...T2_LINES.slice(T2_LINES.findIndex((l) => l.startsWith("第二十条第（五）项"))),
    ];
    // The rest of the fixture report: every tab line a pipe row, a rule under each table's first row.
    let inTable = false;
    const markdown = reportText({ t2 })
      .split("\n")
      .flatMap((line) => {
        if (!line.includes("\t")) {
          inTable = false;
          return [line];
        }
        const row = `| ${line.split("\t").join(" | ")} |`;
        if (inTable) return [row];
        inTable = true;
        return ["", row, `|${"---|".repeat(line.split("\t").length)}`];
      })
      .join("\n");
    const result = await parseDocument(new TextEncoder().encode(markdown), { name: "report.md" });
    const expected = expectedValues();
    const t2Codes = Object.keys(expected).filter((code) => code.startsWith("t2."));
    assert.deepEqual(
      t2Codes.map((code) => [code, result.values[code]]),
      t2Codes.map((code) => [code, expected[code]]),
    );
  });
});

describe("pipe rows in a text file", () => {
  it("reads a row of single hyphens as data (zeros), like the Markdown front-end", () => {
    const ir = textStringToIR(
      [
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "|---|---|---|---|",
        "| 规章 | - | - | - |",
      ].join("\n"),
    );
    assert.deepEqual(rowTexts(ir), [
      [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "-", "-", "-"],
      ],
    ]);
  });
});
