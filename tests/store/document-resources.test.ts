// The images handed with an HTML report (issue 12) go to the parser with the page, are kept with it
// (bytes in the blobs file by hash, core migration 009-document-resources) and are handed again,
// the same, to the parser on `reparse`; an image that could not be had keeps its reason.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { openIngest, type ParseFunction, type ParseRequest } from "../../src/ingest/index.js";

const page = Buffer.from(
  "<html><body><p>某县2023年政府信息公开工作年度报告</p><img src='t3.png'><img src='t4.png'></body></html>",
);
const png = Buffer.from("89504e470d0a1a0a", "hex");

/** A store whose parser records what it was handed (and reads every page as a report without tables). */
function recordingStore() {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-resources-"));
  const requests: ParseRequest[] = [];
  const parse: ParseFunction = (_bytes, request) => {
    requests.push(request);
    return Promise.resolve({
      agency: "某县人民政府",
      year: 2023,
      template: null,
      values: {},
      issues: [],
      format: "html",
    });
  };
  return { dir, requests, store: openIngest(join(dir, "s.db"), { parse }) };
}

test("a page's images are parsed with it, kept by hash, and handed again on reparse", () => {
  const { dir, requests, store } = recordingStore();
  return (async () => {
    try {
      const outcome = await store.ingestDocument({
        bytes: page,
        url: "https://gov.example/a/t1.html",
        contentType: "text/html; charset=utf-8",
        resources: [
          { ref: "t3.png", url: "https://gov.example/a/t3.png", bytes: png, contentType: "image/png" },
          { ref: "t4.png", url: "https://gov.example/a/t4.png", error: "http_404" },
        ],
      });
      assert.equal(outcome.status, "new");
      assert.deepEqual(
        requests[0]!.resources?.map((r) => r.ref),
        ["t3.png", "t4.png"],
      );
      const rows = store.db
        .prepare(
          "SELECT position, ref, url, content_type, sha256, size, error FROM document_resources ORDER BY position",
        )
        .all() as Record<string, unknown>[];
      assert.equal(rows.length, 2);
      assert.equal(rows[0]!.size, png.length);
      assert.match(String(rows[0]!.sha256), /^[0-9a-f]{64}$/);
      assert.ok(store.blobs.has(String(rows[0]!.sha256)), "the image's bytes are in the blobs file");
      assert.deepEqual([rows[1]!.sha256, rows[1]!.error], [null, "http_404"]);

      const again = await store.reparseDocument(outcome.documentId!);
      assert.equal(again.status, "updated");
      const reread = requests[1]!.resources!;
      assert.deepEqual(
        reread.map((r) => [r.ref, r.url, r.contentType, r.error]),
        [
          ["t3.png", "https://gov.example/a/t3.png", "image/png", undefined],
          ["t4.png", "https://gov.example/a/t4.png", undefined, "http_404"],
        ],
      );
      assert.ok(png.equals(reread[0]!.bytes!), "the same bytes, read offline from the store");
      assert.equal(requests[1]!.declaredCharset, "utf-8");
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  })();
});

test("pictures handed again with a page already stored: bytes fill a gap and it is read again; a failure never replaces bytes", () => {
  const { dir, requests, store } = recordingStore();
  const url = "https://gov.example/a/t1.html";
  const t4 = Buffer.from("89504e470d0a1a0a0001", "hex");
  const rows = () =>
    store.db
      .prepare("SELECT position, ref, sha256, error FROM document_resources ORDER BY position")
      .all() as {
      position: number;
      ref: string;
      sha256: string | null;
      error: string | null;
    }[];
  return (async () => {
    try {
      // Stored by an older crawl: no pictures at all.
      const first = await store.ingestDocument({ bytes: page, url });
      assert.equal(first.status, "new");
      assert.deepEqual(rows(), []);

      const t3 = { ref: "t3.png", url: "https://gov.example/a/t3.png", bytes: png, contentType: "image/png" };
      const second = await store.ingestDocument({
        bytes: page,
        url,
        resources: [t3, { ref: "t4.png", url: "https://gov.example/a/t4.png", error: "http_404" }],
      });
      assert.equal(second.status, "updated", "read again with the picture it lacked");
      assert.equal(second.documentId, first.documentId);
      assert.deepEqual(
        requests.at(-1)!.resources?.map((r) => [r.ref, Boolean(r.bytes), r.error]),
        [
          ["t3.png", true, undefined],
          ["t4.png", false, "http_404"],
        ],
      );

      // t3 fails this time (kept as it was), t4 comes: read again.
      const third = await store.ingestDocument({
        bytes: page,
        url,
        resources: [
          { ref: "t3.png", url: t3.url, error: "http_503" },
          { ref: "t4.png", url: "https://gov.example/a/t4.png", bytes: t4 },
        ],
      });
      assert.equal(third.status, "updated");
      assert.deepEqual(
        rows().map((r) => [r.position, r.ref, r.sha256 !== null, r.error]),
        [
          [1, "t3.png", true, null],
          [2, "t4.png", true, null],
        ],
      );

      // The same pictures again: nothing to read.
      const parses = requests.length;
      const fourth = await store.ingestDocument({ bytes: page, url, resources: [t3] });
      assert.equal(fourth.status, "unchanged");
      assert.equal(requests.length, parses, "not parsed again");
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  })();
});
