// One table cell's picture made ready for the OCR engine: the cell's inside (rules left out),
// rule remnants and specks removed, cut to its ink, scaled to ~300 dpi, padded. Also a cheap look
// at the ink's shapes: blank, a dash (a zero mark), digits only, or text.
import type { GrayImage, InkImage } from "./image.js";
import { toPgm } from "./image.js";
import { findComponents, type Component } from "./components.js";

export type CellKind = "blank" | "dash" | "slash" | "digits" | "text";

export interface CellPicture {
  kind: CellKind;
  /** PGM bytes for the engine (absent for blank and dash cells): for digits, glyph-sized ink only. */
  pgm?: Uint8Array;
  /** The same cell with every stroke kept, for the Chinese pass (absent for blank and dash cells). */
  textPgm?: Uint8Array;
  /** For a blank cell: how sure it is blank (0–100). */
  confidence?: number;
  /** Number of ink pixels kept (after specks and remnants are removed). */
  ink: number;
  /** Lines of glyphs, top to bottom (two or more in a label that wraps, or in cells merged by a lost rule). */
  lines?: number;
  /** The cell holds one glyph shaped as a zero (one ring, its hole centred) and no other ink. */
  zero?: boolean;
  /** The digits cut again up to a column rule they touch (read when the first picture gave no sure reading). */
  wider?: { pgm: Uint8Array; zero?: boolean };
}

/** Pixel box [x0, y0, x1, y1) of the cell's inside. */
export function prepareCell(
  gray: GrayImage,
  ink: InkImage,
  box: [number, number, number, number],
): CellPicture {
  const dpi = gray.dpi;
  const inset = Math.max(3, Math.round(dpi * 0.022));
  // Specks (noise, JPEG blocks) are dropped unless they sit on the line of real glyphs (a decimal point).
  const minArea = Math.max(6, Math.round((dpi / 100) ** 2 * 8));
  const cut = cutCell(gray, ink, box, inset, inset, minArea);
  if (!cut) return { kind: "blank", ink: 0 };
  const picture = describe(gray, cut, minArea);
  // A figure printed against a column rule (left-aligned without padding, as LibreOffice prints
  // some tables) loses its side to the inset that leaves the rule out: a 0 became a ")" that
  // tesseract read as "." or nothing. The cell is also cut up to the rule, whose columns are
  // cleared; the page reader reads that picture when the first gave no sure reading.
  const touchLeft = cut.glyphs.some((c) => c.x0 === 0);
  const touchRight = cut.glyphs.some((c) => c.x1 === cut.w - 1);
  if (picture.kind === "digits" && (touchLeft || touchRight)) {
    const again = cutCell(
      gray,
      ink,
      box,
      touchLeft ? -inset : inset,
      touchRight ? -inset : inset,
      minArea,
      dpi,
    );
    if (
      again &&
      again.glyphs.length > 0 &&
      // Each glyph inside the box: on a side cut past it, from the box's edge on (a 0 printed
      // flush against the rule starts right at it: 15 table-4 figures of a LibreOffice scan).
      again.glyphs.every(
        (c) =>
          (touchLeft ? c.x0 >= inset : c.x0 > inset) &&
          (touchRight ? c.x1 <= again.w - 1 - inset : c.x1 < again.w - 1 - inset),
      ) &&
      again.glyphs.every((c) => c.y1 - c.y0 + 1 < again.h * 0.5)
    ) {
      const wider = describe(gray, again, minArea);
      if (wider.kind === "digits" && wider.pgm && (wider.lines ?? 1) === 1)
        picture.wider = { pgm: wider.pgm, ...(wider.zero ? { zero: true } : {}) };
    }
  }
  return picture;
}

