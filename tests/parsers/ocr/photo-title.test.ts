// Page 1's title on a phone photo (parsers/ocr/page-reader.ts titleImage): a page without a table
// is not put square (perspective.ts needs rules), so the desk and the sheet's shadowed edge stay
// around it. The edge, inked in every row, made the title area one "line" that never ended and no
// title was read: agency and year were null on all six photographed real reports. Ink pieces more
// than an inch long are no print. A stand-in engine reads the strips (no OCR engine needed).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GrayImage } from "../../../parsers/ocr/image.js";
import { readScanPages } from "../../../parsers/ocr/page-reader.js";
import type { OcrEngine } from "../../../parsers/ocr/tesseract.js";

const DPI = 150;
const TITLE = "洪泽区人民政府2023年政府信息公开工作年度报告";

function pgmSize(pgm: Uint8Array): [number, number] {
  const header = /^P5\s+(\d+)\s+(\d+)/.exec(Buffer.from(pgm.subarray(0, 32)).toString("latin1"));
  return [Number(header![1]), Number(header![2])];
}

/** Reads any strip as wide as the page (the title area) as the title. */
const engine: OcrEngine = {
  name: "stand-in",
  read: async (images, { language }) =>
    images.map((pgm) => {
      const [width, height] = pgmSize(pgm);
      if (language !== "chi_sim" || width < 6 * DPI) return { text: "", lines: [], confidence: 0, chars: [] };
      return {
        text: TITLE,
        lines: [{ text: TITLE, bbox: [10, 2, width - 10, height - 2] as [number, number, number, number] }],
        confidence: 90,
        chars: [...TITLE].map((char) => ({ char, confidence: 90, alternatives: [] })),
      };
    }),
};

/** A photographed A4 sheet: light desk around it, its edge a dark band, a title and prose, no table. */
function photo(): GrayImage {
  const width = Math.round(9 * DPI);
  const height = Math.round(12.5 * DPI);
  const data = new Uint8Array(width * height).fill(185);
  const px = (inches: number) => Math.round(inches * DPI);
  const [x0, y0, x1, y1] = [px(0.35), px(0.4), width - px(0.35), height - px(0.4)];
  const band = px(0.06);
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const edge = x < x0 + band || x >= x1 - band || y < y0 + band || y >= y1 - band;
      data[y * width + x] = edge ? 70 : 245;
    }
  /** A line of `n` square "characters" `size` in tall, from x = 1.2 in. */
  const line = (y: number, size: number, n: number) => {
    for (let c = 0; c < n; c++) {
      const cx = px(1.2 + c * size * 1.1);
      for (let yy = px(y); yy < px(y + size); yy++)
        for (let xx = cx; xx < cx + px(size * 0.9); xx++) if ((xx + yy) % 3 !== 0) data[yy * width + xx] = 25;
    }
  };
  line(1.2, 0.14, 8);
  line(1.5, 0.14, 16);
  for (let i = 0; i < 20; i++) line(2.1 + i * 0.3, 0.12, 40);
  return { width, height, data, dpi: DPI };
}

test("the title of a photographed page without a table is read, the sheet's edge aside", async () => {
  const { layouts } = await readScanPages([photo()], { engine });
  assert.ok(JSON.stringify(layouts[0]).includes(TITLE), "no title area was read on page 1");
});
