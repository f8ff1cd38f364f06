// Reports printed to PDF by programs that lay them out on their own (LibreOffice Writer opening a
// .txt, a browser printing a page on narrow paper). A text printed line by line: one cell a line,
// every line flush left at the body's line spacing, no rules; the front-end must give the lines
// back as they were typed (figures alone on lines are neither joined into paragraphs nor dropped as
// page numbers in the margins). A table wider than the paper: only what is printed is read.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pdfToIR } from "../../../parsers/formats/pdf.js";
import { buildPdf, ucs2Hex } from "../../../scripts/fixtures/minimal-pdf.js";

const LEFT = 56.8;
const LEADING = 11.65;

/** Lines set flush left from the top of an A4 page, as Writer prints a plain-text file. */
function page(lines: string[], top = 57.2): { content: string } {
  let content = "";
  lines.forEach((line, i) => {
    const baseline = 842 - (top + i * LEADING) - 8.8;
    content += `BT /F1 10 Tf ${LEFT} ${baseline.toFixed(2)} Td ${ucs2Hex(line)} Tj ET\n`;
  });
  return { content };
}

const texts = async (pages: { content: string }[]) =>
  (await pdfToIR(buildPdf(pages))).blocks.flatMap((b) => (b.kind === "text" ? [b.text] : []));

const PROSE = "本机关严格落实政府信息公开条例，及时主动公开各类政府信息，依法依规办理依申请公开。";
/** A page of the report's prose: a paragraph wrapped at the right margin (48 characters a line). */
const PROSE_PAGE = [0, 1, 2, 3].map((i) => PROSE.repeat(5).slice(i * 48, i * 48 + 48));

test("a page of short lines: a label and the figures below it stay lines, not one paragraph", async () => {
  const row = ["1.", "本机关不掌握相关政府信息", "38", "1", "0", "0", "0", "0", "39"];
  // Page 1 has body prose running to the right margin; page 2 only short lines (its longest
  // line, the label, reaches no margin).
  const filler = Array.from({ length: 40 }, (_, i) => (i % 2 ? "0" : "2"));
  const out = await texts([page(PROSE_PAGE), page([...filler, ...row])]);
  assert.deepEqual(out.slice(-row.length), row);
});

test("figures alone on lines in the bottom and top margins are the table's, not page numbers", async () => {
  // 62 lines fill the page down into its bottom tenth: the last ones ("0", "39") are figures at
  // the body's spacing; the next page opens with figures in its top margin.
  const body = Array.from({ length: 60 }, (_, i) => (i % 8 === 0 ? `${i / 8 + 1}.属于行政查询事项` : "0"));
  const out = await texts([
    page(PROSE_PAGE),
    page([...body, "0", "39"]),
    page(["0", "1", "4.", "保护第三方合法权益"]),
  ]);
  assert.deepEqual(out.slice(-6), ["0", "39", "0", "1", "4.", "保护第三方合法权益"]);
});

test("a page number standing apart below the body is still dropped", async () => {
  const numbered = (n: number) => ({
    content: page(["一、总体情况", PROSE]).content + `BT /F1 10 Tf 290 40 Td ${ucs2Hex(String(n))} Tj ET\n`,
  });
  const out = await texts([numbered(1), numbered(2)]);
  assert.ok(!out.some((t) => /^\d+$/.test(t)), out.join(" | "));
});

test("a table wider than the page (a browser printing on narrow paper) keeps only the columns on the page", async () => {
  // A5 (420 pt wide): the third column's rules run on to 480 pt, its figures are not printed at
  // all and its header is cut ("对外公"): an empty cell there is no blank (no 0 may come of it).
  const line = (x0: number, y0: number, x1: number, y1: number) => `${x0} ${y0} m ${x1} ${y1} l S\n`;
  let content = "0.5 w\n";
  for (const y of [500, 480, 460, 440]) content += line(20, y, 480, y);
  for (const x of [20, 160, 300, 480]) content += line(x, 440, x, 500);
  const text = (x: number, y: number, s: string) => `BT /F1 10 Tf ${x} ${y} Td ${ucs2Hex(s)} Tj ET\n`;
  content += text(30, 486, "信息内容") + text(170, 486, "本年新制作数量") + text(390, 486, "对外公");
  content += text(30, 466, "规章") + text(220, 466, "0");
  content += text(30, 446, "规范性文件") + text(220, 446, "7");
  const ir = await pdfToIR(buildPdf([{ content, size: [420, 595] }]));
  const rows = ir.blocks.flatMap((b) => (b.kind === "table" ? b.rows.map((r) => r.map((c) => c.text)) : []));
  assert.deepEqual(rows, [
    ["信息内容", "本年新制作数量"],
    ["规章", "0"],
    ["规范性文件", "7"],
  ]);
});
