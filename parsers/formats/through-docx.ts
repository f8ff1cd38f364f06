import type { DocumentFormat, DocumentIR } from "../ir.js";
import { convertWithSoffice } from "../ole/soffice.js";
import { docxToIR } from "./docx.js";

/**
 * Reads a word-processor file LibreOffice opens (DOC, WPS, ODT) by converting it to DOCX, which
 * keeps merged cells, then reading that like any DOCX; the IR keeps the file's own format.
 */
export async function readThroughDocx(
  bytes: Uint8Array,
  inputExtension: string,
  format: DocumentFormat,
  options: { timeoutMs?: number },
): Promise<DocumentIR> {
  const docx = await convertWithSoffice(bytes, {
    inputExtension,
    convertTo: "docx:MS Word 2007 XML",
    outputExtension: "docx",
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const ir = await docxToIR(docx);
  return { ...ir, format };
}