/** The picture and kind of a cut cell. */
function describe(gray: GrayImage, cut: Cut, minArea: number): CellPicture {
  const dpi = gray.dpi;
  const { x0, y0, w, h, all, glyphs } = cut;
  if (glyphs.length === 0) {
    const dash = loneDash(gray, cut, minArea);
    if (dash) return { kind: "dash", ink: dash.area };
    return { kind: "blank", ink: 0, confidence: blankConfidence(gray, x0, y0, w, h, all, minArea) };
  }
  const left = Math.min(...glyphs.map((c) => c.x0));
  const right = Math.max(...glyphs.map((c) => c.x1));
  const baseline = Math.max(...glyphs.map((c) => c.y1));
  const slack = Math.max(2, Math.round(dpi / 75));
  const points = all.filter(
    (c) =>
      !glyphs.includes(c) && c.area >= 3 && c.x0 > left && c.x1 < right && Math.abs(c.y1 - baseline) <= slack,
  );
  const components = [...glyphs, ...points];
  const inkTotal = components.reduce((s, c) => s + c.area, 0);
  let kind = classify(components, dpi);
  if (kind === "digits" && components.length === 1 && isSlash(components[0]!, w)) kind = "slash";
  if (kind === "dash" || kind === "slash") return { kind, ink: inkTotal };
  // Chinese characters are made of many small strokes (the dots of 信, 总): for the Chinese pass
  // every piece near the glyphs is kept, not only the large ones.
  const near = Math.round(dpi * 0.06);
  const gx0 = Math.min(...glyphs.map((c) => c.x0)) - near;
  const gy0 = Math.min(...glyphs.map((c) => c.y0)) - near;
  const gx1 = Math.max(...glyphs.map((c) => c.x1)) + near;
  const gy1 = Math.max(...glyphs.map((c) => c.y1)) + near;
  const strokes = all.filter((c) => c.x1 >= gx0 && c.x0 <= gx1 && c.y1 >= gy0 && c.y0 <= gy1);
  const view = { gray, x0, y0, w, h };
  const bands = lineBands(glyphs);
  // Lines of a wrapped label set apart: on a blurred scan tesseract's line finder runs two close
  // lines into one (an indented second line most of all) and reads nonsense.
  const splits = bands.slice(1).map((band, i) => Math.round((bands[i]![1] + band[0]) / 2));
  const textPgm = render(view, strokes, splits);
  const lines = bands.length;
  if (kind === "text")
    return { kind, pgm: textPgm, textPgm, ink: strokes.reduce((s, c) => s + c.area, 0), lines };
  const zero =
    glyphs.length === 1 &&
    points.length === 0 &&
    isZero(glyphs[0]!, w) &&
    aloneInCell(view, glyphs[0]!, all, minArea);
  return { kind, pgm: render(view, components), textPgm, ink: inkTotal, lines, ...(zero ? { zero } : {}) };
}

/**
 * A printed zero: one ring as wide as 40–90% of its height, with one hole that is centred, at
 * least half as tall as the ring, and widest about its middle. A 6 or a 9 has its hole in one
 * half; an 8 has two, or one pinched at the middle where its waist broke; a 0 whose ring broke
 * has none (then the shape says nothing).
 */
export function isZero(c: Component, w: number): boolean {
  const gw = c.x1 - c.x0 + 1;
  const gh = c.y1 - c.y0 + 1;
  if (gw < gh * 0.4 || gw > gh * 0.9 || gh < 8) return false;
  // The glyph's own pixels in its box, then the white regions (4-connected, the dual of the ink's
  // 8) that do not reach the box's edge; specks of white inside a stroke (one row) are no hole.
  const white = new Uint8Array(gw * gh).fill(1);
  for (const p of c.pixels) {
    const x = p % w;
    white[((p - x) / w - c.y0) * gw + x - c.x0] = 0;
  }
  const holes = findComponents(white, gw, gh, true).filter(
    (r) => r.x0 > 0 && r.y0 > 0 && r.x1 < gw - 1 && r.y1 < gh - 1 && r.y1 > r.y0,
  );
  if (holes.length !== 1) return false;
  const hole = holes[0]!;
  const widths = new Map<number, number>();
  for (const p of hole.pixels) {
    const y = Math.floor(p / gw);
    widths.set(y, (widths.get(y) ?? 0) + 1);
  }
  const hh = hole.y1 - hole.y0 + 1;
  const centre = (hole.y0 + hole.y1) / 2 / (gh - 1);
  if (hh < gh * 0.5 || hole.x1 - hole.x0 + 1 < gw * 0.25 || centre < 0.4 || centre > 0.6) return false;
  const widest = Math.max(...widths.values());
  const middle = Math.round((hole.y0 + hole.y1) / 2);
  const atMiddle = Math.max(...[-1, 0, 1].map((d) => widths.get(middle + d) ?? 0));
  return atMiddle >= widest * 0.8;
}

