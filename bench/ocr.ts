// `npm run bench -- ocr`: scanned reports whose figures are known, read by the OCR front-end
// (parsers/ocr). Scans are made in the run by scripts/scans (fixture PDFs rasterised at 150/200/300
// dpi; "clean", "normal" = skew ±3°, blur, noise, JPEG 40–80, uneven light, faint toner, a red seal
// over table 3; "photo" = every page photographed by a phone (perspective, turn, vignetting, blur,
// the page on a desk) in one multi-page TIFF; "photopages" = the same photos one JPEG a page, each
// file read as a report of its own; "pages"/"tiff" = normal scans as one JPEG a page / one
// multi-page TIFF; "photo1" = the older single photo of the page with table 3, skewed). Per
// scan: CPU seconds per page and per report (user + system, the engines' processes included: what
// one free core would take, whatever the machine's load) beside wall seconds, and figures right /
// wrong / left out against the truth. A PDF takes the parser's path (a scan through and through
// straight to OCR, any other through pdf.js's scanned-page test first), without its time budget.
//
// Engines side by side on the same scans: tesseract (Debian's, the parser's engine) and PaddleOCR
// PP-OCRv4 run by ONNX Runtime (@gutenye/ocr-node, which ships its models), when it is installed.
// It is not a dependency (its install script downloads CUDA binaries from outside the npm registry;
// with --ignore-scripts the CPU build it ships works offline): install it for the bench with
//   npm i --no-save --ignore-scripts @gutenye/ocr-node@1.4.8   (or set BENCH_OCR_PADDLE=DIR, a
//   folder where it is installed).
// Real reports: the shared corpus's PDFs, Word files and HTML pages (../shared/corpus, rendered to PDF
// by scripts/scans/real.ts: HTML by Chromium and by LibreOffice) are scanned the same way; source
// "real" (in the default list) is all of them, "real-NAME" one of them; skipped with a message
// when ../shared is absent.
// Env: BENCH_OCR_SOURCES (fixture names, real, real-NAME; comma-separated), BENCH_OCR_VARIANTS (e.g.
// clean-200,normal-150,photo-200), BENCH_OCR_SYNTH=N (N unseen synthetic reports rendered to PDF by
// LibreOffice first), BENCH_OCR_ENGINES (tesseract,paddle).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import type { ParseResult } from "../src/model/contract.js";
import type { DocumentIR } from "../src/model/ir.js";
import { projectRoot } from "../src/paths.js";
import { readPdfPages } from "../parsers/formats/pdf.js";
import { mayBeImageOnly } from "../parsers/ocr/image-only-pdf.js";
import { ocrAvailable } from "../parsers/ocr/index.js";
import { imageOnlyPdfToIR, imageToIR, scannedPdfToIR } from "../parsers/ocr/scan.js";
import { tesseractEngine, type OcrEngine, type OcrText } from "../parsers/ocr/tesseract.js";
import { verifyOcrFigures } from "../parsers/ocr/verify.js";
import { recognize } from "../parsers/template/recognize.js";
import { createRng } from "../src/synth/index.js";
import {
  FORMS,
  fixtureSources,
  makeScanFiles,
  synthSources,
  type Form,
  type Source,
} from "../scripts/scans/make.js";
import { realSources, sharedCorpus } from "../scripts/scans/real.js";
import type { BenchSection } from "./section.js";

const DEFAULT_SOURCES = [
  "synth-2019-editor",
  "synth-2021-word",
  "synth-2021-editor",
  "rotated-pages",
  "real",
];
const DEFAULT_VARIANTS = ["clean-200", "normal-150", "normal-200", "normal-300", "photo-200"];

interface Scan {
  name: string;
  bytes: Uint8Array;
  form: Form;
  truth: Record<string, number>;
}

interface Tally {
  docs: number;
  pages: number;
  seconds: number;
  cpu: number;
  truth: number;
  right: number;
  wrong: number;
  leftOut: number;
  wrongExamples: string[];
}

const newTally = (): Tally => ({
  docs: 0,
  pages: 0,
  seconds: 0,
  cpu: 0,
  truth: 0,
  right: 0,
  wrong: 0,
  leftOut: 0,
  wrongExamples: [],
});

/**
 * CPU seconds used so far by this process and the children it waited for (tesseract, pdftoppm):
 * on a busy machine wall time says little, CPU time is what one free core would take.
 */
function cpuSeconds(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    // utime, stime, cutime, cstime are fields 14–17 of the line, 12–15 after the name.
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
  } catch {
    return Number.NaN;
  }
}

