import type { DocumentIR } from "../ir.js";
import { assembleBlocks } from "../pdf/assemble.js";
import { Doubt } from "../pdf/fast/objects.js";
import { openFastDocument } from "../pdf/fast/reader.js";
import { ParseError } from "../errors.js";
import { DEFAULT_PDF_PER_PAGE_MS, DEFAULT_PDF_TIMEOUT_MS, withPdfDocument } from "../pdf/open.js";
import { removePageChrome } from "../pdf/page-chrome.js";
import { layoutPage, type PageLayout } from "../pdf/page-layout.js";
import { readPageGeometry, type PageSource } from "../pdf/page.js";
import { checkStreamBounds } from "../pdf/stream-bounds.js";

/** A page with fewer visible characters than this and a large image is a scanned page. */
const SCANNED_PAGE_MAX_CHARS = 10;
const SCANNED_PAGE_MIN_IMAGE_COVERAGE = 0.3;

export interface PdfOptions {
  /** Budget for the document (default 30 s) … */
  timeoutMs?: number;
  /** … plus this much per page (default 1 s). */
  perPageMs?: number;
  /** false: always read with pdf.js, never with the fast reader (for comparing the two). */
  fast?: boolean;
}

/** What pdf.js read of each page, before the pages are assembled into blocks. */
export interface PdfPages {
  layouts: PageLayout[];
  /** Pages that are images with no text layer. */
  scannedPages: number[];
  /** Page-sized images carrying a text layer. */
  imageTextPages: number[];
  numPages: number;
  /** True when every page with content is a scanned page (a scan, 图片版). */
  scanned: boolean;
  /** The Info dictionary's title when it names a report (used only when no heading stands out). */
  metadataTitle?: string;
}

/** Scanned pages read by OCR (parsers/ocr), put in place of their empty layouts. */
export interface OcrPages {
  layouts: PageLayout[];
  ocr: NonNullable<DocumentIR["ocr"]>;
}

/**
 * Reads a born-digital PDF into the intermediate representation: ruled tables rebuilt as
 * grids (cells carry their page and box), other text as paragraphs, page furniture dropped.
 * A PDF without a text layer (a scan) gives no blocks and a "document.scanned" note.
 */
export async function pdfToIR(bytes: Uint8Array, options: PdfOptions = {}): Promise<DocumentIR> {
  return pdfPagesToIR(await readPdfPages(bytes, options));
}

/**
 * Reads every page's layout and tells the scanned pages (images without text) apart. Born-digital
 * PDFs of the class the fast reader fully understands (parsers/pdf/fast) are read by it; any
 * doubt, at any point, and the whole document is read by pdf.js instead.
 */
export async function readPdfPages(bytes: Uint8Array, options: PdfOptions = {}): Promise<PdfPages> {
  if (options.fast !== false) {
    const fast = await readFast(bytes, options);
    if (fast) return fast;
  }
  return withPdfDocument(bytes, (doc) => readPages(doc), options.timeoutMs, options.perPageMs);
}

/** The document as the page reader needs it: pdf.js's PDFDocumentProxy or the fast reader's. */
interface DocumentSource {
  numPages: number;
  getPage(number: number): Promise<PageSource & { cleanup(): void }>;
  getMetadata(): Promise<{ info: object } | null>;
}

/**
 * The same budget as pdf.js's (parsers/pdf/open.ts): the document's time plus a second per page,
 * checked after each page (a page is bounded: reader.ts leaves huge ones to pdf.js).
 */
async function readFast(bytes: Uint8Array, options: PdfOptions): Promise<PdfPages | null> {
  checkStreamBounds(bytes);
  const start = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
  const perPageMs = options.perPageMs ?? DEFAULT_PDF_PER_PAGE_MS;
  try {
    const doc = openFastDocument(bytes);
    if (!doc) return null;
    const budget = timeoutMs + perPageMs * doc.numPages;
    return await readPages(doc, () => {
      if (performance.now() - start > budget)
        throw new ParseError("timeout", `PDF took longer than ${budget} ms to read`);
    });
  } catch (error) {
    if (error instanceof Doubt) return null;
    throw error;
  }
}

