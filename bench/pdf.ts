// `npm run bench -- pdf`: PDF → IR → figures on the corpus PDFs (real, WPS-made) and the
// LibreOffice-made fixture PDFs, warm (after one untimed pass), against `pdftotext -layout`
// (poppler) on the same files in the same run. Prints pages/s, median ms per report, and the ratio.
// Goal (issue 3): a 5-page report under 150 ms warm, at least a tenth of poppler's page rate.
// Env: BENCH_PDF_ROUNDS (timed passes over the files, default 3).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseDocument } from "../parsers/index.js";
import { withPdfDocument } from "../parsers/pdf/open.js";
import { projectRoot } from "../src/paths.js";
import type { BenchSection } from "./section.js";

const ROUNDS = Number(process.env.BENCH_PDF_ROUNDS ?? 3);
const CORPUS = join(projectRoot, "..", "shared", "corpus", "docs");

interface BenchFile {
  path: string;
  bytes: Uint8Array;
  pages: number;
}

function listPdfs(dir: string, skip: RegExp = /^$/): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".pdf") && !skip.test(name))
    .map((name) => join(dir, name))
    .sort();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function hasPdftotext(): boolean {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function timeEach(files: BenchFile[], run: (file: BenchFile) => unknown): Promise<number[]> {
  const perFile: number[][] = files.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, file] of files.entries()) {
      const start = performance.now();
      await run(file);
      perFile[i]!.push(performance.now() - start);
    }
  }
  return perFile.map(median);
}

function row(label: string, files: BenchFile[], ms: number[]): { pagesPerSecond: number } {
  const pages = files.reduce((sum, f) => sum + f.pages, 0);
  const total = ms.reduce((sum, t) => sum + t, 0);
  const pagesPerSecond = (pages / total) * 1000;
  const fivePage = files.map((f, i) => (f.pages === 5 ? ms[i]! : NaN)).filter((t) => !Number.isNaN(t));
  console.log(
    `| ${label} | ${files.length} | ${pages} | ${pagesPerSecond.toFixed(1)} | ${median(ms).toFixed(1)} | ${
      fivePage.length ? median(fivePage).toFixed(1) : "–"
    } |`,
  );
  return { pagesPerSecond };
}

const section: BenchSection = {
  title: "PDF: nianbao (pdf.js → IR → figures) vs pdftotext -layout",
  async run() {
    const paths = [
      ...listPdfs(CORPUS),
      ...listPdfs(join(projectRoot, "tests/fixtures/pdf"), /^(encrypted|scanned)\.pdf$/),
      ...listPdfs(join(projectRoot, "data/demo-documents")),
    ];
    if (paths.length === 0) {
      console.log("no PDFs found");
      return;
    }
    const files: BenchFile[] = [];
    for (const path of paths) {
      const bytes = new Uint8Array(readFileSync(path));
      const pages = await withPdfDocument(bytes, async (doc) => doc.numPages);
      files.push({ path, bytes, pages });
    }
    // Warm-up: pdf.js compiles its worker code and loads CMaps/fonts on first use.
    for (const file of files) await parseDocument(file.bytes, { name: file.path });

    console.log(
      `${files.length} PDFs (${CORPUS} + tests/fixtures/pdf + data/demo-documents), median of ${ROUNDS} warm rounds per file`,
    );
    console.log("| tool | files | pages | pages/s | median ms/report | median ms, 5-page reports |");
    console.log("|---|---|---|---|---|---|");
    const ours = row(
      "nianbao parse (pdf → IR → figures)",
      files,
      await timeEach(files, (file) => parseDocument(file.bytes, { name: file.path })),
    );
    if (!hasPdftotext()) {
      console.log("pdftotext not installed (apt-get install poppler-utils): no baseline");
      return;
    }
    const poppler = row(
      "pdftotext -layout (process per file)",
      files,
      await timeEach(files, (file) =>
        execFileSync("pdftotext", ["-layout", file.path, "-"], { stdio: "pipe" }),
      ),
    );
    const ratio = ours.pagesPerSecond / poppler.pagesPerSecond;
    console.log(
      `\nnianbao runs at ${(ratio * 100).toFixed(1)}% of pdftotext's page rate (goal ≥ 10%)` +
        " — pdftotext only extracts text; nianbao also rebuilds table grids and reads the figures.",
    );
  },
};

export default section;