async function makeScans(): Promise<Scan[]> {
  const wanted = (process.env.BENCH_OCR_SOURCES ?? DEFAULT_SOURCES.join(",")).split(",");
  const synth = Number(process.env.BENCH_OCR_SYNTH ?? 0);
  const sources: Source[] = [
    ...fixtureSources(join(projectRoot, "tests/fixtures/pdf")).filter((s) => wanted.includes(s.name)),
    ...(synth > 0 ? await synthSources(synth, "bench-ocr") : []),
  ];
  const real = wanted.filter((w) => w === "real" || w.startsWith("real-"));
  if (real.length) {
    const corpus = sharedCorpus();
    if (!corpus) console.log("real reports: skipped, ../shared/corpus is absent");
    else {
      const only = real.includes("real") ? undefined : real.map((r) => r.slice("real-".length));
      sources.push(...(await realSources(corpus, only ? { only } : {})));
    }
  }
  const variants = (process.env.BENCH_OCR_VARIANTS ?? DEFAULT_VARIANTS.join(",")).split(",");
  const scans: Scan[] = [];
  for (const source of sources) {
    for (const variant of variants) {
      const [level, dpiText] = variant.split("-") as [string, string];
      const dpi = Number(dpiText);
      const form: Form = level === "clean" || level === "normal" ? "pdf" : (level as Form);
      if (!FORMS.includes(form)) throw new Error(`BENCH_OCR_VARIANTS: unknown variant ${variant}`);
      const files = await makeScanFiles(
        source,
        dpi,
        form,
        level === "clean",
        createRng(`${source.name}/${variant}`),
      );
      for (const made of files) {
        const truth = (made.truth as { values: Record<string, number> }).values;
        scans.push({ name: `${source.name}${made.suffix} ${variant}`, bytes: made.bytes, form, truth });
      }
    }
  }
  return scans;
}

/**
 * A scan read as `nianbao parse` reads it — a PDF that is a scan through and through by the OCR
 * front-end straight away (imageOnlyPdfToIR), any other through pdf.js's scanned-page test first —
 * with `engine`, and without parseDocument's 120 s budget of wall time (a loaded machine passes it).
 */
async function readScan(scan: Scan, engine: OcrEngine): Promise<{ result: ParseResult; pages: number }> {
  let ir: DocumentIR | null;
  if (scan.form === "pdf") {
    ir = mayBeImageOnly(scan.bytes) ? await imageOnlyPdfToIR(scan.bytes, { engine }) : null;
    if (!ir) {
      await readPdfPages(scan.bytes);
      ir = await scannedPdfToIR(scan.bytes, { engine });
    }
  } else ir = await imageToIR(scan.bytes, { engine });
  const result = verifyOcrFigures({ ...recognize(ir), format: ir.format }, ir);
  return { result, pages: ir.ocr?.pages ?? 1 };
}

/** PaddleOCR (PP-OCRv4 via ONNX Runtime) behind the same interface as tesseract, one picture at a time. */
async function paddleEngine(): Promise<OcrEngine | string> {
  const name = "@gutenye/ocr-node";
  let module: { default: { create(): Promise<PaddleOcr> } };
  try {
    const dir = process.env.BENCH_OCR_PADDLE;
    module = dir
      ? ((await import(createRequire(join(dir, "package.json")).resolve(name))) as typeof module)
      : ((await import(name)) as typeof module);
  } catch {
    return `${name} is not installed (npm i --no-save --ignore-scripts @gutenye/ocr-node@1.4.8)`;
  }
  const ocr = await module.default.create();
  return {
    name: "PaddleOCR PP-OCRv4 (onnxruntime, @gutenye/ocr-node 1.4.8)",
    async read(images, pass) {
      const out: OcrText[] = [];
      for (const pgm of images) {
        const lines = await ocr.detect(await pgmToPng(pgm));
        const allowed = pass.whitelist ? new Set(pass.whitelist) : null;
        const texts = lines.map((l) => (allowed ? [...l.text].filter((c) => c !== " ").join("") : l.text));
        // Characters outside the digit pass's set (a letter for a digit) make the reading worthless.
        const foreign = allowed ? texts.some((t) => [...t].some((c) => !allowed.has(c))) : false;
        const confidence = lines.length ? Math.round(Math.min(...lines.map((l) => l.mean)) * 100) : 0;
        const text = foreign ? "" : texts.join("\n");
        out.push({
          text,
          confidence: foreign ? 0 : confidence,
          lines: lines.map((l, i) => ({
            text: texts[i]!,
            bbox: [
              Math.min(...l.box.map((p) => p[0])),
              Math.min(...l.box.map((p) => p[1])),
              Math.max(...l.box.map((p) => p[0])),
              Math.max(...l.box.map((p) => p[1])),
            ],
          })),
          chars: [...text.replace(/\n/g, "")].map((char) => ({ char, confidence, alternatives: [] })),
        });
      }
      return out;
    },
  };
}

interface PaddleOcr {
  detect(image: Buffer): Promise<{ text: string; mean: number; box: [number, number][] }[]>;
}

