// `npm run bench -- formats`: the HTML/text/Markdown front-ends alone (sniff + decode + IR, no
// template recognition) on synthetic reports, against the least any reader must do with the
// bytes (decode them and build a DOM, or split lines), plus one 20 MB page.
// Goals (issue 2): under 5 ms per HTML report and 1 ms per text report, for the whole parse.
// Env: BENCH_FORMATS_N (documents per form, default 200).
import { performance } from "node:perf_hooks";
import { load } from "cheerio/slim";
import { decodeText } from "../parsers/encoding.js";
import { readDocument } from "../parsers/index.js";
import { renderCorpusDocument, type Form, type RenderedDocument } from "../src/synth/index.js";
import type { BenchSection } from "./section.js";

const PER_FORM = Number(process.env.BENCH_FORMATS_N ?? 200);
const FORMS: Form[] = ["html", "text", "markdown"];
const WARMUP_ROUNDS = 2;

function baseline(doc: RenderedDocument): number {
  const { text } = decodeText(doc.bytes, { html: doc.form === "html" });
  return doc.form === "html" ? load(text).root().children().length : text.split("\n").length;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => value.toFixed(3);

async function timeEach(
  docs: RenderedDocument[],
  run: (doc: RenderedDocument) => unknown,
): Promise<number[]> {
  const times: number[] = [];
  for (const doc of docs) {
    const start = performance.now();
    await run(doc);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** A realistic big page: prose paragraphs with inline runs and small tables, about 20 MB. */
function twentyMegabytePage(): Buffer {
  const paragraph =
    "<p class=MsoNormal><span>2023年，我局严格落实政府信息公开条例，</span><span>主动公开政府信息。</span></p>\n";
  const table = '<table><tr><td rowspan="2">行政许可</td><td>12</td></tr><tr><td>3</td></tr></table>\n';
  const unit = paragraph.repeat(20) + table;
  const body = unit.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(unit)));
  return Buffer.from(
    `<html><head><meta charset="utf-8"><title>某局年度报告</title></head><body>${body}</body></html>`,
  );
}

const section: BenchSection = {
  title: `formats: HTML/text/Markdown front-ends (sniff + decode + IR), ${PER_FORM} synthetic reports per form`,
  async run() {
    const docs: RenderedDocument[] = [];
    for (let i = 0; docs.length < PER_FORM * FORMS.length; i++) {
      docs.push(renderCorpusDocument(i, { seed: "bench-formats", forms: FORMS }));
    }
    console.log("| form | docs | median KB | front-end median ms | p95 ms | baseline median ms | ratio |");
    console.log("|---|---|---|---|---|---|---|");
    for (const form of FORMS) {
      const sample = docs.filter((doc) => doc.form === form);
      for (let round = 0; round < WARMUP_ROUNDS; round++)
        await timeEach(sample, (doc) => readDocument(doc.bytes));
      const frontEnd = await timeEach(sample, (doc) => readDocument(doc.bytes));
      const base = await timeEach(sample, baseline);
      const kilobytes = sample.map((doc) => doc.bytes.length / 1024).sort((a, b) => a - b);
      const median = percentile(frontEnd, 50);
      console.log(
        `| ${form} | ${sample.length} | ${percentile(kilobytes, 50).toFixed(1)} | ${ms(median)} | ${ms(percentile(frontEnd, 95))} | ${ms(percentile(base, 50))} | ${(median / percentile(base, 50)).toFixed(1)}× |`,
      );
    }
    const page = twentyMegabytePage();
    const start = performance.now();
    const ir = await readDocument(page);
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `\n20 MB page (${(page.length / 1024 / 1024).toFixed(1)} MB, ${ir.blocks.length} blocks): ${seconds.toFixed(2)} s, ${(page.length / 1024 / 1024 / seconds).toFixed(1)} MB/s`,
    );
  },
};

export default section;
