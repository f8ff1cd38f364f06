// A figure printed a line apart from its row (parsers/text/stray-figures.ts): `pdftotext -layout`
// of Chromium's print of corpus 15-putian-forestry-2019.html puts the 社会公益组织 cell of each
// table-3 row one line above the rest (its header is three lines tall). Lines below are cut from
// that output (scripts/variants/make.ts, variant 15-putian-forestry-2019~chromium~pdftotext-layout).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { textStringToIR } from "../../../parsers/formats/text.js";
import type { TableBlock } from "../../../parsers/ir.js";
import {
  cellLabels,
  figuresOnlyStartParts,
  joinStrayFigures,
  wrappedLabels,
} from "../../../parsers/text/stray-figures.js";

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

describe("a row's two lines when both carry words", () => {
  const ZEROS = ["0", "0", "0", "0", "0", "0", "0"];

  it("joins a row whose lower line's words are a piece of the group label to its left", () => {
    // pdftotext -layout of LibreOffice's print of corpus 23-putian-forestry-2024.html.
    const lines = [
      "  （四）",
      "        2.没有现成信息需要另行                           0",
      "  无法提                  0   0   0   0   0   0",
      "              制作",
      "   供",
    ];
    const joined = joinStrayFigures(lines);
    assert.equal(joined[1], "        2.没有现成信息需要另行   0   0   0   0   0   0   0");
    assert.equal(joined[2], "  无法提");
    // Its upper line's: 15-putian-forestry-2019 printed by LibreOffice.
    const upper = [
      "            1.属于国家",
      "   （三                          0       0        0     0",
      "        秘密           0                                        0    0",
      "   ）不",
    ];
    assert.deepEqual(joinStrayFigures(upper).slice(1, 3), [
      "   （三",
      "        秘密           0         0       0        0     0       0    0",
    ]);
  });

  it("joins a numbered item's head and its unnumbered rest holding one row's seven figures", () => {
    // 15-putian-forestry-2019 printed by Chromium.
    const lines = [
      "",
      "          2.没有                   0",
      "      现成信息需      0   0   0   0       0   0",
      "",
    ];
    assert.deepEqual(rows(lines.join("\n"))[0], ["2.没有", ...ZEROS]);
  });

  it("leaves two labelled rows apart, however their figures fall", () => {
    // Aligned by display width (a CJK character is two columns): the figures of two full rows
    // fall between each other's by character count (synthetic text report). Neither label is a
    // piece of a group label, and together they hold fourteen figures.
    const synth = [
      "一、本年新收政府信息",
      "公开申请数量                                                                               5        1         0           0             0         0     6",
      "二、上年结转政府信                                                                               0        0         0           0             0         0     0",
      "息公开申请数量",
    ];
    assert.equal(joinStrayFigures(synth), synth);
    const numbered = ["", synth[2]!, synth[1]!, ""];
    assert.equal(joinStrayFigures(numbered), numbered);
  });
});

describe("a label cell wrapped over several lines around its figures", () => {
  // 23-putian-forestry-2024 printed by LibreOffice: the figures stand on a line with a piece of the
  // group label (理) or of the row's own label.
  const OTHER = [
    "",
    "        1.申请人无正当理由逾期",
    "        不补正、行政机关不再处    0   0   0   0   0   0   1",
    "         理其政府信息公开申请",
    "",
    "  （六）",
    "        2.申请人逾期未按收费通",
    "  其他处",
    "        知要求缴纳费用、行政机",
    "   理                   0   0   0   2   0   0   2",
    "        关不再处理其政府信息公",
    "             开申请",
    "",
  ];

  it("reads the words of the label's column top to bottom as the row's label", () => {
    assert.deepEqual(rows(OTHER.join("\n")), [
      ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "0", "0", "0", "0", "0", "0", "1"],
      [
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "0",
        "0",
        "0",
        "2",
        "0",
        "0",
        "2",
      ],
    ]);
    // The group label's pieces stay where they were, but on the figures' line.
    const out = cellLabels(OTHER, new Map());
    assert.deepEqual([out[5], out[7], out[9]!.trim()], ["  （六）", "  其他处", "0   0   0   2   0   0   2"]);
  });

  it("leaves lines with two item heads, or digits below the figures, as they are", () => {
    const two = ["", ...OTHER.slice(5, 12), ""];
    two.splice(2, 0, "        1.申请人无正当理由逾期");
    assert.deepEqual(cellLabels(two, new Map()), two);
    const digits = [...OTHER.slice(4, 13)];
    digits[6] = "        关不再处理其政府信息公2";
    assert.deepEqual(cellLabels(digits, new Map()), digits);
  });
});

describe("wrappedLabels' gate", () => {
  it("says what its pattern says on random lines (leading spaces, figures, words, every kind of space)", () => {
    const { fast, pattern } = figuresOnlyStartParts;
    const pieces = [
      "",
      " ",
      "  ",
      "\t",
      "\u3000",
      "\u00a0",
      "\u2028",
      "1",
      "23",
      "-",
      "—",
      "–",
      "/",
      "／",
      "无",
      "年",
      "a",
      "（",
      "😀",
      "\ud800",
    ];
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 20_000; n++) {
      let line = "";
      const parts = 1 + Math.floor(random() * 7);
      for (let k = 0; k < parts; k++) line += pieces[Math.floor(random() * pieces.length)];
      assert.equal(fast(line), pattern.test(line), JSON.stringify(line));
    }
    for (const line of [
      "2024年，我局收到申请",
      "0 0 0",
      "  12  3",
      "无 无",
      "一、总体情况",
      "3.",
      "3. 其他",
    ]) {
      assert.equal(fast(line), pattern.test(line), line);
    }
  });
});