async function pgmToPng(pgm: Uint8Array): Promise<Buffer> {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(Buffer.from(pgm.subarray(0, 32)).toString("latin1"))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  return sharp(Buffer.from(pgm.subarray(header[0].length)), { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "-");
const pad = (s: string, n: number) => s.padEnd(n);

const section: BenchSection = {
  title:
    "OCR: scanned reports with known figures (CPU and wall seconds per page and per report, figures right / wrong)",
  async run() {
    if (!(await ocrAvailable())) {
      console.log("skipped: tesseract with chi_sim is not installed (scripts/install-system-deps.sh)");
      return;
    }
    const started = performance.now();
    const scans = await makeScans();
    console.log(
      `${scans.length} scans made in ${((performance.now() - started) / 1000).toFixed(1)} s (scripts/scans/make.ts)`,
    );
    const wantedEngines = (process.env.BENCH_OCR_ENGINES ?? "tesseract,paddle").split(",");
    const engines: OcrEngine[] = [];
    if (wantedEngines.includes("tesseract")) engines.push(await tesseractEngine());
    if (wantedEngines.includes("paddle")) {
      const paddle = await paddleEngine();
      if (typeof paddle === "string") console.log(`PaddleOCR: skipped, ${paddle}`);
      else engines.push(paddle);
    }
    const totals = new Map<string, Tally>();
    const byVariant = new Map<string, Tally>();
    const byKind = new Map<string, Tally>();
    const bySource = new Map<string, Tally>();
    console.log(
      `\n${pad("scan", 44)} ${pad("engine", 10)} ${pad("pages", 5)} ${pad("s/page", 7)} ${pad("s/report", 8)} ${pad("cpu s", 7)} right/truth   wrong  left out`,
    );
    for (const scan of scans) {
      for (const engine of engines) {
        const t0 = performance.now();
        const c0 = cpuSeconds();
        const { result, pages } = await readScan(scan, engine);
        const seconds = (performance.now() - t0) / 1000;
        const cpu = cpuSeconds() - c0;
        let right = 0;
        const wrong: string[] = [];
        for (const [code, value] of Object.entries(result.values)) {
          if (scan.truth[code] === value) right++;
          else wrong.push(`${scan.name}: ${code}=${value} (truth ${scan.truth[code] ?? "none"})`);
        }
        const truthCount = Object.keys(scan.truth).length;
        const leftOut = Object.keys(scan.truth).filter((code) => result.values[code] === undefined).length;
        const short = engine.name.split(" ")[0]!;
        const [sourceName, variant] = scan.name.split(" ") as [string, string];
        const kind = sourceName.startsWith("real-") ? "real" : "synthetic";
        const keys: [Map<string, Tally>, string][] = [
          [totals, short],
          [byVariant, `${short} ${variant}`],
          [byKind, `${short} ${kind} ${variant}`],
          [byKind, `${short} ${kind} all`],
          [bySource, `${short} ${sourceName}`],
        ];
        for (const [map, key] of keys) {
          const tally = map.get(key) ?? newTally();
          tally.docs++;
          tally.pages += pages;
          tally.seconds += seconds;
          tally.cpu += cpu;
          tally.truth += truthCount;
          tally.right += right;
          tally.wrong += wrong.length;
          tally.leftOut += leftOut;
          if (map === totals) tally.wrongExamples.push(...wrong);
          map.set(key, tally);
        }
        console.log(
          `${pad(scan.name, 44)} ${pad(short, 10)} ${pad(String(pages), 5)} ${pad((seconds / pages).toFixed(2), 7)} ${pad(seconds.toFixed(1), 8)} ${pad(cpu.toFixed(1), 7)} ${pad(`${right}/${truthCount}`, 13)} ${pad(String(wrong.length), 6)} ${leftOut}`,
        );
      }
    }
    console.log(
      `\n${pad("engine / source or variant", 50)} docs  s/page  s/report  cpu s/page  cpu s/report  accepted (right/truth)  wrong  left out`,
    );
    for (const map of [bySource, byKind, byVariant, totals]) {
      for (const [key, t] of [...map].sort((a, b) => a[0].localeCompare(b[0]))) {
        console.log(
          `${pad(key, 50)} ${pad(String(t.docs), 5)} ${pad((t.seconds / t.pages).toFixed(2), 7)} ${pad((t.seconds / t.docs).toFixed(1), 9)} ${pad((t.cpu / t.pages).toFixed(2), 11)} ${pad((t.cpu / t.docs).toFixed(1), 12)} ${pad(`${pct(t.right, t.truth)} (${t.right}/${t.truth})`, 23)} ${pad(String(t.wrong), 6)} ${t.leftOut}`,
        );
      }
      console.log("");
    }
    for (const [key, t] of totals)
      for (const w of t.wrongExamples.slice(0, 20)) console.log(`WRONG ${key}: ${w}`);
  },
};

export default section;
