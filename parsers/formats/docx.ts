import type { DocumentIR } from "../ir.js";
import { readDocumentXml } from "../docx/document.js";
import { readPackageParts } from "../docx/package.js";
import { ParseError } from "../errors.js";

const DOCUMENT_PART = "word/document.xml";

/** Reads a DOCX (WordprocessingML package) into the intermediate representation. */
export async function docxToIR(bytes: Uint8Array): Promise<DocumentIR> {
  const part = readPackageParts(bytes, [DOCUMENT_PART]).get(DOCUMENT_PART);
  if (!part) {
    throw new ParseError("corrupt", `the zip package has no ${DOCUMENT_PART}: it is not a Word document`);
  }
  const blocks = readDocumentXml(decodeXml(part));
  const ir: DocumentIR = { format: "docx", blocks, notes: [] };
  const title = blocks.slice(0, 5).find((b) => b.kind === "text" && /报告/.test(b.text));
  if (title?.kind === "text") ir.title = title.text;
  if (blocks.length === 0) ir.notes.push({ code: "docx.empty", message: "the document body has no text" });
  return ir;
}

/** document.xml is UTF-8 in practice; UTF-16 (with a BOM) is allowed by XML and handled too. */
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}
