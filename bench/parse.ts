// `npm run bench -- parse`: parses ≥1,000 synthetic reports of varied layouts in one process (one
// core) and reports speed per form (median and p95 ms per report, documents per second) against
// a trivial pass over the same bytes, and accuracy against the generator's truth. Wrong figures
// are the headline: "exact numbers or none".
// Env: BENCH_PARSE_N (documents, default 1200), BENCH_PARSE_SEED (default "bench").
import { performance } from "node:perf_hooks";
import * as cheerio from "cheerio";
import iconv from "iconv-lite";
import { parseDocument } from "../parsers/index.js";
import type { ParseResult } from "../src/model/contract.js";
import {
  MESSY_CLASSES,
  renderCorpusDocument,
  renderMessyDocument,
  type Form,
  type RenderedDocument,
} from "../src/synth/index.js";
import type { BenchSection } from "./section.js";

const N = Number(process.env.BENCH_PARSE_N ?? 1200);
const SEED = process.env.BENCH_PARSE_SEED ?? "bench";
/** Documents per reading class of messy real copies (issue 9), BENCH_PARSE_CLASS_N. */
const CLASS_N = Number(process.env.BENCH_PARSE_CLASS_N ?? 100);
const FORMS: Form[] = ["html", "text", "markdown"];

/** The least any parser must do with the bytes: decode them and build a DOM or split lines. */
function baselinePass(doc: RenderedDocument): number {
  const gbk = doc.mediaType.includes("GBK");
  const text = gbk ? iconv.decode(Buffer.from(doc.bytes), "gbk") : new TextDecoder().decode(doc.bytes);
  if (doc.form === "html") return cheerio.load(text)("table").length;
  return text.split("\n").length;
}

interface Tally {
  docs: number;
  exact: number;
  metaRight: number;
  right: number;
  wrong: number;
  missing: number;
  /** Figures printed for codes the document does not determine: right or wrong against the real figure. */
  guessedRight: number;
  guessedWrong: number;
  /** Values for codes that are neither in the truth nor undeterminable (e.g. a template's other codes). */
  extra: number;
  issuesExpected: number;
  issuesFound: number;
  failed: number;
}

const newTally = (): Tally => ({
  docs: 0,
  exact: 0,
  metaRight: 0,
  right: 0,
  wrong: 0,
  missing: 0,
  guessedRight: 0,
  guessedWrong: 0,
  extra: 0,
  issuesExpected: 0,
  issuesFound: 0,
  failed: 0,
});

interface Scored {
  wrong: string[];
  missing: number;
  /** Figures printed for undeterminable codes that differ from the real figure. */
  wrongGuesses: string[];
}

function score(doc: RenderedDocument, result: ParseResult | undefined, tally: Tally): Scored {
  const { truth } = doc;
  tally.docs++;
  if (!result) {
    tally.failed++;
    tally.missing += Object.keys(truth.values).length;
    return { wrong: [], missing: Object.keys(truth.values).length, wrongGuesses: [] };
  }
  const wrong: string[] = [];
  let missing = 0;
  for (const [code, expected] of Object.entries(truth.values)) {
    const got = result.values[code];
    if (got === undefined || got === null) missing++;
    else if (Number(got) === expected) tally.right++;
    else wrong.push(`${code}=${got} (truth ${expected})`);
  }
  const undeterminable = new Set(truth.undeterminable);
  const wrongGuesses: string[] = [];
  for (const [code, got] of Object.entries(result.values)) {
    if (code in truth.values) continue;
    const real = doc.report.figures.values[code];
    // A report without the national tables holds no figures: anything printed is invented.
    if (truth.template === null) wrong.push(`${code}=${got} (the document has no national table)`);
    else if (!undeterminable.has(code)) tally.extra++;
    else if (Number(got) === real) tally.guessedRight++;
    else wrongGuesses.push(`${code}=${got} (real ${real})`);
  }
  tally.guessedWrong += wrongGuesses.length;
  tally.wrong += wrong.length;
  tally.missing += missing;
  const meta =
    result.agency === truth.agency && result.year === truth.year && result.template === truth.template;
  if (meta) tally.metaRight++;
  if (meta && wrong.length === 0 && missing === 0) tally.exact++;
  const found = new Set(result.issues.map((i) => `${i.code} ${i.metric ?? ""}`));
  tally.issuesExpected += truth.issues.length;
  tally.issuesFound += truth.issues.filter((i) => found.has(`${i.code} ${i.metric}`)).length;
  return { wrong, missing, wrongGuesses };
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
const fmt = (ms: number): string => ms.toFixed(ms < 1 ? 3 : 2);
const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(3) : "0.000") + "%";

