// Ruling lines from drawn paths (points in top-left page space): the stroked straight pieces and
// the thin filled rectangles that producers draw table borders with. Shared by the PDF operator
// walk (operators.ts) and the OFD page reader (parsers/ofd), so both find the same rules.
import type { Segment } from "./geometry.js";

export type Point = [number, number];

/** A filled rectangle thinner than this (points) is a drawn rule, not a shaded area. */
const MAX_RULE_THICKNESS = 3;
/** Shorter pieces are dots, tick marks or glyph-like decorations. */
const MIN_RULE_LENGTH = 2;
/** How far from exactly horizontal/vertical a line may be (points over its length). */
const AXIS_TOLERANCE = 0.8;

export function strokedSegments(points: Point[]): Segment[] {
  const result: Segment[] = [];
  for (let k = 1; k < points.length; k++) {
    const segment = axisSegment(points[k - 1]!, points[k]!);
    if (segment) result.push(segment);
  }
  return result;
}

function axisSegment([x0, y0]: Point, [x1, y1]: Point): Segment | null {
  const dx = Math.abs(x1 - x0);
  const dy = Math.abs(y1 - y0);
  if (dy <= AXIS_TOLERANCE && dx >= MIN_RULE_LENGTH) {
    return { orientation: "h", at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) };
  }
  if (dx <= AXIS_TOLERANCE && dy >= MIN_RULE_LENGTH) {
    return { orientation: "v", at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) };
  }
  return null;
}

/** A filled axis-aligned rectangle that is thin in one direction is a rule drawn as a fill. */
export function thinRectangleRule(points: Point[]): Segment | null {
  if (points.length < 4 || points.length > 5) return null;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const axisAligned = points.every(
    (p) =>
      (Math.abs(p[0] - x0) < 0.5 || Math.abs(p[0] - x1) < 0.5) &&
      (Math.abs(p[1] - y0) < 0.5 || Math.abs(p[1] - y1) < 0.5),
  );
  if (!axisAligned) return null;
  const width = x1 - x0;
  const height = y1 - y0;
  if (height <= MAX_RULE_THICKNESS && width >= MIN_RULE_LENGTH && width > height) {
    return { orientation: "h", at: (y0 + y1) / 2, from: x0, to: x1 };
  }
  if (width <= MAX_RULE_THICKNESS && height >= MIN_RULE_LENGTH && height > width) {
    return { orientation: "v", at: (x0 + x1) / 2, from: y0, to: y1 };
  }
  return null;
}
