import type { DocumentIR } from "../ir.js";

/** Reads a ole document into the intermediate representation. */
export async function oleToIR(_bytes: Uint8Array): Promise<DocumentIR> {
  throw new Error("oleToIR: not implemented yet");
}
