// Makes a born-digital PDF whose chosen pages are pictures: those pages are rasterised (pdftoppm),
// lightly degraded like a scan (scripts/scans/degrade.ts) and put back as image-only pages, the
// other pages keep their text layer (pdfseparate/pdfunite, poppler-utils). This is the report whose
// tables alone are images (issue 12), read by parsers/ocr for its image pages only.
//
//   npx tsx scripts/scans/mixed.ts IN.pdf OUT.pdf PAGE[,PAGE…] [--dpi 150]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRng } from "../../src/synth/index.js";
import { buildPdf } from "../fixtures/minimal-pdf.js";
import { degradePage } from "./degrade.js";
import { imagePage, rasterise } from "./make.js";

export async function mixedPdf(pdf: Uint8Array, imagePages: number[], dpi = 150): Promise<Uint8Array> {
  const work = mkdtempSync(join(tmpdir(), "nianbao-mixed-"));
  try {
    const input = join(work, "in.pdf");
    writeFileSync(input, pdf);
    execFileSync("pdfseparate", [input, join(work, "page-%d.pdf")]);
    const rasters = rasterise(pdf, dpi);
    const rng = createRng("scans/mixed");
    for (const page of imagePages) {
      // A mild scan: a slight skew, a little uneven light, JPEG 60.
      const scanned = await degradePage(
        rasters[page - 1]!,
        dpi,
        { skew: 0.6, blur: 0, noise: 0, jpegQuality: 60, unevenLight: 0.1, faint: 0, seal: null },
        rng,
      );
      writeFileSync(join(work, `page-${page}.pdf`), buildPdf([imagePage(scanned)]));
    }
    const out = join(work, "out.pdf");
    const parts = rasters.map((_, i) => join(work, `page-${i + 1}.pdf`));
    execFileSync("pdfunite", [...parts, out]);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  const [input, output, pages] = process.argv.slice(2);
  if (!input || !output || !pages) throw new Error("usage: mixed.ts IN.pdf OUT.pdf PAGE[,PAGE…] [--dpi N]");
  const dpiIndex = process.argv.indexOf("--dpi");
  const dpi = dpiIndex > 0 ? Number(process.argv[dpiIndex + 1]) : 150;
  const bytes = await mixedPdf(new Uint8Array(readFileSync(input)), pages.split(",").map(Number), dpi);
  writeFileSync(output, bytes);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
