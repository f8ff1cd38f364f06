// Scanned documents (image-only PDFs, JPG/PNG/TIFF images) into the intermediate representation:
// pages rasterised (poppler's pdftoppm) or decoded (sharp), read by the page reader, then joined
// into blocks by the PDF front-end's own assembly (page furniture, tables continuing across pages),
// so the recognizer reads a scan like any other grid. The OCR readings travel in `ir.ocr`.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DocumentFormat, DocumentIR } from "../ir.js";
import type { OcrPages } from "../formats/pdf.js";
import { ParseError } from "../errors.js";
import { assembleBlocks } from "../pdf/assemble.js";
import { removePageChrome } from "../pdf/page-chrome.js";
import { decodeImage, dropRed, type GrayImage } from "./image.js";
import { readScanPages } from "./page-reader.js";
import { imagesCoveringEveryPage, pdfImageList, type PdfImage } from "./image-only-pdf.js";
import { rectifyPhoto } from "./perspective.js";
import { placeRowsByPosition } from "./row-placement.js";
import { stopIfOutOfTime, tesseractEngine, type OcrEngine } from "./tesseract.js";

/** Scans are read at their own resolution, within these bounds. */
const MIN_DPI = 150;
const MAX_DPI = 300;
const DEFAULT_DPI = 200;
/** More pages than this are not OCR'd (a report's tables sit in its first pages). */
export const MAX_SCAN_PAGES = 30;

export interface ScanOptions {
  signal?: AbortSignal;
  /** The OCR engine (default: tesseract; the bench compares others). */
  engine?: OcrEngine;
}

export async function scannedPdfToIR(bytes: Uint8Array, options: ScanOptions = {}): Promise<DocumentIR> {
  const engine = options.engine ?? (await tesseractEngine());
  const pages = await withPdfFile(bytes, (input, work) => rasterisePdf(input, work, options));
  if (pages === "too_coarse") return tooCoarse();
  return pagesToIR(pages, "scan", engine, options);
}

/**
 * A PDF that poppler finds to be a scan through and through (image-only-pdf.ts) read as
 * `scannedPdfToIR` reads it; null for any other PDF (the caller reads it with pdf.js, which then
 * tells its scanned pages apart as before).
 */
export async function imageOnlyPdfToIR(
  bytes: Uint8Array,
  options: ScanOptions = {},
): Promise<DocumentIR | null> {
  const pages = await withPdfFile(bytes, async (input, work) => {
    const images = await imagesCoveringEveryPage(input, options);
    return images ? rasterisePdf(input, work, options, undefined, images) : null;
  });
  if (pages === null) return null;
  if (pages === "too_coarse") return tooCoarse();
  return pagesToIR(pages, "scan", options.engine ?? (await tesseractEngine()), options);
}

/**
 * The scanned pages of a PDF that has a text layer elsewhere (tables pasted in as pictures, a
 * page scanned into a born-digital report), read by the same page reader: their layouts go in
 * place of the empty ones, beside the text pages (parsers/formats/pdf.ts pdfPagesToIR). Null when
 * the page images are too coarse to read.
 */
export async function scannedPagesOfPdf(
  bytes: Uint8Array,
  pageNumbers: number[],
  options: ScanOptions = {},
): Promise<OcrPages | null> {
  const engine = options.engine ?? (await tesseractEngine());
  const pages = await withPdfFile(bytes, (input, work) =>
    rasterisePdf(input, work, options, pageNumbers.slice(0, MAX_SCAN_PAGES)),
  );
  if (pages === "too_coarse") return null;
  const numbers = pageNumbers.slice(0, pages.length);
  const square = pages.map(rectifyPhoto);
  const { layouts, cells } = await readScanPages(square, {
    ...options,
    engine,
    pageNumbers: numbers,
    title: numbers[0] === 1,
  });
  const photoPages = numbers.filter((_, i) => square[i] !== pages[i]);
  return {
    layouts,
    ocr: { engine: engine.name, pages: pages.length, cells, pageNumbers: numbers, ...photos(photoPages) },
  };
}

/** `photoPages` when some pages were photos put back square (OcrInfo.photoPages). */
export function photos(pageNumbers: number[]): { photoPages?: number[] } {
  return pageNumbers.length ? { photoPages: pageNumbers } : {};
}

/** Below this resolution digits are a few pixels tall: no reading would be certain. */
const MIN_OCR_DPI = 100;

function tooCoarse(): DocumentIR {
  return {
    format: "scan",
    blocks: [],
    notes: [
      {
        code: "document.scanned",
        message: `the document is a scan (图片版) below ${MIN_OCR_DPI} dpi, too coarse to read its figures by OCR`,
      },
    ],
  };
}

export async function imageToIR(bytes: Uint8Array, options: ScanOptions = {}): Promise<DocumentIR> {
  const engine = options.engine ?? (await tesseractEngine());
  let pages: GrayImage[];
  try {
    pages = await decodeImage(bytes);
  } catch (error) {
    throw new ParseError("corrupt", `the image cannot be decoded: ${(error as Error).message}`);
  }
  // A picture whose density is a tool's default is a photo or a saved picture, not a scanner's page.
  const unrecorded = pages.map((p) => p.dpi <= TOOL_DENSITY);
  pages = pages.map(sizeDpi);
  if (pages.some((p) => p.dpi < MIN_OCR_DPI)) return { ...tooCoarse(), format: "image" };
  return pagesToIR(pages.slice(0, MAX_SCAN_PAGES), "image", engine, options, unrecorded);
}

