// The operator list pdf.js would build for a page, as far as parsers/pdf/operators.ts reads it:
// the same operators in the same chunks of ~1,000 (weights counted as pdf.js counts them), path
// coordinates as float32, and pdf.js's QueueOptimizer walked the same way (it folds
// save/transform/path/restore into one path, which changes the coordinates' rounding). The result
// goes through the same readOperators as pdf.js's list. Images and forms are doubt.
import { pdfjs } from "../pdfjs.js";
import { doubt } from "./objects.js";
import { CLOSE_PATH, CURVE_TO, LINE_TO, MOVE_TO, STROKE_OPS } from "../operators.js";

const { OPS } = pdfjs;

const CHUNK_SIZE = 1000;
const CHUNK_SIZE_ABOUT = CHUNK_SIZE - 5;

const PAINT: Record<string, number> = {
  S: OPS.stroke,
  s: OPS.closeStroke,
  f: OPS.fill,
  F: OPS.fill,
  "f*": OPS.eoFill,
  B: OPS.fillStroke,
  "B*": OPS.eoFillStroke,
  b: OPS.closeFillStroke,
  "b*": OPS.closeEOFillStroke,
  n: OPS.endPath,
};

/** Any operator the reader and the optimizer do not look at. */
const OTHER = OPS.setLineWidth;

export class OperatorListBuilder {
  readonly fnArray: number[] = [];
  readonly argsArray: unknown[] = [];
  private chunkStart = 0;
  private weight = 0;
  private dependencies = new Set<string>();
  private path: number[] = [];
  private pathMinMax = [Infinity, Infinity, -Infinity, -Infinity];
  private currentX = 0;
  private currentY = 0;
  /** Saved path state per q (pdf.js's EvalState clones share the path buffer: only the point). */
  private readonly stack: number[] = [];

  add(fn: number, args: unknown): void {
    this.fnArray.push(fn);
    this.argsArray.push(args);
    this.weight++;
    if (
      this.weight >= CHUNK_SIZE ||
      (this.weight >= CHUNK_SIZE_ABOUT && (fn === OPS.restore || fn === OPS.endText))
    )
      this.flush();
  }

  save(): void {
    this.add(OPS.save, []);
  }
  restore(): void {
    this.add(OPS.restore, []);
  }
  transform(m: number[]): void {
    this.add(OPS.transform, m);
  }
  other(count = 1): void {
    for (let i = 0; i < count; i++) this.add(OTHER, []);
  }
  setFont(fontKey: string): void {
    if (!this.dependencies.has(fontKey)) {
      this.dependencies.add(fontKey);
      this.add(OPS.dependency, [fontKey]);
    }
    this.add(OPS.setFont, [fontKey]);
  }
  beginText(): void {
    this.add(OPS.beginText, []);
  }
  endText(): void {
    this.add(OPS.endText, []);
  }
  setTextMatrix(m: number[]): void {
    this.add(OPS.setTextMatrix, [new Float32Array(m)]);
  }
  showText(glyphs: { unicode: string }[]): void {
    this.add(OPS.showText, [glyphs]);
  }

  pathOp(op: string, a: number[]): void {
    const p = this.path;
    const mm = this.pathMinMax;
    switch (op) {
      case "re": {
        const x = (this.currentX = a[0]!);
        const y = (this.currentY = a[1]!);
        const xw = x + a[2]!;
        const yh = y + a[3]!;
        if (a[2] === 0 || a[3] === 0) p.push(MOVE_TO, x, y, LINE_TO, xw, yh, CLOSE_PATH);
        else p.push(MOVE_TO, x, y, LINE_TO, xw, y, LINE_TO, xw, yh, LINE_TO, x, yh, CLOSE_PATH);
        minMaxRect(x, y, xw, yh, mm);
        break;
      }
      case "m":
      case "l": {
        const x = (this.currentX = a[0]!);
        const y = (this.currentY = a[1]!);
        p.push(op === "m" ? MOVE_TO : LINE_TO, x, y);
        minMaxPoint(x, y, mm);
        break;
      }
      case "c": {
        const [x1, y1, x2, y2, x, y] = a as [number, number, number, number, number, number];
        p.push(CURVE_TO, x1, y1, x2, y2, x, y);
        this.curveBox(x1, y1, x2, y2, x, y);
        break;
      }
      case "v": {
        const [x1, y1, x, y] = a as [number, number, number, number];
        p.push(CURVE_TO, this.currentX, this.currentY, x1, y1, x, y);
        this.curveBox(this.currentX, this.currentY, x1, y1, x, y);
        break;
      }
      case "y": {
        const [x1, y1, x, y] = a as [number, number, number, number];
        p.push(CURVE_TO, x1, y1, x, y, x, y);
        this.curveBox(x1, y1, x, y, x, y);
        break;
      }
      case "h":
        p.push(CLOSE_PATH);
        break;
    }
  }

  /** Curves: the reader uses only their end points; the bounding box is not read, so is not exact. */
  private curveBox(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    this.currentX = x;
    this.currentY = y;
    minMaxPoint(x1, y1, this.pathMinMax);
    minMaxPoint(x2, y2, this.pathMinMax);
    minMaxPoint(x, y, this.pathMinMax);
  }

