import type { DocumentIR } from "../ir.js";

/** Reads a text document into the intermediate representation. */
export async function textToIR(_bytes: Uint8Array): Promise<DocumentIR> {
  throw new Error("textToIR: not implemented yet");
}
