import type { DocumentIR } from "../ir.js";
import { ParseError } from "../errors.js";
import { readOfdFiles, readOfdPackage } from "../ofd/package.js";
import { readOfdPage } from "../ofd/page.js";
import { assembleBlocks } from "../pdf/assemble.js";
import { removePageChrome } from "../pdf/page-chrome.js";
import { layoutPage, type PageLayout } from "../pdf/page-layout.js";

/** The same budget as a PDF's (parsers/pdf/open.ts): 30 s for the document plus 1 s per page. */
const TIMEOUT_MS = 30_000;
const PER_PAGE_MS = 1_000;
/** As for PDF (parsers/formats/pdf.ts): a page with almost no text under a large image is a scan. */
const SCANNED_PAGE_MAX_CHARS = 10;
const SCANNED_PAGE_MIN_IMAGE_COVERAGE = 0.3;
const REPORT_WORDS = /年度?报告|年报/;

/**
 * Reads an OFD (GB/T 33190, the national fixed-layout format Fujian's portals publish) into the IR:
 * each page's text objects and path rules become the PDF front-end's page geometry, and the same
 * layout code (parsers/pdf) rebuilds ruled and aligned tables, paragraphs and page continuations.
 */
export interface OfdOptions {
  timeoutMs?: number;
  perPageMs?: number;
  /** Stops OCR of scanned pages (the parse's deadline); OCR runs only when given. */
  signal?: AbortSignal;
}

export async function ofdToIR(bytes: Uint8Array, options: OfdOptions = {}): Promise<DocumentIR> {
  const start = performance.now();
  const ofd = readOfdPackage(bytes);
  const budget = (options.timeoutMs ?? TIMEOUT_MS) + (options.perPageMs ?? PER_PAGE_MS) * ofd.pages.length;
  const layouts: PageLayout[] = [];
  const scanned: number[] = [];
  /** The page image of each scanned page (its largest image's package path). */
  const pageImages = new Map<number, string>();
  /** Page-sized images under a text layer (a "double-layer" OFD: a scan with OCR text on it). */
  const imageTextPages: number[] = [];
  for (const [index, page] of ofd.pages.entries()) {
    const geometry = readOfdPage(page.contents, page.box, index + 1);
    const chars = geometry.runs.reduce((sum, run) => sum + run.text.replace(/\s/g, "").length, 0);
    if (chars < SCANNED_PAGE_MAX_CHARS && geometry.imageCoverage >= SCANNED_PAGE_MIN_IMAGE_COVERAGE) {
      scanned.push(index + 1);
      const largest = [...geometry.images].sort((a, b) => b.coverage - a.coverage)[0];
      const path = largest && page.media.get(largest.resource);
      if (path) pageImages.set(index + 1, path);
    } else if (geometry.imageCoverage >= 0.8 && geometry.segments.length === 0) {
      imageTextPages.push(index + 1);
    }
    layouts.push(layoutPage(geometry));
    if (performance.now() - start > budget)
      throw new ParseError("timeout", `OFD took longer than ${budget} ms to read`);
  }
  const ir: DocumentIR = { format: "ofd", blocks: [], notes: [] };
  const read =
    scanned.length > 0 && options.signal
      ? await ocrPages(bytes, pageImages, layouts, ir, options.signal)
      : [];
  const unread = scanned.filter((page) => !read.includes(page));
  if (unread.length > 0) {
    ir.notes.push({
      code: unread.length === ofd.pages.length ? "document.scanned" : "ofd.scanned_pages",
      message: `pages ${unread.join(", ")} of the OFD are images with no text; their content is not read${options.signal ? "" : " (OCR is needed)"}`,
    });
  }
  removePageChrome(layouts);
  const { blocks, title } = assembleBlocks(layouts);
  ir.blocks = blocks;
  const documentTitle = title ?? (ofd.title && REPORT_WORDS.test(ofd.title) ? ofd.title : undefined);
  if (documentTitle) ir.title = documentTitle;
  if (blocks.length === 0) ir.notes.push({ code: "ofd.no_text", message: "the OFD has no readable text" });
  if (imageTextPages.length > 0) {
    ir.notes.push({
      code: "ofd.text_over_image",
      message: `pages ${imageTextPages.join(", ")} are page-sized images carrying a text layer (a scan with OCR text, 双层OFD?); figures read from them may hold OCR errors`,
    });
  }
  return ir;
}

/**
 * Reads scanned pages' images by OCR (parsers/ocr, as an HTML report's images) and puts their
 * layouts in place of the empty ones, renumbered to the OFD's pages. Returns the pages read.
 */
async function ocrPages(
  bytes: Uint8Array,
  pageImages: Map<number, string>,
  layouts: PageLayout[],
  ir: DocumentIR,
  signal: AbortSignal,
): Promise<number[]> {
  const { ocrAvailable, readImagePages } = await import("../ocr/index.js");
  if (pageImages.size === 0 || !(await ocrAvailable())) return [];
  const numbers = [...pageImages.keys()];
  const files = readOfdFiles(bytes, [...pageImages.values()]);
  const images = numbers.map((n) => files.get(pageImages.get(n)!.toLowerCase()) ?? new Uint8Array());
  let pages: Awaited<ReturnType<typeof readImagePages>>;
  try {
    pages = await readImagePages(images, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    ir.notes.push({ code: "ocr.failed", message: `OCR of the OFD's page images did not finish (${reason})` });
    return [];
  }
  const pageOf = (picture: number) => numbers[picture - 1]!;
  for (const { index, reason, quiet } of pages.unread)
    if (!quiet)
      ir.notes.push({
        code: "ofd.image_unread",
        message: `the image of page ${numbers[index]} is not read: ${reason}`,
      });
  const read: number[] = [];
  for (const layout of pages.layouts) {
    const page = pageOf(layout.page);
    layouts[page - 1] = { ...layout, page };
    read.push(page);
  }
  if (read.length === 0) return [];
  ir.ocr = {
    ...pages.ocr,
    cells: pages.ocr.cells.map((cell) => ({ ...cell, page: pageOf(cell.page) })),
    pageNumbers: read,
    ...(pages.ocr.photoPages ? { photoPages: pages.ocr.photoPages.map(pageOf) } : {}),
  };
  ir.notes.push({
    code: "ofd.scanned_pages_read",
    message: `pages ${read.join(", ")} are images; their tables were read by OCR`,
  });
  return read;
}
