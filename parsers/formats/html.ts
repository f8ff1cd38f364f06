// HTML front-end (also MHTML, unwrapped first): bytes in any encoding → node tree (htmlparser2: linear-time and
// forgiving with the broken markup portals serve) → IR blocks. The report's content images, when
// their bytes come with the document (or as data: URIs), are read by OCR where they stand.
import { MAX_DOCUMENT_RESOURCES, type DocumentResource } from "../../src/model/resources.js";
import type { DocumentIR } from "../ir.js";
import { decodeText } from "../encoding.js";
import { ParseError } from "../errors.js";
import { extractMhtmlImages, extractMhtmlPage, mhtmlBoundary } from "../html/mhtml.js";
import { readBlocks } from "../html/blocks.js";
import { reportImages } from "../html/images.js";
import { limitNesting } from "../html/nesting.js";
import { missingReportTables } from "../html/report-tables.js";
import { chooseTitle } from "../html/title.js";
import { parseHtmlDocument, parseHtmlTree } from "../html/tree.js";

export interface HtmlOptions {
  /** A charset declared outside the bytes (the HTTP Content-Type header). */
  declaredCharset?: string;
  /** The images the page shows, handed with it (parsing never fetches them). */
  resources?: DocumentResource[];
  /** Aborts the OCR of the page's images (the document's deadline). */
  signal?: AbortSignal;
}

/** Reads a html document into the intermediate representation. */
export async function htmlToIR(bytes: Uint8Array, options: HtmlOptions = {}): Promise<DocumentIR> {
  const text = pageText(bytes, options.declaredCharset);
  // An MHTML file carries its page's images inside: they come with it as the handed ones do.
  const carried = mhtmlResources(bytes);
  const resources = [...carried, ...(options.resources ?? [])];
  // Images are looked for only when some could be read: a page without them reads as it always did.
  if (resources.length > 0 || text.includes("data:image/")) {
    const { htmlWithImagesToIR } = await import("./html-images.js");
    return htmlWithImagesToIR(text, { ...options, resources });
  }
  return htmlStringToIR(text);
}

/**
 * The images inside an MHTML message, as resources under every name the page may use for them:
 * the saved URL or path (Content-Location), its file name relative to a "_files" folder as Word
 * writes it, and "cid:" + Content-ID.
 */
function mhtmlResources(bytes: Uint8Array): DocumentResource[] {
  const boundary = mhtmlBoundary(bytes);
  if (!boundary) return [];
  const resources: DocumentResource[] = [];
  for (const image of extractMhtmlImages(bytes, boundary, MAX_DOCUMENT_RESOURCES)) {
    const names = new Set<string>();
    if (image.contentId) names.add(`cid:${image.contentId}`);
    if (image.location) {
      names.add(image.location);
      // file:///C:/…/report.files/image001.png is written "report.files/image001.png" in the page.
      const local = /([^/\\]+[._]files[/\\][^/\\]+)$/i.exec(image.location)?.[1];
      if (local) names.add(local.replace(/\\/g, "/"));
    }
    for (const ref of names)
      resources.push({ ref, url: image.location ?? ref, bytes: image.bytes, contentType: image.contentType });
  }
  return resources;
}

/** Reads already-decoded HTML (also used for HTML produced by other converters, e.g. DOCX → HTML). */
export function htmlStringToIR(html: string): DocumentIR {
  const { root, tables } = parseHtmlDocument(limitNesting(html));
  const { blocks, notes, titles } = readBlocks(root, undefined, tables);
  const title = chooseTitle(titles);
  return { format: "html", ...(title ? { title } : {}), blocks, notes };
}

export interface ImageRefOptions {
  /** A charset declared outside the bytes (the HTTP Content-Type header). */
  declaredCharset?: string;
  /**
   * None when the page's text already holds all the report's tables (parsers/html/report-tables.ts:
   * the parser would not read the pictures, so a crawler need not fetch them).
   */
  onlyWhenNeeded?: boolean;
}

/**
 * The references (`src`) of the report's content images, in document order, data: URIs left out:
 * what a crawler fetches with the page and `nianbao parse` looks for beside the file.
 */
export function reportImageRefs(bytes: Uint8Array, options: ImageRefOptions = {}): string[] {
  // Most pages show no image at all: they are not decoded a second time to find that out.
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!raw.includes("<img") && !raw.includes("<IMG") && !mhtmlBoundary(bytes)) return [];
  const text = pageText(bytes, options.declaredCharset);
  if (!/<img\b/i.test(text)) return [];
  const root = parseHtmlTree(limitNesting(text));
  const refs = reportImages(root).map((image) => image.ref);
  if (refs.length === 0 || (options.onlyWhenNeeded && missingReportTables(root).length === 0)) return [];
  return [...new Set(refs.filter((ref) => !/^data:/i.test(ref)))];
}

/** The page's text: MHTML unwrapped, decoded by the declared charset or the page's own evidence. */
function pageText(bytes: Uint8Array, declaredCharset: string | undefined): string {
  let page = bytes;
  let declared = declaredCharset;
  const boundary = mhtmlBoundary(bytes);
  if (boundary) {
    const inner = extractMhtmlPage(bytes, boundary);
    if (!inner)
      throw new ParseError("unsupported_format", "unsupported format: an MHTML file without an HTML page");
    [page, declared] = [inner.bytes, inner.charset ?? declared];
  }
  return decodeText(page, { html: true, declared }).text;
}
