// The Content-Type a server sent is kept with each place a document was found, and its charset
// reaches the parser's decoder when the document is parsed and again when it is re-parsed: a Big5
// page without a <meta charset> reads right only with it (GB18030, the decoder's guess for
// non-UTF-8 Chinese, turns it into other characters).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import iconv from "iconv-lite";
import { parseDocument, readDocument } from "../../parsers/index.js";
import { openIngest, type ParseRequest } from "../../src/ingest/index.js";
import { tempDir } from "./helpers/fixtures.js";

const TITLE = "某縣統計局2023年政府信息公開工作年度報告";
const PAGE = iconv.encode(
  `<html><head><title>${TITLE}</title></head><body><h1>${TITLE}</h1><p>本報告由某縣統計局編制。</p></body></html>`,
  "big5",
);

test("a Big5 page decodes right only with the declared charset", async () => {
  assert.equal((await readDocument(PAGE, { declaredCharset: "Big5" })).title, TITLE);
  assert.notEqual((await readDocument(PAGE)).title, TITLE);
});

test("the served Content-Type is stored and its charset given to parse and to reparse", async () => {
  const { dir, cleanup } = tempDir();
  const requests: ParseRequest[] = [];
  const store = openIngest(join(dir, "n.db"), {
    parse: (bytes, request) => {
      requests.push(request);
      return parseDocument(bytes, request);
    },
  });
  try {
    const url = "http://example.invalid/xxgk/2024/t20240115_1.html";
    const outcome = await store.ingestDocument({
      bytes: PAGE,
      url,
      contentType: "text/html; charset=Big5",
    });
    assert.ok(outcome.documentId !== null, outcome.error);
    assert.deepEqual(
      store.db.prepare("SELECT media_type, content_type FROM document_sources WHERE url = ?").get(url),
      { media_type: "text/html", content_type: "text/html; charset=Big5" },
    );
    // The same bytes found again elsewhere with no header keep the first place's content type.
    await store.ingestDocument({ bytes: PAGE, path: "/inbox/report.html" });

    await store.reparseDocument(outcome.documentId);
    assert.deepEqual(
      requests.map((r) => r.declaredCharset),
      ["Big5", "Big5"],
    );
  } finally {
    store.close();
    cleanup();
  }
});
