// The store commands end to end through the real CLI and the real parser, on the shared corpus's
// text reports (skipped where the corpus is not beside the repository).
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { projectRoot } from "../../src/paths.js";
import { EXIT } from "../../src/cli/exit-codes.js";
import { tempDir } from "./helpers/fixtures.js";
import { runCli } from "../cli/run.js";

const corpus = join(projectRoot, "..", "shared", "corpus", "docs");
const reports = ["00-wolong-commerce-2023.txt", "00-nanyang-investment-2023.txt"];

/** `nianbao ARGS` in-process, through main(argv). */
function nianbao(...args: string[]) {
  return runCli(args);
}

test(
  "ingest twice, then export: real reports land once and round-trip through CSV",
  { skip: !reports.every((r) => existsSync(join(corpus, r))) && "shared corpus not found" },
  async () => {
    const { dir, cleanup } = tempDir();
    try {
      const inbox = join(dir, "inbox");
      mkdirSync(inbox);
      for (const r of reports) copyFileSync(join(corpus, r), join(inbox, r));
      writeFileSync(join(inbox, "notes.bin"), Buffer.from([0, 159, 146, 150, 0, 1, 2]));
      // The database inside the ingested folder: its own files are not ingested.
      const db = join(inbox, "n.db");

      const first = await nianbao("ingest", inbox, "--db", db);
      assert.equal(first.code, EXIT.PARTIAL, first.stderr);
      assert.match(first.stdout, /^new\t.*00-nanyang-investment-2023\.txt\t南阳市招商投资促进局 2023$/m);
      assert.match(first.stdout, /^new\t.*00-wolong-commerce-2023\.txt\t南阳市卧龙区商务局 2023$/m);
      assert.match(first.stdout, /^failed\t.*notes\.bin\t/m);
      assert.match(first.stderr, /3 documents: 2 new, 0 updated, 0 unchanged, 1 failed/);

      const again = await nianbao("ingest", join(inbox, reports[0]!), "--db", db);
      assert.equal(again.code, EXIT.OK);
      assert.match(again.stdout, /^unchanged\t/m);

      const reparse = await nianbao("reparse", "--db", db, "--all");
      assert.equal(reparse.code, EXIT.PARTIAL, reparse.stderr);
      assert.match(reparse.stderr, /3 documents re-parsed with parser .*, 1 failed/);
      const check = await nianbao("check", "--db", db);
      assert.equal(check.code, EXIT.OK, check.stderr);
      assert.match(check.stderr, /0 cross-year findings stored/);

      const out = join(dir, "wide.csv");
      const exported = await nianbao(
        "export",
        "csv",
        "--db",
        db,
        "--form",
        "wide",
        "--lang",
        "en",
        "--out",
        out,
      );
      assert.equal(exported.code, EXIT.OK, exported.stderr);
      const rows = parseCsv(readFileSync(out), { bom: true, columns: true }) as Record<string, string>[];
      assert.deepEqual(rows.map((r) => [r.agency, r.region_code, r.year]).sort(), [
        ["南阳市卧龙区商务局", "411303", "2023"],
        ["南阳市招商投资促进局", "411300", "2023"],
      ]);
      // Both reports print zeros throughout (see the corpus truth).
      for (const row of rows) assert.equal(row["t3.new.total"], "0");
    } finally {
      cleanup();
    }
  },
);

test("a file that is not a database ends the command with EXIT.STORE and one line", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, "n.db");
    writeFileSync(db, "not a database at all ".repeat(100));
    const run = await nianbao("check", "--db", db);
    assert.equal(run.code, EXIT.STORE);
    assert.equal(run.stderr.trim().split("\n").length, 1);
    assert.match(run.stderr, /^nianbao: .*n\.db is not a SQLite database/);
    const badFormat = await nianbao("export", "xlsx", "--db", db);
    assert.equal(badFormat.code, EXIT.USAGE);
  } finally {
    cleanup();
  }
});
