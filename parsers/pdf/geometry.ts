// The geometry layer: what a PDF page holds once pdf.js has read it, in page space with the
// origin at the top-left (y grows downward), in points. Everything after this is pure geometry.

/** An affine matrix [a, b, c, d, e, f] as PDF and pdf.js use it. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 applied after m2 (PDF's `cm` concatenation: new CTM = m × CTM). */
export function multiply(m: Matrix, ctm: Matrix): Matrix {
  return [
    m[0] * ctm[0] + m[1] * ctm[2],
    m[0] * ctm[1] + m[1] * ctm[3],
    m[2] * ctm[0] + m[3] * ctm[2],
    m[2] * ctm[1] + m[3] * ctm[3],
    m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
    m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** A box [x0, y0, x1, y1] with x0 ≤ x1 and y0 ≤ y1. */
export type Box = [number, number, number, number];

/** A horizontal or vertical ruling line. For horizontal: y0 = y1; for vertical: x0 = x1. */
export interface Segment {
  orientation: "h" | "v";
  /** The fixed coordinate (y of a horizontal rule, x of a vertical one). */
  at: number;
  /** The extent along the rule. */
  from: number;
  to: number;
}

/** A piece of positioned text as pdf.js reports it (one item of getTextContent). */
export interface TextRun {
  text: string;
  box: Box;
  /** Font size in points (the line height the run occupies). */
  size: number;
  /** Top-to-bottom text (a vertical label). */
  vertical: boolean;
}

export interface PageGeometry {
  page: number;
  width: number;
  height: number;
  runs: TextRun[];
  segments: Segment[];
  /** Area covered by painted images, as a fraction of the page (capped at 1). */
  imageCoverage: number;
}

export function centre(box: Box): [number, number] {
  return [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export function roundBox(box: Box): Box {
  return [round1(box[0]), round1(box[1]), round1(box[2]), round1(box[3])];
}

export function unionBox(a: Box, b: Box): Box {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}
