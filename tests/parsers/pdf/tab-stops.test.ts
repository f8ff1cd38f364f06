// A table typed with tabs and printed (Writer opening a tab-separated .txt, a Word document whose
// columns are tab stops): each cell starts on a default tab stop (every 1.25 cm from the margin),
// a label longer than a stop interval pushes its figures a stop on, and a row wider than the
// page goes on on the next line. The PDF front-end reads each line back as the tabs that made it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pdfToIR } from "../../../parsers/formats/pdf.js";
import { buildPdf, ucs2Hex } from "../../../scripts/fixtures/minimal-pdf.js";

const LEFT = 56.69;
const STEP = 35.433; // LibreOffice's default tab stops: 1.25 cm
const RIGHT = 595.28 - LEFT;
const SIZE = 10;
/** Figures are set in Helvetica (/F2, digits 0.556 em), the rest in STSong-Light (/F1, 1 em). */
const isFigure = (text: string) => /^\d+$/.test(text);
const widthOf = (text: string) => text.length * SIZE * (isFigure(text) ? 0.556 : 1);

/** Lays tab-separated lines out as a word processor does and draws them (one Tj a cell). */
function tabbedPage(lines: string[]): { content: string } {
  let content = "";
  let row = 0;
  const draw = (x: number, text: string) => {
    const baseline = 842 - 60 - row * 13.5;
    const shown = isFigure(text) ? `/F2 ${SIZE} Tf (${text})` : `/F1 ${SIZE} Tf ${ucs2Hex(text)}`;
    content += `BT ${shown.split(" (")[0]!.split(" <")[0]} ${x.toFixed(2)} ${baseline.toFixed(2)} Td ${shown.slice(shown.lastIndexOf(" ") + 1)} Tj ET\n`;
  };
  for (const line of lines) {
    let x = LEFT;
    line.split("\t").forEach((cell, i) => {
      if (i > 0) {
        let next = LEFT + (Math.floor((x - LEFT) / STEP + 1e-9) + 1) * STEP;
        if (next + widthOf(cell) > RIGHT) {
          // The tab does not fit: the line wraps and the tab goes from the margin to the first stop.
          row++;
          next = LEFT + STEP;
        }
        x = next;
      }
      if (cell) draw(x, cell);
      x += widthOf(cell);
    });
    row++;
  }
  return { content };
}

const TABLE3 = [
  "（本列数据的勾稽关系为：第一项加第二项之和）\t\t申请人情况",
  "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
  "一、本年新收政府信息公开申请数量\t\t32\t2\t0\t0\t0\t0\t34",
  "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t1\t0\t0\t0\t0\t0\t1",
  "\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0",
  "\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0",
  // Six figures fit; the seventh goes on alone on the next line (no clear gap shows its stop).
  "\t\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0",
];

test("a tab-laid table comes back row by row, with its empty cells, a label overflowing its stop, and a row wrapped onto the next line", async () => {
  const lines = [
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "规章\t0\t0\t0",
    "行政规范性文件\t13\t0\t55",
    "行政许可\t\t97",
    ...TABLE3,
  ];
  const ir = await pdfToIR(
    buildPdf([tabbedPage(["二、主动公开政府信息情况", ...lines, "四、存在的主要问题"])]),
  );
  const texts = ir.blocks.flatMap((b) => (b.kind === "text" ? [b.text] : []));
  assert.deepEqual(texts, ["二、主动公开政府信息情况", "四、存在的主要问题"]);
  const rows = ir.blocks.flatMap((b) => (b.kind === "table" ? b.rows.map((r) => r.map((c) => c.text)) : []));
  const expected = lines.map((line) => line.split("\t"));
  assert.deepEqual(rows, expected);
  // "行政规范性文件" ends a hair before the stop its figure starts on: still two cells.
  assert.deepEqual(rows[2], ["行政规范性文件", "13", "0", "55"]);
});
