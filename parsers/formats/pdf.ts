import type { PDFDocumentProxy } from "pdfjs-dist/types/src/display/api.js";
import type { DocumentIR } from "../ir.js";
import { assembleBlocks } from "../pdf/assemble.js";
import { withPdfDocument } from "../pdf/open.js";
import { removePageChrome } from "../pdf/page-chrome.js";
import { layoutPage, type PageLayout } from "../pdf/page-layout.js";
import { readPageGeometry } from "../pdf/page.js";

/** A page with fewer visible characters than this and a large image is a scanned page. */
const SCANNED_PAGE_MAX_CHARS = 10;
const SCANNED_PAGE_MIN_IMAGE_COVERAGE = 0.3;

export interface PdfOptions {
  /** Budget for the document (default 30 s) … */
  timeoutMs?: number;
  /** … plus this much per page (default 1 s). */
  perPageMs?: number;
}

/**
 * Reads a born-digital PDF into the intermediate representation: ruled tables rebuilt as
 * grids (cells carry their page and box), other text as paragraphs, page furniture dropped.
 * A PDF without a text layer (a scan) gives no blocks and a "document.scanned" note.
 */
export async function pdfToIR(bytes: Uint8Array, options: PdfOptions = {}): Promise<DocumentIR> {
  return withPdfDocument(
    bytes,
    async (doc) => {
      const ir: DocumentIR = { format: "pdf", blocks: [], notes: [] };
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
        if (
          visibleChars < SCANNED_PAGE_MAX_CHARS &&
          geometry.imageCoverage >= SCANNED_PAGE_MIN_IMAGE_COVERAGE
        ) {
          scannedPages.push(number);
        } else if (geometry.imageCoverage >= 0.8 && geometry.segments.length === 0) {
          imageTextPages.push(number);
        }
        layouts.push(layoutPage(geometry));
      }
      if (scannedPages.length > 0 && scannedPages.length === pagesWithContent(layouts, scannedPages)) {
        ir.notes.push({
          code: "document.scanned",
          message: `the PDF is a scan (图片版): ${scannedPages.length} of ${doc.numPages} pages are images with no text layer; OCR is needed to read it`,
        });
        return ir;
      }
      if (scannedPages.length > 0) {
        ir.notes.push({
          code: "pdf.scanned_pages",
          message: `pages ${scannedPages.join(", ")} are images with no text layer; their content is not read`,
        });
      }
      removePageChrome(layouts);
      const { blocks, title } = assembleBlocks(layouts);
      ir.blocks = blocks;
      const documentTitle = title ?? (await metadataTitle(doc));
      if (documentTitle) ir.title = documentTitle;
      if (blocks.length === 0)
        ir.notes.push({ code: "pdf.no_text", message: "the PDF has no readable text" });
      if (imageTextPages.length > 0) {
        ir.notes.push({
          code: "pdf.text_over_image",
          message: `pages ${imageTextPages.join(", ")} are page-sized images carrying a text layer (an OCR'd scan?); figures read from them may hold OCR errors`,
        });
      }
      return ir;
    },
    options.timeoutMs,
    options.perPageMs,
  );
}

/**
 * The Info dictionary's Title, used only when no heading stands out on page 1 and only when it
 * names a report: producers often leave "Microsoft Word - 1.doc" or last year's title there.
 */
async function metadataTitle(doc: PDFDocumentProxy): Promise<string | undefined> {
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
