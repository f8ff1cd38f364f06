// Big print in the digit pass (parsers/ocr/page-reader.ts): a 12-point "0" scanned at 300 dpi is
// about 40 pixels tall in the cell picture, taller than tesseract reads well. On the 300 dpi scans
// of real reports its line mode read such zeros as nothing and its raw-line mode as "0." at
// confidence 35, so whole rows of table 3 lost their figures; at half size they read "0" at 96.
// A stand-in engine plays that behaviour (no OCR engine needed).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GrayImage } from "../../../parsers/ocr/image.js";
import { readScanPages } from "../../../parsers/ocr/page-reader.js";
import type { OcrEngine } from "../../../parsers/ocr/tesseract.js";

const DPI = 300;

function pgmHeight(pgm: Uint8Array): number {
  const header = /^P5\s+(\d+)\s+(\d+)/.exec(Buffer.from(pgm.subarray(0, 32)).toString("latin1"));
  return Number(header![2]);
}

const reading = (text: string, confidence: number) => ({
  text,
  lines: [],
  confidence,
  chars: [...text].map((char) => ({ char, confidence, alternatives: [] })),
});

/** tesseract on a big lone "0": nothing in line mode, "0." doubtful in raw-line mode, "0" once halved. */
const engine: OcrEngine = {
  name: "stand-in",
  read: async (images, { language, psm }) =>
    images.map((pgm) => {
      if (language !== "eng") return reading("", 0);
      if (pgmHeight(pgm) < 65) return reading("0", 96);
      return psm === 13 ? reading("0.", 35) : reading("", 0);
    }),
};

/** A page 8.27 × 4 in with a ruled table of 2 rows × 4 columns (0.3 in tall), a zero ring 0.13 in tall in every cell. */
function page(): GrayImage {
  const width = Math.round(8.27 * DPI);
  const height = Math.round(4 * DPI);
  const data = new Uint8Array(width * height).fill(255);
  const px = (inches: number) => Math.round(inches * DPI);
  const fill = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = px(y0); y < px(y1); y++) for (let x = px(x0); x < px(x1); x++) data[y * width + x] = 20;
  };
  const columns = [1, 2.5, 4, 5.5, 7];
  const top = 1;
  const rows = 2;
  const rule = 1.2 / 72;
  for (let r = 0; r <= rows; r++)
    fill(columns[0]!, top + r * 0.3, columns.at(-1)! + rule, top + r * 0.3 + rule);
  for (const x of columns) fill(x, top, x + rule, top + rows * 0.3 + rule);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c + 1 < columns.length; c++) {
      // A "0": an elliptic ring 0.07 × 0.13 in, strokes ~0.015 in.
      const cx = px((columns[c]! + columns[c + 1]!) / 2);
      const cy = px(top + r * 0.3 + 0.15);
      const [a, b] = [0.035 * DPI, 0.065 * DPI];
      for (let y = cy - px(0.07); y <= cy + px(0.07); y++)
        for (let x = cx - px(0.04); x <= cx + px(0.04); x++) {
          const d = ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2;
          if (d <= 1 && d >= 0.55) data[y * width + x] = 20;
        }
    }
  return { width, height, data, dpi: DPI };
}

test("a big zero read doubtfully at full size is read again at half size", async () => {
  const { cells } = await readScanPages([page()], { engine, title: false });
  const figures = cells.filter((c) => c.kind === "digits");
  assert.equal(figures.length, 8);
  for (const cell of figures) assert.deepEqual(cell.candidates[0], { text: "0", confidence: 96 });
});
