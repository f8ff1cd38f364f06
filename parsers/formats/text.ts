// Text front-end: every form a copied-out report takes (tab-separated cells, pipe rows,
// space-aligned columns, one cell per line, cells run together) becomes blocks losslessly, line by
// line (parsers/text/blocks.ts); space-aligned tables are re-split by column position so blank
// cells keep their column (parsers/text/aligned.ts); what the lines mean is the recognizer's business.
import type { DocumentIR } from "../ir.js";
import { decodeText } from "../encoding.js";
import { linesToBlocks } from "../text/blocks.js";

/** Reads a text document into the intermediate representation. */
export async function textToIR(
  bytes: Uint8Array,
  options: { declaredCharset?: string } = {},
): Promise<DocumentIR> {
  return textStringToIR(decodeText(bytes, { declared: options.declaredCharset }).text);
}

/** Reads already-decoded text. */
export function textStringToIR(text: string): DocumentIR {
  return { format: "text", blocks: linesToBlocks(text), notes: [] };
}
