// Grid tables whose cells wrap over several lines: pandoc's plain text and Markdown writers (and
// other text renderers) draw a rule `+-----+-----+` between rows and wrap each cell inside its
// column, so one table row is several pipe lines:
//
//   +-------+-------+-------+
//   | 一、  |   2   |   2   |
//   | 本年  |       |       |
//   | 新收  |       |       |
//   +-------+-------+-------+
//
// Read line by line, the lines under the first are rows of a label piece and blank cells (zeros by
// convention), and a label broken after its item number (`1` / `.属于国家秘密`) puts a figure in the
// label's column. The lines between two rules are one row: each column's pieces joined top to
// bottom. The joined row takes the group's first line; the group's other lines become rules, so
// line numbers (locations) stay those of the document.
import { splitPipeRow } from "./lines.js";

/** A grid table's rule: `+---+:==+`, the column edges marked by `+`. */
const GRID_RULE = /^\s*\+(?:[-=:]+\+)+\s*$/;
const GRID_ROW = /^\s*\|.*\|\s*$/;
// Words of Latin script wrapped at a space get the space back; CJK text wraps between characters.
const ASCII_WORD_END = /[A-Za-z0-9]$/;
const ASCII_WORD_START = /^[A-Za-z0-9]/;

const FIGURE = /^[+\-－]?[\d０-９][\d０-９,，.]*$/;
const isFigure = (cell: string) => FIGURE.test(cell);

export const isGridRule = (line: string) => line.includes("+-") && GRID_RULE.test(line);

/**
 * The lines with every wrapped grid row joined onto its first line (others turned into the table's
 * rule); the same array when there is none.
 */
export function joinGridRows(lines: string[]): string[] {
  let out: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (!isGridRule(lines[i]!)) continue;
    const rule = lines[i]!;
    // Rows between this rule and the next one.
    let end = i + 1;
    while (end < lines.length && GRID_ROW.test(lines[end]!)) end++;
    if (end - i > 2 && end < lines.length && isGridRule(lines[end]!)) {
      const rows = lines.slice(i + 1, end).map(splitPipeRow);
      const width = rows[0]!.length;
      // A cell wrapped over lines holds one figure at most: a table ruled only around its header
      // and at its end (MySQL's client, psql) has one row a line, a figure in each.
      const continued =
        rows.every((r) => r.length === width) &&
        Array.from({ length: width }, (_, c) => rows.filter((r) => isFigure(r[c]!)).length).every(
          (n) => n <= 1,
        );
      if (continued) {
        out ??= [...lines];
        const joined = Array.from({ length: width }, (_, c) => joinPieces(rows.map((r) => r[c]!)));
        out[i + 1] = `| ${joined.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
        for (let k = i + 2; k < end; k++) out[k] = rule;
      }
    }
    i = end - 1;
  }
  return out ?? lines;
}

function joinPieces(pieces: string[]): string {
  let text = "";
  for (const piece of pieces) {
    if (piece === "") continue;
    text += text && ASCII_WORD_END.test(text) && ASCII_WORD_START.test(piece) ? ` ${piece}` : piece;
  }
  return text;
}
