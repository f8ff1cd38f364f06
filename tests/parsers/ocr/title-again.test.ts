// A light, bold title (a LibreOffice print of 莆田市林业局's 2019 report, scanned at 200 dpi): as
// cut from the page, tesseract reads scraps of it ("业局[=", "度政府信息"), and neither agency nor
// year comes out; cut in black and white 0.4 of the way from its ink to its paper
// (parsers/ocr/cell-sign.ts inkOnPaper) it reads the whole title. The page reader reads the title
// areas again so when the first reading gives no agency or no year (page-reader.ts readTitleAgain).
import assert from "node:assert/strict";
import { test } from "node:test";
import { cellPicture } from "./cell-fixtures.js";
import { inkOnPaper, parsePgm } from "../../../parsers/ocr/cell-sign.js";
import { ocrAvailable } from "../../../parsers/ocr/index.js";
import { titleOfLines } from "../../../parsers/ocr/scan-title.js";
import { tesseractEngine } from "../../../parsers/ocr/tesseract.js";

test("inkOnPaper cuts between the darkest ink and the paper, nearer the ink", async () => {
  const before = parsePgm(await cellPicture("title-lo-2019"))!;
  const after = parsePgm(inkOnPaper(await cellPicture("title-lo-2019")))!;
  assert.equal(after.width, before.width);
  assert.ok(after.data.every((v) => v === 0 || v === 255));
  // Paper (the median grey) is white and the darkest ink black; the blur around strokes,
  // half-way between them, is paper (cut nearer the paper, bold strokes fill the characters in).
  const sorted = [...before.data].sort((a, b) => a - b);
  const dark = sorted[Math.floor(sorted.length * 0.01)]!;
  const paper = sorted[sorted.length >> 1]!;
  before.data.forEach((v, i) => {
    if (v <= dark) assert.equal(after.data[i], 0);
    if (v >= (dark + paper) / 2) assert.equal(after.data[i], 255);
  });
});

const skip = (await ocrAvailable()) ? false : "tesseract with chi_sim is not installed";

test("a light bold title read in scraps as cut is read whole in black and white", { skip }, async () => {
  const engine = await tesseractEngine();
  const picture = await cellPicture("title-lo-2019");
  const pass = { language: "chi_sim", psm: 6 } as const;
  const [first, again] = await engine.read([picture, inkOnPaper(picture)], pass, {});
  assert.deepEqual(titleOfLines(first!.lines.map((l) => l.text)), { agency: null, year: null });
  assert.deepEqual(titleOfLines(again!.lines.map((l) => l.text)), { agency: "莆田市林业局", year: 2019 });
});
