// An HTML report whose tables are pictures, made from one whose tables are text: every <table> of
// the page is drawn as a ruled PNG (SVG rendered by sharp/librsvg with the system's CJK font, at
// about 200 dpi) and replaced by an <img> naming it, as county portals publish 图片版 reports.
// Used by the tests, the simulator's picture site and scripts/scans/html-images.ts, at run time
// (nothing large is committed).
import { parseDocument } from "htmlparser2";
import sharp from "sharp";

/** The few facts of htmlparser2's DOM nodes read here. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

export interface TableImage {
  /** The reference the page's <img> uses (`prefix` + table-N.png). */
  ref: string;
  png: Buffer;
}

export interface ImagePage {
  /** The page as UTF-8 HTML with each table replaced by an <img>. */
  html: string;
  images: TableImage[];
}

/** Page width in pixels: A4 at 200 dpi, so the reader takes the pictures for 200 dpi. */
const PAGE_WIDTH = 1654;
const MARGIN = 40;
const FONT = 30;
const LINE = Math.round(FONT * 1.35);
const PAD = 12;
const FONT_FAMILY = "WenQuanYi Zen Hei, Noto Sans CJK SC, sans-serif";

export interface TablesAsImagesOptions {
  /** The folder part of each image's reference (default "page_files/", a browser's "save page complete"). */
  prefix?: string;
  /**
   * Only these tables become pictures (1-based numbers in page order, or a test of the table's
   * text: its cells' text joined by spaces); the others stay text. Default: all.
   */
  only?: number[] | ((text: string) => boolean);
  /** Draw the pictures (default); false leaves them empty (a page whose pictures are lost). */
  draw?: boolean;
}

/**
 * Replaces the (non-nested) tables of an HTML page by pictures of them named `${prefix}table-N.png`
 * (N counts the tables of the page).
 */
export async function tablesAsImages(html: string, options: TablesAsImagesOptions = {}): Promise<ImagePage> {
  const prefix = options.prefix ?? "page_files/";
  const tables = topTables(parseDocument(html) as unknown as DomNode);
  const pieces = html.split(/(<table\b[\s\S]*?<\/table>)/i);
  const sources = pieces.filter((_, i) => i % 2 === 1);
  if (sources.length !== tables.length || sources.some((s) => /<table\b/i.test(s.slice(6))))
    throw new Error("tablesAsImages: nested tables are not supported");
  const images: TableImage[] = [];
  let out = "";
  for (let i = 0; i < pieces.length; i++) {
    const number = (i + 1) / 2;
    if (i % 2 === 0 || !drawn(options.only, number, tables[number - 1]!)) {
      out += pieces[i];
      continue;
    }
    const ref = `${prefix}table-${number}.png`;
    images.push({
      ref,
      png: options.draw === false ? Buffer.alloc(0) : await drawTable(tables[number - 1]!),
    });
    out += `<p><img src="${ref}" alt=""></p>`;
  }
  return { html: out, images };
}

function drawn(only: TablesAsImagesOptions["only"], number: number, rows: SourceCell[][]): boolean {
  if (only === undefined) return true;
  if (typeof only !== "function") return only.includes(number);
  return only(rows.flatMap((row) => row.map((cell) => cell.text)).join(" "));
}

interface SourceCell {
  text: string;
  rowspan: number;
  colspan: number;
}

function topTables(root: DomNode): SourceCell[][][] {
  const tables: SourceCell[][][] = [];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "tag" && node.name === "table") {
      tables.unshift(rowsOf(node));
      continue;
    }
    stack.push(...(node.children ?? []));
  }
  return tables;
}

function rowsOf(table: DomNode): SourceCell[][] {
  const rows: SourceCell[][] = [];
  const walk = (node: DomNode) => {
    for (const child of node.children ?? []) {
      if (child.type !== "tag") continue;
      if (child.name === "tr")
        rows.push(
          (child.children ?? [])
            .filter((c) => c.type === "tag" && (c.name === "td" || c.name === "th"))
            .map((c) => ({
              text: textOf(c).replace(/\s+/g, " ").trim(),
              rowspan: Math.max(1, Number(c.attribs?.rowspan ?? 1) || 1),
              colspan: Math.max(1, Number(c.attribs?.colspan ?? 1) || 1),
            })),
        );
      else walk(child);
    }
  };
  walk(table);
  return rows;
}

