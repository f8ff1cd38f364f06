// Phone photos put back square (parsers/ocr/perspective.ts), on drawn pages with no OCR engine: a
// ruled table photographed at an angle (keystone, a few degrees turned, the desk around the page)
// is found as the quadrilateral it was warped to, and after correction the page reader's grid
// finder sees the table's rows and columns again; a scan (rotated, rules still parallel) is left
// untouched, the same object.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  binarise,
  estimateSkew,
  flattenBackground,
  rotate,
  type GrayImage,
} from "../../../parsers/ocr/image.js";
import {
  applyHomography,
  homographyFromPoints,
  pageRules,
  photoCorrection,
  rectifyPhoto,
  warpPixels,
  type Point,
} from "../../../parsers/ocr/perspective.js";
import { findRules } from "../../../parsers/ocr/rules.js";
import { findLatticeTables } from "../../../parsers/pdf/lattice.js";

const DPI = 150;
/** The drawn table: 6 columns × 8 rows, in inches from the page's top-left corner. */
const TABLE = { left: 0.8, right: 5.6, top: 1.2, bottom: 6.8, columns: 6, rows: 8 };

/**
 * A 6.4 × 8 in page at 150 dpi with the table (1-pt rules, the horizontal ones `ruleGrey`) and a few
 * text-like blots in its cells.
 */
function page(ruleGrey = 20): GrayImage {
  const width = Math.round(6.4 * DPI);
  const height = Math.round(8 * DPI);
  const data = new Uint8Array(width * height).fill(245);
  const px = (inches: number) => Math.round(inches * DPI);
  const fill = (x0: number, y0: number, x1: number, y1: number, level = 20) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = level;
  };
  const rule = 2;
  for (let r = 0; r <= TABLE.rows; r++) {
    const y = px(TABLE.top + ((TABLE.bottom - TABLE.top) * r) / TABLE.rows);
    fill(px(TABLE.left), y, px(TABLE.right) + rule, y + rule, r === 0 || r === TABLE.rows ? 20 : ruleGrey);
  }
  for (let c = 0; c <= TABLE.columns; c++) {
    const x = px(TABLE.left + ((TABLE.right - TABLE.left) * c) / TABLE.columns);
    fill(x, px(TABLE.top), x + rule, px(TABLE.bottom) + rule);
  }
  // "Figures": small blocks in some cells; a "title" line of blocks above the table.
  for (let r = 0; r < TABLE.rows; r++)
    for (let c = 1; c < TABLE.columns; c += 2) {
      const x = px(TABLE.left + ((TABLE.right - TABLE.left) * (c + 0.4)) / TABLE.columns);
      const y = px(TABLE.top + ((TABLE.bottom - TABLE.top) * (r + 0.35)) / TABLE.rows);
      fill(x, y, x + 12, y + 18);
    }
  for (let i = 0; i < 14; i++) fill(px(1.5) + i * 22, px(0.5), px(1.5) + i * 22 + 18, px(0.5) + 18);
  return { width, height, data, dpi: DPI };
}

/** The page as a phone sees it: on a darker desk, the top edge 8% shorter (keystone), turned 2.5°. */
function photograph(image: GrayImage): { photo: GrayImage; toPhoto: (p: Point) => Point } {
  const { width: w, height: h } = image;
  const a = (2.5 * Math.PI) / 180;
  const cx = w / 2;
  const cy = h / 2;
  const k = 0.08 * w * 0.5;
  const corners = (
    [
      [-w / 2 + k, -h / 2],
      [w / 2 - k, -h / 2],
      [w / 2, h / 2],
      [-w / 2, h / 2],
    ] as Point[]
  ).map(
    ([x, y]) =>
      [
        cx + (x * Math.cos(a) - y * Math.sin(a)) * 0.9,
        cy + (x * Math.sin(a) + y * Math.cos(a)) * 0.9,
      ] as Point,
  );
  const pageCorners: Point[] = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
  const toSource = homographyFromPoints(corners, pageCorners);
  const data = warpPixels({ ...image, channels: 1 }, toSource, w, h, () => 90);
  const toPhoto = homographyFromPoints(pageCorners, corners);
  return { photo: { width: w, height: h, data, dpi: DPI }, toPhoto: (p) => applyHomography(toPhoto, p) };
}

