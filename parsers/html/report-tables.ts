// Which of the report's tables (2 主动公开, 3 依申请, 4 行政复议/行政诉讼) a page's text tables
// hold: the one rule by which the crawler decides to fetch a page's pictures and the HTML
// front-end decides to read them by OCR. A table is there when the page's short cells (labels and
// headers, not prose in a layout cell) show at least MIN_WORDS of its own words — row labels,
// column and group headers, taken from the template description, each kept only when no other
// table's wording contains it (总计, 其他 are left out).
import { TABLE2, TABLE3, TABLE4, type Table3Row } from "../../src/model/template/description.js";
import { childrenOf, isInvisible, tagName, type DomNode } from "./dom.js";

export type ReportTable = 2 | 3 | 4;
export const REPORT_TABLES: readonly ReportTable[] = [2, 3, 4];

/** Distinct words of a table a page must show for it to hold that table. */
const MIN_WORDS = 3;
/** Shorter words are too common to tell a table (规章, 其他, 总计). */
const MIN_WORD_CHARS = 4;
/** A longer cell is prose (a layout table's cell), not a label or a header. */
const MAX_CELL_CHARS = 40;

/** Only the characters that make a word: NFKC, no spaces, punctuation or symbols. */
function squeeze(text: string): string {
  return text.normalize("NFKC").replace(/[\s\p{P}\p{S}]+/gu, "");
}

function t3Labels(rows: readonly Table3Row[]): string[] {
  return rows.flatMap((row) => [...row.labels, ...t3Labels(row.items ?? [])]);
}

const WORDING: Record<ReportTable, string[]> = {
  2: [
    ...TABLE2.rows.flatMap((row) => [...row.labels, ...row.columns.map((column) => column.zh)]),
    ...Object.values(TABLE2.cues).flat(),
  ],
  3: [...TABLE3.columns.map((column) => column.zh), TABLE3.organisations, ...t3Labels(TABLE3.rows)],
  4: [
    ...TABLE4.groups.flatMap((group) => [group.zh, group.parent ?? ""]),
    ...TABLE4.results.map((result) => result.zh),
  ],
};

/** Each table's distinctive words (squeezed). */
export const TABLE_WORDS: Record<ReportTable, readonly string[]> = distinctiveWords();

function distinctiveWords(): Record<ReportTable, string[]> {
  const squeezed = Object.fromEntries(
    REPORT_TABLES.map((table) => [table, [...new Set(WORDING[table].map(squeeze))]]),
  ) as Record<ReportTable, string[]>;
  const words = {} as Record<ReportTable, string[]>;
  for (const table of REPORT_TABLES) {
    const others = REPORT_TABLES.filter((other) => other !== table).flatMap((other) => squeezed[other]);
    // A longer wording of a word kept (行政规范性文件 of 规范性文件) would count one cell twice.
    const own = squeezed[table].filter(
      (word) => word.length >= MIN_WORD_CHARS && !others.some((other) => other.includes(word)),
    );
    words[table] = own.filter((word) => !own.some((shorter) => shorter !== word && word.includes(shorter)));
  }
  return words;
}

/** The report tables the page's text tables hold. */
export function textReportTables(root: DomNode): Set<ReportTable> {
  const seen = new Map<ReportTable, Set<string>>(REPORT_TABLES.map((table) => [table, new Set()]));
  for (const cell of shortCells(root))
    for (const table of REPORT_TABLES)
      for (const word of TABLE_WORDS[table]) if (cell.includes(word)) seen.get(table)!.add(word);
  return new Set(REPORT_TABLES.filter((table) => seen.get(table)!.size >= MIN_WORDS));
}

/** The report tables the page's text does not hold (their pictures are needed). */
export function missingReportTables(root: DomNode): ReportTable[] {
  const held = textReportTables(root);
  return REPORT_TABLES.filter((table) => !held.has(table));
}

/** The squeezed text of every visible table cell short enough to be a label or a header. */
function shortCells(root: DomNode): string[] {
  const cells: string[] = [];
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root && (node.type !== "tag" || isInvisible(node))) continue;
    const name = tagName(node);
    if (name === "td" || name === "th") {
      const text = squeeze(cellText(node));
      if (text.length > 0 && text.length <= MAX_CELL_CHARS) cells.push(text);
    }
    // A cell holding a table is a layout cell: its inner cells are read on their own.
    for (const child of childrenOf(node)) stack.push(child);
  }
  return cells;
}

/** A cell's visible text, nested tables left out. */
function cellText(cell: DomNode): string {
  const pieces: string[] = [];
  const stack: DomNode[] = [...childrenOf(cell)].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "text") {
      pieces.push(node.data ?? "");
      continue;
    }
    if (node.type !== "tag" || isInvisible(node) || tagName(node) === "table") continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return pieces.join("");
}
