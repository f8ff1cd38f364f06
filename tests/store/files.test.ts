import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listDocumentFiles } from "../../src/ingest/files.js";
import { tempDir } from "./helpers/fixtures.js";

test("folders are walked in a stable order, hidden entries and skipped files left out", async () => {
  const { dir, cleanup } = tempDir();
  try {
    mkdirSync(join(dir, "2023", ".git"), { recursive: true });
    mkdirSync(join(dir, "2024"));
    for (const file of [
      "2024/b.pdf",
      "2024/a.html",
      "2023/z.txt",
      "2023/.DS_Store",
      "2023/.git/HEAD",
      "n.db",
      "n.db-wal",
    ])
      writeFileSync(join(dir, file), "x");
    const listed = await listDocumentFiles(
      [dir, join(dir, "missing.pdf")],
      [join(dir, "n.db"), join(dir, "n.db-wal")],
    );
    assert.deepEqual(
      listed.map((f) => [f.path.slice(dir.length + 1), f.error ?? null]),
      [
        ["2023/z.txt", null],
        ["2024/a.html", null],
        ["2024/b.pdf", null],
        ["missing.pdf", "no such file or folder"],
      ],
    );
  } finally {
    cleanup();
  }
});
