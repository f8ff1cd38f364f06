// word/document.xml → IR blocks. Paragraphs become text blocks; tables become grids on the
// same footing as HTML: gridSpan (colspan) and vMerge (rowspan) are expanded, copies marked
// `spanned`. Wrappers are looked through (w:sdt content controls, w:ins insertions, smart
// tags, hyperlinks); deleted text (w:del), field codes and drawings are left out.
import { XMLParser } from "fast-xml-parser";
import { ParseError } from "../errors.js";
import type { Block, Cell, TableBlock } from "../ir.js";
import { joinLines, normalizeSpacing } from "../pdf/text-join.js";

/** fast-xml-parser's preserveOrder node: one tag name → children, plus ":@" attributes. */
type XmlNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  // No entity expansion at all (no DOCTYPE tricks); the five XML entities are decoded below.
  processEntities: false,
  // Keep text as text: "1." must not become the number 1.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

function tagOf(node: XmlNode): string {
  for (const key of Object.keys(node)) if (key !== ":@") return key;
  return "";
}

function childrenOf(node: XmlNode): XmlNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function attr(node: XmlNode, name: string): string | undefined {
  return node[":@"]?.[name];
}

function child(node: XmlNode, tag: string): XmlNode | undefined {
  return childrenOf(node).find((c) => tagOf(c) === tag);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith("#x")) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith("#")) return safeCodePoint(parseInt(lower.slice(1), 10), whole);
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[lower] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** Elements whose content is never visible text. */
const SKIPPED = new Set([
  "w:del",
  "w:moveFrom",
  "w:instrText",
  "w:delText",
  "w:drawing",
  "w:pict",
  "w:object",
  "w:footnoteReference",
  "w:endnoteReference",
  "w:commentReference",
  "w:rPr",
  "w:pPr",
  "w:tcPr",
  "w:trPr",
  "w:tblPr",
  "w:sectPr",
]);

/** The visible text of a paragraph (or any inline container). */
function inlineText(node: XmlNode): string {
  let text = "";
  const stack: XmlNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const tag = tagOf(current);
    if (tag === "#text") {
      continue; // whitespace between elements; run text lives in w:t
    }
    if (SKIPPED.has(tag)) continue;
    if (tag === "w:t") {
      text += childrenOf(current)
        .map((c) => String(c["#text"] ?? ""))
        .join("");
      continue;
    }
    if (tag === "w:tab" || tag === "w:ptab") text += "\t";
    else if (tag === "w:br" || tag === "w:cr") text += "\n";
    else if (tag === "w:noBreakHyphen") text += "-";
    else if (tag === "mc:AlternateContent") {
      // Two renderings of the same content: take the first branch only.
      const branch = childrenOf(current).find((c) => tagOf(c) === "mc:Choice" || tagOf(c) === "mc:Fallback");
      if (branch) stack.push(branch);
      continue;
    }
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return decodeEntities(text);
}

class BodyReader {
  readonly blocks: Block[] = [];
  private tableCount = 0;

