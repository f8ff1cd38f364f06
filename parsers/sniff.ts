// Which format a document is in, from its bytes only (file names and URLs lie: portals serve
// PDFs as .htm, WPS files as .doc, and text dumps as .pdf).
import type { DocumentFormat } from "./ir.js";
import { ParseError } from "./errors.js";
import { decodeText, detectBom } from "./encoding.js";
import { mhtmlBoundary } from "./html/mhtml.js";
import { oleKind } from "./ole/streams.js";
import { imageTypeOf } from "../src/model/image-types.js";

/** How much of the start is searched for HTML tags and ZIP entry names. */
const HEAD_BYTES = 16 * 1024;
/** How much is checked for binary content (control bytes). */
const BINARY_SAMPLE_BYTES = 64 * 1024;
/** Share of control bytes above which a document is binary, not text. */
const MAX_CONTROL_RATE = 0.01;

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** `{\rtf`: Rich Text, as Word and WPS save it (Beijing's district portals publish .rtf). */
const RTF_MAGIC = [0x7b, 0x5c, 0x72, 0x74, 0x66];

/** Well-known binary formats we do not read, named in the error message. */
const OTHER_MAGICS: { bytes: number[]; name: string }[] = [
  { bytes: [0x42, 0x4d], name: "a BMP image" },
  { bytes: [0x52, 0x61, 0x72, 0x21], name: "a RAR archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], name: "a 7-Zip archive" },
  { bytes: [0x1f, 0x8b], name: "a gzip file" },
];

function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((b, i) => bytes[offset + i] === b);
}

function latin1(bytes: Uint8Array, end = bytes.length): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(end, bytes.length)).toString("latin1");
}

/**
 * A ZIP is a Word document when it holds word/document.xml (entry names are stored uncompressed),
 * an OpenDocument text (LibreOffice, WPS "save as ODT") when its mimetype entry says so, an OFD
 * when it holds the entry document OFD.xml, a spreadsheet when it holds xl/workbook.xml.
 */
function sniffZip(bytes: Uint8Array): DocumentFormat {
  // The central directory at the end lists every entry; the first local header usually does too.
  const text = latin1(bytes, HEAD_BYTES) + latin1(bytes.subarray(Math.max(0, bytes.length - HEAD_BYTES)));
  if (text.includes("word/document.xml")) return "docx";
  // An OpenDocument file stores its type first, uncompressed: the entry "mimetype" and its content.
  if (text.includes("mimetypeapplication/vnd.oasis.opendocument.text")) return "odt";
  // OFD (GB/T 33190): the entry document OFD.xml at the package root.
  if (/OFD\.xml/i.test(text)) return "ofd";
  // A spreadsheet (Excel, WPS ET saved as XLSX): some portals publish the report's tables so.
  if (text.includes("xl/workbook.xml")) return "xlsx";
  let kind = "a ZIP archive that is not a Word document";
  if (text.includes("ppt/presentation.xml")) kind = "a presentation (PPTX)";
  throw new ParseError("unsupported_format", `unsupported format: ${kind}`);
}

/** Tags that only appear in HTML (case-insensitive, at a tag start). */
const HTML_TAG =
  /<(?:!doctype\s+html|html|head|body|meta|title|table|tbody|tr|td|th|p|div|span|font|br|h[1-6])[\s>/]/i;
const HTML_TAGS = new RegExp(HTML_TAG.source, "gi");
const HTML_CLOSING_TAGS = /<\/(?:p|div|td|tr|table|span|h[1-6])>/gi;

/** A page that starts with a tag (or a comment / XML prologue) and holds an HTML tag soon after. */
function startsAsHtml(head: string): boolean {
  const start = head.replace(/^[\s\uFEFF]+/, "");
  return /^<(?:[!?a-z])/i.test(start) && HTML_TAG.test(start.slice(0, 4096));
}

/** A fragment that starts with text (a copied body): several tags and their closing tags. */
function isHtmlFragment(head: string): boolean {
  if (!head.includes("<")) return false; // the common case, plain text: spares two regex scans
  const opens = head.match(HTML_TAGS)?.length ?? 0;
  const closes = head.match(HTML_CLOSING_TAGS)?.length ?? 0;
  return opens >= 3 && closes >= 2;
}

/** Markdown headings with HTML tables: what PDF-to-Markdown converters (e.g. MinerU) write. */
function isMarkdownWithHtmlTables(text: string): boolean {
  return /^#{1,6}[ \t]+\S/m.test(text) && /<table[\s>]/i.test(text);
}

/**
 * Pandoc's Markdown of a web page: the page's divs as fenced divs (`::: {.logo .fl}`, `::: banner`)
 * beside raw `<div>` tags, tables as grid tables (no `|---|` rule): Markdown, not an HTML fragment.
 */
const PANDOC_DIV = /^::: ?[{\w]/m;
const PIPE_ROW = /^[ \t]*\|.*\|[ \t]*\r?$/;
const PIPE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*\r?$/;

/** Markdown: a pipe-table row immediately followed by a `|---|---|` separator row. */
export function hasMarkdownTable(text: string): boolean {
  let previousWasRow = false;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    if (previousWasRow && PIPE_SEPARATOR.test(line)) return true;
    previousWasRow = PIPE_ROW.test(line);
    start = end + 1;
  }
  return false;
}

