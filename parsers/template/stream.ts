// Flattens a DocumentIR into one stream of tokens in reading order, whatever the format: a table row
// contributes its cells (spanned copies dropped, so a rowspan label is read once), a text block
// contributes one row per line. Each cell is cut into text parts and number parts; empty table cells
// become blanks (a blank is 0 by convention, but may also be layout padding: the readers decide).
import type { DocumentIR, SourceLocation } from "../ir.js";
import { isZeroMark, scanParts, type NumberToken } from "./cells.js";
import { normalizeLabel } from "./normalize.js";

interface TokenBase {
  /** Index of the row (table row or text line) the token came from. */
  row: number;
  /** True when the row is a table row with several cells (a grid), false for a line of text. */
  grid: boolean;
  /** True when the row belongs to a table (even a one-cell row), false for a line of text. */
  table: boolean;
  loc?: SourceLocation;
}

export interface TextToken extends TokenBase {
  kind: "text";
  text: string;
  /** normalizeLabel(text), computed once. */
  norm: string;
}

export interface NumToken extends TokenBase {
  kind: "num";
  num: NumberToken;
}

export interface BlankToken extends TokenBase {
  kind: "blank";
}

export type Token = TextToken | NumToken | BlankToken;

/** Builds the token stream of a document. */
export function tokenize(doc: DocumentIR): Token[] {
  const tokens: Token[] = [];
  let row = 0;
  for (const block of doc.blocks) {
    if (block.kind === "table") {
      for (const cells of block.rows) {
        const origin = cells.filter((c) => !c.spanned);
        const grid = origin.length > 1;
        for (const cell of origin)
          pushCell(tokens, cell.text, { row, grid, table: true, loc: cell.loc ?? block.loc });
        row++;
      }
    } else {
      const lines = block.text.split(/\r?\n/);
      for (let i = 0; i < lines.length; i++) {
        const loc = block.loc?.line !== undefined ? { ...block.loc, line: block.loc.line + i } : block.loc;
        pushCell(tokens, lines[i]!, { row, grid: false, table: false, loc });
        row++;
      }
    }
  }
  return tokens;
}

function pushCell(tokens: Token[], rawText: string, base: TokenBase): void {
  const text = rawText.replace(/[\u00a0\u3000\u200b-\u200d\ufeff]/g, " ").trim();
  if (text === "") {
    if (base.grid) tokens.push({ kind: "blank", ...base });
    return;
  }
  if (isZeroMark(text)) {
    tokens.push({ kind: "num", ...base, num: { raw: text, value: 0, digits: null } });
    return;
  }
  for (const part of scanParts(text, { inCell: base.table })) {
    if (part.kind === "num") tokens.push({ kind: "num", ...base, num: part.token });
    else {
      const norm = normalizeLabel(part.text);
      if (norm !== "") tokens.push({ kind: "text", ...base, text: part.text, norm });
    }
  }
}
