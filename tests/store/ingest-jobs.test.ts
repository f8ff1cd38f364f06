// `nianbao ingest --jobs N` parses in worker threads, several documents at a time, yet writes them in
// input order: --jobs 2 builds the same store as --jobs 1 (ids included), with failures recorded alike.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { projectRoot } from "../../src/paths.js";
import { EXIT } from "../../src/cli/exit-codes.js";
import { renderCorpusDocument } from "../../src/synth/index.js";
import { tempDir } from "./helpers/fixtures.js";
import { runCli } from "../cli/run.js";

/** `nianbao ingest` in-process, through main(argv). */
function ingest(inbox: string, db: string, jobs: number) {
  return runCli(["ingest", inbox, "--db", db, "--jobs", String(jobs), "--json"]);
}

/** Everything a researcher can read, in id order. */
function snapshot(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return {
      documents: db
        .prepare("SELECT id, sha256, format, parse_status, parse_error FROM documents ORDER BY id")
        .all(),
      reports: db
        .prepare(
          "SELECT id, document_id, agency_printed, year, status, is_current, figure_count FROM reports ORDER BY id",
        )
        .all(),
      figures: db
        .prepare("SELECT report_id, metric, value, raw FROM figures ORDER BY report_id, metric")
        .all(),
      findings: db
        .prepare("SELECT report_id, code, metric FROM findings ORDER BY report_id, code, metric")
        .all(),
    };
  } finally {
    db.close();
  }
}

test("ingest --jobs 2 gives the same store as --jobs 1", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const inbox = join(dir, "inbox");
    mkdirSync(inbox);
    for (let i = 0; i < 10; i++) {
      const doc = renderCorpusDocument(i, { seed: "ingest-jobs" });
      writeFileSync(join(inbox, `${String(i).padStart(2, "0")}-${doc.name}`), doc.bytes);
    }
    // Same bytes twice, a PDF, a DOCX and a file no parser reads.
    const first = renderCorpusDocument(0, { seed: "ingest-jobs" });
    writeFileSync(join(inbox, "10-copy-of-00"), first.bytes);
    copyFileSync(join(projectRoot, "tests/fixtures/pdf/synth-2021-word.pdf"), join(inbox, "11-report.pdf"));
    copyFileSync(
      join(projectRoot, "data/demo-documents/synth-2019-editor.docx"),
      join(inbox, "12-report.docx"),
    );
    writeFileSync(join(inbox, "13-notes.bin"), Buffer.from([0, 159, 146, 150, 0, 1, 2]));

    const one = await ingest(inbox, join(dir, "one.db"), 1);
    const two = await ingest(inbox, join(dir, "two.db"), 2);
    assert.equal(one.code, EXIT.PARTIAL, one.stderr);
    assert.equal(two.code, EXIT.PARTIAL, two.stderr);
    assert.match(two.stderr, /14 documents: \d+ new, \d+ updated, 1 unchanged, 1 failed/);
    // Same outcomes, printed in input order.
    assert.equal(two.stdout, one.stdout);
    const stored = snapshot(join(dir, "one.db")) as { reports: unknown[] };
    assert.ok(stored.reports.length >= 12);
    assert.deepEqual(snapshot(join(dir, "two.db")), stored);

    // Again with --jobs 2: nothing is new, nothing is parsed twice into a new report.
    const again = await ingest(inbox, join(dir, "two.db"), 2);
    assert.equal(again.code, EXIT.PARTIAL, again.stderr);
    assert.match(again.stderr, /14 documents: 0 new, 0 updated, 13 unchanged, 1 failed/);
    assert.deepEqual(snapshot(join(dir, "two.db")), stored);
  } finally {
    cleanup();
  }
});
