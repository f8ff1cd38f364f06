// A PDF written as an OFD the way a PDF→OFD converter does it: from pdf.js's text items (baseline,
// size, advance) and the page's ruling lines, in one of the producer styles of ./ofd.ts.
//
//   npx tsx scripts/variants/ofd-from-pdf.ts IN.pdf OUT.ofd [glyphs|runs]
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { apply, type Matrix } from "../../parsers/pdf/geometry.js";
import { withPdfDocument } from "../../parsers/pdf/open.js";
import { readOperators } from "../../parsers/pdf/operators.js";
import { writeOfd, type OfdPageInput, type OfdRun, type OfdStyle } from "./ofd.js";

/** A PDF's pages as a converter sees them: pdf.js text items (baseline, size, advance) and ruling lines. */
export async function pdfPages(pdf: Uint8Array): Promise<OfdPageInput[]> {
  return withPdfDocument(pdf, async (doc) => {
    const pages: OfdPageInput[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const viewport = page.getViewport({ scale: 1 });
      const base = viewport.transform as Matrix;
      const content = await page.getTextContent();
      const runs: OfdRun[] = [];
      for (const item of content.items) {
        if (!("str" in item) || !item.str.trim()) continue;
        const [a, b, c, d, e, f0] = item.transform as Matrix;
        if (Math.abs(b) > 1e-6) continue; // rotated text: not in these reports' tables
        const [x, baseline] = apply(base, e, f0);
        const run: OfdRun = {
          text: item.str,
          x,
          baseline,
          size: Math.abs(d) || Math.abs(a),
          width: item.width,
        };
        if (Math.abs(c) > 1e-6) run.italic = true; // a slanted (synthetic italic) font
        runs.push(run);
      }
      const operators = await page.getOperatorList();
      const { segments } = readOperators(operators.fnArray, operators.argsArray, base);
      pages.push({ width: viewport.width, height: viewport.height, runs, segments });
      page.cleanup();
    }
    return pages;
  });
}

/** The PDF's Info Title, which converters carry into the OFD's DocInfo. */
async function pdfTitle(pdf: Uint8Array): Promise<string> {
  return withPdfDocument(pdf, async (doc) => {
    const info = (await doc.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    return typeof info?.Title === "string" ? info.Title : "";
  });
}

/** The PDF written as an OFD in the given producer style, its title kept. */
export async function ofdFromPdf(pdf: Uint8Array, style: OfdStyle): Promise<Uint8Array> {
  return writeOfd(await pdfPages(pdf), style, await pdfTitle(pdf));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, output, style = "glyphs"] = process.argv.slice(2) as [string?, string?, OfdStyle?];
  if (!input || !output) throw new Error("usage: ofd-from-pdf.ts IN.pdf OUT.ofd [glyphs|runs]");
  writeFileSync(output, await ofdFromPdf(new Uint8Array(readFileSync(input)), style));
}
