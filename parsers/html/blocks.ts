// Parsed HTML → IR blocks in reading order. Prose becomes text blocks (one per paragraph, heading,
// <br>-separated line, or div with its own text); each data table becomes a TableBlock with its
// spans expanded. Layout tables (portal pages built from tables, Word's table-in-a-cell) are read
// as flowing content so the tables nested in them come out as their own blocks, exactly once.
//
// Every walk is iterative with an explicit stack: real pages nest thousands of unclosed <font>s,
// and a 20 MB page must not overflow the call stack or go quadratic.
import type { Block, Cell, DocumentIR, TableBlock } from "../ir.js";
import { linesToBlocks } from "../text/blocks.js";
import { BLOCK_ELEMENTS, attribute, childrenOf, isInvisible, tagName, type DomNode } from "./dom.js";
import { expandSpans, type SpanningCell } from "./grid.js";
import type { TableIndex } from "./tree.js";
import {
  betterTitle,
  isArticleTitleElement,
  metaTitle,
  pickTitleSegment,
  type TitleCandidates,
} from "./title.js";
import { HARD_BREAK, isBlank, normalizeInline, sanitizeTextNode } from "./whitespace.js";

/** A table with a cell this long is page layout holding prose, not a figures table… */
const LAYOUT_CELL_CHARS = 500;
/** …unless it has at least this many rows with at least this many filled cells. */
const MIN_GRID_ROWS = 3;
const MIN_GRID_ROW_CELLS = 3;
/** A table framing other tables with at most this many columns is page layout (nav | content | side). */
const MAX_LAYOUT_FRAME_COLUMNS = 3;
/** Data tables nested in data tables deeper than this are read as layout (bounds the recursion). */
const MAX_NESTED_DATA_TABLES = 20;

type Note = DocumentIR["notes"][number];

/** Elements that belong in <head> and show nothing. */
const HEAD_ELEMENTS = new Set([
  "title",
  "meta",
  "link",
  "style",
  "script",
  "base",
  "noscript",
  "template",
  "object",
]);

/** On the walk's stack after a block element's children: its end, where pending text is flushed. */
const END_OF_BLOCK: DomNode = { type: "end-of-block" };
/** On the indexing walk's stack after a table's children. */
const END_OF_TABLE: DomNode = { type: "end-of-table" };

export interface HtmlBlocks {
  blocks: Block[];
  notes: Note[];
  titles: TitleCandidates;
  /** Where each marked <img> stands: its blocks go before `blocks[at]` (parsers/html/images.ts). */
  anchors: { image: number; at: number }[];
}

/**
 * Reads the blocks of a parsed document (the root node of cheerio's DOM). `images` marks the <img>
 * elements whose place in the block order is wanted (by their index in the caller's list); the
 * text around a marked image is split there, so only pages with such images read differently.
 */
export function readBlocks(
  root: DomNode,
  images?: Map<DomNode, number>,
  tables?: TableIndex | null,
): HtmlBlocks {
  return new BlockReader(root, images, tables ?? undefined).read();
}

class BlockReader {
  private readonly blocks: Block[] = [];
  private readonly notes: Note[] = [];
  private readonly tableNumbers: Map<DomNode, number>;
  private readonly tablesWithNestedTables: Set<DomNode>;
  private readonly titles: TitleCandidates = {};
  private readonly anchors: HtmlBlocks["anchors"] = [];
  private pieces: string[] = [];
  /** Blank text after the last piece: gathered when more text follows, dropped at the block's end. */
  private blank = "";
  private nestedDepth = 0;
  private clampedSpans = 0;

  constructor(
    private readonly root: DomNode,
    private readonly images?: Map<DomNode, number>,
    recorded?: TableIndex,
  ) {
    // The tree builder records its tables (parsers/html/tree.ts); other trees are walked for them.
    this.tableNumbers = recorded?.numbers ?? new Map();
    this.tablesWithNestedTables = recorded?.withNestedTables ?? new Set();
    if (!recorded) this.indexTables();
  }

  read(): HtmlBlocks {
    this.flow(childrenOf(this.root));
    this.flush();
    if (this.clampedSpans > 0) {
      this.notes.push({
        code: "html.span_clamped",
        message: `${this.clampedSpans} table(s) had absurd rowspan/colspan values, clamped to the table's size`,
      });
    }
    return { blocks: this.blocks, notes: this.notes, titles: this.titles, anchors: this.anchors };
  }

