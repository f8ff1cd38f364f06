// A wrapped row label on a blurred 150 dpi scan (tests/fixtures/scans/label-150dpi.png, cut from a
// generated scan of synth-2019-editor): tesseract's Chinese pass ran its two close lines into one
// and read nonsense, so the recognizer could not place the row and table 3 was left out. The
// cell's picture sets its lines apart. No OCR engine needed.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { prepareCell } from "../../../parsers/ocr/cell-image.js";
import { binarise, type GrayImage } from "../../../parsers/ocr/image.js";

const file = fileURLToPath(new URL("../../fixtures/scans/label-150dpi.png", import.meta.url));

/** The longest run of white rows between the first and last inked rows of a PGM picture. */
function widestGap(pgm: Uint8Array): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(Buffer.from(pgm.subarray(0, 32)).toString("latin1"))!;
  const width = Number(header[1]);
  const pixels = pgm.subarray(header[0].length);
  const inked: boolean[] = [];
  for (let y = 0; y < pixels.length / width; y++)
    inked.push(pixels.subarray(y * width, (y + 1) * width).some((v) => v < 128));
  const first = inked.indexOf(true);
  const last = inked.lastIndexOf(true);
  let widest = 0;
  let run = 0;
  for (let y = first; y <= last; y++) {
    run = inked[y] ? 0 : run + 1;
    widest = Math.max(widest, run);
  }
  return widest;
}

test("a label wrapped over two lines is read with its lines set apart", async () => {
  const { data, info } = await sharp(readFileSync(file))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const gray: GrayImage = { width: info.width, height: info.height, data: new Uint8Array(data), dpi: 150 };
  // The cell's box inside the picture (its rules at 3 pt and 163 pt across, 4 pt and 52 pt down).
  const px = (pt: number) => (pt * 150) / 72;
  const picture = prepareCell(gray, binarise(gray), [px(3), px(4), px(163), px(52)]);
  assert.equal(picture.kind, "text");
  assert.equal(picture.lines, 2);
  // At least 3 mm of white between the lines in the 300 dpi picture the engine reads (printed: ~1 mm).
  assert.ok(widestGap(picture.textPgm!) >= 35, `lines ${widestGap(picture.textPgm!)} px apart`);
});
