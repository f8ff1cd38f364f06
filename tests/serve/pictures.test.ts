// The pictures an HTML report showed, in the web view: listed on the report's page, served as the
// image type their bytes prove (never as what the portal claimed), a missing one named with its
// reason. The store is a real one: a synthetic report page ingested with its pictures as the
// crawler hands them (the page's text holds every table, so no OCR runs).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { openIngest } from "../../src/ingest/index.js";
import { startServer, type RunningServer } from "../../src/serve/server.js";
import { createRng, createSeries, pickHtmlOptions, renderHtml } from "../../src/synth/index.js";

const dir = mkdtempSync(join(tmpdir(), "nianbao-pictures-"));
const dbPath = join(dir, "nianbao.db");
const HOSTILE = Buffer.from('<html><script>window.__pwned = 1</script><img src=x onerror="alert(1)"></html>');
let png: Buffer;
let reportId: number;
let server: RunningServer;

const get = (path: string) => fetch(new URL(path, server.url), { redirect: "manual" });

before(async () => {
  png = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#ffffff" } })
    .png()
    .toBuffer();
  const [report] = createSeries("pictures", 2023, 2023);
  const rng = createRng("pictures:render");
  const doc = renderHtml(report!, pickHtmlOptions(rng), rng, "pictures");
  const store = openIngest(dbPath);
  try {
    const base = "https://www.example.gov.cn/zfxxgk/2024/";
    const outcome = await store.ingestDocument({
      bytes: doc.bytes,
      url: `${base}report.html`,
      fetchedAt: "2024-01-20T08:00:00Z",
      contentType: "text/html",
      resources: [
        { ref: "t1.png", url: `${base}t1.png`, bytes: png, contentType: "image/png" },
        // A portal that answers a picture's URL with a page, and says it is a PNG.
        { ref: "t2.png", url: `${base}t2.png`, bytes: HOSTILE, contentType: "image/png" },
        { ref: "t3.png", url: `${base}t3.png`, error: "HTTP 404" },
      ],
    });
    assert.ok(outcome.reportId !== null, "the page is stored as a report");
    reportId = outcome.reportId;
  } finally {
    store.close();
  }
  server = await startServer({ db: dbPath, port: 0 });
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("an HTML report's pictures", () => {
  it("lists every picture on the report's page, a missing one with its reason", async () => {
    const page = await (await get(`/reports/${reportId}?lang=en`)).text();
    const section = /<dd id="report-pictures">([\s\S]*?)<\/dd>/.exec(page)?.[1] ?? "";
    assert.equal((section.match(/<img /g) ?? []).length, 2, "two pictures have bytes");
    assert.match(section, new RegExp(`src="/reports/${reportId}/pictures/1"`));
    assert.match(section, /picture 3: HTTP 404/);
    assert.doesNotMatch(page, /<script>window/, "nothing of a picture's bytes reaches the page");
  });

  it("serves a picture as the image type its bytes prove, sandboxed", async () => {
    const response = await get(`/reports/${reportId}/pictures/1`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/png");
    assert.match(
      response.headers.get("content-disposition") ?? "",
      /^inline; filename="report-\d+-picture-1\.png"/,
    );
    assert.match(response.headers.get("content-security-policy") ?? "", /^sandbox/);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), png);
  });

  it("serves bytes that are no picture only as a download, whatever the portal claimed", async () => {
    const response = await get(`/reports/${reportId}/pictures/2`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/octet-stream");
    assert.match(response.headers.get("content-disposition") ?? "", /^attachment;/);
    assert.match(response.headers.get("content-security-policy") ?? "", /^sandbox/);
  });

  it("answers 404 for a picture without bytes, beyond the list, or a malformed number", async () => {
    for (const path of ["3", "4", "0", "1x", "-1", "99999"]) {
      const response = await get(`/reports/${reportId}/pictures/${path}`);
      assert.equal(response.status, 404, path);
      await response.arrayBuffer();
    }
    assert.equal((await get(`/reports/999999/pictures/1`)).status, 404);
  });
});
