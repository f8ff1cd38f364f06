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

type FrontEnd = (bytes: Uint8Array, options: ParseOptions) => Promise<DocumentIR>;

/** Front-ends are loaded on first use, so parsing a text file never loads pdf.js or cheerio. */
const FRONT_END_LOADERS: Record<DocumentFormat, () => Promise<FrontEnd>> = {
  html: async () => {
    const { htmlToIR } = await import("./formats/html.js");
    return (bytes, options) => htmlToIR(bytes, { declaredCharset: options.declaredCharset });
  },
  text: async () => (await import("./formats/text.js")).textToIR,
  markdown: async () => (await import("./formats/markdown.js")).markdownToIR,
  pdf: async () => {
    const { pdfToIR } = await import("./formats/pdf.js");
    return (bytes) => pdfToIR(bytes);
  },
  docx: async () => (await import("./formats/docx.js")).docxToIR,
  doc: async () => {
    const { oleToIR } = await import("./formats/ole.js");
    return (bytes) => oleToIR(bytes);
  },
};

/** Loaded front-ends: `import()` is resolved once per format (under a loader hook it is not free). */
const frontEnds = new Map<DocumentFormat, Promise<FrontEnd>>();

function frontEnd(format: DocumentFormat): Promise<FrontEnd> {
  let loaded = frontEnds.get(format);
  if (!loaded) {
    loaded = FRONT_END_LOADERS[format]();
    loaded.catch(() => frontEnds.delete(format));
    frontEnds.set(format, loaded);
  }
  return loaded;
}

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
  return (await frontEnd(format))(bytes, options);
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
