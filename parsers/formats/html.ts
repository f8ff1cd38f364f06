import type { DocumentIR } from "../ir.js";

/** Reads a html document into the intermediate representation. */
export async function htmlToIR(_bytes: Uint8Array): Promise<DocumentIR> {
  throw new Error("htmlToIR: not implemented yet");
}