  readContainer(nodes: XmlNode[]): void {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === "w:p") {
        const text = normalizeSpacing(inlineText(node), true);
        if (text) this.blocks.push({ kind: "text", text });
      } else if (tag === "w:tbl") {
        this.readTable(node);
      } else if (tag === "w:sdt") {
        this.readContainer(childrenOf(child(node, "w:sdtContent") ?? node));
      } else if (tag === "w:customXml" || tag === "w:ins" || tag === "w:moveTo" || tag === "w:smartTag") {
        this.readContainer(childrenOf(node));
      } else if (tag === "mc:AlternateContent") {
        const branch = childrenOf(node).find((c) => tagOf(c) === "mc:Choice" || tagOf(c) === "mc:Fallback");
        if (branch) this.readContainer(childrenOf(branch));
      }
    }
  }

  private readTable(table: XmlNode): void {
    const number = ++this.tableCount;
    const nested: XmlNode[] = [];
    const rows: Cell[][] = [];
    /** The origin cell of an open vertical merge, by grid column. */
    const openMerges = new Map<number, Cell>();
    let rowNumber = 0;
    for (const rowNode of rowsOf(table)) {
      rowNumber++;
      const row: Cell[] = [];
      const rowProps = child(rowNode, "w:trPr");
      const gridBefore = Number(attr(child(rowProps ?? {}, "w:gridBefore") ?? {}, "w:val") ?? 0) || 0;
      for (let i = 0; i < gridBefore; i++) row.push({ text: "", spanned: true });
      let cellNumber = 0;
      for (const cellNode of cellsOf(rowNode)) {
        cellNumber++;
        const props = child(cellNode, "w:tcPr") ?? {};
        const span = Math.min(
          64,
          Math.max(1, Number(attr(child(props, "w:gridSpan") ?? {}, "w:val") ?? 1) || 1),
        );
        const vMerge = child(props, "w:vMerge");
        const continues = vMerge !== undefined && attr(vMerge, "w:val") !== "restart";
        const column = row.length;
        const path = `table[${number}]/tr[${rowNumber}]/td[${cellNumber}]`;
        let origin: Cell;
        if (continues && openMerges.has(column)) {
          origin = { text: openMerges.get(column)!.text, loc: { path }, spanned: true };
        } else {
          origin = { text: this.cellText(cellNode, nested), loc: { path } };
          if (vMerge !== undefined) openMerges.set(column, origin);
          else openMerges.delete(column);
        }
        row.push(origin);
        for (let i = 1; i < span; i++) row.push({ text: origin.text, loc: { path }, spanned: true });
        if (!continues && vMerge === undefined) for (let i = 1; i < span; i++) openMerges.delete(column + i);
      }
      rows.push(row);
    }
    if (rows.length > 0)
      this.blocks.push({ kind: "table", rows, loc: { path: `table[${number}]` } } satisfies TableBlock);
    for (const inner of nested) this.readTable(inner);
  }

  /** A cell's paragraphs joined; tables nested in it are read afterwards as their own blocks. */
  private cellText(cell: XmlNode, nested: XmlNode[]): string {
    const lines: string[] = [];
    const visit = (nodes: XmlNode[]) => {
      for (const node of nodes) {
        const tag = tagOf(node);
        if (tag === "w:p") lines.push(normalizeSpacing(inlineText(node)));
        else if (tag === "w:tbl") nested.push(node);
        else if (tag === "w:sdt") visit(childrenOf(child(node, "w:sdtContent") ?? node));
        else if (tag === "w:customXml" || tag === "w:ins") visit(childrenOf(node));
      }
    };
    visit(childrenOf(cell));
    return joinLines(lines);
  }
}

/** Rows of a table, looking through content controls and custom XML around them. */
function rowsOf(table: XmlNode): XmlNode[] {
  return unwrap(childrenOf(table), "w:tr");
}

function cellsOf(row: XmlNode): XmlNode[] {
  return unwrap(childrenOf(row), "w:tc");
}

function unwrap(nodes: XmlNode[], wanted: string): XmlNode[] {
  const result: XmlNode[] = [];
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === wanted) result.push(node);
    else if (tag === "w:sdt") result.push(...unwrap(childrenOf(child(node, "w:sdtContent") ?? node), wanted));
    else if (tag === "w:customXml" || tag === "w:ins") result.push(...unwrap(childrenOf(node), wanted));
  }
  return result;
}

/** Parses document.xml into blocks in reading order. */
export function readDocumentXml(xml: string): Block[] {
  // A DOCTYPE declaring entities (external ones, billion laughs) is refused by the XML parser; Word
  // never writes one, so the document is treated as damaged rather than as our bug.
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096)))
    throw new ParseError(
      "corrupt",
      "word/document.xml declares a DOCTYPE (entities); Word never writes one, refused",
    );
  let root: XmlNode[];
  try {
    root = parser.parse(xml) as XmlNode[];
  } catch (error) {
    throw new ParseError("corrupt", `word/document.xml is not well-formed XML (${(error as Error).message})`);
  }
  const document = root.find((node) => tagOf(node) === "w:document");
  const body = document ? child(document, "w:body") : undefined;
  const reader = new BodyReader();
  if (body) reader.readContainer(childrenOf(body));
  return reader.blocks;
}