/** What the page reader's grid finder sees: flattened, deskewed by one angle, binarised; rows × columns of each table. */
function grids(image: GrayImage): string[] {
  const flat = flattenBackground(image);
  const level = rotate(flat, estimateSkew(binarise(flat)));
  return findLatticeTables(findRules(binarise(level), { dpi: DPI }))
    .filter((t) => t.xs.length >= 3 && t.ys.length >= 3)
    .map((t) => `${t.ys.length - 1}x${t.xs.length - 1}`);
}

function ink(image: GrayImage) {
  return binarise(flattenBackground(image));
}

/**
 * The table's straight rules (the page's edge against the desk left out: rules ending within 5% of
 * the image's border).
 */
function tableRules(image: GrayImage) {
  return pageRules(ink(image), DPI).filter((r) => {
    const extent = r.orientation === "h" ? image.width : image.height;
    return r.from > extent * 0.05 && r.to < extent * 0.95;
  });
}

/** The largest slope of rules (rise over run; 0.0175 is 1°). */
function maxLean(rules: { slope: number }[]): number {
  return Math.max(...rules.map((r) => Math.abs(r.slope)));
}

test("a homography from four point pairs maps each point onto its pair", () => {
  const from: Point[] = [
    [10, 20],
    [300, 15],
    [320, 400],
    [5, 390],
  ];
  const to: Point[] = [
    [0, 0],
    [300, 0],
    [300, 400],
    [0, 400],
  ];
  const h = homographyFromPoints(from, to);
  from.forEach((p, i) => {
    const [x, y] = applyHomography(h, p);
    assert.ok(Math.abs(x - to[i]![0]) < 1e-6 && Math.abs(y - to[i]![1]) < 1e-6, `point ${i}: ${x},${y}`);
  });
});

test("a photographed table: its quadrilateral is found, and after correction the grid is whole again", () => {
  const { photo, toPhoto } = photograph(page());
  // In the photo the rules converge: uprights lean up to ~3° one way and the other.
  const leaning = maxLean(tableRules(photo));
  assert.ok(leaning > 0.03, `the photo's rules lean (${leaning.toFixed(4)})`);
  const correction = photoCorrection(photo);
  assert.ok(correction, "a photo's table frame is found");
  const expected = (
    [
      [TABLE.left, TABLE.top],
      [TABLE.right, TABLE.top],
      [TABLE.right, TABLE.bottom],
      [TABLE.left, TABLE.bottom],
    ] as Point[]
  ).map(([x, y]) => toPhoto([x * DPI + 1, y * DPI + 1]));
  correction.quad.forEach((corner, i) => {
    const d = Math.hypot(corner[0] - expected[i]![0], corner[1] - expected[i]![1]);
    assert.ok(
      d < 2,
      `corner ${i} found at ${corner.map((v) => v.toFixed(1))}, drawn at ${expected[i]!.map((v) => v.toFixed(1))}`,
    );
  });
  const square = rectifyPhoto(photo);
  assert.notEqual(square, photo);
  // Every rule level or upright within 0.1° (a tenth of a pixel per 57), and the grid is the drawn one.
  const rules = tableRules(square);
  assert.ok(maxLean(rules) < 0.002, `the corrected rules are square (${maxLean(rules).toFixed(4)})`);
  assert.equal(rules.filter((r) => r.orientation === "h").length, TABLE.rows + 1);
  assert.equal(rules.filter((r) => r.orientation === "v").length, TABLE.columns + 1);
  assert.deepEqual(grids(square), [`${TABLE.rows}x${TABLE.columns}`]);
});

test("a scan (turned, rules parallel) is returned untouched", () => {
  const scan = page();
  const turned = rotate(scan, 1.5);
  assert.equal(rectifyPhoto(scan), scan);
  assert.equal(rectifyPhoto(turned), turned);
});

test("a page without a ruled table is returned untouched", () => {
  const blank: GrayImage = { width: 600, height: 800, data: new Uint8Array(600 * 800).fill(240), dpi: 100 };
  for (let i = 0; i < 20; i++) blank.data.fill(30, (100 + i * 30) * 600 + 50, (100 + i * 30) * 600 + 550);
  assert.equal(rectifyPhoto(blank), blank);
});

test("a photo's light inner rules are drawn again dark: the grid finder sees every row", () => {
  // Inner horizontal rules at grey 175 (a thin rule blurred in a photo): lighter than the ink level
  // the grid finder binarises at, so without them drawn again it finds 1 row.
  const { photo } = photograph(page(175));
  const square = rectifyPhoto(photo);
  assert.notEqual(square, photo);
  assert.deepEqual(grids(square), [`${TABLE.rows}x${TABLE.columns}`]);
});
