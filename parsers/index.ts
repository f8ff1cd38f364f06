// Entry point of parsing: bytes → format (by content) → DocumentIR → template figures.
import type { ParseResult } from "../src/model/contract.js";

export interface ParseOptions {
  /** The file name or URL, used only in messages (never to pick the format). */
  name?: string;
}

/** Parses one report document. Throws ParseError for input that cannot be read at all. */
export async function parseDocument(_bytes: Uint8Array, _options: ParseOptions = {}): Promise<ParseResult> {
  throw new Error("parseDocument: not implemented yet");
}
