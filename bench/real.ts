// `npm run bench -- real`: the whole parse (sniff → decode → IR → figures) of the real documents of
// ../shared/corpus, per format, each against a baseline on the same bytes in the same run:
//   HTML      cheerio.load (cheerio's default, parse5) and cheerio/slim's load (htmlparser2), and the
//             whole parse as it was before issue 11 (cheerio/slim's DOM under the same block reader)
//   text, md  a plain decode (TextDecoder) and a split into lines
//   PDF       `pdftotext -layout FILE -` (poppler, one process per file)
// Each document is parsed warm, as in a batch that has been running a while: before anything is
// timed, every document of the run is parsed in turn (BENCH_REAL_WARMUP rounds, PDFs two), so V8 has
// compiled the parsers for every format's shapes. Without it the first documents timed, and the
// first ones after the PDFs, paid V8's compilation and re-tiering (the text recognizer also reads
// PDF IR): the first text parses after a process's first PDF took 8–31 ms of CPU instead of 1–2
// (docs/BENCHMARKS.md, "Issue 11, fourth sitting").
// Rounds alternate ours and the baseline so a change of machine load hits both. Medians are the
// headline; beside them, the fastest round (least disturbed by other processes) and the process's
// CPU time per round (process.cpuUsage: our thread and V8's helper threads, without the time spent
// waiting for a core, which on a shared machine is most of a loaded median). Goals (issue 11):
// HTML ≤ 0.7 × cheerio.load, text ≤ 1 ms, a 5-page PDF ≤ 3 × pdftotext.
// Env: BENCH_REAL_ROUNDS (rounds per HTML/text document, default 40; PDFs get a fifth of them, at
// least 3), BENCH_REAL_DIR (another folder of real documents, default ../shared/corpus/docs),
// BENCH_REAL_WARMUP (rounds over every document before timing, default 10; 0 = the old method).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import * as cheerio from "cheerio";
import { load as slimLoad } from "cheerio/slim";
import { parseDocument, sniffFormat } from "../parsers/index.js";
import { decodeText } from "../parsers/encoding.js";
import { readBlocks } from "../parsers/html/blocks.js";
import type { DomNode } from "../parsers/html/dom.js";
import { limitNesting } from "../parsers/html/nesting.js";
import { chooseTitle } from "../parsers/html/title.js";
import { recognize } from "../parsers/template/recognize.js";
import { projectRoot } from "../src/paths.js";
import type { BenchSection } from "./section.js";

const ROUNDS = Number(process.env.BENCH_REAL_ROUNDS ?? 40);
const PDF_ROUNDS = Math.max(3, Math.round(ROUNDS / 5));
const WARMUP = 5;
/** Rounds over every document before any is timed (see the file comment). */
const BATCH_WARMUP = Number(process.env.BENCH_REAL_WARMUP ?? 10);
const PDF_BATCH_WARMUP = 2;
const DIR = process.env.BENCH_REAL_DIR ?? join(projectRoot, "..", "shared", "corpus", "docs");

interface Baseline {
  name: string;
  run: (bytes: Uint8Array, path: string) => unknown;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);

function hasPdftotext(): boolean {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// The decoded page is what both cheerio baselines start from (their time excludes our decoder).
const htmlText = (bytes: Uint8Array) => decodeText(bytes, { html: true }).text;
const BASELINES: Record<string, Baseline[]> = {
  html: [
    { name: "cheerio.load", run: (_bytes, path) => cheerio.load(decoded.get(path)!) },
    { name: "cheerio/slim load", run: (_bytes, path) => slimLoad(decoded.get(path)!) },
    { name: "before: cheerio/slim DOM + same reader", run: (bytes) => parseWithSlimDom(bytes) },
  ],
  text: [{ name: "decode + split lines", run: (bytes) => new TextDecoder().decode(bytes).split("\n") }],
  markdown: [{ name: "decode + split lines", run: (bytes) => new TextDecoder().decode(bytes).split("\n") }],
  pdf: [
    {
      name: "pdftotext -layout",
      run: (_bytes, path) => execFileSync("pdftotext", ["-layout", path, "-"], { stdio: "pipe" }),
    },
  ],
};
const decoded = new Map<string, string>();

/** The HTML parse before parsers/html/tree.ts: sniff, decode, cheerio/slim's DOM, the same reader and recognizer. */
function parseWithSlimDom(bytes: Uint8Array): unknown {
  sniffFormat(bytes);
  const root = slimLoad(limitNesting(htmlText(bytes))).root()[0] as unknown as DomNode;
  const { blocks, notes, titles } = readBlocks(root);
  const title = chooseTitle(titles);
  return recognize({ format: "html", ...(title ? { title } : {}), blocks, notes });
}

interface Row {
  name: string;
  format: string;
  kb: number;
  ours: number;
  /** Median CPU time of ours per round (process.cpuUsage, user + system). */
  oursCpu: number;
  baselines: number[];
  /** The fastest round of ours and of each baseline. */
  oursMin: number;
  baselinesMin: number[];
}

async function measure(path: string, bytes: Uint8Array, format: string): Promise<Row> {
  const baselines = BASELINES[format] ?? [];
  const rounds = format === "pdf" ? PDF_ROUNDS : ROUNDS;
  if (format === "html") decoded.set(path, htmlText(bytes));
  for (let i = 0; i < (format === "pdf" ? 1 : WARMUP); i++) {
    await parseDocument(bytes, { name: path });
    for (const b of baselines) b.run(bytes, path);
  }
  const ours: number[] = [];
  const oursCpu: number[] = [];
  const base: number[][] = baselines.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await parseDocument(bytes, { name: path });
    ours.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    oursCpu.push((used.user + used.system) / 1000);
    baselines.forEach((b, i) => {
      const t = performance.now();
      b.run(bytes, path);
      base[i]!.push(performance.now() - t);
    });
  }
  return {
    name: path.split("/").pop()!,
    format,
    kb: bytes.length / 1024,
    ours: median(ours),
    oursCpu: median(oursCpu),
    baselines: base.map(median),
    oursMin: Math.min(...ours),
    baselinesMin: base.map((times) => Math.min(...times)),
  };
}

