// A zero mark printed as a dash ("—") in a 150 dpi scan is 2–3 pixels tall: under a glyph's
// height, so cell-image.ts took it for specks in a blank cell (confidence 50, left out) and a
// LibreOffice-printed report's scan kept 19 of its 198 figures. A lone flat stroke centred across
// the cell, with no grey beside it, is a dash. Drawn cells, no OCR engine.
import assert from "node:assert/strict";
import { test } from "node:test";
import { binarise, type GrayImage } from "../../../parsers/ocr/image.js";
import { prepareCell } from "../../../parsers/ocr/cell-image.js";

const DPI = 150;

/** A ruled cell 0.6 × 0.45 in at 150 dpi; `draw` marks the inside (x, y from the cell's corner). */
function cell(draw: (set: (x: number, y: number, v: number) => void) => void): {
  gray: GrayImage;
  box: [number, number, number, number];
} {
  const width = 140;
  const height = 100;
  const data = new Uint8Array(width * height).fill(250);
  const box: [number, number, number, number] = [20, 15, 20 + 90, 15 + 68];
  const set = (x: number, y: number, v: number) => {
    data[(box[1] + y) * width + box[0] + x] = v;
  };
  for (let x = 0; x < 90; x++) for (const y of [0, 1, 66, 67]) set(x, y, 20);
  for (let y = 0; y < 68; y++) for (const x of [0, 1, 88, 89]) set(x, y, 20);
  draw(set);
  return { gray: { width, height, data, dpi: DPI }, box };
}

const dash = (set: (x: number, y: number, v: number) => void, y: number) => {
  for (let x = 34; x < 57; x++) for (const dy of [0, 1]) set(x, y + dy, 40);
};

test("a thin dash in the middle of a cell is a zero mark", () => {
  const { gray, box } = cell((set) => dash(set, 33));
  assert.equal(prepareCell(gray, binarise(gray), box).kind, "dash");
});

test("a dash on the first line of a tall cell is one too", () => {
  const { gray, box } = cell((set) => dash(set, 14));
  assert.equal(prepareCell(gray, binarise(gray), box).kind, "dash");
});

test("a dash beside faint grey (a figure lost to the threshold) is not", () => {
  const { gray, box } = cell((set) => {
    dash(set, 33);
    for (let y = 20; y < 45; y++) for (let x = 62; x < 70; x++) set(x, y, 200);
  });
  const picture = prepareCell(gray, binarise(gray, 150), box);
  assert.notEqual(picture.kind, "dash");
});

test("a flat stroke running to the cell's side (a rule's remnant) is not", () => {
  const { gray, box } = cell((set) => {
    for (let x = 2; x < 60; x++) for (const dy of [0, 1]) set(x, 33 + dy, 40);
  });
  assert.notEqual(prepareCell(gray, binarise(gray), box).kind, "dash");
});
