import type { DocumentIR } from "../ir.js";
import { convertWithSoffice } from "../ole/soffice.js";
import { docxToIR } from "./docx.js";

/**
 * Reads an OpenDocument text (ODT, as LibreOffice and WPS save it) by converting it to DOCX with
 * LibreOffice, which keeps merged cells, then reading that like any DOCX (as DOC/WPS files are).
 */
export async function odtToIR(bytes: Uint8Array, options: { timeoutMs?: number } = {}): Promise<DocumentIR> {
  const docx = await convertWithSoffice(bytes, {
    inputExtension: "odt",
    convertTo: "docx:MS Word 2007 XML",
    outputExtension: "docx",
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const ir = await docxToIR(docx);
  return { ...ir, format: "odt" };
}
