// Store faults that must heal on a rerun or be refused, at the level of the ingest pipeline: a lost
// blobs file is detected and filled again by re-ingesting the originals; a document refused for its
// size leaves nothing behind; many processes opening a new store at once all get a migrated store.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { openIngest } from "../../src/ingest/index.js";
import { projectRoot } from "../../src/paths.js";
import {
  documentBytes,
  fixtureResult,
  parseFixture,
  tempDir,
  withChanges,
} from "../store/helpers/fixtures.js";

const count = (db: ReturnType<typeof openIngest>["db"], table: string): number =>
  Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());

test("a lost blobs file is detected, and ingesting the originals again puts their bytes back", async () => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, "nianbao.db");
  const documents = (["hongze-2023", "wolong-2023", "nanyang-2023"] as const).map((name) =>
    documentBytes(fixtureResult(name)),
  );
  try {
    let store = openIngest(path, { parse: parseFixture, parserVersion: "1" });
    for (const bytes of documents)
      assert.equal((await store.ingestDocument({ bytes, path: "x" })).status, "new");
    assert.equal(store.store.documentsWithoutBytes(), 0);
    store.close();

    for (const suffix of ["", "-wal", "-shm"])
      rmSync(join(dir, `nianbao.blobs.db${suffix}`), { force: true });
    store = openIngest(path, { parse: parseFixture, parserVersion: "1" });
    assert.equal(store.store.documentsWithoutBytes(), 3, "every document is missing its bytes");
    // Re-ingesting two of the originals restores those two, changing nothing else.
    const reports = count(store.db, "reports");
    for (const bytes of documents.slice(0, 2))
      assert.equal((await store.ingestDocument({ bytes, path: "x" })).status, "unchanged");
    assert.equal(count(store.db, "reports"), reports);
    assert.equal(store.store.documentsWithoutBytes(), 1);
    const [restored] = store.reparseTargets(true);
    assert.equal((await store.reparseDocument(restored!)).status, "updated");
    store.close();
  } finally {
    cleanup();
  }
});

test("a document the parser refuses for its size is not stored, and the batch goes on", async () => {
  const { dir, cleanup } = tempDir();
  const tooLarge = Object.assign(new Error("the document is 3.0 MB; the limit is 2 MB"), {
    code: "too_large",
  });
  const store = openIngest(join(dir, "nianbao.db"), {
    parserVersion: "1",
    parse: async (bytes) => {
      if (bytes.length > 100_000) throw tooLarge;
      return parseFixture(bytes);
    },
  });
  try {
    const big = await store.ingestDocument({ bytes: new Uint8Array(200_000).fill(49), path: "big.txt" });
    assert.equal(big.status, "failed");
    assert.match(big.error!, /limit is 2 MB/);
    assert.equal(count(store.db, "documents"), 0);
    assert.equal(store.blobs.has(big.sha256), false, "its bytes are not kept");
    const next = await store.ingestDocument({
      bytes: documentBytes(withChanges(fixtureResult("wolong-2023"), {})),
      path: "next.txt",
    });
    assert.equal(next.status, "new");
  } finally {
    store.close();
    cleanup();
  }
});

test("processes opening new stores at the same instants all get them migrated (the race, 25 rounds)", async () => {
  const { dir, cleanup } = tempDir();
  const rounds = 25;
  try {
    const child = join(projectRoot, "tests/robust/helpers/open-store-child.ts");
    // Four processes (two per owner: the core store and the crawl state) open the same new file at
    // each round's instant; starting them costs more than the rounds, so the race runs many times.
    const first = String(Date.now() + 2500);
    const runs = ["store", "crawl", "store", "crawl"].map(
      (owner) =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const p = spawn(process.execPath, ["--import", "tsx", child, dir, first, String(rounds), owner], {
            cwd: projectRoot,
            stdio: ["ignore", "pipe", "pipe"],
          });
          let out = "";
          p.stdout.on("data", (d: Buffer) => (out += d));
          p.stderr.on("data", (d: Buffer) => (out += d));
          p.on("exit", (code) => resolve({ code, out }));
        }),
    );
    for (const run of await Promise.all(runs)) assert.equal(run.code, 0, run.out);
    for (let round = 0; round < rounds; round++) {
      const store = openIngest(join(dir, `race-${round}.db`), { parse: parseFixture, parserVersion: "1" });
      assert.equal(store.db.pragma("integrity_check", { simple: true }), "ok");
      store.close();
    }
  } finally {
    cleanup();
  }
});
