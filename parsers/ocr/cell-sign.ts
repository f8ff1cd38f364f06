// Signs and glyph size of a figure cell's picture (a binary PGM as the cell reader cut it).
// The digit pass reads only digits: the sign of a 2019 table-2 change ("-6", "+72") would be
// dropped (a "-6" read as 6 is a wrong figure) or read as a digit (a "+" taken for 4). The sign is
// found here by its shape, removed from the picture, and put back before the digits; a small mark
// left of the digits that is no clear sign makes the reading unsure. Big print (a 15-point figure
// cut at 300 dpi) is read again smaller: tesseract misses lone glyphs much taller than text lines.
import { averageShrink } from "./image.js";
import { findComponents, type Component } from "./components.js";

export interface Pgm {
  width: number;
  height: number;
  data: Uint8Array;
}

export function parsePgm(bytes: Uint8Array): Pgm | null {
  const head = Buffer.from(bytes.subarray(0, 40)).toString("latin1");
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(head);
  if (!m) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const data = bytes.subarray(m[0].length, m[0].length + width * height);
  if (data.length < width * height) return null;
  return { width, height, data };
}

export function pgmBytes(image: Pgm): Uint8Array {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, "latin1");
  return new Uint8Array(Buffer.concat([header, Buffer.from(image.data)]));
}

/** Ink darker than this (of 255) belongs to a glyph. */
const INK = 160;

/** The glyphs and marks of a cell: pieces of ink of 4 pixels or more. */
function blobs(image: Pgm): Component[] {
  const { width, height, data } = image;
  const ink = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) if (data[i]! < INK) ink[i] = 1;
  return findComponents(ink, width, height).filter((c) => c.pixels.length >= 4);
}

export interface SignSplit {
  /** The sign printed before the digits, "" when none. */
  sign: "" | "+" | "-";
  /** A mark stands left of the digits that is no clear sign (its reading cannot be trusted). */
  unsure: boolean;
  /** The picture without the sign (the input when there is none). */
  pgm: Uint8Array;
  /** Height of the tallest glyph, pixels. */
  glyphHeight: number;
}

/**
 * Finds a plus or minus sign left of a cell's digits. Only the leftmost mark is looked at, and
 * only when taller glyphs (the digits) stand right of it.
 */
export function splitSign(bytes: Uint8Array): SignSplit {
  const image = parsePgm(bytes);
  const none: SignSplit = { sign: "", unsure: false, pgm: bytes, glyphHeight: 0 };
  if (!image) return none;
  const marks = blobs(image).sort((a, b) => a.x0 - b.x0);
  if (marks.length === 0) return none;
  const tall = Math.max(...marks.map((m) => m.y1 - m.y0 + 1));
  none.glyphHeight = tall;
  if (marks.length < 2) return none;
  const first = marks[0]!;
  // A blurred digit breaks into pieces at the ink threshold (a 9's loop and its tail, a 2's
  // curve and its foot, a 4's bar and its stem) that overlap across: pieces that touch or overlap
  // across and together are as tall as the digits are a digit, no mark of its own (a 9487 read
  // with confidence 96 was capped as unsure and its table-2 figure left out; a 4's broken bar
  // was taken for a minus). A sign stands apart, a clear gap left of the digits, and is shorter
  // than they are (a plus is at most 0.85 of their height: a broken plus stays a mark).
  const column = [first, ...marks.slice(1).filter((m) => m.x0 <= first.x1 + 1)];
  const joined = Math.max(...column.map((m) => m.y1)) - Math.min(...column.map((m) => m.y0)) + 1;
  if (column.length > 1 && joined >= tall * 0.9) return none;
  const rest = marks.slice(1);
  const h = first.y1 - first.y0 + 1;
  const w = first.x1 - first.x0 + 1;
  // Digits right of it: the remaining marks include a glyph of full height, wholly to its right.
  const digitsRight = rest.some((m) => m.y1 - m.y0 + 1 >= tall * 0.8 && m.x0 > first.x1);
  if (!digitsRight || h > tall * 0.95) return none;
  const band = rest.filter((m) => m.y1 - m.y0 + 1 >= tall * 0.8);
  const top = Math.min(...band.map((m) => m.y0));
  const bottom = Math.max(...band.map((m) => m.y1));
  const centre = (first.y0 + first.y1) / 2;
  const middle = centre > top + (bottom - top) * 0.2 && centre < bottom - (bottom - top) * 0.2;
  const cleared = (): Uint8Array => {
    const data = new Uint8Array(image.data);
    for (const p of first.pixels) data[p] = 255;
    // Grey fringes of the removed strokes.
    for (let y = Math.max(0, first.y0 - 2); y <= Math.min(image.height - 1, first.y1 + 2); y++)
      for (let x = Math.max(0, first.x0 - 2); x <= Math.min(image.width - 1, first.x1 + 2); x++)
        if (data[y * image.width + x]! < 255) data[y * image.width + x] = 255;
    return pgmBytes({ ...image, data });
  };
  // Minus: a flat bar at mid-height of the digits.
  if (middle && h <= tall * 0.25 && w >= h * 1.8 && w <= tall * 1.2)
    return { sign: "-", unsure: false, pgm: cleared(), glyphHeight: tall };
  // Plus: a cross, as wide as high, a bar through its middle each way, little else.
  if (middle && h >= tall * 0.3 && w >= h * 0.7 && w <= h * 1.4 && isCross(image, first))
    return { sign: "+", unsure: false, pgm: cleared(), glyphHeight: tall };
  // A glyph of almost full height is a digit; a speck or a low dot or comma is no sign; a mark of
  // a sign's size that is no clear sign makes the reading unsure.
  const small = h < tall * 0.2 && w < tall * 0.2;
  const dot = h <= tall * 0.3 && w <= tall * 0.3 && !middle;
  return { ...none, unsure: h < tall * 0.8 && !small && !dot };
}

