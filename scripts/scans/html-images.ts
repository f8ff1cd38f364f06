// An HTML report whose tables are pictures, from one whose tables are text (src/synth/table-images.ts):
//
//   npx tsx scripts/scans/html-images.ts IN.html OUT_DIR [TABLES]
//
// writes OUT_DIR/page.html and OUT_DIR/page_files/table-N.png (TABLES: e.g. "1,4" draws only those;
// default all), the way a browser's "save page complete" keeps a page: `nianbao parse OUT_DIR/page.html`
// reads the pictures by OCR.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeText } from "../../parsers/encoding.js";
import { tablesAsImages } from "../../src/synth/table-images.js";

const [input, outDir, only] = process.argv.slice(2);
if (!input || !outDir) {
  console.error("usage: html-images.ts IN.html OUT_DIR [TABLES]");
  process.exit(2);
}
const { text } = decodeText(await readFile(input), { html: true });
const page = await tablesAsImages(text, only ? { only: only.split(",").map(Number) } : {});
await mkdir(join(outDir, "page_files"), { recursive: true });
await writeFile(join(outDir, "page.html"), page.html.replace(/charset=["']?[\w-]+/i, "charset=UTF-8"));
for (const image of page.images) await writeFile(join(outDir, image.ref), image.png);
console.log(`${page.images.length} tables → ${join(outDir, "page_files")}/`);
