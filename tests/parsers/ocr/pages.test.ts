// The page reader (parsers/ocr/page-reader.ts) on drawn page images with a stand-in OCR engine
// (figure cells read as numbers): what is tested is the geometry — grids found, and a table
// continued on the next page joined into one although the second page lies a few points to the
// side (pages sit differently on a scanner's glass) or is scaled a little differently. No OCR engine needed.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GrayImage } from "../../../parsers/ocr/image.js";
import { readScanPages } from "../../../parsers/ocr/page-reader.js";
import type { OcrEngine } from "../../../parsers/ocr/tesseract.js";
import { assembleBlocks } from "../../../parsers/pdf/assemble.js";

const DPI = 150;

/** Reads every figure cell of a batch as a different number (10, 11, …), so no row repeats another. */
const engine: OcrEngine = {
  name: "stand-in",
  read: async (images) =>
    images.map((_, i) => ({
      text: String(10 + i),
      lines: [],
      confidence: 95,
      chars: [...String(10 + i)].map((char) => ({ char, confidence: 95, alternatives: [] })),
    })),
};

/** A page (A4 wide, 6 in tall) with a ruled table (column rules at `columns`, row rules from `top` every 0.4 in), a "1" in every cell; inches. */
function page(columns: number[], top: number, rows: number): GrayImage {
  const width = Math.round(8.27 * DPI);
  const height = Math.round(6 * DPI);
  const data = new Uint8Array(width * height).fill(255);
  const px = (inches: number) => Math.round(inches * DPI);
  const fill = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = px(y0); y < px(y1); y++) for (let x = px(x0); x < px(x1); x++) data[y * width + x] = 20;
  };
  const rule = 1.2 / 72;
  const bottom = top + rows * 0.4;
  for (let r = 0; r <= rows; r++)
    fill(columns[0]!, top + r * 0.4, columns.at(-1)! + rule, top + r * 0.4 + rule);
  for (const x of columns) fill(x, top, x + rule, bottom + rule);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c + 1 < columns.length; c++) {
      // A "1": one upright stroke, 0.1 in tall, in the middle of the cell.
      const x = (columns[c]! + columns[c + 1]!) / 2;
      const y = top + r * 0.4 + 0.15;
      fill(x, y, x + 0.015, y + 0.1);
    }
  return { width, height, data, dpi: DPI };
}

test("a table continued on a page lying 0.15 in to the side is one table", async () => {
  const columns = [1, 2.5, 4, 5.5, 7];
  const shifted = columns.map((x) => x + 0.15);
  const { layouts } = await readScanPages([page(columns, 2, 9), page(shifted, 1, 5)], {
    engine,
    title: false,
  });
  const tables = assembleBlocks(layouts).blocks.filter((b) => b.kind === "table");
  assert.equal(tables.length, 1);
  assert.equal(tables[0]!.kind === "table" && tables[0]!.rows.length, 14);
});

test("a table continued on a page scanned 2% larger (fitted to the page box) is one table", async () => {
  const columns = [1, 2.5, 4, 5.5, 7];
  const larger = columns.map((x) => 4.05 + (x - 4) * 1.02);
  const { layouts } = await readScanPages([page(columns, 2, 9), page(larger, 1, 5)], {
    engine,
    title: false,
  });
  const tables = assembleBlocks(layouts).blocks.filter((b) => b.kind === "table");
  assert.equal(tables.length, 1);
  assert.equal(tables[0]!.kind === "table" && tables[0]!.rows.length, 14);
});

test("tables of different widths on two pages stay two tables", async () => {
  const { layouts } = await readScanPages(
    [page([1, 2.5, 4, 5.5, 7], 2, 9), page([1.2, 2.5, 4, 5.5, 6.6], 1, 5)],
    { engine, title: false },
  );
  const tables = assembleBlocks(layouts).blocks.filter((b) => b.kind === "table");
  assert.equal(tables.length, 2);
});

/** Paper over a rectangle of the page (inches): a rule lost to a faint scan. */
function erase(image: GrayImage, x0: number, y0: number, x1: number, y1: number): void {
  const px = (inches: number) => Math.round(inches * DPI);
  for (let y = px(y0); y < px(y1); y++)
    for (let x = px(x0); x < px(x1); x++) image.data[y * image.width + x] = 255;
}

test("a rule lost between two figure cells, kept beside them, is put back: each cell reads its figure", async () => {
  const image = page([1, 2.5, 4, 5.5, 7], 1, 5);
  // The rule between rows 2 and 3 lost in the second column (a faint stretch of a scan): without it
  // the two cells are one, reading one figure for two or none.
  erase(image, 2.5 + 0.02, 1.8 - 0.015, 4 - 0.01, 1.8 + 0.025);
  // The rule between the third and fourth columns lost in row 4.
  erase(image, 5.5 - 0.015, 2.2 + 0.02, 5.5 + 0.025, 2.6 - 0.01);
  const { cells } = await readScanPages([image], { engine, title: false });
  assert.equal(cells.length, 20);
  assert.ok(cells.every((c) => /^\d+$/.test(c.candidates[0]!.text)));
});

