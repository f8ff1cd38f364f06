// `npm run bench -- store`: the SQLite store on ≥10,000 synthetic reports. Measures ingest (figures
// per second; each document complete or absent, documents sharing commits as `nianbao ingest`
// hands them: src/ingest/group-commit.ts), with the parse step supplied by the generator's truth
// so the store itself is measured), re-ingest of known bytes, the cross-year check, CSV exports, and
// the database size; the baseline is a bare better-sqlite3 insert of the same figure rows in one
// transaction. A small end-to-end run with the real parser shows the parse-bound rate.
// Env: BENCH_STORE_N (reports, default 10000), BENCH_STORE_BASE (distinct rendered documents, default
// 1000; each is re-issued for several years with unique bytes), BENCH_STORE_PARSE_N (default 60).
import Database from "better-sqlite3";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { parseDocument } from "../parsers/index.js";
import type { ParseResult } from "../src/model/contract.js";
import { runCrossYearCheck } from "../src/store/check.js";
import { exportReports } from "../src/store/export.js";
import { blobPathFor } from "../src/store/blobs.js";
import { INGEST_GROUP, InOrder, openIngest, type IngestOutcome } from "../src/ingest/index.js";
import { renderCorpusDocument, type RenderedDocument } from "../src/synth/index.js";
import type { BenchSection } from "./section.js";

const N = Number(process.env.BENCH_STORE_N ?? 10_000);
const BASE = Math.min(N, Number(process.env.BENCH_STORE_BASE ?? 1000));
const PARSE_N = Number(process.env.BENCH_STORE_PARSE_N ?? 60);

interface BenchDocument {
  bytes: Uint8Array;
  result: ParseResult;
  name: string;
}

/** N documents from BASE rendered ones: copy k of a report is the same body's report k years earlier. */
function buildDocuments(): { documents: BenchDocument[]; rendered: RenderedDocument[] } {
  const rendered: RenderedDocument[] = [];
  for (let i = 0; i < BASE; i++) rendered.push(renderCorpusDocument(i, { seed: "bench-store" }));
  const documents: BenchDocument[] = [];
  for (let i = 0; i < N; i++) {
    const doc = rendered[i % BASE]!;
    const copy = Math.floor(i / BASE);
    const marker = new TextEncoder().encode(`\n<!-- copy ${copy} -->\n`);
    const bytes = new Uint8Array(doc.bytes.length + marker.length);
    bytes.set(doc.bytes);
    bytes.set(marker, doc.bytes.length);
    const truth = doc.truth;
    documents.push({
      bytes,
      name: `${doc.name}#${copy}`,
      result: {
        agency: truth.agency,
        year: truth.year - copy,
        template: truth.template,
        values: truth.values,
        issues: truth.issues.map((issue) => ({ ...issue, message: `identity fails (${issue.metric})` })),
        format: doc.form,
      },
    });
  }
  return { documents, rendered };
}

class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const rate = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString("en-US");

