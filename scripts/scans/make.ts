// Makes scanned reports whose figures are known, for tests and `npm run bench -- ocr`:
// born-digital report PDFs (with NAME.truth.json beside them) are rasterised at 150/200/300 dpi
// (poppler's pdftoppm), degraded (scripts/scans/degrade.ts) and written back as image-only PDFs
// (a scanner's output), as one long JPEG per report (the pages one below the other, as portals
// post 图片版 reports), as a multi-page TIFF ("tiff"), as one JPEG per page ("pages", each page a
// file: its truth the figures printed on it), as phone photos of every page in one multi-page
// TIFF ("photo": perspective, turn, vignetting, blur, the page on a desk) or one JPEG a page
// ("photopages"), and as the old single photo of the page holding table 3 ("photo1"), each with
// its truth.
//
//   npx tsx scripts/scans/make.ts --out DIR [--from tests/fixtures/pdf] [--synth N --seed S]
//        [--dpi 150,200,300] [--forms pdf,jpg,tiff,pages,photo,photopages,photo1] [--clean]
//
// --synth N renders N new synthetic reports (src/synth) to PDF with LibreOffice first (unseen
// reports: needs soffice and fonts-wqy-zenhei). Needs pdftoppm (poppler-utils).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { parseDocument } from "../../parsers/index.js";
import { convertWithSoffice } from "../../parsers/ole/soffice.js";
import { createRng, renderCorpusDocument, type Rng } from "../../src/synth/index.js";
import { buildPdf, type MinimalPage } from "../fixtures/minimal-pdf.js";
import { degradePage, photographPage, photoJpeg, pickDegradation, pickPhotoLook } from "./degrade.js";

export interface Source {
  name: string;
  pdf: Uint8Array;
  truth: unknown;
}

/** The script's `--key value` and bare `--flag` arguments (shared by the scans scripts). */
export function args(): Map<string, string> {
  const out = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!.replace(/^--/, "");
    const next = argv[i + 1];
    if (next === undefined || next.startsWith("--")) out.set(key, "true");
    else out.set(key, argv[++i]!);
  }
  return out;
}

export function fixtureSources(dir: string): Source[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".pdf"))
    .map((f) => {
      const name = basename(f, ".pdf");
      const truth = JSON.parse(readFileSync(join(dir, `${name}.truth.json`), "utf8")) as { values?: unknown };
      return { name, pdf: new Uint8Array(readFileSync(join(dir, f))), truth };
    })
    .filter(
      (s) =>
        (s.truth as { values?: object }).values &&
        Object.keys((s.truth as { values: object }).values).length > 0,
    );
}

export async function synthSources(n: number, seed: string): Promise<Source[]> {
  const out: Source[] = [];
  for (let i = 0; i < n; i++) {
    const doc = renderCorpusDocument(i, {
      seed,
      forms: ["html"],
      html: { encoding: "utf-8", chrome: false },
    });
    const html = new TextDecoder()
      .decode(doc.bytes)
      .replace(/<!\[if !supportMisalignedColumns\]>[\s\S]*?<!\[endif\]>/g, "");
    const pdf = await convertWithSoffice(new TextEncoder().encode(html), {
      inputExtension: "html",
      inputFilter: "HTML (StarWriter)",
      convertTo: "pdf",
      outputExtension: "pdf",
    });
    out.push({ name: `synth-${seed}-${i}`, pdf, truth: doc.truth });
  }
  return out;
}

export type Form = "pdf" | "jpg" | "tiff" | "pages" | "photo" | "photopages" | "photo1";
export const FORMS: Form[] = ["pdf", "jpg", "tiff", "pages", "photo", "photopages", "photo1"];

/** One file of a scan: most forms make one; "pages" and "photopages" one per page (suffix -pN). */
export interface ScanFile {
  suffix: string;
  extension: "pdf" | "jpg" | "tif";
  bytes: Uint8Array;
  truth: unknown;
}

/** Where table 3 is printed (page, relative centre), from the born-digital PDF's own provenance. */
export async function table3Spot(
  pdf: Uint8Array,
): Promise<{ page: number; x: number; y: number; pageOf: Map<string, number> } | null> {
  const result = await parseDocument(pdf);
  const pageOf = new Map<string, number>();
  for (const [code, source] of Object.entries(result.sources ?? {}))
    if (source.loc?.page) pageOf.set(code, source.loc.page);
  const loc = result.sources?.["t3.total.legal"]?.loc ?? result.sources?.["t3.new.legal"]?.loc;
  if (!loc?.page || !loc.bbox) return null;
  return {
    page: loc.page,
    x: (loc.bbox[0] + loc.bbox[2]) / 2 / 595,
    y: (loc.bbox[1] + loc.bbox[3]) / 2 / 842,
    pageOf,
  };
}

