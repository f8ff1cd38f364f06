// Entry point of parsing: bytes → format (by content) → DocumentIR → template figures.
import type { ParseResult } from "../src/model/contract.js";
import type { DocumentResource } from "../src/model/resources.js";
import type { DocumentFormat, DocumentIR } from "./ir.js";
import { MAX_DOCUMENT_BYTES, readDocumentFile, tooLargeError } from "./read.js";
import { sniffFormat } from "./sniff.js";
import { recognize } from "./template/recognize.js";
import { markWitnesses } from "./template/witness.js";

export { ParseError } from "./errors.js";
export { sniffFormat } from "./sniff.js";
export { MAX_DOCUMENT_BYTES, InputFileError, readDocumentFile } from "./read.js";

/** The report's content images of an HTML page (their `src`), for whoever hands them to the parser. */
export async function reportImageRefs(
  bytes: Uint8Array,
  options: { declaredCharset?: string } = {},
): Promise<string[]> {
  // Most documents show no image: they are not sniffed or decoded to find that out (MHTML may hide one).
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mhtml = /multipart\/related/i.test(raw.subarray(0, 4096).toString("latin1"));
  if (!raw.includes("<img") && !raw.includes("<IMG") && !mhtml) return [];
  let format: DocumentFormat;
  try {
    format = sniffFormat(bytes);
  } catch {
    return [];
  }
  if (format !== "html") return [];
  return (await import("./formats/html.js")).reportImageRefs(bytes, options);
}

export interface ParseOptions {
  /** The file name or URL, used only in messages (never to pick the format). */
  name?: string;
  /** A charset declared outside the bytes (HTTP Content-Type), a hint for HTML and text. */
  declaredCharset?: string;
  /**
   * When the parse must be over (Date.now() milliseconds; the parse pool's per-document deadline).
   * Slow readers (OCR) stop their engines then instead of running on after the worker is replaced.
   */
  deadline?: number;
  /** Aborts slow readers (OCR); made from `deadline` when absent. */
  signal?: AbortSignal;
  /**
   * Files the document shows but does not contain (an HTML report's images), handed with it:
   * parsing never fetches. The HTML front-end reads the report's images among them by OCR.
   */
  resources?: DocumentResource[];
}

/**
 * Tighter limits for the formats whose cost grows fastest with size. Measured on dense hostile
 * inputs (`nianbao parse`, peak RSS): 1.9 MB of "1 2 3" lines 2.5 s and 730 MB; a 9 MB HTML table
 * of 200,000 rows 2.7 s and 640 MB; a 20 MB page of paragraphs 2 s and 330 MB. A real report is
 * 10–300 KB in these formats (portal pages with their chrome up to 1–2 MB): the limits are far
 * above any report and keep one document's cost to seconds and at most about a gigabyte.
 */
export const FORMAT_MAX_BYTES: Partial<Record<DocumentFormat, number>> = {
  text: 2 * 1024 * 1024,
  markdown: 2 * 1024 * 1024,
  html: 24 * 1024 * 1024,
};

type FrontEnd = (bytes: Uint8Array, options: ParseOptions) => Promise<DocumentIR>;

