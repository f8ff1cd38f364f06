// Opens a PDF with pdf.js (legacy build: the modern one needs browser globals) and turns its
// failures into ParseErrors: a password → "encrypted", a broken file → "corrupt", a file that
// takes too long → "timeout". The caller gets the document plus a guaranteed cleanup.
import { createRequire } from "node:module";
import type { PDFDocumentProxy } from "pdfjs-dist/types/src/display/api.js";
import { ParseError } from "../errors.js";
import { pdfjs } from "./pdfjs.js";
import { inProcessWorker } from "./port.js";
import { checkStreamBounds } from "./stream-bounds.js";

const packageDir = createRequire(import.meta.url)
  .resolve("pdfjs-dist/package.json")
  .replace(/package\.json$/, "");

/** Budget for a document plus one per page: a report is 3–30 pages, a compiled volume hundreds. */
export const DEFAULT_PDF_TIMEOUT_MS = 30_000;
export const DEFAULT_PDF_PER_PAGE_MS = 1_000;

/** Runs `work` on the opened document, always destroying it, within `timeoutMs` plus a second per page. */
export async function withPdfDocument<T>(
  bytes: Uint8Array,
  work: (doc: PDFDocumentProxy) => Promise<T>,
  timeoutMs = DEFAULT_PDF_TIMEOUT_MS,
  perPageMs = DEFAULT_PDF_PER_PAGE_MS,
): Promise<T> {
  checkStreamBounds(bytes);
  // pdf.js takes ownership of (detaches) the buffer it is given, so hand it a copy.
  const worker = inProcessWorker();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    worker,
    // Without CMaps, PDFs using non-embedded CJK fonts (STSong-Light + UniGB-UCS2-H) yield no text.
    cMapUrl: packageDir + "cmaps/",
    cMapPacked: true,
    standardFontDataUrl: packageDir + "standard_fonts/",
    wasmUrl: packageDir + "wasm/",
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    // Text only, nothing is drawn: with font faces "disabled" (pdf.js's Node default) every glyph
    // shown is also compiled into an outline path for a canvas, a third of the work on table
    // pages. The faces are never attached either (see skipFontFaces).
    disableFontFace: false,
  });
  let timer: NodeJS.Timeout | undefined;
  let rejectDeadline: (error: ParseError) => void = () => undefined;
  const deadline = new Promise<never>((_, reject) => (rejectDeadline = reject));
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(
      () => rejectDeadline(new ParseError("timeout", `PDF took longer than ${ms} ms to read`)),
      ms,
    );
  };
  arm(timeoutMs);
  try {
    // When the deadline wins, the losing promise rejects later (on destroy); keep that quiet.
    task.promise.catch(() => undefined);
    const doc = await Promise.race([task.promise, deadline]);
    skipFontFaces(doc);
    arm(timeoutMs + perPageMs * doc.numPages);
    const result = work(doc);
    result.catch(() => undefined);
    return await Promise.race([result, deadline]);
  } catch (error) {
    throw toParseError(error);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
    worker.destroy();
  }
}

/**
 * With font faces enabled, pdf.js hands each loaded font to its FontLoader to attach it to a web
 * page; Node has none, the attach fails and pdf.js falls back to building the glyph paths after
 * all. A loader that attaches nothing keeps the text-only work text-only. (`_transport` is
 * pdf.js's internal; without it the fallback above still gives the same text, only slower.)
 */
function skipFontFaces(doc: PDFDocumentProxy): void {
  const transport = (doc as unknown as { _transport?: { fontLoader?: { bind?: unknown } } })._transport;
  if (transport?.fontLoader && typeof transport.fontLoader.bind === "function")
    transport.fontLoader.bind = async () => undefined;
}

function toParseError(error: unknown): unknown {
  if (error instanceof ParseError) return error;
  const name = (error as { name?: string } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === "PasswordException") {
    return new ParseError(
      "encrypted",
      "the PDF is password-protected; it cannot be read without the password",
    );
  }
  if (name === "InvalidPDFException" || name === "FormatError" || name === "UnknownErrorException") {
    return new ParseError("corrupt", `the PDF is damaged or truncated (${message})`);
  }
  return error;
}
