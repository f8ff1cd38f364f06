// Text front-end: every form a copied-out report takes (tab-separated cells, space-aligned
// columns, one cell per line, cells run together) becomes blocks losslessly, line by line; what
// the lines mean is the recognizer's business.
import type { Block, Cell, DocumentIR, TableBlock } from "../ir.js";
import { decodeText } from "../encoding.js";
import { isBlankLine, splitAlignedColumns, splitLines, splitTabs } from "../text/lines.js";

/** Reads a text document into the intermediate representation. */
export async function textToIR(bytes: Uint8Array): Promise<DocumentIR> {
  return textStringToIR(decodeText(bytes).text);
}

/** Cells of a line when it is a table row: tab-separated, or aligned in columns with wide gaps. */
function rowCells(line: string): string[] | undefined {
  if (line.includes("\t")) {
    const cells = splitTabs(line);
    return cells.some((cell) => cell.length > 0) ? cells : undefined;
  }
  return splitAlignedColumns(line);
}

/** Reads already-decoded text: consecutive row lines form one table; any other line is a text block. */
export function textStringToIR(text: string): DocumentIR {
  const blocks: Block[] = [];
  let table: TableBlock | undefined;
  splitLines(text).forEach((line, index) => {
    const lineNumber = index + 1;
    if (isBlankLine(line)) {
      table = undefined;
      return;
    }
    const cells = rowCells(line);
    if (!cells) {
      table = undefined;
      blocks.push({ kind: "text", text: line.trim(), loc: { line: lineNumber } });
      return;
    }
    if (!table) {
      table = { kind: "table", rows: [], loc: { line: lineNumber } };
      blocks.push(table);
    }
    table.rows.push(cells.map((cell): Cell => ({ text: cell, loc: { line: lineNumber } })));
  });
  return { format: "text", blocks, notes: [] };
}
