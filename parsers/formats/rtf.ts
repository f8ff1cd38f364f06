import type { DocumentIR } from "../ir.js";
import { readThroughDocx } from "./through-docx.js";

/**
 * Reads a Rich Text file (as Word and WPS save a report; Beijing's district portals publish .rtf)
 * by converting it to DOCX with LibreOffice, as DOC/WPS files are read: LibreOffice's RTF import
 * keeps merged cells (\clvmgf/\clmgf) and the code pages Chinese RTF uses (\ansicpg936, \uN).
 */
export function rtfToIR(bytes: Uint8Array, options: { timeoutMs?: number } = {}): Promise<DocumentIR> {
  return readThroughDocx(bytes, "rtf", "rtf", options);
}
