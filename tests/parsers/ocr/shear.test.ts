// A scanned page whose columns lean once its rows are level (a skewed scan stretched unevenly: a
// Letter-size rendering fitted to an A4 page box, 3° of skew and a 10% stretch leave 0.3–0.6°):
// the page preparation (parsers/ocr/image.ts estimateShear + rotate) stands the columns upright, so
// a table's column rules, broken by noise into pieces that drift across, stay one rule each.
// Drawn pages, no OCR engine.
import assert from "node:assert/strict";
import { test } from "node:test";
import { binarise, estimateShear, estimateSkew, rotate, type GrayImage } from "../../../parsers/ocr/image.js";
import { findRules } from "../../../parsers/ocr/rules.js";
import { findLatticeTables } from "../../../parsers/pdf/lattice.js";

/**
 * A page with a 14 × 4 table 6 in wide and 7 in tall (1 pt rules), its column rules leaning by
 * `slant` degrees and broken every 0.3 in by a 1 mm gap (noise, JPEG blocks, faint toner).
 */
function page(dpi: number, slant: number): GrayImage {
  const width = Math.round(8 * dpi);
  const height = Math.round(9 * dpi);
  const data = new Uint8Array(width * height).fill(255);
  const lean = Math.tan((slant * Math.PI) / 180);
  const rule = Math.max(2, Math.round(dpi / 72));
  const [top, bottom, rows] = [dpi, 8 * dpi, 14];
  const at = (inches: number, y: number) => Math.round(inches * dpi + lean * (y - top));
  for (const x0 of [1, 2.5, 4, 5.5, 7])
    for (let y = top; y < bottom + rule; y++) {
      if ((y - top) % Math.round(0.3 * dpi) < Math.round(0.04 * dpi)) continue;
      for (let k = 0; k < rule; k++) data[y * width + at(x0, y) + k] = 30;
    }
  for (let r = 0; r <= rows; r++) {
    const y0 = Math.round(top + (r * (bottom - top)) / rows);
    for (let y = y0; y < y0 + rule; y++)
      for (let x = at(1, y0); x < at(7, y0) + rule; x++) data[y * width + x] = 30;
  }
  return { width, height, data, dpi };
}

function tables(image: GrayImage, skew: number, shear: number): string[] {
  const ink = binarise(rotate(image, skew, shear));
  return findLatticeTables(findRules(ink, { dpi: image.dpi })).map(
    (t) => `${t.ys.length - 1}x${t.xs.length - 1}`,
  );
}

for (const dpi of [150, 300]) {
  test(`${dpi} dpi: columns leaning 0.5° are stood upright and the table is one 14 × 4 grid`, () => {
    const image = page(dpi, 0.5);
    const rough = binarise(image);
    const skew = estimateSkew(rough);
    const shear = estimateShear(rough, skew);
    assert.ok(Math.abs(shear - 0.5) <= 0.04, `shear measured ${shear}`);
    assert.deepEqual(tables(image, skew, shear), ["14x4"]);
    // Levelling the rows alone leaves the rules' pieces a few points apart: the table falls apart.
    assert.notDeepEqual(tables(image, skew, 0), ["14x4"]);
  });
}

test("upright columns are left as they are", () => {
  const image = page(200, 0);
  const rough = binarise(image);
  assert.equal(estimateShear(rough, estimateSkew(rough)), 0);
});