/** The truth of one page: the figures the born-digital parse found printed on it. */
function truthOfPage(truth: unknown, pageOf: Map<string, number>, page: number): unknown {
  const t = truth as { values: Record<string, number>; issues?: unknown[] };
  const values = Object.fromEntries(Object.entries(t.values).filter(([code]) => pageOf.get(code) === page));
  return { ...t, values, issues: [] };
}

export function rasterise(pdf: Uint8Array, dpi: number): Uint8Array[] {
  const work = mkdtempSync(join(tmpdir(), "nianbao-scans-"));
  try {
    writeFileSync(join(work, "in.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", String(dpi), "-png", join(work, "in.pdf"), join(work, "p")]);
    return readdirSync(work)
      .filter((f) => f.startsWith("p-"))
      .sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]))
      .map((f) => new Uint8Array(readFileSync(join(work, f))));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A page of an image-only PDF showing one scanned image at its own resolution (landscape stays landscape). */
export function imagePage(p: { jpeg: Uint8Array; width: number; height: number; dpi?: number }): MinimalPage {
  const landscape = p.width > p.height;
  const [w, h] = landscape ? [842, 595] : [595, 842];
  return {
    content: `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`,
    jpeg: { bytes: p.jpeg, width: p.width, height: p.height, gray: false },
    size: [w, h],
  };
}

export async function makeScan(
  source: Source,
  dpi: number,
  form: Form,
  clean: boolean,
  rng: Rng,
): Promise<{ bytes: Uint8Array; truth: unknown } | null> {
  const files = await makeScanFiles(source, dpi, form, clean, rng);
  return files.length === 1 ? files[0]! : null;
}

/** The files of one scan of `source` (see Form), each with its truth; none when the form cannot be made. */
export async function makeScanFiles(
  source: Source,
  dpi: number,
  form: Form,
  clean: boolean,
  rng: Rng,
): Promise<ScanFile[]> {
  const spot = await table3Spot(source.pdf);
  const pages = rasterise(source.pdf, dpi);
  const sealOn = (page: number) => (spot && spot.page === page ? { x: spot.x, y: spot.y } : null);
  const pageTruth = (page: number) => (spot ? truthOfPage(source.truth, spot.pageOf, page) : null);
  if (form === "photo1") {
    if (!spot) return [];
    const d = pickDegradation(rng, clean ? "clean" : "phone", { x: spot.x, y: spot.y });
    const photo = await degradePage(pages[spot.page - 1]!, dpi, d, rng);
    return [{ suffix: "", extension: "jpg", bytes: new Uint8Array(photo.jpeg), truth: pageTruth(spot.page) }];
  }
  if (form === "photo" || form === "photopages") {
    if (form === "photopages" && !spot) return [];
    // One phone, one desk, one person: the look is the report's; each page lies a little differently.
    const look = pickPhotoLook(rng);
    const photos: Buffer[] = [];
    const size = (p: Uint8Array) => sharp(p).metadata();
    const sizes = await Promise.all(pages.map(size));
    // A multi-page TIFF's pages share a size: every photo is made on the largest page's canvas.
    const canvas =
      form === "photo"
        ? {
            width: Math.round(Math.max(...sizes.map((m) => m.width!)) * (1 + 2 * look.margin)),
            height: Math.round(
              Math.max(...sizes.map((m) => m.height!)) +
                2 * Math.max(...sizes.map((m) => m.width!)) * look.margin,
            ),
          }
        : undefined;
    for (let i = 0; i < pages.length; i++) {
      const d = pickDegradation(rng, clean ? "clean" : "normal", sealOn(i + 1));
      Object.assign(d, { skew: 0, blur: 0, noise: 0 });
      const turned = {
        ...look,
        turn: look.turn + (rng.next() * 2 - 1) * 0.8,
        keystone: look.keystone * (0.7 + rng.next() * 0.6),
      };
      const photo = await photographPage(
        pages[i]!,
        dpi,
        d,
        clean ? { ...turned, vignette: 0 } : turned,
        rng,
        canvas,
      );
      photos.push(await photoJpeg(photo, clean ? { ...look, blur: 0.3, noise: 0 } : look, rng));
    }
    if (form === "photopages")
      return photos.map((jpeg, i) => ({
        suffix: `-p${i + 1}`,
        extension: "jpg",
        bytes: new Uint8Array(jpeg),
        truth: pageTruth(i + 1),
      }));
    return [
      {
        suffix: "",
        extension: "tif",
        bytes: await multiPageTiff(photos, look.jpegQuality, 72),
        truth: source.truth,
      },
    ];
  }
  const degraded: { jpeg: Buffer; width: number; height: number }[] = [];
  for (let i = 0; i < pages.length; i++) {
    // A long image is a document exported page by page: no skew, mild noise.
    const d = pickDegradation(rng, clean ? "clean" : form === "jpg" ? "clean" : "normal", sealOn(i + 1));
    if (form === "jpg" && !clean) Object.assign(d, { noise: 3, jpegQuality: 70, seal: sealOn(i + 1) });
    degraded.push(await degradePage(pages[i]!, dpi, d, rng));
  }
  if (form === "pdf")
    return [{ suffix: "", extension: "pdf", bytes: buildPdf(degraded.map(imagePage)), truth: source.truth }];
  if (form === "pages") {
    if (!spot) return [];
    return degraded.map((p, i) => ({
      suffix: `-p${i + 1}`,
      extension: "jpg",
      bytes: new Uint8Array(p.jpeg),
      truth: pageTruth(i + 1),
    }));
  }
  if (form === "tiff")
    return [
      {
        suffix: "",
        extension: "tif",
        bytes: await multiPageTiff(
          degraded.map((p) => p.jpeg),
          75,
          dpi,
        ),
        truth: source.truth,
      },
    ];
  // One long image: the pages one below the other (each page keeps its own skew).
  const width = Math.max(...degraded.map((p) => p.width));
  const height = degraded.reduce((s, p) => s + p.height, 0);
  let top = 0;
  const composite = degraded.map((p) => {
    const o = { input: p.jpeg, left: 0, top };
    top += p.height;
    return o;
  });
  const bytes = new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: "#ffffff" } })
      .composite(composite)
      .jpeg({ quality: 75 })
      .withMetadata({ density: dpi })
      .toBuffer(),
  );
  return [{ suffix: "", extension: "jpg", bytes, truth: source.truth }];
}

