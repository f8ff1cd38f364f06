// Tables printed in grey hairlines (parsers/ocr/page-reader.ts, table-evidence.ts): LibreOffice and
// browsers print an HTML table's default border as a 0.5 pt grey rule, which a scan turns into
// grey ~205 on paper at ~250 — lighter than the ink level, so no grid was found and a whole
// synthetic report's scan gave no figure. The page reader looks for such rules at a lighter
// level, and keeps a table found there only when its label cells name the template's words: the
// same grid whose cells read as prose is dropped. A stand-in engine plays the OCR (no engine
// needed). Also: a "1" filling most of a short cell's height near its side is no rule remnant
// (cell-image.ts clearRemnants; "14" had become a lone "4" taken for a slash, i.e. 0).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GrayImage } from "../../../parsers/ocr/image.js";
import { binarise } from "../../../parsers/ocr/image.js";
import { prepareCell } from "../../../parsers/ocr/cell-image.js";
import { readScanPages } from "../../../parsers/ocr/page-reader.js";
import { isTemplateWord, namesTemplateTable } from "../../../parsers/ocr/table-evidence.js";
import type { OcrEngine } from "../../../parsers/ocr/tesseract.js";

const DPI = 150;

const reading = (text: string, confidence: number) => ({
  text,
  lines: [{ text, bbox: [0, 0, 10, 10] as [number, number, number, number] }],
  confidence,
  chars: [...text].map((char) => ({ char, confidence, alternatives: [] })),
});

/** Every label cell reads `label`; every figure cell reads "5". */
function engine(label: string): OcrEngine {
  return {
    name: "stand-in",
    read: async (images, { language }) =>
      images.map(() => (language === "eng" ? reading("5", 96) : reading(label, 90))),
  };
}

/**
 * A page 8.27 × 3 in with a table of 4 rows × 3 columns whose rules are 1.5-pixel lines of grey
 * `rule`, a square "character" in each first-column cell and a narrow "digit" in the others.
 */
function page(rule: number): GrayImage {
  const width = Math.round(8.27 * DPI);
  const height = Math.round(3 * DPI);
  const data = new Uint8Array(width * height).fill(250);
  const px = (inches: number) => Math.round(inches * DPI);
  const fill = (x0: number, y0: number, x1: number, y1: number, v: number) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = v;
  };
  const columns = [1, 3, 5, 7];
  const top = 0.5;
  const rows = 4;
  for (let r = 0; r <= rows; r++) fill(px(1), px(top + r * 0.35), px(7) + 2, px(top + r * 0.35) + 2, rule);
  for (const x of columns) fill(px(x), px(top), px(x) + 2, px(top + rows * 0.35) + 2, rule);
  for (let r = 0; r < rows; r++) {
    const y = px(top + r * 0.35 + 0.1);
    // A label: two square glyphs with a hole each (Chinese-like); figures: one narrow bar.
    for (const x of [1.2, 1.4]) {
      fill(px(x), y, px(x + 0.15), y + px(0.15), 20);
      fill(px(x + 0.04), y + px(0.04), px(x + 0.11), y + px(0.11), 250);
    }
    for (const c of [1, 2]) fill(px(columns[c]! + 0.3), y, px(columns[c]! + 0.36), y + px(0.15), 20);
  }
  return { width, height, data, dpi: DPI };
}

test("a table ruled in grey hairlines is found, its label cells naming the template's rows", async () => {
  const { cells, layouts } = await readScanPages([page(205)], { engine: engine("行政处罚"), title: false });
  assert.equal(cells.filter((c) => c.kind === "digits").length, 8);
  assert.equal(layouts[0]!.items.filter((i) => i.kind === "table").length, 1);
});

test("the same grid whose cells read as prose is no table", async () => {
  const prose = "我们在本年度继续推进政务公开工作";
  const { cells, layouts } = await readScanPages([page(205)], { engine: engine(prose), title: false });
  assert.equal(cells.length, 0);
  assert.equal(layouts[0]!.items.filter((i) => i.kind === "table").length, 0);
});

test("a table ruled in black needs no such evidence", async () => {
  const { cells } = await readScanPages([page(30)], { engine: engine("我们在本年度继续推进"), title: false });
  assert.equal(cells.filter((c) => c.kind === "digits").length, 8);
});

test("template words: labels, headers and table 4's words, not prose ending in one", () => {
  for (const word of [
    "行政处罚",
    "(一)予以公开",
    "2.重复申请",
    "申请人情况",
    "结果维持",
    "其他",
    "总计",
    "第二十条第（五）项",
  ])
    assert.ok(isTemplateWord(word), word);
  for (const text of ["我们在本年度继续推进政务公开其他", "全年共办理行政复议", "2024年", ""])
    assert.ok(!isTemplateWord(text), text);
  assert.ok(namesTemplateTable(["行政许可", "行政处罚", "12"], 3));
  assert.ok(!namesTemplateTable(["行政许可", "公开工作取得新进展"], 3));
  assert.ok(namesTemplateTable(["四、结转下年度继续办理"], 1));
});

test("a '1' filling most of a short cell's height beside its rule is kept (no rule remnant)", () => {
  // A cell 0.25 in tall (18 pt), 1.5 in wide, at 300 dpi; its rules dark; "1" as a bar 0.12 in
  // tall 0.1 in in from the left rule, a second bar beside it.
  const dpi = 300;
  const width = 600;
  const height = 120;
  const data = new Uint8Array(width * height).fill(250);
  const fill = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = 20;
  };
  const box: [number, number, number, number] = [50, 20, 50 + 450, 20 + 75];
  fill(box[0], box[1], box[2], box[1] + 3);
  fill(box[0], box[3] - 3, box[2], box[3]);
  fill(box[0], box[1], box[0] + 3, box[3]);
  fill(box[2] - 3, box[1], box[2], box[3]);
  const bar = (x: number) => fill(x, box[1] + 20, x + 7, box[1] + 56);
  bar(box[0] + 16);
  bar(box[0] + 40);
  const gray: GrayImage = { width, height, data, dpi };
  const picture = prepareCell(gray, binarise(gray), box);
  assert.equal(picture.kind, "digits");
  assert.equal(picture.ink, 2 * 7 * 36);
});
