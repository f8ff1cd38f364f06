// Space-aligned tables that print zero as a blank cell (parsers/text/aligned.ts).
// Fixtures:
// - aligned-pdftotext-blank-zeros.txt: `pdftotext -layout` of corpus 01-hongze-gov-2023.pdf with
//   every printed 0 in the tables replaced by spaces (character-cell measure, right-aligned figures,
//   stacked header words, a page break inside table 3).
// - aligned-editor-blank-zeros.txt: the synthetic renderer's aligned form (scripts/synth-corpus.ts
//   --seed 77 --forms text, document 3): display-column measure, centred figures, a column blank
//   throughout (科研机构), a misaligned row (5.要求行政 …) and labels broken over lines.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "../../../parsers/index.js";
import { textStringToIR } from "../../../parsers/formats/text.js";
import type { DocumentIR, TableBlock } from "../../../parsers/ir.js";
import { lineTokens, tokens, words } from "../../../parsers/text/positions.js";
import { fixtureBytes, fixtureText } from "./fixtures.js";

const rowsOf = (ir: DocumentIR) =>
  ir.blocks
    .filter((b): b is TableBlock => b.kind === "table")
    .flatMap((table) => table.rows.map((row) => row.map((cell) => cell.text)));
const rowStarting = (ir: DocumentIR, label: string) =>
  rowsOf(ir).find((row) => row.some((cell) => cell.startsWith(label)));
const textLines = (ir: DocumentIR) => ir.blocks.flatMap((b) => (b.kind === "text" ? [b.text] : []));

interface Truth {
  values: Record<string, number>;
}
const truthOf = (name: string): Truth => JSON.parse(fixtureText(name)) as Truth;

/** Every figure read equals the truth; returns how many were read. */
async function assertNoWrongFigure(doc: string, truthFile: string): Promise<number> {
  const result = await parseDocument(new Uint8Array(fixtureBytes(doc)), { name: doc });
  const { values } = truthOf(truthFile);
  for (const [code, value] of Object.entries(result.values)) {
    if (value === null || value === undefined || !(code in values)) continue;
    assert.equal(value, values[code], `${doc}: ${code}`);
  }
  return Object.values(result.values).filter((v) => v !== null && v !== undefined).length;
}

describe("word positions", () => {
  it("measures characters and display columns (CJK and full-width two wide)", () => {
    const [label, figure] = words("  行政许可（万元）  27");
    assert.deepEqual(label!.char, { start: 2, end: 10 });
    assert.deepEqual(label!.display, { start: 2, end: 18 });
    assert.deepEqual(figure!.char, { start: 12, end: 14 });
    assert.deepEqual(figure!.display, { start: 20, end: 22 });
  });

  it("joins words split by one space into one token, not across a full-width space", () => {
    const cells = tokens(words("社会 法律   3\u30004")).map((token) => token.text);
    assert.deepEqual(cells, ["社会 法律", "3", "4"]);
  });
});

