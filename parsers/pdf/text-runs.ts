// Turns pdf.js text items into TextRuns in top-left page space, with a box estimated from the
// font size (pdf.js gives the baseline origin, the advance width and the font's size only).
import type { TextContent, TextItem } from "pdfjs-dist/types/src/display/api.js";
import { apply, multiply, type Box, type Matrix, type TextRun } from "./geometry.js";

// Share of the font size above / below the baseline for a typical CJK font.
const ASCENT = 0.88;
const DESCENT = 0.12;

export function readTextRuns(content: TextContent, viewportTransform: Matrix): TextRun[] {
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!("str" in item)) continue; // marked-content markers
    const run = toRun(item, viewportTransform);
    if (run) runs.push(run);
  }
  return runs;
}

function toRun(item: TextItem, viewportTransform: Matrix): TextRun | null {
  if (!item.str.trim()) return null;
  const [a, b, c, d, e, f] = item.transform as Matrix;
  const size = Math.hypot(c, d) || Math.hypot(a, b);
  if (!(size > 0)) return null;
  const along = unit(a, b);
  const up = unit(c, d);
  const vertical = item.dir === "ttb";
  // In user space (y up): a horizontal run spans its advance along `along` and the glyph height
  // along `up`; a top-to-bottom run spans its height downward from the first glyph.
  const lengthAlong = vertical ? Math.max(item.width, size) : item.width;
  const upper = ASCENT * size;
  const lower = vertical ? -(item.height || size) + ASCENT * size - size : -DESCENT * size;
  const corners: [number, number][] = [];
  for (const s of [0, lengthAlong]) {
    for (const t of [lower, upper]) {
      corners.push([e + along[0] * s + up[0] * t, f + along[1] * s + up[1] * t]);
    }
  }
  const toPage = multiply([1, 0, 0, 1, 0, 0], viewportTransform);
  const points = corners.map(([x, y]) => apply(toPage, x, y));
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const box: Box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  return { text: item.str, box, size, vertical };
}

function unit(x: number, y: number): [number, number] {
  const length = Math.hypot(x, y);
  return length > 0 ? [x / length, y / length] : [1, 0];
}
