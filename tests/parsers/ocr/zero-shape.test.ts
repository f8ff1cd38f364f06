// A cell's lone zero recognised by its shape (parsers/ocr/cell-image.ts isZero): one ring with a
// centred hole and no other ink in the cell. It lets verify.ts keep a table-2 "0" the engine read
// with confidence 40–89 (real scans' zeros read at 48, 78, 89 were left out). The glyphs are drawn
// here at 200 dpi; no OCR engine needed.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { prepareCell } from "../../../parsers/ocr/cell-image.js";
import { binarise, type GrayImage } from "../../../parsers/ocr/image.js";

const DPI = 200;
const W = 200;
const H = 60;

/** A 1 × 0.3 in cell of white paper with rules around it. */
function paper(): GrayImage {
  const data = new Uint8Array(W * H).fill(245);
  for (let x = 0; x < W; x++) for (const y of [0, 1, H - 2, H - 1]) data[y * W + x] = 30;
  for (let y = 0; y < H; y++) for (const x of [0, 1, W - 2, W - 1]) data[y * W + x] = 30;
  return { width: W, height: H, data, dpi: DPI };
}

/** An elliptic ring centred at (cx, cy), radii rx × ry pixels, stroke ~2.5 px. */
function ring(image: GrayImage, cx: number, cy: number, rx: number, ry: number, level = 40): void {
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const d = Math.sqrt(((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2);
      if (Math.abs(d - 1) * Math.min(rx, ry) < 1.3) image.data[y * image.width + x] = level;
    }
}

function bar(image: GrayImage, x0: number, y0: number, x1: number, y1: number, level = 40): void {
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) image.data[y * image.width + x] = level;
}

const read = (image: GrayImage) => prepareCell(image, binarise(image), [0, 0, W, H]);

test("a lone printed zero has a zero's shape", () => {
  const zero = paper();
  ring(zero, 100, 30, 7, 11);
  const cell = read(zero);
  assert.equal(cell.kind, "digits");
  assert.equal(cell.zero, true);
});

test("a 6, a 9, an 8 and a zero beside other ink have not", () => {
  const six = paper();
  ring(six, 100, 35, 7, 6); // the loop in the lower half
  bar(six, 93, 20, 94, 35); // the stem up its left side
  bar(six, 93, 19, 103, 20);
  const nine = paper();
  ring(nine, 100, 25, 7, 6);
  bar(nine, 106, 25, 107, 41);
  const eight = paper();
  ring(eight, 100, 24, 6, 5.5);
  ring(eight, 100, 35.5, 7, 6);
  const beside = paper();
  ring(beside, 100, 30, 7, 11);
  bar(beside, 80, 19, 81, 41, 200); // a faint 1 left of it, lighter than the ink threshold
  for (const [name, image] of Object.entries({ six, nine, eight, beside })) {
    const cell = read(image);
    assert.equal(cell.kind, "digits", name);
    assert.notEqual(cell.zero, true, name);
  }
});

test("a figure printed against its column's rule is cut again up to the rule, whole", async () => {
  // A 214 dpi scan of a report LibreOffice printed with table 4's figures left-aligned without
  // padding (tests/fixtures/scans/cells/zero-against-rule-214dpi.png; the cell's box lies 12 px in
  // from each side). The inset that leaves the rule out cut the zero's left side away: tesseract
  // read the ")" left as "." and 15 figures of table 4 were lost. The picture cut up to the rule
  // (its columns cleared) holds the whole zero.
  const file = fileURLToPath(
    new URL("../../fixtures/scans/cells/zero-against-rule-214dpi.png", import.meta.url),
  );
  const { data, info } = await sharp(readFileSync(file))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const gray: GrayImage = { width: info.width, height: info.height, data: new Uint8Array(data), dpi: 214 };
  const cell = prepareCell(gray, binarise(gray, 200), [12, 12, info.width - 12, info.height - 12]);
  assert.equal(cell.kind, "digits");
  assert.ok(cell.wider, "no second picture for a glyph touching the rule");
  const first = inkWidth(cell.pgm!);
  const whole = inkWidth(cell.wider.pgm);
  assert.ok(
    whole >= first * 1.2,
    `the zero is ${whole} px wide in the second picture, ${first} in the first`,
  );
});

/** Width of the dark part of a PGM picture, pixels. */
function inkWidth(pgm: Uint8Array): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(Buffer.from(pgm.subarray(0, 32)).toString("latin1"))!;
  const width = Number(header[1]);
  const pixels = pgm.subarray(header[0].length);
  let left = width;
  let right = -1;
  pixels.forEach((v, i) => {
    if (v >= 128) return;
    left = Math.min(left, i % width);
    right = Math.max(right, i % width);
  });
  return right - left + 1;
}

test("a figure printed flush against the rule is cut again up to it, whole", async () => {
  // A 200 dpi scan of the same LibreOffice print (page read at 214 dpi;
  // tests/fixtures/scans/cells/zero-flush-rule-214dpi.png, the cell's box 11.5 px in from the
  // left and top, 12.5 from the right and bottom): the zero's left stroke starts at the very
  // column where the rule ends and the box begins. Its second picture was refused (the glyph was
  // required to start past the box's edge), and the ")" left was read "2" at 47: the row of
  // table 4 left out, with the 15 figures of every such row on the scan.
  const file = fileURLToPath(
    new URL("../../fixtures/scans/cells/zero-flush-rule-214dpi.png", import.meta.url),
  );
  const { data, info } = await sharp(readFileSync(file))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const gray: GrayImage = { width: info.width, height: info.height, data: new Uint8Array(data), dpi: 214 };
  const cell = prepareCell(gray, binarise(gray), [11.5, 11.5, info.width - 12.5, info.height - 12.5]);
  assert.equal(cell.kind, "digits");
  assert.ok(cell.wider, "no second picture for a zero flush against the rule");
  assert.ok(inkWidth(cell.wider.pgm) >= inkWidth(cell.pgm!) * 1.2);
});