const section: BenchSection = {
  title: `Store: ${N.toLocaleString("en-US")} synthetic reports (SQLite, up to ${INGEST_GROUP.documents} documents a commit as \`nianbao ingest\` writes them)`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "nianbao-bench-store-"));
    try {
      let t = performance.now();
      const { documents, rendered } = buildDocuments();
      const figureTotal = documents.reduce((sum, d) => sum + Object.keys(d.result.values).length, 0);
      console.log(
        `generated ${documents.length} documents (${BASE} rendered, ${figureTotal.toLocaleString("en-US")} figures) in ${((performance.now() - t) / 1000).toFixed(1)} s (not counted)\n`,
      );

      console.log("| measure | result | baseline / note |");
      console.log("| --- | --- | --- |");

      // Baseline: the same figure rows into a bare table, one transaction, no indexes beyond the key.
      const baseline = new Database(join(dir, "baseline.db"));
      baseline.pragma("journal_mode = WAL");
      baseline.pragma("synchronous = NORMAL");
      baseline.exec(
        "CREATE TABLE f (report_id INTEGER, metric TEXT, value NUMERIC, PRIMARY KEY (report_id, metric)) WITHOUT ROWID",
      );
      const insert = baseline.prepare("INSERT INTO f VALUES (?, ?, ?)");
      t = performance.now();
      baseline.transaction(() => {
        documents.forEach((d, i) => {
          for (const [code, value] of Object.entries(d.result.values)) insert.run(i, code, value);
        });
      })();
      const baselineMs = performance.now() - t;
      baseline.close();

      const byBytes = new WeakMap(documents.map((d) => [d.bytes, d.result]));
      const dbPath = join(dir, "nianbao.db");
      const store = openIngest(dbPath, { parse: async (bytes) => byBytes.get(bytes)!, group: INGEST_GROUP });
      const statuses: Record<string, number> = {};
      // Handed without waiting for each outcome; each counted once committed, in order (as the CLI prints).
      let outcomes = new InOrder<number, IngestOutcome>(INGEST_GROUP.documents * 2, (_, outcome) => {
        statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
      });
      t = performance.now();
      for (const [i, d] of documents.entries())
        await outcomes.add(
          i,
          store.ingestDocument({ bytes: d.bytes, path: d.name, contentType: "text/html" }),
        );
      await outcomes.finish();
      const ingestMs = performance.now() - t;
      console.log(
        `| ingest ${N} reports | ${(ingestMs / 1000).toFixed(1)} s = ${rate(N, ingestMs)} reports/s, ${rate(figureTotal, ingestMs)} figures/s | bare insert of the same rows in one transaction: ${rate(figureTotal, baselineMs)} figures/s (${(baselineMs / 1000).toFixed(1)} s), ingest = ${(ingestMs / baselineMs).toFixed(1)}× that; goal ≤ 10 s |`,
      );
      console.log(
        `| outcomes | ${JSON.stringify(statuses)} | copies of one body's report for other years chain into agency-years |`,
      );

      outcomes = new InOrder<number, IngestOutcome>(INGEST_GROUP.documents * 2, () => undefined);
      t = performance.now();
      for (const [i, d] of documents.entries())
        await outcomes.add(i, store.ingestDocument({ bytes: d.bytes, path: d.name }));
      await outcomes.finish();
      console.log(
        `| re-ingest of the same bytes | ${rate(N, performance.now() - t)} documents/s (all unchanged) | |`,
      );

      t = performance.now();
      const findings = runCrossYearCheck(store.db);
      console.log(
        `| cross-year check | ${((performance.now() - t) / 1000).toFixed(2)} s, ${findings.length} findings | |`,
      );

      for (const form of ["long", "wide"] as const) {
        const sink = new CountingSink();
        t = performance.now();
        const rows = (await exportReports(store.db, { format: "csv", form }, sink)).rows;
        const ms = performance.now() - t;
        console.log(
          `| export CSV ${form} | ${rate(rows, ms)} rows/s (${rows.toLocaleString("en-US")} rows, ${mb(sink.bytes)} MB in ${(ms / 1000).toFixed(1)} s) | one ${form === "long" ? "figure" : "report"} per row |`,
        );
      }

      store.db.pragma("wal_checkpoint(TRUNCATE)");
      store.close();
      const dbBytes = statSync(dbPath).size;
      const blobBytes = statSync(blobPathFor(dbPath)).size;
      console.log(
        `| database size | ${mb(dbBytes)} MB (${Math.round(dbBytes / figureTotal)} bytes per figure) | raw documents in nianbao.blobs.db: ${mb(blobBytes)} MB |`,
      );

      // End to end with the real parser: parsing, not the store, sets the pace.
      const e2e = openIngest(join(dir, "e2e.db"));
      t = performance.now();
      let parsedFigures = 0;
      for (const doc of rendered.slice(0, PARSE_N)) {
        const outcome = await e2e.ingestDocument({ bytes: doc.bytes, path: doc.name });
        if (outcome.reportId !== null)
          parsedFigures += Number(
            e2e.db.prepare("SELECT figure_count FROM reports WHERE id = ?").pluck().get(outcome.reportId),
          );
      }
      const e2eMs = performance.now() - t;
      e2e.close();
      t = performance.now();
      for (const doc of rendered.slice(0, PARSE_N)) await parseDocument(doc.bytes, { name: doc.name });
      const parseMs = performance.now() - t;
      console.log(
        `| ingest with the real parser (${PARSE_N} documents) | ${rate(PARSE_N, e2eMs)} documents/s, ${rate(parsedFigures, e2eMs)} figures/s | parseDocument alone on the same documents: ${rate(PARSE_N, parseMs)} documents/s |`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default section;
