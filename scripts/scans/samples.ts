// Writes the few small scanned samples committed under tests/fixtures/scans (tests/parsers/ocr):
// a born-digital fixture report rasterised at 150 dpi and degraded, as image-only PDFs (a mild
// scan: slight skew, uneven light, a red seal over table 3, JPEG 50; a heavy one: 3° skew, blur,
// noise, faint toner, JPEG 40) and as one phone photo of the page holding most of table 3, each
// with its truth (the figures printed on the pages it shows). Deterministic (seeded). Needs
// pdftoppm (poppler-utils).
//
//   npx tsx scripts/scans/samples.ts [--out tests/fixtures/scans]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRng } from "../../src/synth/index.js";
import { buildPdf } from "../fixtures/minimal-pdf.js";
import { degradePage, type Degradation } from "./degrade.js";
import { imagePage, rasterise, table3Spot } from "./make.js";

const SOURCE = "tests/fixtures/pdf/synth-2019-editor";
const DPI = 150;

function truthOf(truth: { values: Record<string, number> }, pageOf: Map<string, number>, pages: number[]) {
  const values = Object.fromEntries(
    Object.entries(truth.values).filter(([code]) => pages.includes(pageOf.get(code) ?? -1)),
  );
  return { values };
}

async function main() {
  const outIndex = process.argv.indexOf("--out");
  const out = outIndex > 0 ? process.argv[outIndex + 1]! : "tests/fixtures/scans";
  mkdirSync(out, { recursive: true });
  const pdf = new Uint8Array(readFileSync(`${SOURCE}.pdf`));
  const truth = JSON.parse(readFileSync(`${SOURCE}.truth.json`, "utf8")) as {
    values: Record<string, number>;
  };
  const spot = await table3Spot(pdf);
  if (!spot) throw new Error("table 3 not found in the source");
  const pages = rasterise(pdf, DPI);
  // Pages holding figures (the report's last page is prose only).
  const used = [...new Set(spot.pageOf.values())].sort((a, b) => a - b);

  // Every page with figures, each degraded the same way but for its skew (odd and even pages lean
  // opposite ways) and a seal over table 3, as one image-only PDF.
  const scanOf = async (
    seed: string,
    skew: { odd: number; even: number },
    look: Omit<Degradation, "skew" | "seal">,
  ) => {
    const rng = createRng(seed);
    const degraded = [];
    for (const page of used) {
      const d: Degradation = {
        ...look,
        skew: page % 2 ? skew.odd : skew.even,
        seal: page === spot.page ? { x: spot.x, y: spot.y } : null,
      };
      degraded.push(await degradePage(pages[page - 1]!, DPI, d, rng));
    }
    return buildPdf(degraded.map(imagePage));
  };
  // Every page with figures is in each scan: its truth is the whole report's.
  const wholeTruth = JSON.stringify({ values: truth.values }, null, 1) + "\n";

  const mild = await scanOf(
    "samples/mild",
    { odd: 1.2, even: -0.8 },
    { blur: 0, noise: 0, jpegQuality: 50, unevenLight: 0.15, faint: 0 },
  );
  writeFileSync(join(out, "mild-150dpi.pdf"), mild);
  writeFileSync(join(out, "mild-150dpi.truth.json"), wholeTruth);

  // The same pages scanned badly: blurred, noisy, faint, skewed 3°, JPEG 40.
  const heavy = await scanOf(
    "samples/heavy",
    { odd: 3, even: -2.5 },
    { blur: 1.2, noise: 6, jpegQuality: 40, unevenLight: 0.3, faint: 0.3 },
  );
  writeFileSync(join(out, "heavy-150dpi.pdf"), heavy);
  writeFileSync(join(out, "heavy-150dpi.truth.json"), wholeTruth);

  // The page with most of table 3, photographed: skewed, blurred, noisy, unevenly lit, JPEG 45.
  const counts = new Map<number, number>();
  for (const [code, page] of spot.pageOf)
    if (code.startsWith("t3.")) counts.set(page, (counts.get(page) ?? 0) + 1);
  const photoPage = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const photo = await degradePage(
    pages[photoPage - 1]!,
    DPI,
    { skew: 2.6, blur: 1.1, noise: 7, jpegQuality: 40, unevenLight: 0.35, faint: 0.25, seal: null },
    createRng("samples/photo"),
  );
  writeFileSync(join(out, "photo-150dpi.jpg"), photo.jpeg);
  writeFileSync(
    join(out, "photo-150dpi.truth.json"),
    JSON.stringify(truthOf(truth, spot.pageOf, [photoPage]), null, 1) + "\n",
  );
  console.log(`pages ${used.join(",")}; photo of page ${photoPage}`);
}

await main();
