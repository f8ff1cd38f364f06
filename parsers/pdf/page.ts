// Reads one page into the geometry layer: text runs and ruling segments in top-left page space.
// The operator list (drawn rules, images) costs as much as the text, so it is read only for
// pages whose text could belong to a table, or that have almost no text (a possible scan).
import type { TextContent } from "pdfjs-dist/types/src/display/api.js";
import { ParseError } from "../errors.js";
import type { Matrix, PageGeometry, TextRun } from "./geometry.js";
import { readOperators, type TextObject } from "./operators.js";
import { readTextRuns } from "./text-runs.js";

/**
 * A report page holds 100–3,000 text items and a few thousand characters. Far beyond that, the page
 * is not a report (or is built to exhaust the layout, which grows faster than linearly with the
 * items of a page): the document is refused rather than read for minutes.
 */
export const MAX_PAGE_TEXT_ITEMS = 10_000;
export const MAX_PAGE_CHARS = 50_000;

/** Below this many visible characters a page may be a scan: its images must be measured. */
const FEW_CHARS = 10;
/** Table cells show up as short runs standing apart; prose pages have only a few (headings). */
const MIN_ISOLATED_RUNS = 4;

/**
 * What is read of a page: pdf.js's PDFPageProxy has it, and so has the fast reader's page
 * (parsers/pdf/fast/reader.ts), which gives the same text items and operator list.
 */
export interface PageSource {
  pageNumber: number;
  rotate: number;
  getViewport(params: { scale: number; rotation?: number }): {
    transform: number[];
    width: number;
    height: number;
  };
  getTextContent(): Promise<{ items: readonly object[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
}

/** `assumeScan`: a page without text is taken for a scan without measuring its images (they are slow to decode). */
export async function readPageGeometry(page: PageSource, assumeScan = false): Promise<PageGeometry> {
  const content = (await page.getTextContent()) as TextContent;
  checkPageSize(page.pageNumber, content.items);
  let viewport = page.getViewport({ scale: 1 });
  // A page whose text runs sideways (a landscape table turned the wrong way) is read upright.
  const turn = dominantTextAngle(content.items, viewport.transform as Matrix);
  if (turn !== 0) viewport = page.getViewport({ scale: 1, rotation: (page.rotate + 360 - turn) % 360 });
  const transform = viewport.transform as Matrix;
  const runs = readTextRuns(content, transform);
  const geometry: PageGeometry = {
    page: page.pageNumber,
    width: viewport.width,
    height: viewport.height,
    runs,
    segments: [],
    imageCoverage: 0,
  };
  const visibleChars = runs.reduce((sum, run) => sum + run.text.replace(/\s/g, "").length, 0);
  if (visibleChars >= FEW_CHARS && !mayHoldTable(runs, viewport.width)) return geometry;
  if (visibleChars < FEW_CHARS && assumeScan) {
    geometry.imageCoverage = 1;
    return geometry;
  }
  const operators = await page.getOperatorList();
  const { segments, imageArea, textObjects } = readOperators(
    operators.fnArray,
    operators.argsArray,
    transform,
  );
  geometry.segments = segments;
  completeVerticalRuns(runs, textObjects);
  geometry.imageCoverage = Math.min(1, imageArea / Math.max(1, viewport.width * viewport.height));
  return geometry;
}

function checkPageSize(pageNumber: number, items: readonly object[]): void {
  let chars = 0;
  for (const item of items) chars += (item as { str?: string }).str?.length ?? 0;
  if (items.length > MAX_PAGE_TEXT_ITEMS || chars > MAX_PAGE_CHARS)
    throw new ParseError(
      "too_large",
      `page ${pageNumber} holds ${items.length} text items and ${chars} characters; a report page holds a few thousand (limits ${MAX_PAGE_TEXT_ITEMS} items, ${MAX_PAGE_CHARS} characters)`,
    );
}

/** True when several short runs have no neighbour close by on their line, as table cells do. */
export function mayHoldTable(runs: TextRun[], pageWidth: number): boolean {
  let isolated = 0;
  for (const run of runs) {
    if (run.box[2] - run.box[0] > 0.4 * pageWidth) continue;
    if (run.vertical) {
      isolated++;
      continue;
    }
    const mid = (run.box[1] + run.box[3]) / 2;
    const reach = run.size;
    const hasNeighbour = runs.some(
      (other) =>
        other !== run &&
        Math.abs((other.box[1] + other.box[3]) / 2 - mid) < 0.5 * run.size &&
        other.box[0] < run.box[2] + reach &&
        other.box[2] > run.box[0] - reach,
    );
    if (!hasNeighbour && ++isolated >= MIN_ISOLATED_RUNS) return true;
  }
  return false;
}

/** The direction most text runs in on the page (0, 90, 180 or 270 degrees clockwise), by characters. */
function dominantTextAngle(items: readonly object[], viewportTransform: Matrix): number {
  const weight = new Map<number, number>();
  for (const item of items) {
    if (!("str" in item) || !("transform" in item)) continue;
    const { str, transform } = item as { str: string; transform: number[] };
    const [a, b] = transform as [number, number];
    const x = viewportTransform[0] * a + viewportTransform[2] * b;
    const y = viewportTransform[1] * a + viewportTransform[3] * b;
    const angle = (Math.round((Math.atan2(y, x) * 180) / Math.PI / 90) * 90 + 360) % 360;
    weight.set(angle, (weight.get(angle) ?? 0) + str.trim().length);
  }
  let best = 0;
  for (const [angle, chars] of weight) if (chars > (weight.get(best) ?? 0)) best = angle;
  return best;
}

/**
 * pdf.js drops the later glyphs of a label written downward glyph by glyph in a horizontal font
 * (WPS: "三、本年度办理结果" comes out as "三、本年"): it places them off the page. The glyphs are
 * all in the operator list, so a vertical run is completed from the text object starting where
 * it starts, when that object's text begins with the run's.
 */
function completeVerticalRuns(runs: TextRun[], objects: TextObject[]): void {
  for (const run of runs) {
    if (!run.vertical) continue;
    const start = run.text.replace(/\s/g, "");
    const match = objects.find(
      (o) =>
        Math.abs(o.origin[0] - run.box[0]) < run.size &&
        o.origin[1] > run.box[1] - run.size &&
        o.origin[1] < run.box[1] + 2 * run.size &&
        o.text.replace(/\s/g, "").startsWith(start),
    );
    const full = match?.text.replace(/\s/g, "");
    if (full && full.length > start.length) {
      run.box = [
        run.box[0],
        run.box[1],
        run.box[2],
        run.box[1] + (run.box[3] - run.box[1]) * (full.length / start.length),
      ];
      run.text = full;
    }
  }
}
