// Markdown front-end: pipe-table rows → table rows, everything else → one text block per line.
// Markdown made from PDFs (e.g. by converters run on a text layer) breaks tables into fragments
// and detaches labels, so nothing is merged or reordered: blocks keep the document's order.
import type { Block, DocumentIR, TableBlock } from "../ir.js";
import { decodeText } from "../encoding.js";
import { isBlankLine, isPipeSeparatorRow, splitLines, splitPipeRow } from "../text/lines.js";
import { isGridRule, joinGridRows } from "../text/grid-rows.js";
import { markRepeatedSpans } from "../text/repeated-spans.js";

/** Reads HTML (a table embedded in Markdown) into blocks. */
export type HtmlBlockReader = (html: string) => Block[];

/** Reads a markdown document into the intermediate representation. */
export async function markdownToIR(
  bytes: Uint8Array,
  options: { declaredCharset?: string } = {},
): Promise<DocumentIR> {
  const { text } = decodeText(bytes, { declared: options.declaredCharset });
  // Converters such as MinerU write tables as HTML inside Markdown; load the HTML reader only then.
  if (!HTML_TABLE_OPEN.test(text)) return markdownStringToIR(text);
  const { htmlStringToIR } = await import("./html.js");
  return markdownStringToIR(text, (html) => htmlStringToIR(html).blocks);
}

const HTML_TABLE_OPEN = /<table[\s>]/i;
const HTML_TABLE_OPENS = /<table[\s>]/gi;
const HTML_TABLE_CLOSES = /<\/table\s*>/gi;

const PIPE_ROW = /^\s*\|.*\|\s*$/;
// Lines a page break prints between two rows of a table: a footer ("- 3 -") and a running head.
const PAGE_CHROME_LINES = 3;
const HEADING = /^\s{0,3}#{1,6}(?:\s+|$)/;

/** Cells of a pipe-table row, inline markup removed. */
export function markdownRowCells(line: string): string[] {
  return splitPipeRow(line).map(cleanInline);
}

/**
 * Inline markup that carries no content: emphasis markers, <br> in cells, backslash escapes. Each
 * replacement needs its own character (most cells have none of them): it runs only when that is there.
 */
function cleanInline(text: string): string {
  let out = text;
  // Links and images keep their text (the address is no content); pandoc's bracketed spans keep
  // the HTML's attributes: [本年增[/]{lang="EN-US"}减]{style="…"}. Inner ones first.
  if (includes.call(out, "](") || includes.call(out, "]{"))
    for (let before = ""; before !== out;) out = (before = out).replace(LINK, "$1").replace(SPAN, "$1");
  if (includes.call(out, "<")) out = out.replace(LINE_BREAK_TAG, " ");
  if (includes.call(out, "*") || includes.call(out, "_")) out = out.replace(EMPHASIS, "");
  if (includes.call(out, "\\")) out = out.replace(ESCAPED, "$1");
  return trim.call(out);
}

// `includes.call(text, c)`, not `text.includes(c)`, per cell and line: see parsers/template/nfkc.ts.
const { includes, trim } = String.prototype;

const LINE_BREAK_TAG = /<br\s*\/?>/gi;
/**
 * Links and pandoc spans whose text or attributes a writer wrapped onto the next line
 * (`[一、 ]{style="letter-spacing:` / `-0.2pt"}`) replaced by their text before lines are read (not
 * across a pipe: a grid table's cells are joined first, then cleaned one by one).
 */
function unwrapSpans(text: string): string {
  if (!text.includes("]{") && !text.includes("](")) return text;
  let out = text;
  for (let before = ""; before !== out;)
    out = (before = out).replace(WRAPPED_LINK, "$1").replace(WRAPPED_SPAN, "$1");
  return out;
}

