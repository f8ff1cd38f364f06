// Reads one page into the geometry layer: text runs and ruling segments in top-left page space.
import type { PDFPageProxy } from "pdfjs-dist/types/src/display/api.js";
import type { Matrix, PageGeometry } from "./geometry.js";
import { readOperators } from "./operators.js";
import { readTextRuns } from "./text-runs.js";

export async function readPageText(
  page: PDFPageProxy,
): Promise<Omit<PageGeometry, "segments" | "imageCoverage">> {
  const viewport = page.getViewport({ scale: 1 });
  const transform = viewport.transform as Matrix;
  const content = await page.getTextContent();
  return {
    page: page.pageNumber,
    width: viewport.width,
    height: viewport.height,
    runs: readTextRuns(content, transform),
  };
}

export async function readPageGeometry(page: PDFPageProxy): Promise<PageGeometry> {
  const text = await readPageText(page);
  const viewport = page.getViewport({ scale: 1 });
  const operators = await page.getOperatorList();
  const { segments, imageArea } = readOperators(
    operators.fnArray,
    operators.argsArray,
    viewport.transform as Matrix,
  );
  const pageArea = Math.max(1, text.width * text.height);
  return { ...text, segments, imageCoverage: Math.min(1, imageArea / pageArea) };
}