describe("aligned text with blank cells: pdftotext -layout (character cells)", () => {
  const ir = textStringToIR(fixtureText("aligned-pdftotext-blank-zeros.txt"));

  it("puts each figure in its column, blank columns as empty cells", () => {
    assert.deepEqual(rowStarting(ir, "一、本年新收"), [
      "一、本年新收政府信息公开申请数量",
      "21",
      "",
      "",
      "",
      "",
      "",
      "21",
    ]);
    assert.deepEqual(rowStarting(ir, "1.本机关不掌握"), [
      "1.本机关不掌握相关政府信息",
      "10",
      "",
      "",
      "",
      "",
      "",
      "10",
    ]);
    // Figures on their own line under a wrapped label keep their columns too.
    assert.ok(rowsOf(ir).some((row) => row.join("|") === "4||||||4"));
  });

  it("turns an item printed with every cell blank into a row of empty cells", () => {
    assert.deepEqual(rowStarting(ir, "2.其他法律行政"), ["2.其他法律行政止公开", ...Array(7).fill("")]);
    assert.deepEqual(rowStarting(ir, "（一）予以公开"), ["（一）予以公开", ...Array(7).fill("")]);
  });

  it("leaves group labels, wrapped labels and the page after the break as they were", () => {
    const text = textLines(ir);
    assert.ok(text.includes("（三）不予公开"), "a group label over items has no figures of its own");
    assert.ok(text.includes("（二）部分公开（区分处理的，只计这一情 形，不"), "a wrapped label");
    assert.ok(text.includes("二、上年结转政府信息公开申请数量"), "followed by a deeper item");
    // Page 4 has no header and no row filling every column: its columns are unknown.
    assert.deepEqual(rowStarting(ir, "（七）总计"), ["（七）总计", "21", "21"]);
  });

  it("reads the figures end to end, none wrong", async () => {
    const read = await assertNoWrongFigure(
      "aligned-pdftotext-blank-zeros.txt",
      "aligned-pdftotext-blank-zeros.truth.json",
    );
    assert.ok(read >= 80, `read ${read} figures`);
    const result = await parseDocument(new Uint8Array(fixtureBytes("aligned-pdftotext-blank-zeros.txt")), {
      name: "aligned-pdftotext-blank-zeros.txt",
    });
    assert.equal(result.values["t3.new.natural"], 21);
    assert.equal(result.values["t3.new.commercial"], 0);
    assert.equal(result.values["t3.denied.process.total"], 1);
    assert.equal(result.values["t3.denied.third_party.natural"], 0);
  });
});

describe("aligned text with blank cells: an editor's display columns", () => {
  const ir = textStringToIR(fixtureText("aligned-editor-blank-zeros.txt"));

  it("finds a column blank in every row from its header name", () => {
    assert.deepEqual(rowStarting(ir, "二、上年结转"), [
      "二、上年结转政府信息公开申请数量",
      "10",
      "1",
      "",
      "",
      "",
      "",
      "11",
    ]);
    assert.deepEqual(rowStarting(ir, "一、本年新收"), [
      "一、本年新收政府信息公开申请数量",
      "601",
      "80",
      "",
      "15",
      "22",
      "22",
      "740",
    ]);
    assert.deepEqual(rowStarting(ir, "行政规范性文件"), ["行政规范性文件", "", "", "164"]);
  });

  it("keeps the label fragments of a label spanning rows as cells before the figures", () => {
    assert.deepEqual(rowStarting(ir, "）不"), [
      "）不",
      "4.保护第三方合法权益",
      "23",
      "3",
      "",
      "1",
      "1",
      "1",
      "29",
    ]);
  });

  it("leaves a row whose figures sit in the label area as it was", () => {
    assert.deepEqual(rowStarting(ir, "5.要求行政"), ["5.要求行政", "13", "2", "1", "16"]);
  });

  it("reads the figures end to end, none wrong", async () => {
    const read = await assertNoWrongFigure(
      "aligned-editor-blank-zeros.txt",
      "aligned-editor-blank-zeros.truth.json",
    );
    assert.ok(read >= 100, `read ${read} figures`);
  });
});

