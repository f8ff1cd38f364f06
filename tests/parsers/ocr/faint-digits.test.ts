// Faint digits (parsers/ocr/cell-sign.ts crisp): on a light 150 dpi scan a figure's glyphs stay
// grey (~130 of 255) and are blurred again when the cell picture is enlarged to 300 dpi; tesseract
// reads nothing in them in line mode, though a reader sees a clear "0", "9" or "1". The page
// reader reads such doubtful cells again in black and white at half size. The pictures are digit
// cells cut by the page reader from a degraded scan of a real report (洪泽区 2024, 150 dpi).
import assert from "node:assert/strict";
import { test } from "node:test";
import { cellPicture } from "./cell-fixtures.js";
import { crisp, halve, parsePgm, pgmBytes } from "../../../parsers/ocr/cell-sign.js";
import { ocrAvailable } from "../../../parsers/ocr/index.js";
import { tesseractEngine } from "../../../parsers/ocr/tesseract.js";

const FAINT = { "faint-0-150dpi": "0", "faint-9-150dpi": "9", "faint-1-150dpi": "1" };

test("crisp makes a grey picture black on white, cut halfway between its ink and the paper", async () => {
  const before = parsePgm(await cellPicture("faint-0-150dpi"))!;
  const darkest = Math.min(...before.data);
  assert.ok(darkest > 100, `the fixture's ink is faint (darkest ${darkest})`);
  const after = parsePgm(crisp(pgmBytes(before)))!;
  assert.equal(after.width, before.width);
  assert.ok(after.data.every((v) => v === 0 || v === 255));
  const level = (darkest + 255) / 2;
  // Grey well below the cut is ink, grey well above it paper.
  before.data.forEach((v, i) => {
    if (v < level - 10) assert.equal(after.data[i], 0);
    if (v > level + 10) assert.equal(after.data[i], 255);
  });
});

const skip = (await ocrAvailable()) ? false : "tesseract with chi_sim is not installed";

test("faint digits tesseract misses are read surely in black and white at half size", { skip }, async () => {
  const engine = await tesseractEngine();
  const pictures = await Promise.all(Object.keys(FAINT).map(cellPicture));
  const pass = { language: "eng", psm: 7, whitelist: "0123456789.", alternatives: true } as const;
  const first = await engine.read(pictures, pass, {});
  const again = await engine.read(
    pictures.map((p) => halve(crisp(p))),
    pass,
    {},
  );
  Object.values(FAINT).forEach((digit, i) => {
    assert.ok(!/\d/.test(first[i]!.text), `as cut, nothing is read (read "${first[i]!.text}")`);
    assert.equal(again[i]!.text, digit);
    assert.ok(again[i]!.confidence >= 80, `${digit} read at ${again[i]!.confidence}`);
  });
});
