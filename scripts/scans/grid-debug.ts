// Draws the rules and tables the page reader finds on one page of a scan (debugging the grid):
// the prepared (flattened, deskewed) page in grey, kept rules in red, lattice tables' boxes in blue.
//
//   npx tsx scripts/scans/grid-debug.ts SCAN.pdf PAGE OUT.png
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { findLatticeTables } from "../../parsers/pdf/lattice.js";
import {
  binarise,
  binariseAt,
  dropRed,
  estimateShear,
  estimateSkew,
  flattenBackground,
  inkLevel,
  rotate,
} from "../../parsers/ocr/image.js";
import { findRules } from "../../parsers/ocr/rules.js";

const [file, pageText, out, dpiText] = process.argv.slice(2);
if (!file || !pageText || !out) throw new Error("usage: grid-debug.ts SCAN.pdf PAGE OUT.png [DPI]");
const work = mkdtempSync(join(tmpdir(), "grid-debug-"));
const list = execFileSync("pdfimages", ["-list", "-f", pageText, "-l", pageText, file], { encoding: "utf8" });
const dpi = Number(dpiText ?? Math.round(Number(list.split("\n")[2]!.trim().split(/\s+/)[12])));
execFileSync("pdftoppm", [
  "-r",
  String(dpi),
  "-f",
  pageText,
  "-l",
  pageText,
  "-singlefile",
  file,
  join(work, "p"),
]);
const buffer = readFileSync(join(work, "p.ppm"));
rmSync(work, { recursive: true, force: true });
const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buffer.subarray(0, 64).toString("latin1"))!;
const image = dropRed(buffer.subarray(header[0].length), Number(header[1]), Number(header[2]), 3, dpi);
const flat = flattenBackground(image);
const first = binarise(flat);
const angle = estimateSkew(first);
const shear = process.env.NO_SHEAR ? 0 : estimateShear(first, angle);
const gray = rotate(flat, angle, shear);
const level = inkLevel(gray);
const ink = binarise(gray, level);
const faint = binariseAt(gray, Math.round((level + 255) / 2));
const segments = process.env.LIGHT
  ? findRules(binariseAt(gray, Number(process.env.LIGHT)), { dpi })
  : findRules(ink, { dpi, faint });
const tables = findLatticeTables(segments);
const s = dpi / 72;
const rgb = Buffer.alloc(gray.width * gray.height * 3);
for (let i = 0; i < gray.data.length; i++) rgb.fill(gray.data[i]!, i * 3, i * 3 + 3);
const put = (x: number, y: number, c: [number, number, number]) => {
  x = Math.round(x);
  y = Math.round(y);
  if (x < 0 || y < 0 || x >= gray.width || y >= gray.height) return;
  rgb.set(c, (y * gray.width + x) * 3);
};
for (const seg of segments)
  for (let t = seg.from * s; t <= seg.to * s; t++)
    for (let w = -1; w <= 0; w++) {
      if (seg.orientation === "h") put(t, seg.at * s + w, [255, 0, 0]);
      else put(seg.at * s + w, t, [255, 0, 0]);
    }
for (const t of tables) {
  const [x0, y0, x1, y1] = t.box.map((v) => v * s) as [number, number, number, number];
  for (let x = x0; x <= x1; x++) {
    put(x, y0 - 3, [0, 0, 255]);
    put(x, y1 + 3, [0, 0, 255]);
  }
  for (let y = y0; y <= y1; y++) {
    put(x0 - 3, y, [0, 0, 255]);
    put(x1 + 3, y, [0, 0, 255]);
  }
  console.log(
    `table ${t.box.map((v) => v.toFixed(0)).join(",")} ${t.ys.length - 1}x${t.xs.length - 1} xs ${t.xs.map((v) => v.toFixed(1)).join(" ")}`,
  );
  console.log(`   ys ${t.ys.map((v) => v.toFixed(1)).join(" ")}`);
}
console.log(`dpi ${dpi} skew ${angle} shear ${shear} ink level ${level}; ${segments.length} rules`);
await sharp(rgb, { raw: { width: gray.width, height: gray.height, channels: 3 } })
  .png()
  .toFile(out);