/** Densities cameras and image tools write by default (72, 96), which say nothing of a page's scale. */
const TOOL_DENSITY = 96;

/**
 * A page whose recorded density is a tool's default (a phone photo says 72 dpi whatever it holds)
 * takes its resolution from its size instead, as an image without one: its shorter side spans an
 * A4 page's width (8.27 in). A photo showing the desk around the page comes out a little finer
 * than it is (the margin counted as page), which the reader's inch-based lengths tolerate.
 */
function sizeDpi(page: GrayImage): GrayImage {
  if (page.dpi > TOOL_DENSITY) return page;
  const dpi = Math.round(Math.min(page.width, page.height) / 8.27);
  return dpi > page.dpi && dpi <= 1200 ? { ...page, dpi } : page;
}

async function pagesToIR(
  images: GrayImage[],
  format: DocumentFormat,
  engine: OcrEngine,
  options: ScanOptions,
  /** Pages known to be photos (or pictures) whatever their rules say. */
  photoLike: boolean[] = [],
): Promise<DocumentIR> {
  // Phone photos (rules converging, not square) are put back square first; scans are left as they are.
  const square = images.map((image) => {
    stopIfOutOfTime(options.signal);
    return rectifyPhoto(image);
  });
  const { layouts, cells } = await readScanPages(square, { ...options, engine });
  removePageChrome(layouts);
  const { blocks, title } = assembleBlocks(layouts);
  const ir: DocumentIR = {
    format,
    blocks,
    notes: [],
    ocr: {
      engine: engine.name,
      pages: images.length,
      cells,
      ...photos(square.flatMap((page, i) => (page !== images[i] || photoLike[i] ? [i + 1] : []))),
    },
  };
  if (title) ir.title = title;
  // Table 3's rows whose labels could not be read, named by their place when the read ones agree.
  placeRowsByPosition(ir);
  if (!blocks.some((b) => b.kind === "table"))
    ir.notes.push({
      code: "ocr.no_table",
      message: `no ruled table was found on the ${images.length} scanned pages`,
    });
  return ir;
}

/**
 * Every page (or the pages listed) as grey at the scan's own resolution (pdftoppm, colour kept to
 * drop red seals). `images`: the PDF's image list when the caller has it already.
 */
async function rasterisePdf(
  input: string,
  work: string,
  options: ScanOptions,
  only?: number[],
  images?: PdfImage[],
): Promise<GrayImage[] | "too_coarse"> {
  const native = await nativeDpi(input, options, only, images);
  if (native !== null && native < MIN_OCR_DPI) return "too_coarse";
  const dpi = Math.max(MIN_DPI, Math.min(MAX_DPI, native ?? DEFAULT_DPI));
  if (only) {
    const pages: GrayImage[] = [];
    for (const n of only) {
      const base = join(work, `page${n}`);
      await run(
        "pdftoppm",
        ["-r", String(dpi), "-f", String(n), "-l", String(n), "-singlefile", input, base],
        options,
      );
      pages.push(readPpm(await readFile(`${base}.ppm`), dpi));
    }
    return pages;
  }
  await run("pdftoppm", ["-r", String(dpi), "-l", String(MAX_SCAN_PAGES), input, join(work, "p")], options);
  const files = (await readdir(work))
    .filter((f) => f.endsWith(".ppm"))
    .sort((a, b) => Number(/(\d+)\.ppm$/.exec(a)![1]) - Number(/(\d+)\.ppm$/.exec(b)![1]));
  const pages: GrayImage[] = [];
  for (const file of files) pages.push(readPpm(await readFile(join(work, file)), dpi));
  return pages;
}

/** `work` on the PDF written to a file (`input`) in a directory of its own (`work`), removed after. */
async function withPdfFile<T>(
  bytes: Uint8Array,
  work: (input: string, dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "nianbao-scan-"));
  try {
    const input = join(dir, "in.pdf");
    await writeFile(input, bytes);
    return await work(input, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The resolution of the page images (pdfimages -list; of the pages listed in `only`, else of the
 * first three), or null when it cannot be told.
 */
async function nativeDpi(
  input: string,
  options: ScanOptions,
  only?: number[],
  images?: PdfImage[],
): Promise<number | null> {
  const range: [number, number] = only ? [Math.min(...only), Math.max(...only)] : [1, 3];
  const list = images ?? (await pdfImageList(input, options, range)) ?? [];
  const ppi = list
    .filter(({ page }) => (only ? only.includes(page) : page >= range[0] && page <= range[1]))
    .map(({ xppi }) => xppi)
    .filter((n) => Number.isFinite(n) && n > 0);
  return ppi.length === 0 ? null : Math.round(Math.max(...ppi));
}

function readPpm(buffer: Buffer, dpi: number): GrayImage {
  // P6 header: magic, width, height, maxval, separated by whitespace.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buffer.subarray(0, 64).toString("latin1"));
  if (!header) throw new ParseError("corrupt", "the rasterised page is not a PPM image");
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = buffer.subarray(header[0].length);
  return dropRed(pixels, width, height, 3, dpi);
}

function run(command: string, args: string[], options: ScanOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: 120_000, signal: options.signal, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as { code?: string }).code === "ENOENT")
          return reject(
            new ParseError(
              "converter_missing",
              `${command} was not found; install poppler-utils to read scanned PDFs`,
            ),
          );
        if (options.signal?.aborted)
          return reject(new ParseError("timeout", "OCR stopped: the document's time is up"));
        reject(
          new ParseError("converter_failed", `${command} failed: ${String(stderr).trim().split("\n").pop()}`),
        );
      },
    );
  });
}
