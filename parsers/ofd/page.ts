// One OFD page → the PDF front-end's geometry layer (parsers/pdf/geometry.ts): text runs and ruling
// segments in points, origin top-left, so tables are rebuilt by the same lattice/stream code.
//
// OFD draws in millimetres with y downward. A graphic unit's own space is mapped by its CTM and
// then placed at its Boundary's corner. A TextObject's TextCode gives the first glyph's baseline
// origin (X, Y) and the advances to the next glyphs (DeltaX, with "g N d" for N equal advances);
// producers write one object per glyph or one per run. Glyphs standing close on a baseline are
// joined into runs, as pdf.js joins a PDF's glyphs into text items.
import { ParseError } from "../errors.js";
import type { Box, PageGeometry, Segment, TextRun } from "../pdf/geometry.js";
import { strokedSegments, thinRectangleRule, type Point } from "../pdf/path-rules.js";
import { attr, child, childrenOf, numbers, tagOf, textOf, type XmlNode } from "./xml.js";

/** Points per millimetre. */
const PT = 72 / 25.4;
/** Share of the font size above / below the baseline (as parsers/pdf/text-runs.ts). */
const ASCENT = 0.88;
const DESCENT = 0.12;
/** A glyph further than this (in font sizes) from the run before it starts a new run. */
const JOIN_GAP = 0.3;
/** The same limits as a PDF page (parsers/pdf/page.ts): far beyond a report page. */
const MAX_PAGE_CHARS = 50_000;
const MAX_PAGE_OBJECTS = 200_000;
/** Default font size (mm) when a TextObject gives none: 五号. */
const DEFAULT_SIZE = 3.7;

type Matrix = [number, number, number, number, number, number];

interface Glyph {
  char: string;
  /** Baseline origin, page mm. */
  x: number;
  y: number;
  /** Advance width, mm (estimated from the character when the producer gives none). */
  width: number;
  size: number;
  /** The glyph's baseline runs left to right (no rotation). */
  upright: boolean;
  /** The glyph box, page mm (for rotated glyphs). */
  box: Box;
}

/** An image drawn on the page: its resource and the share of the page it covers. */
export interface PageImage {
  resource: string;
  coverage: number;
}

export function readOfdPage(
  contents: XmlNode[],
  pageBox: [number, number, number, number],
  number: number,
): PageGeometry & { images: PageImage[] } {
  const images: PageImage[] = [];
  const glyphs: Glyph[] = [];
  const segments: Segment[] = [];
  let imageArea = 0;
  let objects = 0;
  const [originX, originY, width, height] = pageBox;
  const toPoints = (x: number, y: number): Point => [(x - originX) * PT, (y - originY) * PT];

  for (const content of contents) {
    // Depth-first in drawing order through layers and page blocks.
    const stack: XmlNode[] = [...layersOf(content)].reverse();
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (++objects > MAX_PAGE_OBJECTS) {
        throw new ParseError("too_large", `OFD page ${number} holds more than ${MAX_PAGE_OBJECTS} objects`);
      }
      const tag = tagOf(node);
      if (tag === "Layer" || tag === "PageBlock") {
        const inner = childrenOf(node);
        for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]!);
        continue;
      }
      if (attr(node, "Visible") === "false") continue;
      const place = placement(node);
      if (!place) continue;
      if (tag === "TextObject") {
        readText(node, place, glyphs);
        if (glyphs.length > MAX_PAGE_CHARS) {
          throw new ParseError(
            "too_large",
            `OFD page ${number} holds more than ${MAX_PAGE_CHARS} characters; a report page holds a few thousand`,
          );
        }
      } else if (tag === "PathObject") {
        readPath(node, place, toPoints, segments);
      } else if (tag === "ImageObject") {
        // An image is the unit square mapped by the CTM, inside its boundary.
        const ctm = place.ctm;
        const area = Math.min(
          Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]),
          place.boundary[2]! * place.boundary[3]!,
        );
        imageArea += area * PT * PT;
        const resource = attr(node, "ResourceID");
        if (resource) images.push({ resource, coverage: area / Math.max(1e-9, width * height) });
      }
    }
  }
  return {
    page: number,
    width: width * PT,
    height: height * PT,
    runs: joinGlyphs(glyphs, toPoints),
    segments,
    imageCoverage: Math.min(1, imageArea / Math.max(1, width * height * PT * PT)),
    images,
  };
}