function isCross(image: Pgm, b: Component): boolean {
  const w = b.x1 - b.x0 + 1;
  const h = b.y1 - b.y0 + 1;
  const at = (x: number, y: number) => image.data[y * image.width + x]! < INK;
  const cy = Math.round((b.y0 + b.y1) / 2);
  const cx = Math.round((b.x0 + b.x1) / 2);
  const rowRun = (y: number) => {
    let n = 0;
    for (let x = b.x0; x <= b.x1; x++) if (at(x, y)) n++;
    return n;
  };
  const colRun = (x: number) => {
    let n = 0;
    for (let y = b.y0; y <= b.y1; y++) if (at(x, y)) n++;
    return n;
  };
  const across = Math.max(rowRun(cy - 1), rowRun(cy), rowRun(cy + 1)) >= w * 0.75;
  const down = Math.max(colRun(cx - 1), colRun(cx), colRun(cx + 1)) >= h * 0.75;
  // A cross fills little of its box (two bars); a blob or a Chinese character fills more or
  // has strokes away from the middle.
  const fill = b.pixels.length / (w * h);
  return across && down && fill < 0.45;
}

/**
 * The picture in black and white, cut halfway between its darkest ink and white paper: tesseract
 * reads nothing in faint grey digits blurred by upscaling a 150 dpi scan (a clear "0" at grey 130
 * on white, in every line mode) that it reads at once when they are sharp and black.
 */
export function crisp(bytes: Uint8Array): Uint8Array {
  const image = parsePgm(bytes);
  if (!image) return bytes;
  // The darkest ink, ignoring the few darkest pixels (a JPEG speck in a stroke).
  const counts = new Array<number>(256).fill(0);
  for (const v of image.data) counts[v]!++;
  const ink = image.data.reduce((n, v) => n + (v < 255 ? 1 : 0), 0);
  let dark = 0;
  for (let seen = 0; dark < 255; dark++) {
    seen += counts[dark]!;
    if (seen > ink * 0.02) break;
  }
  const level = (dark + 255) / 2;
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i]! < level ? 0 : 255;
  return pgmBytes({ width: image.width, height: image.height, data });
}

/**
 * A strip of print (a title) in black and white, cut 0.4 of the way from its darkest ink to its
 * paper (the median): tesseract reads a light, bold title of a LibreOffice print as scraps
 * ("业局[=", "度政府信息") and a rare place character below the doubt level (莆 at 55) in grey, and
 * the whole line at 77–96 so cut. Cut nearer the paper, blurred strokes fill the characters in.
 */
export function inkOnPaper(bytes: Uint8Array): Uint8Array {
  const image = parsePgm(bytes);
  if (!image) return bytes;
  const counts = new Array<number>(256).fill(0);
  for (const v of image.data) counts[v]!++;
  const level = (share: number) => {
    let v = 0;
    for (let seen = counts[0]!; seen <= image.data.length * share && v < 255;) seen += counts[++v]!;
    return v;
  };
  const dark = level(0.01);
  const paper = level(0.5);
  const cut = dark + (paper - dark) * 0.4;
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i]! < cut ? 0 : 255;
  return pgmBytes({ width: image.width, height: image.height, data });
}

/** The picture scaled down by 2 (each pixel the mean of four), for print too big for the engine. */
export function halve(bytes: Uint8Array): Uint8Array {
  const image = parsePgm(bytes);
  if (!image) return bytes;
  return pgmBytes(averageShrink({ ...image, dpi: 0 }, 2));
}