test("a cell whose ink crosses a lost rule's place stays one and gives no figure", async () => {
  const image = page([1, 2.5, 4, 5.5, 7], 1, 5);
  erase(image, 2.5 + 0.02, 1.8 - 0.015, 4 - 0.01, 1.8 + 0.025);
  // A stroke through where the rule was: one figure printed over both rows (or a seal's stroke),
  // not a figure per row; the cell's two lines of ink give no figure.
  const px = (inches: number) => Math.round(inches * DPI);
  for (let y = px(1.7); y < px(1.9); y++)
    for (let x = px(3.0); x < px(3.015); x++) image.data[y * image.width + x] = 20;
  const { cells } = await readScanPages([image], { engine, title: false });
  const merged = cells.filter((c) => c.box[3] - c.box[1] > 0.6 * 72);
  assert.equal(merged.length, 1);
  assert.equal(merged[0]!.candidates[0]!.text, "");
  // Every other figure cell reads its number.
  assert.ok(cells.filter((c) => c !== merged[0]).every((c) => /^\d+$/.test(c.candidates[0]!.text)));
});

/** Width over height of the ink of a binary PGM picture (P5). */
function inkShape(image: Uint8Array): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(Buffer.from(image.subarray(0, 32)).toString("latin1"))!;
  const width = Number(header[1]);
  const box = [Infinity, Infinity, -1, -1];
  for (let i = header[0].length; i < image.length; i++) {
    if (image[i]! >= 128) continue;
    const p = i - header[0].length;
    const x = p % width;
    const y = Math.floor(p / width);
    box[0] = Math.min(box[0]!, x);
    box[1] = Math.min(box[1]!, y);
    box[2] = Math.max(box[2]!, x);
    box[3] = Math.max(box[3]!, y);
  }
  return box[2]! < 0 ? 0 : (box[2]! - box[0]! + 1) / (box[3]! - box[1]! + 1);
}

/** Reads a cell whose ink is about as wide as tall (a "1" with a seal's stroke) as nothing in the
 * digit passes, and every Chinese reading as `misread`. */
function misreading(misread: string): OcrEngine {
  return {
    name: "stand-in",
    read: async (images, pass) =>
      images.map((pgm, i) => {
        const text = pass.language === "chi_sim" ? misread : inkShape(pgm) > 0.4 ? "" : String(10 + i);
        return {
          text,
          lines: [],
          confidence: text ? 95 : 0,
          chars: [...text].map((char) => ({ char, confidence: 95, alternatives: [] })),
        };
      }),
  };
}

/** A second stroke beside the "1" of the cell whose centre is at (x, y) in inches. */
function mark(image: GrayImage, x: number, y: number): void {
  const px = (inches: number) => Math.round(inches * DPI);
  for (let r = px(y - 0.05); r < px(y + 0.05); r++)
    for (let c = px(x + 0.05); c < px(x + 0.065); c++) image.data[r * image.width + c] = 20;
}

for (const misread of ["机", "潮人"])
  test(`a figure cell read as ${misread} in a column of figures stays unread, not a label`, async () => {
    const image = page([1, 2.5, 4, 5.5, 7], 1, 6);
    // Row 4, column 2: a seal's stroke over the figure; the digit passes read nothing there and the
    // Chinese pass reads it as `misread`.
    mark(image, 3.25, 2.4);
    const { cells, layouts } = await readScanPages([image], { engine: misreading(misread), title: false });
    // Every cell of the grid is a figure cell: 23 read, one unread (ink, no reading) in its place.
    assert.equal(cells.length, 24);
    const unread = cells.filter((c) => c.candidates[0]!.text === "");
    assert.equal(unread.length, 1);
    assert.ok(unread[0]!.box[0] < 3.3 * 72 && unread[0]!.box[2] > 3.3 * 72);
    const texts = JSON.stringify(assembleBlocks(layouts).blocks);
    assert.ok(texts.includes('"text":"?"'));
    assert.ok(!texts.includes(misread));
  });

test("a misread figure cell in a table's last rows alone on the next page is in the column the table continues", async () => {
  // The page holds two rows of the table: too few cells to call its columns columns of figures on
  // their own; the previous page's part of the table says they are.
  const second = page([1, 2.5, 4, 5.5, 7], 1, 2);
  mark(second, 3.25, 1.6);
  const { cells } = await readScanPages([page([1, 2.5, 4, 5.5, 7], 2, 9), second], {
    engine: misreading("潮人"),
    title: false,
  });
  const unread = cells.filter((c) => c.candidates[0]!.text === "");
  assert.equal(unread.length, 1);
  assert.equal(unread[0]!.page, 2);
});