const section: BenchSection = {
  title: `parse: ${N} synthetic reports (seed "${SEED}"), one process, one core`,
  async run() {
    const t0 = performance.now();
    const docs = Array.from({ length: N }, (_, i) =>
      renderCorpusDocument(i, { seed: SEED, forms: FORMS, proseOnlyShare: 0.04 }),
    );
    console.log(`generated ${docs.length} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Warm up: lazy front-end imports and JIT, so the first documents do not skew the figures.
    for (const doc of docs.slice(0, 30))
      await parseDocument(doc.bytes, { name: doc.name }).catch(() => undefined);
    for (const doc of docs.slice(0, 30)) baselinePass(doc);

    const times = new Map<Form, { parse: number[]; baseline: number[] }>(
      FORMS.map((f) => [f, { parse: [], baseline: [] }]),
    );
    const tallies = new Map<Form, Tally>(FORMS.map((f) => [f, newTally()]));
    const wrongByHazard = new Map<string, number>();
    const missingByHazard = new Map<string, number>();
    const metaWrongByHazard = new Map<string, number>();
    const metaExamples: string[] = [];
    const guessExamples: string[] = [];
    const examples: string[] = [];
    for (const doc of docs) {
      const b0 = performance.now();
      baselinePass(doc);
      const b1 = performance.now();
      let result: ParseResult | undefined;
      try {
        result = await parseDocument(doc.bytes, { name: doc.name });
      } catch {
        result = undefined;
      }
      const p1 = performance.now();
      times.get(doc.form)!.baseline.push(b1 - b0);
      times.get(doc.form)!.parse.push(p1 - b1);
      const { wrong, missing, wrongGuesses } = score(doc, result, tallies.get(doc.form)!);
      if (wrongGuesses.length && guessExamples.length < 6)
        guessExamples.push(
          `${doc.name} [${doc.truth.hazards.join(",")}]: ${wrongGuesses.slice(0, 4).join("; ")}`,
        );
      const { truth } = doc;
      if (
        result &&
        (result.agency !== truth.agency || result.year !== truth.year || result.template !== truth.template)
      ) {
        for (const h of truth.hazards) metaWrongByHazard.set(h, (metaWrongByHazard.get(h) ?? 0) + 1);
        if (metaExamples.length < 6)
          metaExamples.push(
            `${doc.name}: got ${result.agency}/${result.year}/${result.template}, want ${truth.agency}/${truth.year}/${truth.template}`,
          );
      }
      for (const h of doc.truth.hazards) {
        if (wrong.length) wrongByHazard.set(h, (wrongByHazard.get(h) ?? 0) + wrong.length);
        if (missing) missingByHazard.set(h, (missingByHazard.get(h) ?? 0) + missing);
      }
      if (wrong.length && examples.length < 12)
        examples.push(`${doc.name} [${doc.truth.hazards.join(",")}]: ${wrong.slice(0, 4).join("; ")}`);
    }

    console.log(
      "\n| form | docs | median KB | parse median ms | parse p95 ms | docs/s | baseline median ms | ratio (median) |",
    );
    console.log("|---|---|---|---|---|---|---|---|");
    for (const form of FORMS) {
      const t = times.get(form)!;
      const parse = [...t.parse].sort((a, b) => a - b);
      const base = [...t.baseline].sort((a, b) => a - b);
      const total = t.parse.reduce((a, b) => a + b, 0) / 1000;
      const median = percentile(parse, 50);
      const sizes = docs
        .filter((d) => d.form === form)
        .map((d) => d.bytes.length)
        .sort((a, b) => a - b);
      console.log(
        `| ${form} | ${parse.length} | ${(percentile(sizes, 50) / 1024).toFixed(0)} | ${fmt(median)} | ${fmt(percentile(parse, 95))} | ${(parse.length / total).toFixed(0)} | ${fmt(percentile(base, 50))} | ${(median / percentile(base, 50)).toFixed(1)}× |`,
      );
    }

    console.log(
      "\n| form | figures | right | WRONG | missing | exact docs | agency/year/template right | guessed right/wrong | extra | source errors reported | failed |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|---|---|");
    const all = newTally();
    for (const form of [...FORMS, "all" as const]) {
      const t = form === "all" ? all : tallies.get(form)!;
      if (form !== "all") for (const k of Object.keys(all) as (keyof Tally)[]) all[k] += t[k];
      const cells = t.right + t.wrong + t.missing;
      console.log(
        `| ${form} | ${cells} | ${pct(t.right, cells)} | ${t.wrong} (${pct(t.wrong, cells)}) | ${pct(t.missing, cells)} | ${t.exact}/${t.docs} | ${t.metaRight}/${t.docs} | ${t.guessedRight}/${t.guessedWrong} | ${t.extra} | ${t.issuesFound}/${t.issuesExpected} | ${t.failed} |`,
      );
    }
    const top = (m: Map<string, number>): string =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([h, n]) => `${h} ${n}`)
        .join(", ") || "none";
    console.log(
      `\nwrong figures by hazard of their document (a document has several): ${top(wrongByHazard)}`,
    );
    console.log(`missing figures by hazard: ${top(missingByHazard)}`);
    if (examples.length) console.log("examples of wrong figures:\n  " + examples.join("\n  "));
    if (guessExamples.length)
      console.log(
        "wrong guesses (figures the document does not determine):\n  " + guessExamples.join("\n  "),
      );
    console.log(`\nwrong agency/year/template by hazard: ${top(metaWrongByHazard)}`);
    if (metaExamples.length) console.log("  " + metaExamples.join("\n  "));
    await reportClasses();
    const cells = all.right + all.wrong + all.missing;
    console.log(
      `\nheadline: ${all.wrong} wrong figures of ${cells} (${pct(all.wrong, cells)}), plus ${all.guessedWrong} wrong guesses at figures the documents do not determine; goals: HTML < 5 ms, text < 1 ms per report (median)`,
    );
  },
};

/** Right/wrong per reading class of messy copies (src/synth/messy.ts), each on its own documents. */
async function reportClasses(): Promise<void> {
  if (CLASS_N <= 0) return;
  console.log(`\nreading classes of messy copies: ${CLASS_N} documents each (src/synth/messy.ts)`);
  console.log(
    "| class | figures | right | WRONG | missing | exact docs | guessed right/wrong | parse median ms |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  const examples: string[] = [];
  for (const cls of MESSY_CLASSES) {
    const tally = newTally();
    const times: number[] = [];
    for (let i = 0; i < CLASS_N; i++) {
      const doc = renderMessyDocument(i, cls, SEED);
      const t0 = performance.now();
      let result: ParseResult | undefined;
      try {
        result = await parseDocument(doc.bytes, { name: doc.name });
      } catch {
        result = undefined;
      }
      times.push(performance.now() - t0);
      const { wrong, wrongGuesses } = score(doc, result, tally);
      if ((wrong.length || wrongGuesses.length) && examples.length < 8)
        examples.push(`${doc.name}: ${[...wrong, ...wrongGuesses].slice(0, 4).join("; ")}`);
    }
    const cells = tally.right + tally.wrong + tally.missing;
    const median = percentile(
      [...times].sort((a, b) => a - b),
      50,
    );
    console.log(
      `| ${cls} | ${cells} | ${pct(tally.right, cells)} | ${tally.wrong} (${pct(tally.wrong, cells)}) | ${pct(tally.missing, cells)} | ${tally.exact}/${tally.docs} | ${tally.guessedRight}/${tally.guessedWrong} | ${fmt(median)} |`,
    );
  }
  if (examples.length) console.log("examples of wrong figures by class:\n  " + examples.join("\n  "));
}

export default section;
