import type { DocumentIR } from "../ir.js";
import { readDocumentXml } from "../docx/document.js";
import { readPackageParts } from "../docx/package.js";
import { ParseError } from "../errors.js";

const DOCUMENT_PART = "word/document.xml";
const CORE_PROPERTIES_PART = "docProps/core.xml";
const REPORT_WORDS = /报告|年报/;

/** Reads a DOCX (WordprocessingML package) into the intermediate representation. */
export async function docxToIR(bytes: Uint8Array): Promise<DocumentIR> {
  const parts = readPackageParts(bytes, [DOCUMENT_PART, CORE_PROPERTIES_PART]);
  const part = parts.get(DOCUMENT_PART);
  if (!part) {
    throw new ParseError("corrupt", `the zip package has no ${DOCUMENT_PART}: it is not a Word document`);
  }
  const blocks = readDocumentXml(decodeXml(part));
  const ir: DocumentIR = { format: "docx", blocks, notes: [] };
  const title = documentTitle(parts.get(CORE_PROPERTIES_PART)) ?? firstReportHeading(ir);
  if (title) ir.title = title;
  if (blocks.length === 0) ir.notes.push({ code: "docx.empty", message: "the document body has no text" });
  return ir;
}

/** document.xml is UTF-8 in practice; UTF-16 (with a BOM) is allowed by XML and handled too. */
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}

/** The title stored in the package properties, when it names a report (often it is junk or empty). */
function documentTitle(core: Uint8Array | undefined): string | undefined {
  if (!core) return undefined;
  const match = /<dc:title>([^<]*)<\/dc:title>/.exec(decodeXml(core));
  const title = match?.[1]?.trim();
  return title && REPORT_WORDS.test(title) ? title : undefined;
}

/** The first short paragraph naming a report near the top. */
function firstReportHeading(ir: DocumentIR): string | undefined {
  const heading = ir.blocks
    .slice(0, 15)
    .find((b) => b.kind === "text" && b.text.length <= 80 && /年度?报告|年报/.test(b.text));
  return heading?.kind === "text" ? heading.text : undefined;
}
