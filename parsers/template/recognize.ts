import type { DocumentIR } from "../ir.js";
import type { ParseResult } from "../../src/model/contract.js";

/** Finds the national template's tables in a document and reads every figure, checked by the identities. */
export function recognize(_doc: DocumentIR): ParseResult {
  throw new Error("recognize: not implemented yet");
}