/** Front-ends are loaded on first use, so parsing a text file never loads pdf.js or cheerio. */
const FRONT_END_LOADERS: Record<DocumentFormat, () => Promise<FrontEnd>> = {
  html: async () => {
    const { htmlToIR } = await import("./formats/html.js");
    return (bytes, options) =>
      htmlToIR(bytes, {
        declaredCharset: options.declaredCharset,
        ...(options.resources?.length ? { resources: options.resources, ...ocrOptions(options) } : {}),
      });
  },
  text: async () => (await import("./formats/text.js")).textToIR,
  markdown: async () => (await import("./formats/markdown.js")).markdownToIR,
  pdf: async () => {
    const { mayBeImageOnly } = await import("./ocr/image-only-pdf.js");
    let pdfjsFrontEnd: Promise<typeof import("./formats/pdf.js")> | undefined;
    return async (bytes, options) => {
      // A scan through and through (no text shown by any stream, every page covered by images) is
      // read by OCR without pdf.js, which would decode its page images only to find them
      // (ocr/image-only-pdf.ts); a PDF that cannot be settled so goes the usual way below.
      if (mayBeImageOnly(bytes)) {
        const { imageOnlyPdfToIR, ocrAvailable } = await import("./ocr/index.js");
        if (await ocrAvailable()) {
          (await import("./pdf/stream-bounds.js")).checkStreamBounds(bytes);
          const ir = await imageOnlyPdfToIR(bytes, ocrOptions(options));
          if (ir) return ir;
        }
      }
      const { readPdfPages, pdfPagesToIR } = await (pdfjsFrontEnd ??= import("./formats/pdf.js"));
      const pages = await readPdfPages(bytes);
      if (pages.scannedPages.length === 0) return pdfPagesToIR(pages);
      // A scan (图片版), or a PDF whose tables alone are images: read by OCR when the engine is
      // installed, else reported as before.
      const { scannedPdfToIR, scannedPagesOfPdf, ocrAvailable } = await import("./ocr/index.js");
      if (!(await ocrAvailable())) return pdfPagesToIR(pages);
      if (pages.scanned) return scannedPdfToIR(bytes, ocrOptions(options));
      // The text pages are read whatever becomes of the image pages' OCR (out of time, an engine
      // failure): a born-digital report never loses its figures to a scanned appendix.
      let read: Awaited<ReturnType<typeof scannedPagesOfPdf>> = null;
      let failure: string | null = null;
      try {
        read = await scannedPagesOfPdf(bytes, pages.scannedPages, ocrOptions(options));
      } catch (error) {
        if (options.signal?.aborted) throw error;
        failure = error instanceof Error ? error.message : String(error);
      }
      const ir = pdfPagesToIR(pages, read ?? undefined);
      if (failure !== null)
        ir.notes.push({
          code: "ocr.failed",
          message: `OCR of the image pages did not finish (${failure}); only the text pages are read`,
        });
      return ir;
    };
  },
  scan: async () => {
    const { scannedPdfToIR } = await import("./ocr/index.js");
    return (bytes, options) => scannedPdfToIR(bytes, ocrOptions(options));
  },
  image: async () => {
    const { imageToIR } = await import("./ocr/index.js");
    return (bytes, options) => imageToIR(bytes, ocrOptions(options));
  },
  docx: async () => (await import("./formats/docx.js")).docxToIR,
  doc: async () => {
    const { oleToIR } = await import("./formats/ole.js");
    return (bytes) => oleToIR(bytes);
  },
  odt: async () => {
    const { odtToIR } = await import("./formats/odt.js");
    return (bytes) => odtToIR(bytes);
  },
  xlsx: async () => {
    const { xlsxToIR } = await import("./formats/xlsx.js");
    return (bytes) => xlsxToIR(bytes);
  },
  xls: async () => {
    const { xlsToIR } = await import("./formats/xlsx.js");
    return (bytes) => xlsToIR(bytes);
  },
  rtf: async () => {
    const { rtfToIR } = await import("./formats/rtf.js");
    return (bytes) => rtfToIR(bytes);
  },
  ofd: async () => {
    const { ofdToIR } = await import("./formats/ofd.js");
    return (bytes, options) => ofdToIR(bytes, ocrOptions(options));
  },
};

/** OCR's own budget for one document when the caller sets no deadline. */
const OCR_BUDGET_MS = 120_000;

function ocrOptions(options: ParseOptions): { signal: AbortSignal } {
  const left = options.deadline === undefined ? OCR_BUDGET_MS : Math.max(0, options.deadline - Date.now());
  const timeout = AbortSignal.timeout(Math.min(left, OCR_BUDGET_MS));
  return { signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout };
}

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
  if (bytes.length > MAX_DOCUMENT_BYTES) throw tooLargeError(bytes.length, MAX_DOCUMENT_BYTES);
  const format = sniffFormat(bytes);
  const limit = FORMAT_MAX_BYTES[format];
  if (limit !== undefined && bytes.length > limit) throw tooLargeError(bytes.length, limit);
  return (await frontEnd(format))(bytes, options);
}

/** Parses one report document. Throws ParseError for input that cannot be read at all. */
export async function parseDocument(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParseResult> {
  const ir = await readDocument(bytes, options);
  const result = await recognize(ir); // carries ir.format
  if (!ir.ocr) return result;
  const { verifyOcrFigures } = await import("./ocr/index.js");
  const verified = verifyOcrFigures(result, ir);
  // OCR verification changes and drops figures: their witnesses are taken again on the final figures.
  if (verified.template) markWitnesses(verified.template, verified.values, (verified.sources ??= {}));
  return verified;
}

/**
 * Reads and parses a file, read with the bounds of readDocumentFile (InputFileError for a path that
 * is missing or not a regular file).
 */
export async function parseFile(path: string, options: ParseOptions = {}): Promise<ParseResult> {
  return parseDocument(await readDocumentFile(path), { name: path, ...options });
}