/** No ink but the glyph's in the cell: no speck of size, no grey a faint digit beside it would leave. */
function aloneInCell(
  view: { gray: GrayImage; x0: number; y0: number; w: number; h: number },
  glyph: Component,
  all: Component[],
  minArea: number,
): boolean {
  const { gray, x0, y0, w, h } = view;
  if (all.some((c) => c !== glyph && c.area * 2 >= minArea)) return false;
  const margin = Math.max(2, Math.round(gray.dpi * 0.02));
  let grey = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const near =
        x >= glyph.x0 - margin && x <= glyph.x1 + margin && y >= glyph.y0 - margin && y <= glyph.y1 + margin;
      if (!near && gray.data[(y0 + y) * gray.width + x0 + x]! < 215) grey++;
    }
  return grey <= Math.max(10, w * h * 0.003);
}

interface Cut {
  x0: number;
  y0: number;
  w: number;
  h: number;
  all: Component[];
  glyphs: Component[];
}

/**
 * The cell's inside as ink components, `left`/`right` pixels in from the box's sides: rule
 * remnants cleared, slivers on the edges dropped. With `ruleDpi`, a cut reaching into a column
 * rule: the rule's blurred edge left beside the cleared columns (a thin upright as tall as half
 * the cell) is dropped too.
 */
function cutCell(
  gray: GrayImage,
  ink: InkImage,
  box: [number, number, number, number],
  left: number,
  right: number,
  minArea: number,
  ruleDpi?: number,
): Cut | null {
  const dpi = gray.dpi;
  const inset = Math.max(3, Math.round(dpi * 0.022));
  const x0 = Math.max(0, Math.round(box[0]) + left);
  const y0 = Math.max(0, Math.round(box[1]) + inset);
  const x1 = Math.min(ink.width, Math.round(box[2]) - right);
  const y1 = Math.min(ink.height, Math.round(box[3]) - inset);
  const w = x1 - x0;
  const h = y1 - y0;
  if (w < 4 || h < 4) return null;
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) mask[y * w + x] = ink.data[(y0 + y) * ink.width + x0 + x]!;
  // Reaching past the box's side: everything up to the rule's last column there is no part of this cell.
  if (ruleDpi) {
    const reach = Math.min(w, inset * 3);
    const column = (x: number) => {
      let n = 0;
      for (let y = 0; y < h; y++) n += mask[y * w + x]!;
      return n;
    };
    const clearTo = (from: number, to: number) => {
      for (let x = from; x <= to; x++) for (let y = 0; y < h; y++) mask[y * w + x] = 0;
    };
    if (left < inset) {
      let edge = -1;
      for (let x = 0; x < reach; x++) if (column(x) >= h * 0.5) edge = x;
      if (edge < 0) return null;
      clearTo(0, edge);
    }
    if (right < inset) {
      let edge = w;
      for (let x = w - 1; x >= w - reach; x--) if (column(x) >= h * 0.5) edge = x;
      if (edge === w) return null;
      clearTo(edge, w - 1);
    }
  }
  clearRemnants(mask, w, h);
  const thin = Math.max(2, Math.round(dpi / 100));
  const all = findComponents(mask, w, h).filter(
    (c) =>
      !isEdgeSliver(c, w, h, dpi) &&
      !(
        ruleDpi &&
        c.x1 - c.x0 + 1 <= thin * 2 &&
        c.y1 - c.y0 + 1 >= h * 0.5 &&
        (c.x0 <= inset * 2 || c.x1 >= w - 1 - inset * 2)
      ),
  );
  const glyphs = all.filter((c) => c.area >= minArea && c.y1 - c.y0 + 1 >= dpi * 0.05);
  return { x0, y0, w, h, all, glyphs };
}