function layersOf(content: XmlNode): XmlNode[] {
  return childrenOf(child(content, "Content") ?? { Content: [] }).filter((n) => tagOf(n) === "Layer");
}

interface Placement {
  boundary: number[];
  ctm: Matrix;
}

/** Boundary (where the unit's space starts) and CTM (unit space → boundary space). */
function placement(node: XmlNode): Placement | null {
  const boundary = numbers(attr(node, "Boundary"), 4);
  if (!boundary) return null;
  const ctm = (numbers(attr(node, "CTM"), 6) ?? [1, 0, 0, 1, 0, 0]) as Matrix;
  return { boundary, ctm };
}

function toPage(place: Placement, x: number, y: number): [number, number] {
  const [a, b, c, d, e, f] = place.ctm;
  return [a * x + c * y + e + place.boundary[0]!, b * x + d * y + f + place.boundary[1]!];
}

/** "1 2 g 3 4.5 6" → [1, 2, 4.5, 4.5, 4.5, 6], never more than `count` values (a "g 1e9" is bounded). */
export function expandDeltas(value: string | undefined, count: number): number[] {
  const out: number[] = [];
  if (!value || count <= 0) return out;
  const tokens = value.trim().split(/[\s,]+/);
  for (let i = 0; i < tokens.length && out.length < count; i++) {
    if (tokens[i] === "g") {
      const times = Number(tokens[i + 1]);
      const delta = Number(tokens[i + 2]);
      i += 2;
      if (!Number.isFinite(times) || !Number.isFinite(delta)) break;
      for (let k = 0; k < times && out.length < count; k++) out.push(delta);
    } else {
      const delta = Number(tokens[i]);
      if (!Number.isFinite(delta)) break;
      out.push(delta);
    }
  }
  return out;
}

/** Full-width characters (CJK, full-width forms) advance one em, others about half. */
function advanceOf(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (char === " ") return 0.25;
  return code >= 0x2e80 || (code >= 0x2000 && code <= 0x206f && code !== 0x2002) ? 1 : 0.5;
}

function readText(node: XmlNode, place: Placement, glyphs: Glyph[]): void {
  const size = Number(attr(node, "Size")) > 0 ? Number(attr(node, "Size")) : DEFAULT_SIZE;
  const hScale = Number(attr(node, "HScale")) > 0 ? Number(attr(node, "HScale")) : 1;
  const [a, b, c, d] = place.ctm;
  // The font's em in page space follows the CTM's y axis; glyphs advance along its x axis.
  const scale = Math.hypot(c, d) || 1;
  const along = unit(a, b);
  const down = unit(c, d);
  // A sheared CTM (a slanted italic) keeps the baseline level: still upright.
  const upright = Math.abs(along[1]) < 0.02 && along[0] > 0 && down[1] > 0;
  let penX = 0;
  let penY = 0;
  for (const code of childrenOf(node)) {
    if (tagOf(code) !== "TextCode") continue;
    const chars = Array.from(textOf(code));
    if (chars.length === 0) continue;
    const x = Number(attr(code, "X"));
    const y = Number(attr(code, "Y"));
    if (attr(code, "X") !== undefined && Number.isFinite(x)) penX = x;
    if (attr(code, "Y") !== undefined && Number.isFinite(y)) penY = y;
    const dx = expandDeltas(attr(code, "DeltaX"), chars.length - 1);
    const dy = expandDeltas(attr(code, "DeltaY"), chars.length - 1);
    for (let i = 0; i < chars.length; i++) {
      const char = chars[i]!;
      const estimate = advanceOf(char) * size * hScale;
      const next = dx[i];
      // The glyph's width: its estimate, or less when the next glyph stands closer (condensed text).
      const advance = next !== undefined && next > 0 ? Math.min(estimate, next) : estimate;
      const [gx, gy] = toPage(place, penX, penY);
      const em = size * scale;
      const widthPage = advance * Math.hypot(a, b);
      const corners = [0, widthPage].flatMap((s) =>
        [-ASCENT * em, DESCENT * em].map((t) => [
          gx + along[0] * s + down[0] * t,
          gy + along[1] * s + down[1] * t,
        ]),
      );
      const xs = corners.map((p) => p[0]!);
      const ys = corners.map((p) => p[1]!);
      glyphs.push({
        char,
        x: gx,
        y: gy,
        width: widthPage,
        size: em,
        upright,
        box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      });
      penX += next ?? (dy[i] !== undefined ? 0 : estimate);
      penY += dy[i] ?? 0;
    }
  }
}

