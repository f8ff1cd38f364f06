// Hostile inputs, each refused early with one line and bounded time and memory, never stopping a
// batch: devices, named pipes, files over the size limit (sparse: a "1 GB" file costs no disk),
// a PDF whose streams inflate to gigabytes, pages of hundreds of thousands of text items, a 60 MB
// one-line text. Made on the fly (tests/robust/helpers/hostile.ts); nothing large is committed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openStore } from "../../src/store/index.js";
import { projectRoot } from "../../src/paths.js";
import { tempDir } from "../store/helpers/fixtures.js";
import { manyTextItems, pdfWithPages } from "./helpers/hostile.js";
import { errorLines, nianbao } from "./helpers/run.js";

const textReport = join(projectRoot, "..", "shared", "corpus", "docs", "00-wolong-commerce-2023.txt");
const skipCorpus = existsSync(textReport)
  ? false
  : "needs ../shared/corpus (the shared corpus beside the checkout)";

/** A sparse file of `bytes`: its size is what a reader sees, no disk is written. */
function sparse(path: string, bytes: number): string {
  const fd = openSync(path, "w");
  closeSync(fd);
  execFileSync("truncate", ["-s", String(bytes), path]);
  return path;
}

test("devices and named pipes are refused before a byte is read (parse, ingest)", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const fifo = join(dir, "report.pdf");
    execFileSync("mkfifo", [fifo]);
    for (const file of ["/dev/zero", "/dev/urandom", fifo]) {
      const parse = await nianbao(["parse", "--json", file]);
      assert.equal(parse.code, 3, parse.stderr);
      assert.equal(errorLines(parse.stderr).length, 1);
      assert.match(parse.stderr, /is a (device|named pipe), not a document file/);
      const ingest = await nianbao(["ingest", "--json", "--db", join(dir, "nianbao.db"), file]);
      assert.equal(ingest.code, 3, ingest.stderr);
      assert.ok(parse.ms + ingest.ms < 5000, `refused at once (${Math.round(parse.ms + ingest.ms)} ms)`);
    }
  } finally {
    cleanup();
  }
});

test(
  "an oversize file is not read, not stored, and the batch goes on; a rerun is the same",
  { skip: skipCorpus },
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      const folder = join(dir, "in");
      mkdirSync(folder);
      sparse(join(folder, "a-huge.pdf"), 1024 ** 3);
      // 60 MB on one line: read (under the 64 MB bound), then refused by the text limit.
      writeFileSync(join(folder, "b-one-line.txt"), "1 ".repeat(30 * 1024 * 1024));
      execFileSync("cp", [textReport, join(folder, "c-report.txt")]);
      const db = join(dir, "nianbao.db");
      for (const round of [1, 2]) {
        const run = await nianbao(["ingest", "--json", "--db", db, folder]);
        assert.equal(run.code, 1, run.stderr);
        const outcomes = run.stdout
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as { path: string; status: string; error?: string });
        assert.deepEqual(
          outcomes.map((o) => o.status),
          ["failed", "failed", round === 1 ? "new" : "unchanged"],
        );
        assert.match(outcomes[0]!.error!, /1024\.0 MB; the limit is 64 MB/);
        assert.match(outcomes[1]!.error!, /the limit is 2 MB/);
        assert.ok(run.ms < 30_000, `${Math.round(run.ms)} ms`);
        assert.ok(run.peakGrowthMb < 800, `peak memory grew ${Math.round(run.peakGrowthMb)} MB`);
      }
      const store = openStore(db, { readonly: true });
      try {
        assert.equal(store.db.prepare("SELECT count(*) FROM documents").pluck().get(), 1);
        assert.equal(store.documentsWithoutBytes(), 0);
      } finally {
        store.close();
      }
    } finally {
      cleanup();
    }
  },
);

test("PDF decompression bombs and a page of 199,000 text items are refused in seconds", async () => {
  const { dir, cleanup } = tempDir();
  try {
    // One content stream of blanks deflating 1000:1 to 40 MB (the bound is 32 MB); a page of 100,000 glyph runs (pdf.js reads 199,000 items).
    const bomb = join(dir, "bomb.pdf");
    writeFileSync(bomb, pdfWithPages([Buffer.alloc(40 * 1024 * 1024, 32)], true));
    const items = join(dir, "items.pdf");
    writeFileSync(items, pdfWithPages([manyTextItems(100_000)], true));
    const parse = await nianbao(["parse", "--json", bomb, items]);
    assert.equal(parse.code, 3, parse.stderr);
    const lines = errorLines(parse.stderr);
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /bomb\.pdf: a compressed stream of the PDF inflates past 32 MB/);
    assert.match(lines[1]!, /items\.pdf: page 1 holds \d+ text items/);
    // Bounds with room for a loaded machine: unbounded, these took a minute and gigabytes.
    assert.ok(parse.ms < 30_000, `${Math.round(parse.ms)} ms`);
    assert.ok(parse.peakGrowthMb < 800, `peak memory grew ${Math.round(parse.peakGrowthMb)} MB`);
  } finally {
    cleanup();
  }
});

test("a long PDF of many small streams is not mistaken for a bomb", async () => {
  const { dir, cleanup } = tempDir();
  try {
    // 300 pages of 150 items: each stream's worst case (×1032) passes the 256 MB total, its real size not.
    const file = join(dir, "volume.pdf");
    writeFileSync(
      file,
      pdfWithPages(
        Array.from({ length: 300 }, () => manyTextItems(150)),
        true,
      ),
    );
    const run = await nianbao(["parse", "--json", file]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /"format":"pdf"/);
  } finally {
    cleanup();
  }
});