async function readPages(doc: DocumentSource, checkTime: () => void = () => undefined): Promise<PdfPages> {
  const layouts: PageLayout[] = [];
  const scannedPages: number[] = [];
  const imageTextPages: number[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    // After three scanned pages in a row, text-less pages are scans too: skip decoding their images.
    const scanSoFar = number > 3 && scannedPages.length === number - 1;
    const geometry = await readPageGeometry(page, scanSoFar);
    page.cleanup();
    const visibleChars = geometry.runs.reduce((sum, run) => sum + run.text.replace(/\s/g, "").length, 0);
    if (visibleChars < SCANNED_PAGE_MAX_CHARS && geometry.imageCoverage >= SCANNED_PAGE_MIN_IMAGE_COVERAGE) {
      scannedPages.push(number);
    } else if (geometry.imageCoverage >= 0.8 && geometry.segments.length === 0) {
      imageTextPages.push(number);
    }
    layouts.push(layoutPage(geometry));
    checkTime();
  }
  const scanned = scannedPages.length > 0 && scannedPages.length === pagesWithContent(layouts, scannedPages);
  const pages: PdfPages = { layouts, scannedPages, imageTextPages, numPages: doc.numPages, scanned };
  if (!scanned) {
    const title = await metadataTitle(doc);
    if (title) pages.metadataTitle = title;
  }
  return pages;
}

/**
 * Assembles the pages into blocks. With `ocrPages`, the scanned pages' layouts are those OCR read,
 * assembled beside the text pages in page order (a table continued from a text page onto an image
 * page is one table); without, the scanned pages are reported as not read.
 */
export function pdfPagesToIR(pages: PdfPages, ocrPages?: OcrPages): DocumentIR {
  const ir: DocumentIR = { format: "pdf", blocks: [], notes: [] };
  const { scannedPages, imageTextPages } = pages;
  if (pages.scanned) {
    ir.notes.push({
      code: "document.scanned",
      message: `the PDF is a scan (图片版): ${scannedPages.length} of ${pages.numPages} pages are images with no text layer; OCR is needed to read it`,
    });
    return ir;
  }
  let layouts = pages.layouts;
  if (scannedPages.length > 0 && ocrPages) {
    const read = new Map(ocrPages.layouts.map((layout) => [layout.page, layout]));
    layouts = layouts.map((layout) => read.get(layout.page) ?? layout);
    ir.ocr = ocrPages.ocr;
    ir.notes.push({
      code: "pdf.scanned_pages",
      message: `pages ${scannedPages.join(", ")} are images with no text layer; their tables were read by OCR`,
    });
  } else if (scannedPages.length > 0) {
    ir.notes.push({
      code: "pdf.scanned_pages",
      message: `pages ${scannedPages.join(", ")} are images with no text layer; their content is not read`,
    });
  }
  removePageChrome(layouts);
  const { blocks, title } = assembleBlocks(layouts);
  ir.blocks = blocks;
  const documentTitle = title ?? pages.metadataTitle;
  if (documentTitle) ir.title = documentTitle;
  if (blocks.length === 0) ir.notes.push({ code: "pdf.no_text", message: "the PDF has no readable text" });
  if (imageTextPages.length > 0) {
    ir.notes.push({
      code: "pdf.text_over_image",
      message: `pages ${imageTextPages.join(", ")} are page-sized images carrying a text layer (an OCR'd scan?); figures read from them may hold OCR errors`,
    });
  }
  return ir;
}

/**
 * The Info dictionary's Title, used only when no heading stands out on page 1 and only when it
 * names a report: producers often leave "Microsoft Word - 1.doc" or last year's title there.
 */
async function metadataTitle(doc: DocumentSource): Promise<string | undefined> {
  const metadata = await doc.getMetadata().catch(() => null);
  const title = (metadata?.info as { Title?: unknown } | undefined)?.Title;
  if (typeof title !== "string") return undefined;
  const clean = title
    .replace(/^Microsoft Word\s*-\s*/i, "")
    .replace(/\.(docx?|wps|pdf)$/i, "")
    .trim();
  return /年度?报告|年报/.test(clean) ? clean : undefined;
}

/** Pages that hold anything: text items or a scanned image. */
function pagesWithContent(layouts: PageLayout[], scannedPages: number[]): number {
  return layouts.filter((layout) => layout.items.length > 0 || scannedPages.includes(layout.page)).length;
}