  /** Numbers tables in document order and marks those holding another table (one linear pass). */
  private indexTables(): void {
    const openTables: DomNode[] = [];
    const stack: DomNode[] = [...childrenOf(this.root)].reverse();
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node === END_OF_TABLE) {
        openTables.pop();
        continue;
      }
      if (node.type !== "tag") continue;
      if (tagName(node) === "table") {
        this.tableNumbers.set(node, this.tableNumbers.size + 1);
        // Marking the enclosing table is enough: its own ancestors were marked when it was entered.
        const enclosing = openTables.at(-1);
        if (enclosing) this.tablesWithNestedTables.add(enclosing);
        openTables.push(node);
        stack.push(END_OF_TABLE);
      }
      const children = childrenOf(node);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }

  /** Emits the pending inline text as one text block. */
  private flush(): void {
    this.blank = "";
    if (this.pieces.length === 0) return;
    const text = normalizeInline(this.pieces.join(""));
    this.pieces = [];
    if (text) this.blocks.push({ kind: "text", text });
  }

  /** Walks content as flowing text; data tables met on the way become table blocks. */
  private flow(nodes: readonly DomNode[]): void {
    const stack: DomNode[] = [];
    for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node === END_OF_BLOCK) {
        this.flush();
        continue;
      }
      if (node.type === "text") {
        const data = node.data;
        if (!data) continue;
        // Indentation (most text nodes of a portal page) is trimmed by normalizeInline at a block's
        // ends: it is gathered only once text follows it.
        if (isBlank(data)) {
          if (this.pieces.length > 0) this.blank += data;
          continue;
        }
        if (this.blank) {
          this.pieces.push(this.blank);
          this.blank = "";
        }
        this.pieces.push(sanitizeTextNode(data));
        continue;
      }
      const name = tagName(node);
      if (name === "title" || name === "meta") {
        this.noteTitle(node);
        continue;
      }
      if (name === "head") {
        // Head elements are metadata; anything else in an unclosed <head> is body content a
        // browser would show (pages without </head><body> exist).
        const children = childrenOf(node);
        for (let i = children.length - 1; i >= 0; i--) {
          const child = children[i]!;
          if (child.type === "tag" && HEAD_ELEMENTS.has(tagName(child))) this.noteTitle(child);
          else stack.push(child);
        }
        continue;
      }
      if (isInvisible(node)) continue;
      if (this.images && name === "img") {
        const image = this.images.get(node);
        if (image !== undefined) {
          this.flush();
          this.anchors.push({ image, at: this.blocks.length });
        }
        continue;
      }
      if (name === "table" && this.readDataTable(node)) continue;
      if (name === "pre") {
        this.readPreformatted(node);
        continue;
      }
      const isHeading = name === "h1";
      const isArticleTitle = isArticleTitleElement(node);
      if (isHeading || isArticleTitle) {
        const text = visibleText(node);
        if (isHeading) this.titles.h1 = betterTitle(this.titles.h1, text);
        if (isArticleTitle) this.titles.articleHeading = betterTitle(this.titles.articleHeading, text);
      }
      if (BLOCK_ELEMENTS.has(name)) {
        this.flush();
        stack.push(END_OF_BLOCK);
      }
      const children = childrenOf(node);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }

  /**
   * <pre> keeps its tabs, column gaps and lines (portals put text reports in one): read its lines
   * with the text front-end's rules.
   */
  private readPreformatted(pre: DomNode): void {
    this.flush();
    const lines = linesToBlocks(preformattedText(pre));
    for (const block of lines) {
      if (block.kind === "text") this.blocks.push({ kind: "text", text: block.text });
      else
        this.blocks.push({
          kind: "table",
          rows: block.rows.map((row) => row.map((cell) => ({ text: cell.text }))),
        });
    }
  }

  /** Records <title> and title <meta>s (in <head>, or stray in the body of a broken page). */
  private noteTitle(node: DomNode): void {
    const name = tagName(node);
    if (name === "meta") this.titles.meta ??= metaTitle(node);
    else if (name === "title") this.titles.document ??= pickTitleSegment(rawText(node)) || undefined;
  }

  /**
   * Reads a table as a grid, unless it turns out to be layout (returns false, nothing emitted):
   * one column, a cell holding a page of prose, or tables nested in a narrow (≤ 3 columns) frame.
   * Tables nested in a data table come out as their own blocks after it, their text not
   * duplicated into the outer cell.
   */
  private readDataTable(table: DomNode): boolean {
    const hasNested = this.tablesWithNestedTables.has(table);
    if (hasNested && this.nestedDepth >= MAX_NESTED_DATA_TABLES) return false;
    const number = this.tableNumbers.get(table) ?? 0;
    const { rows, captions } = rowsOf(table);
    const nested: DomNode[] = [];
    const sourceRows: SpanningCell[][] = rows.map((tr, r) => {
      let cellIndex = 0;
      return childrenOf(tr)
        .filter((node) => node.type === "tag" && (tagName(node) === "td" || tagName(node) === "th"))
        .map((cell) => ({
          text: visibleText(cell, nested),
          rowspan: spanAttribute(attribute(cell, "rowspan")),
          colspan: spanAttribute(attribute(cell, "colspan")),
          loc: { path: `table[${number}]/tr[${r + 1}]/${tagName(cell)}[${++cellIndex}]` },
        }));
    });
    if (isLayout(sourceRows, hasNested)) return false;

    this.flush();
    for (const caption of captions) this.flow([caption]);
    this.flush();
    const grid = expandSpans(sourceRows);
    if (grid.clamped) this.clampedSpans++;
    const block: TableBlock = { kind: "table", rows: grid.rows, loc: { path: `table[${number}]` } };
    if (block.rows.some((row: Cell[]) => row.length > 0)) this.blocks.push(block);
    if (nested.length > 0) {
      this.nestedDepth++;
      this.flow(nested);
      this.flush();
      this.nestedDepth--;
    }
    return true;
  }
}

