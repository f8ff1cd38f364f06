import type { DocumentIR } from "../ir.js";

/** Reads a pdf document into the intermediate representation. */
export async function pdfToIR(_bytes: Uint8Array): Promise<DocumentIR> {
  throw new Error("pdfToIR: not implemented yet");
}