/** Lines of glyphs [top, bottom]: glyphs at least half the tallest one's height, grouped where they overlap vertically. */
function lineBands(glyphs: Component[]): [number, number][] {
  const tallest = Math.max(...glyphs.map((c) => c.y1 - c.y0 + 1));
  const tall = glyphs.filter((c) => c.y1 - c.y0 + 1 >= tallest * 0.5).sort((a, b) => a.y0 - b.y0);
  const bands: [number, number][] = [];
  let middle = -Infinity;
  for (const c of tall) {
    // A new line starts below the current one's middle (touching glyphs of one line overlap a lot).
    const band = bands.at(-1);
    const own = c.y1 - (c.y1 - c.y0) * 0.4;
    if (!band || c.y0 > middle) {
      bands.push([c.y0, c.y1]);
      middle = own;
    } else {
      band[1] = Math.max(band[1], c.y1);
      middle = Math.max(middle, own);
    }
  }
  return bands;
}

/**
 * A zero mark printed as a dash ("—") and nothing else in the cell: one flat stroke (at least
 * three times as wide as tall, no taller than ~1 mm, at least ~1.3 mm wide) centred across the
 * cell, no other piece of ink of a speck's size, no grey beside it. At 150 dpi such a dash is
 * 2–3 pixels tall, under a glyph's height, so it was taken for specks in a blank cell and left out
 * at confidence 50 (a LibreOffice-printed report's scan kept 19 of its 198 figures).
 */
function loneDash(gray: GrayImage, cut: Cut, minArea: number): Component | null {
  const dpi = gray.dpi;
  const { x0, y0, w, h, all } = cut;
  const strokes = all.filter((c) => c.area >= 3);
  if (strokes.length !== 1) return null;
  const c = strokes[0]!;
  const cw = c.x1 - c.x0 + 1;
  const ch = c.y1 - c.y0 + 1;
  if (c.area < minArea || ch > dpi * 0.04 || cw < ch * 3 || cw < dpi * 0.05) return null;
  // Centred across the cell, at any height (a tall row prints its figures on its first line), clear
  // of the cut's sides (a rule's remnant reaches them).
  const cx = (c.x0 + c.x1) / 2;
  if (cx < w * 0.2 || cx > w * 0.8 || cw > w * 0.6) return null;
  if (c.x0 === 0 || c.y0 === 0 || c.x1 === w - 1 || c.y1 === h - 1) return null;
  // No grey away from the stroke (a faint figure beside it).
  const near = Math.max(2, Math.round(dpi / 75));
  const margin = Math.max(2, Math.round(Math.min(w, h) * 0.15));
  let grey = 0;
  for (let y = margin; y < h - margin; y++)
    for (let x = margin; x < w - margin; x++) {
      if (x >= c.x0 - near && x <= c.x1 + near && y >= c.y0 - near && y <= c.y1 + near) continue;
      if (gray.data[(y0 + y) * gray.width + x0 + x]! < 215) grey++;
    }
  const area = Math.max(1, (w - 2 * margin) * (h - 2 * margin));
  return grey > Math.max(20, area * 0.01) ? null : c;
}

/**
 * How sure a cell without glyphs is blank (0–100): lowered when it holds ink that is not glyph-like
 * (pieces too small) or grey that binarising dropped (a faint figure may hide there).
 */
function blankConfidence(
  gray: GrayImage,
  x0: number,
  y0: number,
  w: number,
  h: number,
  all: Component[],
  minArea: number,
): number {
  const specks = all.reduce((s, c) => s + c.area, 0);
  let grey = 0;
  const margin = Math.max(2, Math.round(Math.min(w, h) * 0.15));
  for (let y = margin; y < h - margin; y++)
    for (let x = margin; x < w - margin; x++) if (gray.data[(y0 + y) * gray.width + x0 + x]! < 215) grey++;
  const area = Math.max(1, (w - 2 * margin) * (h - 2 * margin));
  if (specks >= minArea * 2 || grey > Math.max(20, area * 0.01)) return 50;
  return specks > 0 || grey > 0 ? 90 : 100;
}

/**
 * The picture the engine reads: only the kept components' pixels (grey values, slightly grown),
 * cut to their box, scaled to ~300 dpi, with a wide white margin (tesseract's line finder misses
 * a lone "0" on a tight crop).
 */
