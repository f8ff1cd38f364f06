// HTML front-end (also MHTML, unwrapped first): bytes in any encoding → node tree (htmlparser2: linear-time and
// forgiving with the broken markup portals serve) → IR blocks.
import type { DocumentIR } from "../ir.js";
import { decodeText } from "../encoding.js";
import { ParseError } from "../errors.js";
import { extractMhtmlPage, mhtmlBoundary } from "../html/mhtml.js";
import { readBlocks } from "../html/blocks.js";
import { limitNesting } from "../html/nesting.js";
import { chooseTitle } from "../html/title.js";
import { parseHtmlTree } from "../html/tree.js";

export interface HtmlOptions {
  /** A charset declared outside the bytes (the HTTP Content-Type header). */
  declaredCharset?: string;
}

/** Reads a html document into the intermediate representation. */
export async function htmlToIR(bytes: Uint8Array, options: HtmlOptions = {}): Promise<DocumentIR> {
  let page = bytes;
  let declared = options.declaredCharset;
  const boundary = mhtmlBoundary(bytes);
  if (boundary) {
    const inner = extractMhtmlPage(bytes, boundary);
    if (!inner)
      throw new ParseError("unsupported_format", "unsupported format: an MHTML file without an HTML page");
    [page, declared] = [inner.bytes, inner.charset ?? declared];
  }
  const { text } = decodeText(page, { html: true, declared });
  return htmlStringToIR(text);
}

/** Reads already-decoded HTML (also used for HTML produced by other converters, e.g. DOCX → HTML). */
export function htmlStringToIR(html: string): DocumentIR {
  const root = parseHtmlTree(limitNesting(html));
  const { blocks, notes, titles } = readBlocks(root);
  const title = chooseTitle(titles);
  return { format: "html", ...(title ? { title } : {}), blocks, notes };
}