/**
 * True when a table arranges a page rather than holding figures: one column only, a narrow frame
 * around other tables (report tables have 4+ columns), or a cell holding a page of prose — unless
 * the table also has several rows of several filled cells, as a figures table with a long
 * footnote row does.
 */
function isLayout(rows: readonly (readonly SpanningCell[])[], hasNestedTables: boolean): boolean {
  let width = 0;
  let hasProseCell = false;
  let gridRows = 0;
  for (const cells of rows) {
    width = Math.max(width, cells.length);
    let filled = 0;
    for (const cell of cells) {
      if (cell.text.length >= LAYOUT_CELL_CHARS) hasProseCell = true;
      if (cell.text.length > 0) filled++;
    }
    if (filled >= MIN_GRID_ROW_CELLS) gridRows++;
  }
  if (width <= (hasNestedTables ? MAX_LAYOUT_FRAME_COLUMNS : 1)) return true;
  return hasProseCell && gridRows < MIN_GRID_ROWS;
}

/** The rows of a table (directly or in thead/tbody/tfoot, in source order) and its captions. */
function rowsOf(table: DomNode): { rows: DomNode[]; captions: DomNode[] } {
  const rows: DomNode[] = [];
  const captions: DomNode[] = [];
  for (const child of childrenOf(table)) {
    if (child.type !== "tag" || isInvisible(child)) continue;
    const name = tagName(child);
    if (name === "tr") rows.push(child);
    else if (name === "caption") captions.push(child);
    else if (name === "thead" || name === "tbody" || name === "tfoot") {
      for (const row of childrenOf(child)) {
        if (row.type === "tag" && tagName(row) === "tr" && !isInvisible(row)) rows.push(row);
      }
    }
  }
  return { rows, captions };
}

function spanAttribute(value: string | undefined): number {
  if (value === undefined) return 1;
  const match = /^\s*(\d+)/.exec(value);
  return match ? Number(match[1]) : 1;
}

/** The text of a <pre> as written: whitespace kept, <br> as a line end, hidden parts left out. */
function preformattedText(pre: DomNode): string {
  const pieces: string[] = [];
  const stack: DomNode[] = [...childrenOf(pre)].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "text") {
      if (node.data) pieces.push(node.data);
      continue;
    }
    if (isInvisible(node)) continue;
    if (tagName(node) === "br") pieces.push("\n");
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return pieces.join("");
}

/** The raw text of an element whose content is not rendered (e.g. <title>). */
function rawText(node: DomNode): string {
  return childrenOf(node)
    .map((child) => (child.type === "text" ? (child.data ?? "") : ""))
    .join("");
}

/** The walk stack visibleText reuses (it never runs inside itself). */
const visibleStack: DomNode[] = [];

/**
 * An element's visible text (a cell, a heading); paragraphs and line breaks inside become one
 * space. Nested tables are left out of the text and, when `nestedTables` is given, collected.
 */
function visibleText(cell: DomNode, nestedTables?: DomNode[]): string {
  if (isInvisible(cell)) return "";
  const children = childrenOf(cell);
  // Most cells hold one text node ("0", "规章"): its text, normalised.
  if (children.length === 1 && children[0]!.type === "text") {
    return normalizeInline(sanitizeTextNode(children[0]!.data ?? ""));
  }
  // Blank text (indentation) and hard breaks at either end are trimmed by normalizeInline: they
  // are added only between texts.
  let text = "";
  let blank = "";
  const stack = visibleStack;
  const bottom = stack.length;
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  while (stack.length > bottom) {
    const node = stack.pop()!;
    if (node.type === "text") {
      const data = node.data;
      if (!data) continue;
      if (isBlank(data)) {
        if (text !== "") blank += data;
        continue;
      }
      text += blank + sanitizeTextNode(data);
      blank = "";
      continue;
    }
    if (isInvisible(node)) continue;
    const name = tagName(node);
    if (name === "table") {
      nestedTables?.push(node);
      if (text !== "") blank += HARD_BREAK;
      continue;
    }
    if (text !== "" && BLOCK_ELEMENTS.has(name)) blank += HARD_BREAK;
    const inner = childrenOf(node);
    for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]!);
  }
  return normalizeInline(text);
}