const WRAPPED_SPAN = /\[([^[\]|]*)\]\{[^{}|]*\}/g;
const WRAPPED_LINK = /!?\[([^[\]|]*)\]\([^()\s|]*(?:\s+"[^"|]*")?\)(?:\{[^{}|]*\})?/g;
const SPAN = /\[([^[\]]*)\]\{[^{}]*\}/g;
const LINK = /!?\[([^[\]]*)\]\([^()\s]*(?:\s+"[^"]*")?\)(?:\{[^{}]*\})?/g;
// A pandoc fenced div's fence (`::: {align="center"}`, `:::`): layout, no content.
const DIV_FENCE = /^\s*:::/;
const EMPHASIS = /\*\*|__/g;
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!|])/g;

/** Reads already-decoded Markdown. Consecutive pipe rows form one table; blank lines end it. */
export function markdownStringToIR(text: string, readHtml?: HtmlBlockReader): DocumentIR {
  const blocks: Block[] = [];
  let table: TableBlock | undefined;
  let title: string | undefined;
  // A rule under a page's last row can land after the page's footer and running head: a row of
  // delimiters that opens a fragment is that rule when the document rules its rows, the fragment
  // before ended on a row without one, with as many cells, and at most PAGE_CHROME_LINES lines of
  // text came between. Anywhere else it is data (zeros written as dashes).
  let rules = false;
  let unruled: { cells: number; textLines: number } | undefined;
  const pipeTables: TableBlock[] = [];
  // Grid tables (pandoc): a row wrapped over several lines is one row, the rules between rows
  // keep the table open.
  const lines = joinGridRows(splitLines(unwrapSpans(text)));
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const lineNumber = index + 1;
    if (isBlankLine(line)) {
      table = undefined;
      continue;
    }
    if (readHtml && HTML_TABLE_OPEN.test(line)) {
      table = undefined;
      unruled = undefined;
      const end = htmlTableEnd(lines, index);
      for (const block of readHtml(lines.slice(index, end + 1).join("\n"))) {
        blocks.push({ ...block, loc: { ...block.loc, line: lineNumber } });
      }
      index = end;
      continue;
    }
    if (isGridRule(line)) continue;
    if (PIPE_ROW.test(line)) {
      const cells = markdownRowCells(line);
      // Only right under a row (a table's or a fragment's header) is a row of delimiters a rule.
      if (table && isPipeSeparatorRow(cells)) {
        rules = true;
        unruled = undefined;
        continue;
      }
      if (!table && rules && unruled?.cells === cells.length && isPipeSeparatorRow(cells)) {
        unruled = undefined;
        continue;
      }
      if (!table) {
        table = { kind: "table", rows: [], loc: { line: lineNumber } };
        blocks.push(table);
        pipeTables.push(table);
      }
      table.rows.push(cells.map((cell) => ({ text: cell, loc: { line: lineNumber } })));
      unruled = { cells: cells.length, textLines: 0 };
      continue;
    }
    table = undefined;
    if (unruled && ++unruled.textLines > PAGE_CHROME_LINES) unruled = undefined;
    if (DIV_FENCE.test(line)) continue;
    // Headings and their closing hashes need a "#" (most lines have none: the line as it is).
    const hashes = includes.call(line, "#");
    const isHeading = hashes && HEADING.test(line);
    const content = cleanInline(hashes ? line.replace(HEADING, "").replace(/\s+#+\s*$/, "") : line);
    if (!content) continue;
    if (isHeading && /^\s{0,3}#(?!#)/.test(line)) title ??= content;
    blocks.push({ kind: "text", text: content, loc: { line: lineNumber } });
  }
  for (const t of pipeTables) markRepeatedSpans(t);
  return { format: "markdown", ...(title ? { title } : {}), blocks, notes: [] };
}

/** Index of the line closing the HTML table opened at `start` (nested tables counted), or the last line. */
function htmlTableEnd(lines: readonly string[], start: number): number {
  let depth = 0;
  for (let index = start; index < lines.length; index++) {
    const line = lines[index]!;
    depth += (line.match(HTML_TABLE_OPENS)?.length ?? 0) - (line.match(HTML_TABLE_CLOSES)?.length ?? 0);
    if (depth <= 0) return index;
  }
  return lines.length - 1;
}