function textOf(node: DomNode): string {
  if (node.type === "text") return node.data ?? "";
  if (node.name === "br" || node.name === "p") return ` ${(node.children ?? []).map(textOf).join("")} `;
  return (node.children ?? []).map(textOf).join("");
}

interface Placed extends SourceCell {
  row: number;
  col: number;
}

/** The HTML table algorithm: each cell at the first free slot of its row, spans reserved. */
function place(rows: SourceCell[][]): { cells: Placed[]; nRows: number; nCols: number } {
  const taken = new Set<string>();
  const cells: Placed[] = [];
  let nCols = 0;
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken.has(`${r},${c}`)) c++;
      for (let dr = 0; dr < cell.rowspan; dr++)
        for (let dc = 0; dc < cell.colspan; dc++) taken.add(`${r + dr},${c + dc}`);
      cells.push({ ...cell, row: r, col: c });
      c += cell.colspan;
      nCols = Math.max(nCols, c);
    }
  });
  return { cells, nRows: rows.length, nCols };
}

const widthOf = (text: string): number =>
  [...text].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? FONT * 0.6 : FONT), 0);

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const ch of text) {
    if (line && widthOf(line + ch) > width) {
      lines.push(line);
      line = ch === " " ? "" : ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

async function drawTable(rows: SourceCell[][]): Promise<Buffer> {
  const { cells, nRows, nCols } = place(rows);
  const inner = PAGE_WIDTH - 2 * MARGIN;
  // Columns as wide as their widest one-column cell, at most 14 characters (labels wrap).
  // Every column holds two characters on a line (总计); only the width beyond that is shrunk to fit.
  const least = FONT * 2 + 2 * PAD + 4;
  const want = Array.from({ length: nCols }, () => least);
  for (const cell of cells)
    if (cell.colspan === 1)
      want[cell.col] = Math.max(want[cell.col]!, Math.min(widthOf(cell.text), FONT * 14) + 2 * PAD);
  const total = want.reduce((a, b) => a + b, 0);
  const target = Math.max(Math.min(inner, Math.max(total, inner * 0.6)), least * nCols);
  const extra = total - least * nCols;
  const widths = want.map((w) =>
    Math.floor(extra > 0 ? least + ((w - least) * (target - least * nCols)) / extra : w),
  );
  const xs = [MARGIN];
  for (const w of widths) xs.push(xs.at(-1)! + w);
  const spanWidth = (c: Placed) => xs[c.col + c.colspan]! - xs[c.col]!;
  const lines = new Map<Placed, string[]>(cells.map((c) => [c, wrap(c.text, spanWidth(c) - 2 * PAD)]));
  const heights = Array.from({ length: nRows }, () => LINE + 2 * PAD);
  for (const cell of cells)
    if (cell.rowspan === 1)
      heights[cell.row] = Math.max(heights[cell.row]!, lines.get(cell)!.length * LINE + 2 * PAD);
  const ys = [MARGIN];
  for (const h of heights) ys.push(ys.at(-1)! + h);
  const height = ys.at(-1)! + MARGIN;
  const parts: string[] = [`<rect width="${PAGE_WIDTH}" height="${height}" fill="white"/>`];
  for (const cell of cells) {
    const [x0, x1] = [xs[cell.col]!, xs[cell.col + cell.colspan]!];
    const [y0, y1] = [ys[cell.row]!, ys[Math.min(nRows, cell.row + cell.rowspan)]!];
    parts.push(
      `<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="none" stroke="black" stroke-width="2"/>`,
    );
    const text = lines.get(cell)!;
    const top = (y0 + y1) / 2 - (text.length * LINE) / 2;
    text.forEach((line, i) => {
      const y = Math.round(top + i * LINE + LINE * 0.78);
      parts.push(
        `<text x="${(x0 + x1) / 2}" y="${y}" text-anchor="middle" font-family="${FONT_FAMILY}" font-size="${FONT}">${escapeXml(line)}</text>`,
      );
    });
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH}" height="${height}">${parts.join("")}</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
