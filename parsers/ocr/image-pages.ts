// Pictures handed with a document (the table images of an HTML report) read as page layouts by
// the same page reader as scans: image i is page i + 1, so every OCR figure's origin names its
// picture and cell box. Pictures too small to hold a table (a stray icon) are passed over quietly;
// pictures that cannot be read (not an image, undecodable, too coarse) are reported.
import sharp from "sharp";
import type { OcrInfo } from "../ir.js";
import type { PageLayout } from "../pdf/page-layout.js";
import { sniffFormat } from "../sniff.js";
import { decodeImage, type GrayImage } from "./image.js";
import { readScanPages } from "./page-reader.js";
import { rectifyPhoto } from "./perspective.js";
import { photos, type ScanOptions } from "./scan.js";
import { stopIfOutOfTime, tesseractEngine } from "./tesseract.js";

/** A picture smaller than this (pixels) holds no report table: an icon, a divider, a photo thumbnail. */
const MIN_WIDTH = 300;
const MIN_HEIGHT = 120;
/** Below this resolution digits are a few pixels tall (as for scans). */
const MIN_OCR_DPI = 100;
/** Densities image tools write by default (a screen's), which say nothing of the picture's scale. */
const WEB_DENSITY = 96;
const A4_WIDTH_IN = 8.27;
/** Web pictures narrower than A4 at 200 dpi are enlarged (the narrowest to A4 at 300 dpi)… */
const ENLARGED_WIDTH = Math.round(A4_WIDTH_IN * 300);
/** …at most four times: a narrower picture's digits are too few pixels to read with certainty. */
const MIN_WEB_WIDTH = Math.round(ENLARGED_WIDTH / 4);
/** As decodeImage's bound on a page's pixels. */
const MAX_INPUT_PIXELS = 80_000_000;

export interface ImagePages {
  /** Layouts of the pictures read, in input order; `layout.page` is the picture's index + 1. */
  layouts: PageLayout[];
  ocr: OcrInfo;
  /** Pictures not read, by input index, with why; `quiet` ones (too small for a table) need no issue. */
  unread: { index: number; reason: string; quiet?: boolean }[];
}

export async function readImagePages(images: Uint8Array[], options: ScanOptions = {}): Promise<ImagePages> {
  const engine = options.engine ?? (await tesseractEngine());
  const pages: GrayImage[] = [];
  const pageNumbers: number[] = [];
  const photoPages: number[] = [];
  const unread: ImagePages["unread"] = [];
  for (let index = 0; index < images.length; index++) {
    stopIfOutOfTime(options.signal);
    const page = await decodeOne(images[index]!);
    if (typeof page === "string") {
      unread.push({ index, reason: page });
      continue;
    }
    if (page.width < MIN_WIDTH || page.height < MIN_HEIGHT) {
      unread.push({
        index,
        reason: `${page.width} × ${page.height} pixels, too small for a table`,
        quiet: true,
      });
      continue;
    }
    if (page.dpi < MIN_OCR_DPI) {
      unread.push({
        index,
        reason: `${page.width} pixels wide, too coarse to read figures by OCR (under ${MIN_OCR_DPI} dpi at A4 width)`,
      });
      continue;
    }
    // A photo of a page posted as a picture is put back square; a drawn or scanned table is not touched.
    const square = rectifyPhoto(page);
    if (square !== page) photoPages.push(index + 1);
    pages.push(square);
    pageNumbers.push(index + 1);
  }
  const ocr: OcrInfo = {
    engine: engine.name,
    pages: pages.length,
    cells: [],
    pageNumbers,
    ...photos(photoPages),
  };
  if (pages.length === 0) return { layouts: [], ocr, unread };
  const { layouts, cells } = await readScanPages(pages, { ...options, engine, pageNumbers, title: false });
  return { layouts, ocr: { ...ocr, cells }, unread };
}

/** The picture's first page as grey (red seals dropped), or why it cannot be read. */
async function decodeOne(bytes: Uint8Array): Promise<GrayImage | string> {
  let format: string;
  try {
    format = sniffFormat(bytes);
  } catch {
    format = "unknown";
  }
  if (format !== "image") return "not a PNG, JPEG, GIF or TIFF image";
  try {
    const [first] = await decodeImage(bytes);
    if (!first) return "an image without pixels";
    // A web picture's recorded density is the tool's default (72 or 96), not a scan's resolution:
    // it is taken from the width instead, as for an image without one (a table spans an A4 page).
    if (first.dpi > WEB_DENSITY) return first;
    // Too small for a table: passed over quietly by the caller.
    if (first.width < MIN_WIDTH || first.height < MIN_HEIGHT) return first;
    if (first.width >= A4_WIDTH_IN * 200) return { ...first, dpi: Math.round(first.width / A4_WIDTH_IN) };
    if (first.width < MIN_WEB_WIDTH) return `${first.width} pixels wide, too coarse to read figures by OCR`;
    // Narrower pictures (screenshots, pages saved small) are enlarged before reading. Measured on
    // tables 2 and 4 drawn at other widths (20 figures, docs/ocr.md): read as they are, 1000 pixels
    // gave 3 figures (800 is under 100 dpi); enlarged to 2100 pixels, 1000–1400 gave 19–20 (to 2481,
    // 1200 gave 4); below 1000 pixels, enlarged to 2481, 800–950 gave 19–20 (to 2100, 5–6) and
    // 650–700 4–7. Never a wrong one.
    const target = first.width >= 1000 ? 2100 : ENLARGED_WIDTH;
    const enlarged = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: target, kernel: "lanczos3" })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const [page] = await decodeImage(enlarged);
    return page ? { ...page, dpi: Math.round(target / A4_WIDTH_IN) } : "an image without pixels";
  } catch (error) {
    return `the image cannot be decoded: ${(error as Error).message}`;
  }
}
