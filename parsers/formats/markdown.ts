// Markdown front-end: pipe-table rows → table rows, everything else → one text block per line.
// Markdown made from PDFs (e.g. by converters run on a text layer) breaks tables into fragments
// and detaches labels, so nothing is merged or reordered: blocks keep the document's order.
import type { Block, DocumentIR, TableBlock } from "../ir.js";
import { decodeText } from "../encoding.js";
import { isBlankLine, splitLines } from "../text/lines.js";

/** Reads a markdown document into the intermediate representation. */
export async function markdownToIR(bytes: Uint8Array): Promise<DocumentIR> {
  return markdownStringToIR(decodeText(bytes).text);
}

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const SEPARATOR_CELL = /^:?-+:?$/;
const HEADING = /^\s{0,3}#{1,6}(?:\s+|$)/;

/** Cells of a pipe-table row: split on unescaped pipes, `\|` unescaped, empty cells kept. */
export function splitPipeRow(line: string): string[] {
  const inner = line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => cleanInline(cell.replaceAll("\\|", "|")));
}

/** Inline markup that carries no content: emphasis markers, <br> in cells, backslash escapes. */
function cleanInline(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/\*\*|__/g, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, "$1")
    .trim();
}

function isSeparatorRow(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((cell) => SEPARATOR_CELL.test(cell.replace(/\s+/g, "")));
}

/** Reads already-decoded Markdown. Consecutive pipe rows form one table; blank lines end it. */
export function markdownStringToIR(text: string): DocumentIR {
  const blocks: Block[] = [];
  let table: TableBlock | undefined;
  let title: string | undefined;
  splitLines(text).forEach((line, index) => {
    const lineNumber = index + 1;
    if (isBlankLine(line)) {
      table = undefined;
      return;
    }
    if (PIPE_ROW.test(line)) {
      const cells = splitPipeRow(line);
      if (isSeparatorRow(cells)) return;
      if (!table) {
        table = { kind: "table", rows: [], loc: { line: lineNumber } };
        blocks.push(table);
      }
      table.rows.push(cells.map((cell) => ({ text: cell, loc: { line: lineNumber } })));
      return;
    }
    table = undefined;
    const isHeading = HEADING.test(line);
    const content = cleanInline(line.replace(HEADING, "").replace(/\s+#+\s*$/, ""));
    if (!content) return;
    if (isHeading && /^\s{0,3}#(?!#)/.test(line)) title ??= content;
    blocks.push({ kind: "text", text: content, loc: { line: lineNumber } });
  });
  return { format: "markdown", ...(title ? { title } : {}), blocks, notes: [] };
}
