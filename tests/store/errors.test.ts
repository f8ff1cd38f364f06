import { test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { closeSync, openSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { EXIT, exitCodeOf } from "../../src/cli/exit-codes.js";
import { openIngest } from "../../src/ingest/index.js";
import { StoreError } from "../../src/store/index.js";
import { documentBytes, fixtureResult, parseFixture, tempDir, withChanges } from "./helpers/fixtures.js";

test("a database locked by another writer gives a clear StoreError, not a hang", async () => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, "nianbao.db");
  openIngest(path).close();
  const other = new Database(path);
  try {
    other.exec("BEGIN IMMEDIATE");
    const store = openIngest(path, { parse: parseFixture, busyTimeoutMs: 50 });
    try {
      await assert.rejects(
        store.ingestDocument({ bytes: documentBytes(fixtureResult("wolong-2023")), path: "w.txt" }),
        (error: unknown) =>
          error instanceof StoreError &&
          error.code === "locked" &&
          exitCodeOf(error) === EXIT.STORE &&
          /locked by another process/.test(error.message),
      );
    } finally {
      store.close();
    }
    other.exec("ROLLBACK");
    // Once the lock is gone the same document goes in.
    const store2 = openIngest(path, { parse: parseFixture });
    const outcome = await store2.ingestDocument({
      bytes: documentBytes(fixtureResult("wolong-2023")),
      path: "w.txt",
    });
    assert.equal(outcome.status, "new");
    store2.close();
  } finally {
    other.close();
    cleanup();
  }
});

test("a file that is not a database is refused with a clear message and left untouched", () => {
  const { dir, cleanup } = tempDir();
  try {
    const garbage = join(dir, "garbage.db");
    writeFileSync(garbage, "this is a spreadsheet, not a database ".repeat(200));
    assert.throws(
      () => openIngest(garbage),
      (error: unknown) =>
        error instanceof StoreError &&
        error.code === "not_a_database" &&
        /not a SQLite database/.test(error.message),
    );
    const foreign = join(dir, "foreign.db");
    const db = new Database(foreign);
    db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)");
    db.close();
    assert.throws(
      () => openIngest(foreign),
      (error: unknown) => error instanceof StoreError && /not a nianbao database/.test(error.message),
    );
    const check = new Database(foreign);
    assert.deepEqual(check.prepare("SELECT name FROM sqlite_schema").pluck().all(), ["invoices"]);
    check.close();
  } finally {
    cleanup();
  }
});

test("a full disk rolls the document back and says so; earlier reports stay whole", async () => {
  const { dir, cleanup } = tempDir();
  const store = openIngest(join(dir, "nianbao.db"), { parse: parseFixture });
  try {
    const first = await store.ingestDocument({
      bytes: documentBytes(fixtureResult("wolong-2023")),
      path: "w.txt",
    });
    assert.equal(first.status, "new");
    // Leave room for almost nothing: the next report's ~200 figures cannot fit.
    const pages = Number(store.db.pragma("page_count", { simple: true }));
    store.db.pragma(`max_page_count = ${pages + 1}`);
    const big = withChanges(fixtureResult("hongze-2023"), {});
    for (const [code, value] of Object.entries(big.values))
      big.sources = { ...big.sources, [code]: { raw: `${value} ${"原文".repeat(200)}`, loc: { page: 3 } } };
    await assert.rejects(
      store.ingestDocument({ bytes: documentBytes(big), path: "h.pdf" }),
      (error: unknown) =>
        error instanceof StoreError && error.code === "disk_full" && /full/.test(error.message),
    );
    assert.equal(store.db.prepare("SELECT count(*) FROM reports").pluck().get(), 1);
    assert.equal(store.db.prepare("SELECT count(*) FROM documents").pluck().get(), 1);
    const figures = store.db.prepare("SELECT count(*) FROM figures").pluck().get();
    assert.equal(figures, Object.keys(fixtureResult("wolong-2023").values).length);
    assert.equal(store.db.pragma("integrity_check", { simple: true }), "ok");
  } finally {
    store.close();
    cleanup();
  }
});

test("a read-only open of a missing database says so", () => {
  const { dir, cleanup } = tempDir();
  try {
    assert.throws(
      () => openIngest(join(dir, "missing.db"), { readonly: true }),
      (error: unknown) => error instanceof StoreError && /cannot open/.test(error.message),
    );
  } finally {
    cleanup();
  }
});

test("a damaged database (pages overwritten) is reported as damaged, with exit code EXIT.STORE", async () => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, "nianbao.db");
  try {
    const store = openIngest(path, { parse: parseFixture });
    await store.ingestDocument({ bytes: documentBytes(fixtureResult("wolong-2023")), path: "w.txt" });
    store.db.pragma("wal_checkpoint(TRUNCATE)");
    store.close();
    // Scribble over the start of every page after the header page.
    const fd = openSync(path, "r+");
    for (let offset = 4096; offset < statSync(path).size; offset += 4096)
      writeSync(fd, Buffer.alloc(200, 0x5a), 0, 200, offset);
    closeSync(fd);
    const attempt = async () => {
      const damaged = openIngest(path, { parse: parseFixture });
      try {
        await damaged.ingestDocument({ bytes: documentBytes(fixtureResult("nanyang-2023")), path: "n.txt" });
      } finally {
        damaged.close();
      }
    };
    await assert.rejects(
      attempt(),
      (error: unknown) =>
        error instanceof StoreError &&
        error.code === "corrupt" &&
        exitCodeOf(error) === EXIT.STORE &&
        /damaged/.test(error.message),
    );
  } finally {
    cleanup();
  }
});