function render(
  view: { gray: GrayImage; x0: number; y0: number; w: number; h: number },
  components: Component[],
  splits: number[] = [],
): Uint8Array {
  const { gray, x0, y0, w, h } = view;
  const dpi = gray.dpi;
  const bx0 = Math.min(...components.map((c) => c.x0));
  const by0 = Math.min(...components.map((c) => c.y0));
  const bx1 = Math.max(...components.map((c) => c.x1));
  const by1 = Math.max(...components.map((c) => c.y1));
  const keep = new Uint8Array(w * h);
  for (const c of components) for (const p of c.pixels) keep[p] = 1;
  const grow = Math.max(1, Math.round(dpi / 150));
  const scale = Math.max(1, 300 / dpi);
  const padX = Math.round(36 / scale);
  const padY = Math.round(24 / scale);
  const cw = bx1 - bx0 + 1 + 2 * padX;
  const ch = by1 - by0 + 1 + 2 * padY;
  const small = new Uint8Array(cw * ch).fill(255);
  const grown = dilate(keep, w, h, grow);
  for (let y = Math.max(0, by0 - grow); y <= Math.min(h - 1, by1 + grow); y++) {
    for (let x = Math.max(0, bx0 - grow); x <= Math.min(w - 1, bx1 + grow); x++) {
      if (!grown[y * w + x]) continue;
      const sy = y - by0 + padY;
      const sx = x - bx0 + padX;
      if (sy >= 0 && sy < ch && sx >= 0 && sx < cw)
        small[sy * cw + sx] = gray.data[(y0 + y) * gray.width + x0 + x]!;
    }
  }
  const gap = Math.round(dpi * 0.06); // ~1.5 mm of white between lines
  const spaced = splits.length
    ? insertRows(
        small,
        cw,
        splits.map((y) => y - by0 + padY),
        gap,
      )
    : null;
  const picture = spaced
    ? { width: cw, height: spaced.length / cw, data: spaced, dpi }
    : { width: cw, height: ch, data: small, dpi };
  return toPgm(upscale(picture, scale));
}

/** White rows inserted before each of the rows `at` (ascending) of a grey picture `width` wide. */
function insertRows(data: Uint8Array, width: number, at: number[], rows: number): Uint8Array {
  const height = data.length / width;
  const cuts = at.filter((y) => y > 0 && y < height);
  const out = new Uint8Array((height + rows * cuts.length) * width).fill(255);
  let from = 0;
  let to = 0;
  for (const y of [...cuts, height]) {
    out.set(data.subarray(from * width, y * width), to * width);
    to += y - from + rows;
    from = y;
  }
  return out;
}

/** Square dilation by r pixels (a horizontal then a vertical pass). */
function dilate(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const across = new Uint8Array(mask.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (!mask[y * w + x]) continue;
      for (let d = Math.max(0, x - r); d <= Math.min(w - 1, x + r); d++) across[y * w + d] = 1;
    }
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (!across[y * w + x]) continue;
      for (let d = Math.max(0, y - r); d <= Math.min(h - 1, y + r); d++) out[d * w + x] = 1;
    }
  return out;
}

/**
 * Rows and columns near the edges that are mostly ink and reach towards the cut's ends are the
 * cell's own rules: cleared. A glyph's stroke stands clear of both ends: in a row little taller
 * than its print (LibreOffice's 18-point rows around 12-point figures) the upright of a "1" fills
 * more than half a column near the edge, and clearing it left the "4" of "14" alone, taken for a
 * slash (0). A rule's remnant, even broken, has ink in the outer sixth at one end at least.
 */
function clearRemnants(mask: Uint8Array, w: number, h: number): void {
  const band = (n: number) => Math.max(2, Math.round(n * 0.2));
  const end = (n: number) => Math.max(3, Math.round(n / 6));
  for (const y of edgeIndexes(h, band(h))) {
    let n = 0;
    let out = 0;
    for (let x = 0; x < w; x++) {
      n += mask[y * w + x]!;
      if (x < end(w) || x >= w - end(w)) out += mask[y * w + x]!;
    }
    if (n > w * 0.5 && out > 0) for (let x = 0; x < w; x++) mask[y * w + x] = 0;
  }
  for (const x of edgeIndexes(w, band(w))) {
    let n = 0;
    let out = 0;
    for (let y = 0; y < h; y++) {
      n += mask[y * w + x]!;
      if (y < end(h) || y >= h - end(h)) out += mask[y * w + x]!;
    }
    if (n > h * 0.5 && out > 0) for (let y = 0; y < h; y++) mask[y * w + x] = 0;
  }
}

