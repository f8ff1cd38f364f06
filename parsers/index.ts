// Entry point of parsing: bytes → format (by content) → DocumentIR → template figures.
import { readFile } from "node:fs/promises";
import type { ParseResult } from "../src/model/contract.js";
import type { DocumentFormat, DocumentIR } from "./ir.js";
import { ParseError } from "./errors.js";
import { sniffFormat } from "./sniff.js";
import { recognize } from "./template/recognize.js";

export { ParseError } from "./errors.js";
export { sniffFormat } from "./sniff.js";

/** Larger inputs are refused: no real report comes close, and the DOM of a bigger page eats gigabytes. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

export interface ParseOptions {
  /** The file name or URL, used only in messages (never to pick the format). */
  name?: string;
  /** A charset declared outside the bytes (HTTP Content-Type), a hint for HTML and text. */
  declaredCharset?: string;
}

/** Front-ends are loaded on first use, so parsing a text file never loads pdf.js or cheerio. */
const FRONT_ENDS: Record<DocumentFormat, (bytes: Uint8Array, options: ParseOptions) => Promise<DocumentIR>> =
  {
    html: async (bytes, options) =>
      (await import("./formats/html.js")).htmlToIR(bytes, { declaredCharset: options.declaredCharset }),
    text: async (bytes) => (await import("./formats/text.js")).textToIR(bytes),
    markdown: async (bytes) => (await import("./formats/markdown.js")).markdownToIR(bytes),
    pdf: async (bytes) => (await import("./formats/pdf.js")).pdfToIR(bytes),
    docx: async (bytes) => (await import("./formats/docx.js")).docxToIR(bytes),
    doc: async (bytes) => (await import("./formats/ole.js")).oleToIR(bytes),
  };

/** Reads a document into the intermediate representation (format sniffed from the bytes). */
export async function readDocument(bytes: Uint8Array, options: ParseOptions = {}): Promise<DocumentIR> {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    const megabytes = (bytes.length / 1024 / 1024).toFixed(1);
    throw new ParseError(
      "too_large",
      `the document is ${megabytes} MB; the limit is ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
    );
  }
  const format = sniffFormat(bytes);
  return FRONT_ENDS[format](bytes, options);
}

/** Parses one report document. Throws ParseError for input that cannot be read at all. */
export async function parseDocument(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParseResult> {
  const ir = await readDocument(bytes, options);
  return { ...(await recognize(ir)), format: ir.format };
}

/** Reads and parses a file. File-system errors (ENOENT, EISDIR…) are thrown as they are. */
export async function parseFile(path: string, options: ParseOptions = {}): Promise<ParseResult> {
  return parseDocument(await readFile(path), { name: path, ...options });
}