/** Pages (JPEG) as one multi-page TIFF, JPEG-compressed, each page padded white to the largest. */
async function multiPageTiff(pages: Buffer[], quality: number, density: number): Promise<Uint8Array> {
  const sizes = await Promise.all(pages.map((p) => sharp(p).metadata()));
  const width = Math.max(...sizes.map((m) => m.width!));
  const height = Math.max(...sizes.map((m) => m.height!));
  const padded = await Promise.all(
    pages.map((p, i) =>
      sharp(p)
        .extend({
          right: width - sizes[i]!.width!,
          bottom: height - sizes[i]!.height!,
          background: "#ffffff",
        })
        .png({ compressionLevel: 1 })
        .toBuffer(),
    ),
  );
  return new Uint8Array(
    await sharp(padded, { join: { animated: true } })
      .tiff({ compression: "jpeg", quality })
      .withMetadata({ density })
      .toBuffer(),
  );
}

/**
 * Makes one scan of `source` and writes it as OUT/docs/NAME.pdf|jpg with its truth as
 * OUT/truth/NAME.json (the layout the score tool and `npm run bench -- ocr` read).
 */
export async function writeScan(
  out: string,
  name: string,
  source: Source,
  dpi: number,
  form: Form,
  clean: boolean,
  seed?: string,
): Promise<void> {
  // Another seed degrades the same pages another way (skew, blur, noise, JPEG, light drawn anew).
  const rng = createRng(`${seed ? `${seed}/` : ""}${source.name}/${form}/${dpi}`);
  for (const scan of await makeScanFiles(source, dpi, form, clean, rng)) {
    const file = `${name}${scan.suffix}`;
    writeFileSync(join(out, "docs", `${file}.${scan.extension}`), scan.bytes);
    writeFileSync(join(out, "truth", `${file}.json`), JSON.stringify(scan.truth, null, 1) + "\n");
    console.log(`${file}.${scan.extension}: ${(scan.bytes.length / 1024).toFixed(0)} KB`);
  }
}

async function main() {
  const a = args();
  const out = a.get("out");
  if (!out)
    throw new Error(
      `usage: make.ts --out DIR [--from DIR] [--synth N --seed S] [--dpi 150,200,300] [--forms ${FORMS.join(",")}] [--clean]`,
    );
  const dpis = (a.get("dpi") ?? "150,200,300").split(",").map(Number);
  const forms = (a.get("forms") ?? "pdf,jpg,photo").split(",") as Form[];
  for (const f of forms)
    if (!FORMS.includes(f)) throw new Error(`unknown form ${f}: one of ${FORMS.join(", ")}`);
  const clean = a.get("clean") === "true";
  const sources = a.has("synth")
    ? await synthSources(Number(a.get("synth")), a.get("seed") ?? "scans")
    : fixtureSources(a.get("from") ?? "tests/fixtures/pdf");
  mkdirSync(join(out, "docs"), { recursive: true });
  mkdirSync(join(out, "truth"), { recursive: true });
  let k = 0;
  for (const source of sources) {
    for (const form of forms) {
      const dpi = dpis[k++ % dpis.length]!;
      await writeScan(out, `${source.name}-${dpi}dpi-${form}`, source, dpi, form, clean);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
