import type { DocumentIR } from "../ir.js";
import { ParseError } from "../errors.js";
import { isEncryptedWord, isOle, oleKind } from "../ole/streams.js";
import { readThroughDocx } from "./through-docx.js";

/**
 * Reads a DOC or WPS file (an OLE2 compound file, whatever its name) by converting it to DOCX
 * with LibreOffice, which keeps merged cells, then reading that like any DOCX.
 */
export async function oleToIR(bytes: Uint8Array, options: { timeoutMs?: number } = {}): Promise<DocumentIR> {
  if (!isOle(bytes)) throw new ParseError("corrupt", "not an OLE2 compound file (DOC/WPS)");
  const kind = oleKind(bytes);
  if (kind === "encrypted_ooxml" || (kind === "word" && isEncryptedWord(bytes))) {
    throw new ParseError(
      "encrypted",
      "the Word document is password-protected; it cannot be read without the password",
    );
  }
  if (kind === "spreadsheet" || kind === "presentation") {
    throw new ParseError("unsupported_format", `the OLE2 file is a ${kind}, not a Word/WPS document`);
  }
  return readThroughDocx(bytes, "doc", "doc", options);
}
