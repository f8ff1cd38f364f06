// Group commit (src/ingest/group-commit.ts): documents handed without waiting for each outcome share
// commits, every outcome is given only once its document is committed, and the store is the same as
// with one commit per document. Kills are in kill.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openIngest, type StoreIngest } from "../../src/ingest/index.js";
import { StoreError } from "../../src/store/index.js";
import { InOrder } from "../../src/ingest/in-order.js";
import type { IngestOutcome } from "../../src/model/ingest.js";
import { documentBytes, fixtureResult, parseFixture, tempDir, withChanges } from "./helpers/fixtures.js";

const AGENCIES = ["卧龙区商务局", "南阳市招商投资促进局", "淮安市洪泽区人民政府", "莆田市林业局"];

/** Distinct reports; every fifth a new version of an agency-year already handed, one a repeat. */
function documents(n: number): { bytes: Uint8Array; path: string }[] {
  const base = fixtureResult("hongze-2023");
  const out = [];
  for (let i = 0; i < n; i++) {
    const values = Object.fromEntries(Object.entries(base.values).map(([code, v]) => [code, v + i]));
    const result = withChanges(base, { agency: AGENCIES[i % 4]!, year: 2010 + (i % 5), values });
    out.push({ bytes: documentBytes(result), path: `doc-${i}.json` });
  }
  if (n > 3) out.push({ ...out[3]!, path: "again.json" });
  return out;
}

/** Counts the group commits that committed something. */
function countCommits(store: StoreIngest): () => number {
  let commits = 0;
  const commit = store.store.commitGroup.bind(store.store);
  store.store.commitGroup = () => {
    if (store.store.grouped) commits++;
    commit();
  };
  return () => commits;
}

const DUMP_TABLES = {
  documents: "sha256, size, parse_status, parser_version",
  document_sources: "document_id, path",
  reports: "id, document_id, agency_id, year, status, figure_count, issue_count, is_current",
  figures: "report_id, metric, value, raw, page, known",
  findings: "report_id, code, metric, message",
  agencies: "id, name, region_code",
};

function dump(store: StoreIngest): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(DUMP_TABLES).map(([table, columns]) => [
      table,
      store.db
        .prepare(`SELECT ${columns} FROM ${table} ORDER BY ${columns.split(",")[0]}, ${columns}`)
        .raw()
        .all(),
    ]),
  );
}

test("documents handed without waiting share commits; each outcome is given only once committed", async () => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, "nianbao.db");
  const store = openIngest(path, { parse: parseFixture, group: { documents: 8, ms: 10_000 } });
  const commits = countCommits(store);
  // Another connection sees only what is committed.
  const reader = new Database(path, { readonly: true });
  try {
    const docs = documents(40);
    const given: IngestOutcome[] = [];
    const inOrder = new InOrder<number, IngestOutcome>(16, (i, outcome) => {
      const committed = Number(reader.prepare("SELECT count(*) FROM document_sources").pluck().get());
      assert.ok(committed >= i + 1, `outcome of document ${i} given with ${committed} committed`);
      given.push(outcome);
    });
    for (const [i, doc] of docs.entries()) await inOrder.add(i, store.ingestDocument(doc));
    await inOrder.finish();
    assert.equal(given.length, docs.length);
    assert.equal(given.at(-1)!.status, "unchanged");
    assert.ok(commits() >= 5 && commits() <= 8, `${commits()} commits for ${docs.length} documents`);
  } finally {
    reader.close();
    store.close();
    cleanup();
  }
});

test("group commit stores what one commit per document stores, and a caller waiting for each outcome gets it", async () => {
  const { dir, cleanup } = tempDir();
  const one = openIngest(join(dir, "one.db"), { parse: parseFixture });
  const grouped = openIngest(join(dir, "group.db"), {
    parse: parseFixture,
    group: { documents: 8, ms: 10_000 },
  });
  const waited = openIngest(join(dir, "waited.db"), {
    parse: parseFixture,
    group: { documents: 8, ms: 10_000 },
  });
  const waitedCommits = countCommits(waited);
  try {
    const docs = documents(30);
    const byOne = [];
    for (const doc of docs) byOne.push(await one.ingestDocument(doc));
    const inOrder = new InOrder<number, IngestOutcome>(12, () => undefined);
    const byGroup = docs.map((doc) => grouped.ingestDocument(doc));
    for (const [i, outcome] of byGroup.entries()) await inOrder.add(i, outcome);
    await inOrder.finish();
    const byWaiting = [];
    for (const doc of docs) byWaiting.push(await waited.ingestDocument(doc));
    assert.equal(waitedCommits(), docs.length, "one commit per document when each outcome is awaited");
    assert.deepEqual(await Promise.all(byGroup), byOne);
    assert.deepEqual(byWaiting, byOne);
    assert.deepEqual(dump(grouped), dump(one));
    assert.deepEqual(dump(waited), dump(one));
  } finally {
    one.close();
    grouped.close();
    waited.close();
    cleanup();
  }
});

