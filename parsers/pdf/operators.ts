// Reads a page's drawing operators for the two things tables need: ruling lines (stroked lines,
// stroked rectangle edges, thin filled rectangles) and how much of the page images cover.
// The current transformation matrix is tracked through save/restore/transform and form XObjects.
import { apply, IDENTITY, multiply, type Matrix, type Segment } from "./geometry.js";
import { strokedSegments, thinRectangleRule, type Point } from "./path-rules.js";
import { pdfjs } from "./pdfjs.js";

const { OPS } = pdfjs;

// pdf.js 5 path data codes inside OPS.constructPath (DrawOPS is not exported by the legacy build).
export const MOVE_TO = 0;
export const LINE_TO = 1;
export const CURVE_TO = 2;
export const QUADRATIC_CURVE_TO = 3;
export const CLOSE_PATH = 4;

/** pdf.js operators that stroke the current path. */
export const STROKE_OPS = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke]);
const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObjectGroup,
]);

/** The text of one BT…ET object and where it starts, read from the glyphs drawn. */
export interface TextObject {
  origin: [number, number];
  text: string;
}

export interface OperatorGeometry {
  segments: Segment[];
  /** Sum of image areas in the output space (may exceed the page when images overlap). */
  imageArea: number;
  textObjects: TextObject[];
}

/**
 * Walks an operator list. `base` maps PDF user space to the output space (the page viewport
 * transform, which puts the origin at the top-left).
 */
export function readOperators(fnArray: number[], argsArray: unknown[], base: Matrix): OperatorGeometry {
  const segments: Segment[] = [];
  const textObjects: TextObject[] = [];
  let textObject: { origin: [number, number] | null; text: string } | null = null;
  let imageArea = 0;
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  const toOutput = (x: number, y: number): Point => apply(base, ...apply(ctm, x, y));

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? IDENTITY;
        break;
      case OPS.transform:
        ctm = multiply(args as Matrix, ctm);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(ctm);
        const matrix = args?.[0] as Matrix | null | undefined;
        if (matrix && matrix.length === 6) ctm = multiply(Array.from(matrix) as Matrix, ctm);
        break;
      }
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? IDENTITY;
        break;
      case OPS.beginText:
        textObject = { origin: null, text: "" };
        break;
      case OPS.setTextMatrix: {
        const matrix = (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0]) ? args?.[0] : args) as
          ArrayLike<number> | undefined;
        if (textObject && textObject.origin === null && matrix && matrix.length === 6) {
          textObject.origin = toOutput(matrix[4]!, matrix[5]!);
        }
        break;
      }
      case OPS.showText:
        if (textObject) textObject.text += glyphText(args?.[0]);
        break;
      case OPS.endText:
        if (textObject?.origin && textObject.text.trim()) {
          textObjects.push({ origin: textObject.origin, text: textObject.text });
        }
        textObject = null;
        break;
      case OPS.constructPath: {
        const paintOp = args?.[0] as number;
        const stroke = STROKE_OPS.has(paintOp);
        const fill = FILL_OPS.has(paintOp);
        if (!stroke && !fill) break; // a clip path or an unpainted path
        for (const subpath of subpaths(args?.[1], toOutput)) {
          if (stroke) segments.push(...strokedSegments(subpath));
          else {
            const rule = thinRectangleRule(subpath);
            if (rule) segments.push(rule);
          }
        }
        break;
      }
      default:
        if (fn !== undefined && IMAGE_OPS.has(fn)) {
          const [p0, p1, p2] = [toOutput(0, 0), toOutput(1, 0), toOutput(0, 1)];
          imageArea += Math.abs((p1[0] - p0[0]) * (p2[1] - p0[1]) - (p1[1] - p0[1]) * (p2[0] - p0[0]));
        }
    }
  }
  return { segments, imageArea, textObjects };
}

/** Splits pdf.js path data into subpaths of output-space points (curves reduced to their end points). */
function subpaths(pathArg: unknown, toOutput: (x: number, y: number) => Point): Point[][] {
  const chunks: ArrayLike<number>[] = [];
  if (Array.isArray(pathArg)) {
    for (const part of pathArg) if (part && typeof part === "object" && "length" in part) chunks.push(part);
  } else if (pathArg && typeof pathArg === "object" && "length" in pathArg) {
    chunks.push(pathArg as ArrayLike<number>);
  }
  const result: Point[][] = [];
  let current: Point[] = [];
  const finish = () => {
    if (current.length > 1) result.push(current);
    current = [];
  };
  for (const data of chunks) {
    for (let k = 0; k < data.length;) {
      const code = data[k++];
      if (code === MOVE_TO) {
        finish();
        current.push(toOutput(data[k]!, data[k + 1]!));
        k += 2;
      } else if (code === LINE_TO) {
        current.push(toOutput(data[k]!, data[k + 1]!));
        k += 2;
      } else if (code === CURVE_TO) {
        current.push(toOutput(data[k + 4]!, data[k + 5]!));
        k += 6;
      } else if (code === QUADRATIC_CURVE_TO) {
        current.push(toOutput(data[k + 2]!, data[k + 3]!));
        k += 4;
      } else if (code === CLOSE_PATH) {
        if (current.length > 1) current.push(current[0]!);
        finish();
      } else {
        break; // unknown code: stop reading this chunk rather than misread coordinates
      }
    }
  }
  finish();
  return result;
}

function glyphText(glyphs: unknown): string {
  if (!Array.isArray(glyphs)) return "";
  let text = "";
  for (const glyph of glyphs) {
    if (glyph && typeof glyph === "object" && "unicode" in glyph) text += String(glyph.unicode ?? "");
  }
  return text;
}
