// The parse worker pool against parsing on the calling thread: wall time for a batch of documents
// (the fixture PDFs and DOCX files plus synthetic HTML/text reports), and the longest stall of the
// caller's event loop meanwhile (what a crawl's timers and sockets would have waited).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseDocument } from "../parsers/index.js";
import { ParsePool } from "../parsers/pool/index.js";
import { projectRoot } from "../src/paths.js";
import { renderCorpusDocument } from "../src/synth/index.js";
import type { BenchSection } from "./section.js";

function documents(): Uint8Array[] {
  const fixtures = ["pdf", "docx"].flatMap((dir) => {
    const folder = join(projectRoot, "tests/fixtures", dir);
    return readdirSync(folder)
      .filter((f) => /\.(pdf|docx)$/.test(f) && !/encrypted|scanned/.test(f))
      .map((f) => readFileSync(join(folder, f)));
  });
  const synthetic = Array.from(
    { length: 60 },
    (_, i) => renderCorpusDocument(i, { seed: "bench-pool" }).bytes,
  );
  return [...fixtures, ...synthetic];
}

async function measure(run: (docs: Uint8Array[]) => Promise<unknown>, docs: Uint8Array[]) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  await run(docs);
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  return { seconds, maxStallMs: delay.max / 1e6, p99StallMs: delay.percentile(99) / 1e6 };
}

const section: BenchSection = {
  title: "parse pool (worker threads) vs parsing on the calling thread",
  async run() {
    const docs = documents();
    // Warm both sides once (module loading, JIT), so the rounds compare steady parsing.
    for (const d of docs.slice(0, 3)) await parseDocument(d).catch(() => undefined);
    const rows: [string, Awaited<ReturnType<typeof measure>>][] = [];
    rows.push([
      "calling thread",
      await measure(async (all) => {
        for (const d of all) await parseDocument(d).catch(() => undefined);
      }, docs),
    ]);
    for (const size of [1, 2]) {
      const pool = new ParsePool({ size });
      await Promise.all(docs.slice(0, 3).map((d) => pool.parse(d).catch(() => undefined)));
      rows.push([
        `pool of ${size}`,
        await measure((all) => Promise.all(all.map((d) => pool.parse(d).catch(() => undefined))), docs),
      ]);
      await pool.close();
    }
    console.log(`${docs.length} documents (fixture PDFs and DOCX, synthetic HTML/text/Markdown)`);
    console.log("| where | wall s | documents/s | longest event-loop stall ms | p99 stall ms |");
    console.log("| --- | --- | --- | --- | --- |");
    for (const [name, r] of rows)
      console.log(
        `| ${name} | ${r.seconds.toFixed(2)} | ${(docs.length / r.seconds).toFixed(1)} | ${r.maxStallMs.toFixed(0)} | ${r.p99StallMs.toFixed(0)} |`,
      );
  },
};

export default section;
