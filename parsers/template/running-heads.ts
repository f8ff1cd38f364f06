// Running heads in text copies of paged documents. pdftotext, a PDF viewer's copy or a browser
// printing a Word file keep each page's header ("洪泽区人民政府2023年政府信息公开工作年度报告") next to the
// page's footer ("- 3 -"), often in the middle of a table: a line of text between a row's figures
// cuts the row, and its last figures were read into the wrong columns. The PDF front-end drops page
// chrome by position (parsers/pdf/page-chrome.ts); a text copy has no positions, so a head is known
// by where it stands and by repeating: a text line right beside a page footer whose words are also
// printed elsewhere in the document (on another page break, or as the report's title on top).

import type { DocumentIR } from "../ir.js";
import { isWhiteSpace } from "../white-space.js";

// `charCodeAt.call(text, i)` in per-character loops: see parsers/template/nfkc.ts.
const charCodeAt = String.prototype.charCodeAt;

// The page footers cells.ts drops inside text: — 3 —, -3-, 第 3 页 (共 5 页), 共 5 页.
const PAGE_FOOTER =
  /^(?:([—–\-－])\1?\s*\d{1,4}\s*\1{1,2}|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页)$/u;
// A head names the report or its body: it is long and has no figure-like number but a year.
const HEAD_MIN_CHARS = 8;
const NON_YEAR_NUMBER = /(?<!\d)(?!(?:19|20)\d\d(?!\d))\d+/u;
// How many of the document's first lines may hold its title.
const TITLE_LINES = 5;

/** A text line of the IR: its block, its line within the block, its trimmed text. */
interface Line {
  block: number;
  line: number;
  text: string;
}

/**
 * The text lines that are running heads, as "block:line" keys; null when there are none (most
 * documents: no page footer, or no line beside one that repeats).
 */
export function runningHeads(doc: DocumentIR): Set<string> | null {
  // Most documents print no page footer: a look at each text for a footer's characters first.
  if (!doc.blocks.some((block) => block.kind === "text" && holdsFooter(block.text))) return null;
  const lines: Line[] = [];
  const footers: number[] = [];
  doc.blocks.forEach((block, b) => {
    if (block.kind !== "text") {
      lines.push({ block: b, line: -1, text: "" }); // a table between two lines parts them
      return;
    }
    const texts = block.text.includes("\n") ? block.text.split(/\r?\n/) : [block.text];
    texts.forEach((raw, l) => {
      const text = lineText(raw);
      if (text === "") return;
      if (isFooter(text)) footers.push(lines.length);
      lines.push({ block: b, line: l, text });
    });
  });
  if (footers.length === 0) return null;
  const beside = new Map<string, number[]>();
  for (const f of footers) {
    for (const i of [f - 1, f + 1]) {
      const candidate = lines[i];
      if (!candidate || candidate.line < 0 || !isHeadLike(candidate.text)) continue;
      const at = beside.get(candidate.text) ?? [];
      if (!at.includes(i)) at.push(i);
      beside.set(candidate.text, at);
    }
  }
  const top = new Set(
    lines
      .slice(0, TITLE_LINES)
      .filter((l) => l.line >= 0)
      .map((l) => l.text),
  );
  let heads: Set<string> | null = null;
  for (const [text, at] of beside) {
    if (at.length < 2 && !top.has(text)) continue;
    for (const i of at) {
      if (i < TITLE_LINES) continue; // the title itself, on top of page 1
      heads ??= new Set();
      heads.add(`${lines[i]!.block}:${lines[i]!.line}`);
    }
  }
  return heads;
}

const lineText = (raw: string) => raw.replace(/[\s\u00a0\u3000]+/g, " ").trim();
const isFooter = (text: string) => text.length <= 16 && PAGE_FOOTER.test(text);

/** Whether the text holds a digit and a dash or 页 (every footer does), in one look at its characters. */
function holdsFooterMarks(text: string): boolean {
  let digit = false;
  let mark = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = charCodeAt.call(text, i);
    if (c >= 0x30 && c <= 0x39) digit = true;
    else if (c === 0x2d || c === 0x2013 || c === 0x2014 || c === 0xff0d || c === 0x9875) mark = true;
    else continue;
    if (digit && mark) return true;
  }
  return false;
}

/** Whether a text block holds a line that is a page footer. */
function holdsFooter(text: string): boolean {
  if (!holdsFooterMarks(text)) return false;
  const texts = text.includes("\n") ? text.split(/\r?\n/) : [text];
  return texts.some((raw) => !longerThan(raw, 16) && isFooter(lineText(raw)));
}

/** Whether the line holds more than `max` characters that are not white space (as `\s` says). */
function longerThan(raw: string, max: number): boolean {
  if (raw.length <= max) return false;
  let count = 0;
  const length = raw.length;
  for (let i = 0; i < length; i++) if (!isWhiteSpace(charCodeAt.call(raw, i)) && ++count > max) return true;
  return false;
}

function isHeadLike(text: string): boolean {
  return text.length >= HEAD_MIN_CHARS && !NON_YEAR_NUMBER.test(text) && !text.includes("。");
}