describe("aligned text: conservative when columns are not certain", () => {
  const header = "信息内容          本年制发件数    本年废止件数    现行有效件数";

  it("re-splits a row under a header whose names line up with its figures", () => {
    // Display columns (CJK two wide), as an editor aligns by eye; labels of different lengths
    // put the figures at different character offsets, so only the display measure lines them up.
    const ir = textStringToIR(
      [
        "第二十条第（一）项",
        header,
        "规章                    1               2               3",
        "行政规范性文件          3               1               8",
        "1.其他规范性文件        3                               8",
      ].join("\n"),
    );
    assert.deepEqual(rowStarting(ir, "1.其他规范性文件"), ["1.其他规范性文件", "3", "", "8"]);
  });

  it("leaves a row shifted off the columns as it was, and lays out the others", () => {
    const ir = textStringToIR(
      [
        "第二十条第（一）项",
        header,
        "规章                    1               2               3",
        "行政规范性文件          3               1               8",
        "1.其他规范性文件        3                               8",
        "2.其他              5         7",
      ].join("\n"),
    );
    assert.deepEqual(rowStarting(ir, "1.其他规范性文件"), ["1.其他规范性文件", "3", "", "8"]);
    assert.deepEqual(rowStarting(ir, "2.其他"), ["2.其他", "5", "7"]);
  });

  it("keeps a row whose figure straddles two column names", () => {
    const ir = textStringToIR(["第二十条第（一）项", header, "行政规范性文件      3          8"].join("\n"));
    assert.deepEqual(rowStarting(ir, "行政规范性文件"), ["行政规范性文件", "3", "8"]);
  });

  it("keeps a numbered label as text when label-less figures stand just above it", () => {
    const ir = textStringToIR(
      [
        "第二十条第（一）项",
        header,
        "1.规章                  1               2               3",
        "                        3               1               8",
        "2.行政规范性文件",
        "3.其他文件              3                               8",
      ].join("\n"),
    );
    assert.ok(textLines(ir).includes("2.行政规范性文件"));
  });

  it("keeps rows when no header names the columns", () => {
    const ir = textStringToIR(
      [
        "一、本年新收政府信息公开申请数量      5      2      7",
        "二、上年结转政府信息公开申请数量      1             1",
      ].join("\n"),
    );
    assert.deepEqual(rowStarting(ir, "二、上年结转"), ["二、上年结转政府信息公开申请数量", "1", "1"]);
  });

  it("keeps a row when a blank column's name is left of every figure (it may be the label header)", () => {
    const ir = textStringToIR(
      [
        "第二十条第（一）项",
        "       信息内容   本年制发件数    本年废止件数    现行有效件数",
        "行政规范性文件                     5       5",
      ].join("\n"),
    );
    assert.deepEqual(rowStarting(ir, "行政规范性文件"), ["行政规范性文件", "5", "5"]);
  });

  it("lays out a table going on after a page break by its own full rows", () => {
    const ir = textStringToIR(
      [
        "项目          自然人    商业企业    总计",
        "一、本年新收      3        1         4",
        "                 - 3 -",
        "二、上年结转      1        1         2",
        "（一）予以公开    2                  2",
      ].join("\n"),
    );
    assert.deepEqual(rowStarting(ir, "（一）予以公开"), ["（一）予以公开", "2", "", "2"]);
  });

  it("keeps rows after a page break when no row there fills every column", () => {
    const ir = textStringToIR(
      [
        "项目          自然人    商业企业    总计",
        "一、本年新收      3        1         4",
        "                 - 3 -",
        "（一）予以公开    2                  2",
      ].join("\n"),
    );
    assert.deepEqual(rowStarting(ir, "（一）予以公开"), ["（一）予以公开", "2", "2"]);
  });
});

describe("lineTokens", () => {
  it("gives what tokens(words(line)) gives, a line without spaces measured only when asked", () => {
    const pieces = [
      "",
      " ",
      "  ",
      "\u3000",
      "\u00a0",
      "\t",
      "1",
      "23",
      "年",
      "（一）",
      "a",
      "—",
      "😀",
      "\ud83d",
      "ｶ",
    ];
    let seed = 5;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const plain = (list: ReturnType<typeof tokens>) =>
      list.map((t) => ({
        text: t.text,
        char: { ...t.char },
        display: { ...t.display },
        words: t.words.map((w) => ({ text: w.text, char: { ...w.char }, display: { ...w.display } })),
      }));
    for (let n = 0; n < 5000; n++) {
      let line = "";
      const parts = Math.floor(random() * 8);
      for (let k = 0; k < parts; k++) line += pieces[Math.floor(random() * pieces.length)];
      assert.deepEqual(plain(lineTokens(line)), plain(tokens(words(line))), JSON.stringify(line));
    }
  });
});
