import type { DocumentIR } from "../ir.js";

/** Reads a markdown document into the intermediate representation. */
export async function markdownToIR(_bytes: Uint8Array): Promise<DocumentIR> {
  throw new Error("markdownToIR: not implemented yet");
}
