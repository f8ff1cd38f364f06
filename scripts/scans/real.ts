// Scans of the REAL reports of the shared corpus (../shared/corpus: docs/NAME.* with truth/NAME.json),
// made the way the synthetic ones are (scripts/scans/make.ts: rasterised at 150/200/300 dpi,
// degraded by scripts/scans/degrade.ts, written back as image-only PDFs, long JPEGs or a photo).
// Real reports have layouts the synthetic ones lack (tables split over pages, merged header cells,
// long wrapped labels, other column groupings, landscape pages, prose between tables).
//
// Each document becomes a born-digital PDF first: PDFs as they are; DOC/DOCX/WPS/RTF by LibreOffice
// (as the parser converts them); HTML pages by Chromium headless (`--print-to-pdf`, what a browser's
// "print to PDF" gives) and, as a second rendering, by LibreOffice's HTML import. Text dumps have no
// layout and are skipped. Nothing is written inside the repository.
//
//   npx tsx scripts/scans/real.ts --out DIR [--corpus ../shared/corpus] [--dpi 150,200,300]
//        [--forms pdf,jpg,tiff,pages,photo,photopages,photo1] [--clean] [--seed S] [--only NAME,NAME]
//        (forms: scripts/scans/make.ts)
//
// --seed S degrades the same renderings another way (other skews, blur, noise, JPEG quality, light):
// a check that a change helps scans of these layouts in general, not the one draw of each.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { convertWithSoffice } from "../../parsers/ole/soffice.js";
import { projectRoot } from "../../src/paths.js";
import { args, writeScan, type Form, type Source } from "./make.js";

/** The shared corpus beside the checkout, or null when it is absent. */
export function sharedCorpus(): string | null {
  const dir = resolve(projectRoot, "../shared/corpus");
  return existsSync(join(dir, "docs")) && existsSync(join(dir, "truth")) ? dir : null;
}

const CHROMIUM = ["chromium", "chromium-browser", "google-chrome"];

function findChromium(): string | null {
  for (const name of CHROMIUM) {
    try {
      execFileSync("which", [name], { stdio: "ignore" });
      return name;
    } catch {
      // try the next name
    }
  }
  return null;
}

/** An HTML page printed to PDF by Chromium headless (A4, no header or footer), or null without Chromium. */
export function chromiumPdf(html: Uint8Array, name: string): Uint8Array | null {
  const chromium = findChromium();
  if (!chromium) return null;
  const work = mkdtempSync(join(tmpdir(), "nianbao-real-"));
  try {
    const input = join(work, `${name}.html`);
    const output = join(work, "out.pdf");
    writeFileSync(input, html);
    execFileSync(
      chromium,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        `--user-data-dir=${join(work, "profile")}`,
        `--print-to-pdf=${output}`,
        pathToFileURL(input).href,
      ],
      { stdio: "ignore", timeout: 60_000 },
    );
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface RealSourceOptions {
  /** Which renderings of HTML pages (default both). */
  html?: ("chromium" | "soffice")[];
  /** Only documents whose name includes one of these. */
  only?: string[];
}

/** Born-digital PDFs of the corpus's real reports with their truth (a name per rendering). */
export async function realSources(corpus: string, options: RealSourceOptions = {}): Promise<Source[]> {
  const html = options.html ?? ["chromium", "soffice"];
  const out: Source[] = [];
  for (const file of readdirSync(join(corpus, "docs")).sort()) {
    const name = basename(file, extname(file));
    if (options.only && !options.only.some((o) => name.includes(o))) continue;
    const truthPath = join(corpus, "truth", `${name}.json`);
    if (!existsSync(truthPath)) continue;
    const truth = JSON.parse(readFileSync(truthPath, "utf8")) as unknown;
    const bytes = new Uint8Array(readFileSync(join(corpus, "docs", file)));
    const ext = extname(file).toLowerCase().slice(1);
    if (ext === "pdf") out.push({ name: `real-${name}`, pdf: bytes, truth });
    else if (["doc", "docx", "wps", "rtf"].includes(ext)) {
      const pdf = await convertWithSoffice(bytes, {
        inputExtension: ext,
        convertTo: "pdf",
        outputExtension: "pdf",
      });
      out.push({ name: `real-${name}`, pdf, truth });
    } else if (ext === "html" || ext === "htm") {
      if (html.includes("chromium")) {
        const pdf = chromiumPdf(bytes, name);
        if (pdf) out.push({ name: `real-${name}-chromium`, pdf, truth });
      }
      if (html.includes("soffice")) {
        const pdf = await convertWithSoffice(bytes, {
          inputExtension: "html",
          inputFilter: "HTML (StarWriter)",
          convertTo: "pdf",
          outputExtension: "pdf",
        });
        out.push({ name: `real-${name}-soffice`, pdf, truth });
      }
    }
  }
  return out;
}

async function main() {
  const a = args();
  const out = a.get("out");
  if (!out)
    throw new Error(
      "usage: real.ts --out DIR [--corpus DIR] [--dpi 150,200,300] [--forms pdf,jpg,tiff,pages,photo,photopages,photo1] [--clean] [--seed S] [--only NAME,NAME]",
    );
  const corpus = a.get("corpus") ?? sharedCorpus();
  if (!corpus) throw new Error("no corpus: ../shared/corpus is absent (pass --corpus DIR)");
  const dpis = (a.get("dpi") ?? "150,200,300").split(",").map(Number);
  const forms = (a.get("forms") ?? "pdf").split(",") as Form[];
  const clean = a.get("clean") === "true";
  const seed = a.get("seed");
  const only = a.get("only")?.split(",");
  mkdirSync(join(out, "docs"), { recursive: true });
  mkdirSync(join(out, "truth"), { recursive: true });
  for (const source of await realSources(corpus, only ? { only } : {})) {
    writeFileSync(join(out, `${source.name}.born-digital.pdf`), source.pdf);
    for (const form of forms) {
      for (const dpi of dpis) {
        const name = `${source.name}-${dpi}dpi-${form}${clean ? "-clean" : ""}`;
        await writeScan(out, name, source, dpi, form, clean, seed);
      }
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