function edgeIndexes(n: number, band: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(band, n); i++) out.push(i, n - 1 - i);
  return out;
}

/** A thin piece touching the crop's edge: what is left of a rule or of a neighbour's text. */
function isEdgeSliver(c: Component, w: number, h: number, dpi: number): boolean {
  const touches = c.x0 === 0 || c.y0 === 0 || c.x1 === w - 1 || c.y1 === h - 1;
  if (!touches) return false;
  const thin = Math.max(2, Math.round(dpi / 100));
  return c.x1 - c.x0 + 1 <= thin || c.y1 - c.y0 + 1 <= thin;
}

/**
 * Digits are narrow glyphs of one height on one line; Chinese characters are square (or split
 * into pieces of which some are square or wide); a lone flat stroke is a dash (a zero mark).
 */
function classify(components: Component[], dpi: number): CellKind {
  const all = components.map((c) => ({ w: c.x1 - c.x0 + 1, h: c.y1 - c.y0 + 1 }));
  const tallest = Math.max(...all.map((b) => b.h));
  const boxes = all.filter((b) => b.h >= tallest * 0.3); // decimal points aside
  if (components.length <= 2 && tallest <= dpi * 0.04 && boxes.every((b) => b.w >= b.h * 2.5)) return "dash";
  const top = Math.min(...components.map((c) => c.y0));
  const bottom = Math.max(...components.map((c) => c.y1));
  const oneLine = bottom - top + 1 <= tallest * 1.25;
  const digitLike = boxes.every((b) => b.w <= b.h * 0.85 && b.h >= tallest * 0.6);
  if (oneLine && digitLike && components.length <= 14 && tallest <= dpi * 0.3) return "digits";
  return "text";
}

/**
 * "/" (a zero mark) is one narrow stroke leaning right: its top quarter lies well right of its
 * bottom quarter, and is narrow (unlike the bar of a 7).
 */
function isSlash(c: Component, w: number): boolean {
  const height = c.y1 - c.y0 + 1;
  const width = c.x1 - c.x0 + 1;
  if (width > height * 0.8 || width < height * 0.2) return false;
  const band = Math.max(1, Math.floor(height / 4));
  let topSum = 0;
  let topN = 0;
  let topMin = Infinity;
  let topMax = -Infinity;
  let bottomSum = 0;
  let bottomN = 0;
  for (const p of c.pixels) {
    const x = p % w;
    const y = (p - x) / w;
    if (y < c.y0 + band) {
      topSum += x;
      topN++;
      topMin = Math.min(topMin, x);
      topMax = Math.max(topMax, x);
    } else if (y > c.y1 - band) {
      bottomSum += x;
      bottomN++;
    }
  }
  if (!topN || !bottomN) return false;
  const shift = topSum / topN - bottomSum / bottomN;
  return shift > height * 0.2 && topMax - topMin + 1 <= width * 0.6;
}

/** Bilinear upscale (factor ≥ 1). */
function upscale(image: GrayImage, factor: number): GrayImage {
  if (factor <= 1.05) return image;
  const width = Math.round(image.width * factor);
  const height = Math.round(image.height * factor);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, (y + 0.5) / factor - 0.5);
    const y0 = Math.max(0, Math.floor(sy));
    const y1 = Math.min(image.height - 1, y0 + 1);
    const ty = Math.max(0, sy - y0);
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, (x + 0.5) / factor - 0.5);
      const x0 = Math.max(0, Math.floor(sx));
      const x1 = Math.min(image.width - 1, x0 + 1);
      const tx = Math.max(0, sx - x0);
      const d = image.data;
      data[y * width + x] =
        (d[y0 * image.width + x0]! * (1 - tx) + d[y0 * image.width + x1]! * tx) * (1 - ty) +
        (d[y1 * image.width + x0]! * (1 - tx) + d[y1 * image.width + x1]! * tx) * ty;
    }
  }
  return { width, height, data, dpi: image.dpi * factor };
}
