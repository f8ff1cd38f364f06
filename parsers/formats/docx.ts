import type { DocumentIR } from "../ir.js";

/** Reads a docx document into the intermediate representation. */
export async function docxToIR(_bytes: Uint8Array): Promise<DocumentIR> {
  throw new Error("docxToIR: not implemented yet");
}