const section: BenchSection = {
  title: "real: the documents of ../shared/corpus, whole parse per format against a same-run baseline",
  async run() {
    if (!existsSync(DIR)) {
      console.log(`skipped: ${DIR} not found (the shared corpus sits beside the checkout as ../shared)`);
      return;
    }
    const pdftotext = hasPdftotext();
    const files = readdirSync(DIR)
      .filter((name) => !name.startsWith("."))
      .sort()
      .map((name) => join(DIR, name));
    const documents = files.map((path) => {
      const bytes = new Uint8Array(readFileSync(path));
      return { path, bytes, format: sniffFormat(bytes) };
    });
    for (let round = 0; round < BATCH_WARMUP; round++) {
      for (const { path, bytes, format } of documents) {
        if (format !== "pdf" || round < PDF_BATCH_WARMUP) await parseDocument(bytes, { name: path });
      }
    }
    const rows: Row[] = [];
    for (const { path, bytes, format } of documents) {
      if (format === "pdf" && !pdftotext) {
        console.log(`${path}: pdftotext not installed (apt-get install poppler-utils), no baseline`);
      }
      rows.push(await measure(path, bytes, format));
    }
    console.log(
      `median of ${ROUNDS} warm rounds per document (${PDF_ROUNDS} for PDFs), ours and baseline alternating, after ${BATCH_WARMUP} rounds over every document (${PDF_BATCH_WARMUP} for PDFs)`,
    );
    console.log(
      "| document | format | KB | nianbao parse ms | nianbao CPU ms | baseline | baseline ms | ratio | fastest rounds: ms, baseline ms, ratio |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const row of rows) {
      const names = (BASELINES[row.format] ?? []).map((b) => b.name);
      names.forEach((name, i) => {
        const base = row.baselines[i]!;
        const baseMin = row.baselinesMin[i]!;
        console.log(
          `| ${i === 0 ? row.name : ""} | ${i === 0 ? row.format : ""} | ${i === 0 ? row.kb.toFixed(0) : ""} | ${i === 0 ? ms(row.ours) : ""} | ${i === 0 ? ms(row.oursCpu) : ""} | ${name} | ${ms(base)} | ${(row.ours / base).toFixed(2)}× | ${ms(row.oursMin)}, ${ms(baseMin)}, ${(row.oursMin / baseMin).toFixed(2)}× |`,
        );
      });
    }
    console.log("\nper format (medians over the documents; ratio = median of the per-document ratios):");
    console.log(
      "| format | documents | nianbao parse ms | nianbao CPU ms | baseline | baseline ms | ratio | fastest rounds: ms, ratio | goal |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|");
    const goals: Record<string, string> = {
      html: "≤ 0.7 × cheerio.load",
      text: "≤ 1 ms",
      markdown: "≤ 1 ms",
      pdf: "≤ 3 × pdftotext (5 pages)",
    };
    for (const format of ["html", "text", "markdown", "pdf"]) {
      const group = rows.filter((row) => row.format === format);
      if (group.length === 0) continue;
      (BASELINES[format] ?? []).forEach((b, i) => {
        console.log(
          `| ${i === 0 ? format : ""} | ${i === 0 ? group.length : ""} | ${i === 0 ? ms(median(group.map((r) => r.ours))) : ""} | ${i === 0 ? ms(median(group.map((r) => r.oursCpu))) : ""} | ${b.name} | ${ms(median(group.map((r) => r.baselines[i]!)))} | ${median(group.map((r) => r.ours / r.baselines[i]!)).toFixed(2)}× | ${i === 0 ? ms(median(group.map((r) => r.oursMin))) : ""}, ${median(group.map((r) => r.oursMin / r.baselinesMin[i]!)).toFixed(2)}× | ${i === 0 ? goals[format] : ""} |`,
        );
      });
    }
  },
};

export default section;
