import type { DocumentIR } from "../ir.js";
import { ParseError } from "../errors.js";
import { readOfdPackage } from "../ofd/package.js";
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
export async function ofdToIR(
  bytes: Uint8Array,
  options: { timeoutMs?: number; perPageMs?: number } = {},
): Promise<DocumentIR> {
  const start = performance.now();
  const ofd = readOfdPackage(bytes);
  const budget = (options.timeoutMs ?? TIMEOUT_MS) + (options.perPageMs ?? PER_PAGE_MS) * ofd.pages.length;
  const layouts: PageLayout[] = [];
  const scanned: number[] = [];
  for (const [index, page] of ofd.pages.entries()) {
    const geometry = readOfdPage(page.contents, page.box, index + 1);
    const chars = geometry.runs.reduce((sum, run) => sum + run.text.replace(/\s/g, "").length, 0);
    if (chars < SCANNED_PAGE_MAX_CHARS && geometry.imageCoverage >= SCANNED_PAGE_MIN_IMAGE_COVERAGE)
      scanned.push(index + 1);
    layouts.push(layoutPage(geometry));
    if (performance.now() - start > budget)
      throw new ParseError("timeout", `OFD took longer than ${budget} ms to read`);
  }
  const ir: DocumentIR = { format: "ofd", blocks: [], notes: [] };
  if (scanned.length > 0) {
    ir.notes.push({
      code: scanned.length === ofd.pages.length ? "document.scanned" : "ofd.scanned_pages",
      message: `pages ${scanned.join(", ")} of the OFD are images with no text; their content is not read (OCR of OFD page images is not implemented)`,
    });
  }
  removePageChrome(layouts);
  const { blocks, title } = assembleBlocks(layouts);
  ir.blocks = blocks;
  const documentTitle = title ?? (ofd.title && REPORT_WORDS.test(ofd.title) ? ofd.title : undefined);
  if (documentTitle) ir.title = documentTitle;
  if (blocks.length === 0) ir.notes.push({ code: "ofd.no_text", message: "the OFD has no readable text" });
  return ir;
}