function unit(x: number, y: number): [number, number] {
  const length = Math.hypot(x, y);
  return length > 0 ? [x / length, y / length] : [1, 0];
}

/** Glyphs in drawing order → runs: a glyph joins the run before it on the same baseline and size, close after it. */
function joinGlyphs(glyphs: Glyph[], toPoints: (x: number, y: number) => Point): TextRun[] {
  const runs: TextRun[] = [];
  let run: { text: string; x0: number; x1: number; y: number; size: number } | null = null;
  const flush = () => {
    if (run && run.text.trim()) {
      const [x0, top] = toPoints(run.x0, run.y - ASCENT * run.size);
      const [x1, bottom] = toPoints(run.x1, run.y + DESCENT * run.size);
      runs.push({ text: run.text, box: [x0, top, x1, bottom], size: run.size * PT, vertical: false });
    }
    run = null;
  };
  for (const g of glyphs) {
    if (!g.upright) {
      flush();
      if (!g.char.trim()) continue;
      const [x0, y0] = toPoints(g.box[0], g.box[1]);
      const [x1, y1] = toPoints(g.box[2], g.box[3]);
      runs.push({ text: g.char, box: [x0, y0, x1, y1], size: g.size * PT, vertical: false });
      continue;
    }
    if (
      run &&
      Math.abs(g.y - run.y) <= 0.1 * run.size &&
      Math.abs(g.size - run.size) <= 0.1 * run.size &&
      g.x - run.x1 <= JOIN_GAP * run.size &&
      g.x - run.x1 >= -JOIN_GAP * run.size
    ) {
      run.text += g.char;
      run.x1 = Math.max(run.x1, g.x + g.width);
      continue;
    }
    flush();
    run = { text: g.char, x0: g.x, x1: g.x + g.width, y: g.y, size: g.size };
  }
  flush();
  return runs;
}

/** A PathObject's outline (AbbreviatedData: M/S x y, L x y, Q, B, A, C) → ruling segments. */
function readPath(
  node: XmlNode,
  place: Placement,
  toPoints: (x: number, y: number) => Point,
  segments: Segment[],
): void {
  const stroke = attr(node, "Stroke") !== "false";
  const fill = attr(node, "Fill") === "true";
  if (!stroke && !fill) return;
  const data = textOf(child(node, "AbbreviatedData"));
  const tokens = data.trim().split(/[\s,]+/);
  const subpaths: Point[][] = [];
  let current: Point[] = [];
  const point = (i: number): Point | null => {
    const x = Number(tokens[i]);
    const y = Number(tokens[i + 1]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    return toPoints(...toPage(place, x, y));
  };
  const finish = () => {
    if (current.length > 1) subpaths.push(current);
    current = [];
  };
  // Numbers each command takes; the end point is its last pair.
  const ARGS: Record<string, number> = { M: 2, S: 2, L: 2, Q: 4, B: 6, A: 7 };
  for (let i = 0; i < tokens.length;) {
    const command = tokens[i++]!;
    if (command === "C") {
      if (current.length > 1) current.push(current[0]!);
      finish();
      continue;
    }
    const count = ARGS[command];
    if (count === undefined) break; // unknown: stop rather than misread coordinates
    const end = point(i + count - 2);
    i += count;
    if (!end) break;
    if (command === "M" || command === "S") finish();
    current.push(end);
  }
  finish();
  for (const subpath of subpaths) {
    if (stroke) segments.push(...strokedSegments(subpath));
    else {
      const rule = thinRectangleRule(subpath);
      if (rule) segments.push(rule);
    }
  }
}
