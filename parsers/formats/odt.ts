import type { DocumentIR } from "../ir.js";
import { readThroughDocx } from "./through-docx.js";

/**
 * Reads an OpenDocument text (ODT, as LibreOffice and WPS save it) by converting it to DOCX with
 * LibreOffice, as DOC/WPS files are read.
 */
export function odtToIR(bytes: Uint8Array, options: { timeoutMs?: number } = {}): Promise<DocumentIR> {
  return readThroughDocx(bytes, "odt", "odt", options);
}
