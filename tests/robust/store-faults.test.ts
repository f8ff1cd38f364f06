// Store faults that must heal on a rerun or be refused: a lost blobs file is detected and filled again
// by re-ingesting the originals; a document refused for its size leaves nothing behind; processes
// opening a new store at once all get it migrated; a lock held by another process and damaged pages
// are one line and exit 4 from every command that meets them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { openIngest } from "../../src/ingest/index.js";
import { projectRoot } from "../../src/paths.js";
import { errorLines, nianbao } from "./helpers/run.js";
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

const corpusDocs = join(projectRoot, "..", "shared", "corpus", "docs");
const skipCorpus = existsSync(corpusDocs)
  ? false
  : "needs ../shared/corpus (the shared corpus beside the checkout)";
const reports = ["00-wolong-commerce-2023.txt", "00-nanyang-investment-2023.txt"].map((f) =>
  join(corpusDocs, f),
);

test(
  "a write transaction held by another process: ingest and crawl exit 4 with one line, the store intact",
  { skip: skipCorpus },
  async () => {
    const { dir, cleanup } = tempDir();
    const db = join(dir, "nianbao.db");
    process.env.NIANBAO_BUSY_TIMEOUT_MS = "200";
    try {
      assert.equal((await nianbao(["ingest", "--db", db, reports[0]!])).code, 0);
      const holder = new Database(db);
      holder.exec("BEGIN IMMEDIATE");
      try {
        for (const args of [
          ["ingest", "--db", db, reports[1]!],
          ["crawl", "--db", db, "--url", "http://127.0.0.1:9/", "--contact", "test@example.org"],
        ]) {
          const run = await nianbao(args);
          assert.equal(run.code, 4, `${args[0]}: ${run.stderr}`);
          assert.deepEqual(errorLines(run.stderr).filter((l) => !/no contact/.test(l)).length, 1, run.stderr);
          assert.match(run.stderr, /is locked by another process/);
        }
      } finally {
        holder.exec("ROLLBACK");
        holder.close();
      }
      // Once the lock is gone, the rerun completes.
      assert.equal((await nianbao(["ingest", "--db", db, reports[1]!])).code, 0);
    } finally {
      delete process.env.NIANBAO_BUSY_TIMEOUT_MS;
      cleanup();
    }
  },
);

test("a store with damaged pages: export and check exit 4 with one line", { skip: skipCorpus }, async () => {
  const { dir, cleanup } = tempDir();
  const db = join(dir, "nianbao.db");
  try {
    assert.equal((await nianbao(["ingest", "--db", db, ...reports])).code, 0);
    // Checkpoint the WAL into the file, then overwrite the body of the file's last pages (the
    // figures), leaving the schema on page 1 readable.
    const store = new Database(db);
    store.pragma("wal_checkpoint(TRUNCATE)");
    store.close();
    const size = statSync(db).size;
    const fd = openSync(db, "r+");
    for (let page = Math.floor((size * 0.6) / 4096); page * 4096 < size; page += 2)
      writeSync(fd, Buffer.alloc(3000, 7), 0, 3000, page * 4096 + 20);
    closeSync(fd);
    for (const args of [["export", "csv"], ["export", "jsonl"], ["check"]]) {
      const run = await nianbao([...args, "--db", db]);
      assert.equal(run.code, 4, `${args.join(" ")}: ${run.stderr}`);
      assert.equal(errorLines(run.stderr).length, 1, run.stderr);
      assert.match(run.stderr, /is damaged .*restore it from a copy/);
    }
  } finally {
    cleanup();
  }
});

test(
  "a lost blobs file: check and reparse say so in one line; ingesting the originals again heals it",
  { skip: skipCorpus },
  async () => {
    const { dir, cleanup } = tempDir();
    const db = join(dir, "nianbao.db");
    try {
      assert.equal((await nianbao(["ingest", "--db", db, ...reports])).code, 0);
      for (const suffix of ["", "-wal", "-shm"])
        rmSync(join(dir, `nianbao.blobs.db${suffix}`), { force: true });
      const check = await nianbao(["check", "--db", db]);
      assert.equal(check.code, 0, check.stderr);
      assert.match(check.stderr, /warning: 2 stored documents have no raw bytes/);
      const reparse = await nianbao(["reparse", "--all", "--db", db]);
      assert.match(
        reparse.stderr,
        /warning: 2 stored documents have no raw bytes .*ingest their files again/,
      );
      assert.equal(reparse.code, 1);
      const again = await nianbao(["ingest", "--db", db, ...reports]);
      assert.equal(again.code, 0, again.stderr);
      assert.doesNotMatch(again.stderr, /warning/);
      const healed = await nianbao(["reparse", "--all", "--db", db]);
      assert.equal(healed.code, 0, healed.stderr);
      assert.match(healed.stderr, /2 documents re-parsed .* 0 failed/);
    } finally {
      cleanup();
    }
  },
);