test("a group is committed by its timer while the next document is still being parsed", async () => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, "nianbao.db");
  let release!: () => void;
  const slow = new Promise<void>((resolve) => (release = resolve));
  const docs = documents(3);
  const store = openIngest(path, {
    // The third document's parse waits until released.
    parse: async (bytes) => {
      if (bytes === docs[2]!.bytes) await slow;
      return parseFixture(bytes);
    },
    group: { documents: 100, ms: 50 },
  });
  try {
    const outcomes = docs.map((doc) => store.ingestDocument(doc));
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([
      Promise.all([outcomes[0], outcomes[1]]),
      new Promise((resolve) => (timer = setTimeout(resolve, 5000, "timed out"))),
    ]);
    clearTimeout(timer);
    assert.notEqual(first, "timed out", "the first two outcomes came while the third was parsed");
    const reader = new Database(path, { readonly: true });
    assert.equal(Number(reader.prepare("SELECT count(*) FROM documents").pluck().get()), 2);
    reader.close();
    release();
    assert.equal((await outcomes[2])!.status, "new");
  } finally {
    release();
    store.close();
    cleanup();
  }
});

test("a full disk in the middle of a group: an outcome is given only for a document that is stored", async () => {
  const { dir, cleanup } = tempDir();
  const store = openIngest(join(dir, "nianbao.db"), {
    parse: parseFixture,
    group: { documents: 8, ms: 10_000 },
  });
  try {
    await store.ingestDocument(documents(1)[0]!);
    // Room for a report or two, not for a report whose every figure carries a long raw text.
    const pages = Number(store.db.pragma("page_count", { simple: true }));
    store.db.pragma(`max_page_count = ${pages + 60}`);
    const big = withChanges(fixtureResult("hongze-2023"), { agency: "莆田市林业局", year: 2020 });
    for (const [code, value] of Object.entries(big.values))
      big.sources = { ...big.sources, [code]: { raw: `${value} ${"原文".repeat(2000)}`, loc: { page: 3 } } };
    const [small, , after] = documents(4).slice(1);
    const outcomes = await Promise.allSettled([
      store.ingestDocument(small!),
      store.ingestDocument({ bytes: documentBytes(big), path: "big.json" }),
      store.ingestDocument(after!),
    ]);
    const bigOutcome = outcomes[1]!;
    assert.equal(bigOutcome.status, "rejected");
    assert.ok(
      bigOutcome.status === "rejected" &&
        bigOutcome.reason instanceof StoreError &&
        bigOutcome.reason.code === "disk_full",
    );
    const stored = new Set(store.db.prepare("SELECT path FROM document_sources").pluck().all() as string[]);
    for (const [i, doc] of [small!, after!].entries()) {
      const outcome = outcomes[i * 2]!;
      assert.equal(outcome.status === "fulfilled", stored.has(doc.path), `${doc.path}: ${outcome.status}`);
    }
    assert.ok(!stored.has("big.json"));
    assert.equal(store.db.pragma("integrity_check", { simple: true }), "ok");
    // Once there is room again, the store takes documents as before.
    store.db.pragma("max_page_count = 1073741823");
    assert.equal((await store.ingestDocument({ bytes: documentBytes(big), path: "big.json" })).status, "new");
  } finally {
    store.close();
    cleanup();
  }
});

test("a full disk under the blobs file in the middle of a group: no document is stored without its bytes", async () => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, "nianbao.db");
  const store = openIngest(path, { parse: parseFixture, group: { documents: 8, ms: 10_000 } });
  try {
    await store.ingestDocument(documents(1)[0]!);
    const blobs = new Database(store.blobs.path);
    const pages = Number(blobs.pragma("page_count", { simple: true }));
    blobs.close();
    // The blobs file's own connection: room for a small document's bytes, not for a big one's.
    const own = (store.blobs as unknown as { open(): Database.Database }).open();
    own.pragma(`max_page_count = ${pages + 8}`);
    const big = withChanges(fixtureResult("hongze-2023"), { agency: "莆田市林业局", year: 2020 });
    const bigBytes = new Uint8Array([
      ...documentBytes(big),
      ...new TextEncoder().encode(" ".repeat(200_000)),
    ]);
    const [small, after] = documents(3).slice(1);
    const outcomes = await Promise.allSettled([
      store.ingestDocument(small!),
      store.ingestDocument({ bytes: bigBytes, path: "big.json" }),
      store.ingestDocument(after!),
    ]);
    assert.equal(outcomes[1]!.status, "rejected");
    const stored = store.db
      .prepare("SELECT d.sha256, s.path FROM documents d JOIN document_sources s ON s.document_id = d.id")
      .all() as { sha256: string; path: string }[];
    for (const row of stored) assert.ok(store.blobs.has(row.sha256), `${row.path} stored without its bytes`);
    const paths = new Set(stored.map((row) => row.path));
    for (const [i, doc] of [small!, after!].entries())
      assert.equal(outcomes[i * 2]!.status === "fulfilled", paths.has(doc.path), doc.path);
    assert.ok(!paths.has("big.json"));
  } finally {
    store.close();
    cleanup();
  }
});
