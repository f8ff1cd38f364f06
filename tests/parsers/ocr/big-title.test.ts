// A title printed below a portal header (parsers/ocr/page-reader.ts bigTitleImages): HTML reports
// printed to PDF start with the site's menu, so page 1's first three lines hold no title and the
// scan lost agency and year (null/null on the scans of the Putian forestry reports). The line of
// large print further down is read too, shrunk to prose size (tesseract misread it at full size).
// A stand-in engine reads the strips (no OCR engine needed).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GrayImage } from "../../../parsers/ocr/image.js";
import { readScanPages } from "../../../parsers/ocr/page-reader.js";
import { parseTitle } from "../../../parsers/template/metadata.js";
import type { OcrEngine } from "../../../parsers/ocr/tesseract.js";

const DPI = 150;
const TITLE = "莆田市林业局2019年度政府信息公开工作年度报告";

function pgmSize(pgm: Uint8Array): [number, number] {
  const header = /^P5\s+(\d+)\s+(\d+)/.exec(Buffer.from(pgm.subarray(0, 32)).toString("latin1"));
  return [Number(header![1]), Number(header![2])];
}

const seen: number[] = [];
/** Reads the big title strip (shrunk: under 0.3 in tall at the page's dpi) as the title; anything else as menu words. */
const engine: OcrEngine = {
  name: "stand-in",
  read: async (images, { language }) =>
    images.map((pgm) => {
      const [width, height] = pgmSize(pgm);
      if (language !== "chi_sim") return { text: "", lines: [], confidence: 0, chars: [] };
      seen.push(height);
      const text = height < 0.3 * DPI ? TITLE : "返回首页";
      return {
        text,
        lines: [{ text, bbox: [10, 2, width - 10, height - 2] as [number, number, number, number] }],
        confidence: 90,
        // 业 doubtful: the title must not carry it as if it were sure.
        chars: [...text].map((char) => ({ char, confidence: char === "业" ? 40 : 90, alternatives: [] })),
      };
    }),
};

/** An A4 page: menu lines (0.12 in print) at the top and down the page, one 0.3 in title line at mid-page. */
function page(): GrayImage {
  const width = Math.round(8.27 * DPI);
  const height = Math.round(11.69 * DPI);
  const data = new Uint8Array(width * height).fill(255);
  const px = (inches: number) => Math.round(inches * DPI);
  /** A line of `n` square "characters" `size` in tall from x = 1 in. */
  const line = (y: number, size: number, n: number) => {
    for (let c = 0; c < n; c++) {
      const x0 = px(1 + c * size * 1.1);
      for (let yy = px(y); yy < px(y + size); yy++)
        for (let xx = x0; xx < x0 + px(size * 0.9); xx++) if ((xx + yy) % 3 !== 0) data[yy * width + xx] = 20;
    }
  };
  for (let i = 0; i < 12; i++) line(0.5 + i * 0.35, 0.12, 6);
  line(5, 0.3, 20);
  for (let i = 0; i < 12; i++) line(5.8 + i * 0.35, 0.12, 30);
  return { width, height, data, dpi: DPI };
}

test("a big title below a portal header is read, shrunk to prose size", async () => {
  seen.length = 0;
  const { layouts } = await readScanPages([page()], { engine });
  const text = JSON.stringify(layouts[0]);
  const marked = TITLE.replace("业", "\uFFFD");
  assert.ok(text.includes(marked), `title not among page 1's runs (strips read: ${seen.join(", ")} px tall)`);
});

test("a title character OCR was not sure of leaves the agency null, not misread", () => {
  // The 200 dpi scan of Hongze's 2023 report: 洪泽区 read as 潜译区, 译 at confidence 40.
  assert.deepEqual(parseTitle("潜\uFFFD区人民政府2023年政府信息公开工作年度报告"), {
    agency: null,
    year: 2023,
  });
  assert.deepEqual(parseTitle("洪泽区人民政府2023年政府信息公开工作年度报告"), {
    agency: "洪泽区人民政府",
    year: 2023,
  });
});