  paint(op: string): void {
    const fn = PAINT[op]!;
    if (fn === OPS.closeStroke || fn === OPS.closeFillStroke || fn === OPS.closeEOFillStroke)
      this.path.push(CLOSE_PATH);
    if (this.path.length === 0) this.add(OPS.constructPath, [fn, [null], null]);
    else {
      this.add(OPS.constructPath, [fn, [new Float32Array(this.path)], new Float32Array(this.pathMinMax)]);
      this.path = [];
      this.pathMinMax = [Infinity, Infinity, -Infinity, -Infinity];
    }
  }

  /** pdf.js sends a chunk: its optimizer runs over the chunk, then starts afresh. */
  flush(): void {
    optimize(this.fnArray, this.argsArray, this.chunkStart);
    this.chunkStart = this.fnArray.length;
    this.weight = 0;
    this.dependencies = new Set();
  }
}

function minMaxPoint(x: number, y: number, mm: number[]): void {
  if (x < mm[0]!) mm[0] = x;
  if (x > mm[2]!) mm[2] = x;
  if (y < mm[1]!) mm[1] = y;
  if (y > mm[3]!) mm[3] = y;
}

function minMaxRect(x0: number, y0: number, x1: number, y1: number, mm: number[]): void {
  minMaxPoint(Math.min(x0, x1), Math.min(y0, y1), mm);
  minMaxPoint(Math.max(x0, x1), Math.max(y0, y1), mm);
}

/**
 * pdf.js's QueueOptimizer over fnArray[start…]: a trie walk that does not step back after a
 * partial match fails. Of its five patterns, the image ones cannot occur (images are doubt), and
 * the show-text one never changes anything (its iterate step compares a showText argument with a
 * setFont argument, so no second group ever matches); what remains is save/transform/path/restore.
 */
function optimize(fnArray: number[], argsArray: unknown[], start: number): void {
  // The trie position: how many ops of [save, transform, constructPath, restore] or of
  // [beginText, setFont, setTextMatrix, showText, endText] have matched so far.
  let pattern: number[] | null = null;
  let matched = 0;
  let i = start;
  while (i < fnArray.length) {
    const fn = fnArray[i]!;
    if (pattern === null) {
      if (fn === OPS.save) pattern = PATH_PATTERN;
      else if (fn === OPS.beginText) pattern = TEXT_PATTERN;
      else {
        i++;
        continue;
      }
      matched = 1;
      i++;
      continue;
    }
    if (pattern === PATH_PATTERN && matched === 2 && IMAGE_OPS.has(fn)) doubt("image in the operator list");
    if (fn !== pattern[matched]) {
      // pdf.js: the op that breaks a partial match is consumed; the walk restarts after it.
      pattern = null;
      i++;
      continue;
    }
    matched++;
    i++;
    if (matched < pattern.length) continue;
    // A whole pattern: the show-text one changes nothing; the path one is folded when its check holds.
    if (pattern === PATH_PATTERN) i = foldPath(fnArray, argsArray, i - 1);
    pattern = null;
  }
}

const PATH_PATTERN = [OPS.save, OPS.transform, OPS.constructPath, OPS.restore];
const TEXT_PATTERN = [OPS.beginText, OPS.setFont, OPS.setTextMatrix, OPS.showText, OPS.endText];
const IMAGE_OPS = new Set<number>([
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObject,
]);

/**
 * `restoreAt` is the index of the restore closing save(restoreAt-3)/transform/constructPath.
 * Returns where the walk goes on.
 */
function foldPath(fnArray: number[], argsArray: unknown[], restoreAt: number): number {
  const iSave = restoreAt - 3;
  const transform = argsArray[iSave + 1] as number[];
  const args = argsArray[iSave + 2] as [number, [Float32Array | null], Float32Array | null];
  const op = args[0];
  const check =
    !STROKE_OPS.has(op) ||
    (transform[0] === 1 && transform[1] === 0 && transform[2] === 0 && transform[3] === 1);
  if (!check) return restoreAt + 1;
  const [, [buffer], minMax] = args;
  if (minMax && buffer) {
    for (let k = 0; k < buffer.length;) {
      switch (buffer[k++]) {
        case MOVE_TO:
        case LINE_TO: {
          const p0 = buffer[k]!;
          const p1 = buffer[k + 1]!;
          buffer[k] = p0 * transform[0]! + p1 * transform[2]! + transform[4]!;
          buffer[k + 1] = p0 * transform[1]! + p1 * transform[3]! + transform[5]!;
          k += 2;
          break;
        }
        case CURVE_TO:
          for (let j = 0; j < 6; j += 2) {
            const p0 = buffer[k + j]!;
            const p1 = buffer[k + j + 1]!;
            buffer[k + j] = p0 * transform[0]! + p1 * transform[2]! + transform[4]!;
            buffer[k + j + 1] = p0 * transform[1]! + p1 * transform[3]! + transform[5]!;
          }
          k += 6;
          break;
      }
    }
  }
  fnArray.splice(iSave, 4, OPS.constructPath);
  argsArray.splice(iSave, 4, args);
  return iSave + 1;
}
