// A figure printed a line apart from its row (parsers/text/stray-figures.ts): `pdftotext -layout`
// of Chromium's print of corpus 15-putian-forestry-2019.html puts the 社会公益组织 cell of each
// table-3 row one line above the rest (its header is three lines tall). Lines below are cut from
// that output (scripts/variants/make.ts, variant 15-putian-forestry-2019~chromium~pdftotext-layout).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { textStringToIR } from "../../../parsers/formats/text.js";
import type { TableBlock } from "../../../parsers/ir.js";
import { joinStrayFigures, wrappedLabels } from "../../../parsers/text/stray-figures.js";

const rows = (text: string) =>
  textStringToIR(text)
    .blocks.filter((b): b is TableBlock => b.kind === "table")
    .flatMap((t) => t.rows.map((r) => r.map((c) => c.text)));

const NEW = [
  "    一、本年新收政府信息",
  "                                             0",
  "     公开申请数量         1     0      0    0              0   1",
];

describe("figures printed a line apart from their row", () => {
  it("puts a lone figure back into the row line right below it, in its place", () => {
    const joined = joinStrayFigures(NEW);
    assert.equal(joined[1], "");
    assert.equal(joined[2], "     公开申请数量         1     0      0    0      0       0   1");
    assert.deepEqual(rows(NEW.join("\n")), [["公开申请数量", "1", "0", "0", "0", "0", "0", "1"]]);
  });

  it("puts a row's figures printed on two lines together on the line with the label", () => {
    const lines = [
      "             2.其他法律行政法规禁止公                                      0",
      "                              0   0        0     0     0   0",
      "             开",
    ];
    const joined = joinStrayFigures(lines);
    assert.equal(joined[0], "             2.其他法律行政法规禁止公    0   0        0     0     0   0    0");
    assert.equal(joined[1], "");
    // LibreOffice's print: three figures a line above the row's four.
    const split = [
      "  一、本年新收政府信息公",
      "                               0                0     0",
      "    开申请数量            1             0                          0    1",
    ];
    assert.deepEqual(rows(split.join("\n")), [["开申请数量", "1", "0", "0", "0", "0", "0", "1"]]);
  });

  it("leaves lines apart when a blank line, a page footer or a second label stands between", () => {
    const apart = [NEW[0]!, NEW[1]!, "", NEW[2]!];
    assert.equal(joinStrayFigures(apart), apart);
    // A table-2 row next to a page footer: "- 2 -" is no row of figures.
    const footer = [
      "信息内容         本年收费金额（单位：万元）",
      "- 2 -",
      "行政事业性收费                       27141",
    ];
    assert.equal(joinStrayFigures(footer), footer);
    // Two labelled rows whose figures interleave (zeros printed blank) stay two rows.
    const labelled = ["规章             5                 ", "行政规范性文件          1               9"];
    assert.equal(joinStrayFigures(labelled), labelled);
    // Two neighbours could take it: nothing is guessed.
    const both = [NEW[2]!, NEW[1]!, NEW[2]!];
    assert.equal(joinStrayFigures(both), both);
  });
});

describe("labels printed around their row's figures", () => {
  // pdftotext -layout of Chromium's print of corpus 23-putian-forestry-2024.html.
  const PARTIAL = [
    "      （二）部分公开（区分处理的，只计这",
    "                              0   0        0     0     0   0    0",
    "         一情形，不计其他情形）",
    "",
  ];

  it("makes head and tail of the label the row's first cell", () => {
    assert.deepEqual(rows(PARTIAL.join("\n")), [
      ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0", "0", "0", "0", "0", "0", "0"],
    ]);
  });

  it("leaves a tail that is a label of its own (numbered, or with figures below it)", () => {
    const numbered = [PARTIAL[0]!, PARTIAL[1]!, "      （三）不予公开", ""];
    assert.equal(wrappedLabels(numbered).labels.size, 0);
    const waiting = [
      ...PARTIAL.slice(0, 3),
      "                              1   0        0     0     0   0    1",
    ];
    assert.equal(wrappedLabels(waiting).labels.size, 0);
  });
});
