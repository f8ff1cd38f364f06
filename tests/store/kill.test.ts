import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { openIngest, type StoreIngest } from "../../src/ingest/index.js";
import { projectRoot } from "../../src/paths.js";
import { tempDir } from "./helpers/fixtures.js";

/** Agency-years holding more than one current report (there must be none). */
function agencyYearsWithTwoCurrentReports(db: StoreIngest["db"]): unknown[] {
  return db
    .prepare(
      "SELECT agency_id, year FROM reports WHERE is_current = 1 GROUP BY agency_id, year HAVING count(*) > 1",
    )
    .all();
}

/** Runs the ingest child to its end: `count` documents, one by one or handed without waiting. */
function runChild(path: string, count: number, mode: "one" | "group"): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(projectRoot, "tests/store/helpers/ingest-child.ts"),
        path,
        String(count),
        mode,
      ],
      { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"] },
    );
    child.on("exit", (code) => resolve(code));
  });
}

for (const mode of ["one", "group"] as const)
  test(`SIGKILL in the middle of an ingest leaves every report complete or absent (${mode === "one" ? "one commit per document" : "group commit"})`, async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, "nianbao.db");
    try {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", join(projectRoot, "tests/store/helpers/ingest-child.ts"), path, "5000", mode],
        { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] },
      );
      let lines = 0;
      const killed = new Promise<string | null>((resolve) =>
        child.on("exit", (_code, signal) => resolve(signal)),
      );
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        lines += chunk.split("\n").length - 1;
        // Kill while it is busy writing, well before the end.
        if (lines >= 60 && child.exitCode === null && !child.killed) child.kill("SIGKILL");
      });
      assert.equal(await killed, "SIGKILL");
      assert.ok(lines >= 60 && lines < 5000, `killed mid-way (after ${lines} documents)`);

      let stored: number;
      const store = openIngest(path);
      try {
        assert.equal(store.db.pragma("integrity_check", { simple: true }), "ok");
        assert.deepEqual(store.db.pragma("foreign_key_check"), []);
        const reports = Number(store.db.prepare("SELECT count(*) FROM reports").pluck().get());
        // Every outcome printed is a document committed.
        assert.ok(reports >= lines, `${reports} reports for ${lines} acknowledged documents`);
        const incomplete = store.db
          .prepare(
            `SELECT r.id FROM reports r
             WHERE r.figure_count != (SELECT count(*) FROM figures f WHERE f.report_id = r.id)
                OR r.issue_count != (SELECT count(*) FROM findings x WHERE x.report_id = r.id AND x.scope = 'report')`,
          )
          .all();
        assert.deepEqual(incomplete, []);
        const orphans = store.db
          .prepare(
            "SELECT count(*) FROM documents d WHERE parse_status = 'parsed' AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.document_id = d.id)",
          )
          .pluck()
          .get();
        assert.equal(orphans, 0);
        assert.deepEqual(agencyYearsWithTwoCurrentReports(store.db), []);
        // Written in the order handed: what the kill left is the first documents, none skipped.
        stored = Number(store.db.prepare("SELECT count(*) FROM documents").pluck().get());
        const paths = store.db.prepare("SELECT path FROM document_sources").pluck().all() as string[];
        const last = Math.max(...paths.map((p) => Number(/doc-(\d+)/.exec(p)![1])));
        assert.equal(last, stored - 1);
      } finally {
        store.close();
      }
      // The rerun stores the rest, each document once.
      const count = stored + 40;
      assert.equal(await runChild(path, count, mode), 0);
      const after = openIngest(path);
      try {
        for (const table of ["documents", "reports", "document_sources"])
          assert.equal(Number(after.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()), count, table);
        assert.deepEqual(agencyYearsWithTwoCurrentReports(after.db), []);
      } finally {
        after.close();
      }
    } finally {
      cleanup();
    }
  });

for (const mode of ["one", "group"] as const)
  test(`two processes ingesting the same documents at once store each one once (${mode})`, async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, "nianbao.db");
    try {
      assert.deepEqual(await Promise.all([runChild(path, 80, mode), runChild(path, 80, mode)]), [0, 0]);
      const store = openIngest(path);
      try {
        assert.equal(store.db.pragma("integrity_check", { simple: true }), "ok");
        assert.equal(Number(store.db.prepare("SELECT count(*) FROM documents").pluck().get()), 80);
        assert.equal(Number(store.db.prepare("SELECT count(*) FROM reports").pluck().get()), 80);
        const sources = Number(store.db.prepare("SELECT count(*) FROM document_sources").pluck().get());
        assert.equal(sources, 80, "the same path seen twice is one source");
        assert.deepEqual(agencyYearsWithTwoCurrentReports(store.db), []);
      } finally {
        store.close();
      }
    } finally {
      cleanup();
    }
  });