/**
 * False when an ASCII-compatible text has no `|` and no `<` byte, so neither a pipe table nor an
 * HTML table: a native byte search (memchr) spares the latin1 view of the whole text and the
 * Markdown scans over it, which plain text reports paid on every parse.
 */
function mayHoldMarkdownTable(body: Uint8Array): boolean {
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.length);
  return buffer.includes(0x7c) || buffer.includes(0x3c);
}

/** 1 for the bytes controlByteRate counts: C0 controls but tab, newlines, form feed and escape; DEL. */
const IS_CONTROL_BYTE = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) if (![0x09, 0x0a, 0x0c, 0x0d, 0x1b].includes(b)) IS_CONTROL_BYTE[b] = 1;
IS_CONTROL_BYTE[0x7f] = 1;
const CONTROL_BYTES = [...IS_CONTROL_BYTE.keys()].filter((b) => IS_CONTROL_BYTE[b]);

/** Control bytes other than tab, newlines, form feed and escape: their share in a sample. */
function controlByteRate(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, BINARY_SAMPLE_BYTES);
  // Text has none: a native search per byte value (memchr) proves it several times faster than
  // a JavaScript loop over the sample, which ran on every document.
  const sample = Buffer.from(bytes.buffer, bytes.byteOffset, n);
  if (CONTROL_BYTES.every((b) => !sample.includes(b))) return 0;
  let control = 0;
  for (let i = 0; i < n; i++) control += IS_CONTROL_BYTE[bytes[i]!]!;
  return n === 0 ? 0 : control / n;
}

function controlCharRate(text: string): number {
  const n = Math.min(text.length, BINARY_SAMPLE_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) control++;
  }
  return n === 0 ? 0 : control / n;
}

const BLANK = /^[\s\uFEFF\u200B-\u200D\u2060\u3000\u00A0]*$/;

/** Nothing but whitespace (ASCII, full-width, no-break, zero-width) in any encoding. */
function isBlank(view: string, bytes: Uint8Array): boolean {
  const firstVisible = view.search(/\S/);
  if (firstVisible === -1) return true;
  // Non-ASCII blanks (full-width spaces…) look like text in a latin1 view: decode a short residue.
  return view.length - firstVisible <= 1024 && BLANK.test(decodeText(bytes).text);
}

/**
 * Names the format of a document from its content. Throws ParseError("empty") for an empty or
 * blank document and ParseError("unsupported_format") for anything that is not a report format.
 */
export function sniffFormat(bytes: Uint8Array): DocumentFormat {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  // OLE2: Word 97–2003 / WPS, or an Excel 97–2003 / Kingsoft ET spreadsheet (its Workbook stream).
  if (startsWith(bytes, OLE2_MAGIC)) return oleKind(bytes) === "spreadsheet" ? "xls" : "doc";
  if (startsWith(bytes, RTF_MAGIC)) return "rtf";
  // Some servers prepend a few junk bytes or whitespace before %PDF; pdf.js copes with up to 1 KB.
  if (latin1(bytes, 1024).includes("%PDF-")) return "pdf";
  // Images a scanned report comes as (read by OCR, parsers/ocr).
  if (imageTypeOf(bytes)) return "image";
  for (const { bytes: magic, name } of OTHER_MAGICS) {
    if (startsWith(bytes, magic)) throw new ParseError("unsupported_format", `unsupported format: ${name}`);
  }

  const bom = detectBom(bytes);
  const isUtf16 = bom?.encoding.startsWith("utf-16") ?? false;
  if (!isUtf16 && controlByteRate(bytes) > MAX_CONTROL_RATE) {
    throw new ParseError("unsupported_format", "unsupported format: binary data, not a document");
  }
  // ASCII-compatible encodings (UTF-8, GB18030) keep tags and pipes as single bytes, so a latin1
  // view is enough to see the structure; UTF-16 has to be decoded first.
  // The head decides HTML pages; the whole text is looked at only for Markdown tables.
  const body = bytes.subarray(bom?.length ?? 0);
  const head = isUtf16 ? decodeText(bytes.subarray(0, 2 * HEAD_BYTES)).text : latin1(body, HEAD_BYTES);
  const fullView = () => (isUtf16 ? decodeText(bytes).text : latin1(body));
  if (isBlank(head, bytes) && (body.length <= HEAD_BYTES || isBlank(fullView(), bytes))) {
    throw new ParseError("empty", "the document is empty");
  }
  if (isUtf16 && controlCharRate(head) > MAX_CONTROL_RATE) {
    throw new ParseError("unsupported_format", "unsupported format: binary data, not a document");
  }
  if (startsAsHtml(head) || mhtmlBoundary(bytes)) return "html";
  if (isUtf16 || mayHoldMarkdownTable(body)) {
    const view = fullView();
    if (hasMarkdownTable(view) || isMarkdownWithHtmlTables(view) || PANDOC_DIV.test(view)) return "markdown";
  }
  if (isHtmlFragment(head)) return "html";
  return "text";
}
