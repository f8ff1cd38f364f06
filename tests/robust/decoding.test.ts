// Decoding by evidence: a UTF-8 listing whose titles were cut one byte short stays UTF-8 (read as
// GB18030 every title and link was lost, and the page was recorded as done); a listing that yields
// nothing is recorded as a failure; a body gzipped though no compression was asked for is decoded.
import assert from "node:assert/strict";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { crawl } from "../../crawlers/crawler.js";
import { stubFile } from "../../crawlers/simulator/content.js";
import { startSimulator } from "../../crawlers/simulator/server.js";
import type { SimResponse } from "../../crawlers/simulator/site.js";
import { decodeText, mostlyUtf8 } from "../../parsers/encoding.js";
import { FAST, frontierRows, tempStore } from "../crawlers/helpers.js";

const TITLE = "某县人民政府办公室2023年政府信息公开工作年度报告";

function listingPage(links: number): string {
  const items = Array.from(
    { length: links },
    (_, i) => `<li><a href="/files/${i}.pdf">${TITLE}（${i}）</a><span>2024-01-${10 + (i % 18)}</span></li>`,
  ).join("\n");
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告</title></head><body>
<div class="nav">首页 政务公开 政府信息公开年报 信息公开指南 信息公开制度</div><ul class="list">${items}</ul></body></html>`;
}

/** The UTF-8 page with the last byte of every "室" removed, as a CMS cutting names by bytes does. */
function cutTitles(page: string): Buffer {
  return Buffer.from(
    Buffer.from(page, "utf8")
      .toString("latin1")
      .replace(/\xe5\xae\xa4/g, "\xe5\xae"),
    "latin1",
  );
}

test("a mostly-UTF-8 page with a few bad bytes stays UTF-8; GBK stays GB18030", () => {
  const damaged = cutTitles(listingPage(20));
  const decoded = decodeText(damaged, { html: true });
  assert.equal(decoded.encoding, "utf-8");
  assert.equal(
    (decoded.text.match(/办公\uFFFD2023年/g) ?? []).length,
    20,
    "one replacement per damaged title",
  );
  assert.equal(decoded.text.match(/政府信息公开工作年度报告（/g)?.length, 20);
  const gbk = iconv.encode(listingPage(20).replace('charset="utf-8"', 'charset="gbk"'), "gbk");
  assert.equal(mostlyUtf8(gbk), false);
  assert.equal(decodeText(gbk, { html: true }).encoding, "gb18030");
});

test("crawl: the cut-title listing yields its links, an empty listing is a failure, unasked gzip is decoded", async () => {
  const sim = await startSimulator({
    sites: [
      {
        label: "portal",
        factory: (origin) => ({
          label: "portal",
          family: "govcn",
          entries: [`${origin}/list/`, `${origin}/empty/`],
          reports: [],
          route(req): SimResponse {
            if (req.path === "/list/")
              return {
                status: 200,
                headers: { "content-type": "text/html" },
                body: cutTitles(listingPage(3)),
              };
            if (req.path === "/empty/")
              return {
                status: 200,
                headers: { "content-type": "text/html" },
                body: "<html><body></body></html>",
              };
            const file = /^\/files\/(\d)\.pdf$/.exec(req.path);
            if (file)
              // Gzipped though the crawler sent no Accept-Encoding: with Content-Encoding, or
              // (file 2) with nothing but gzip's magic bytes to tell.
              return {
                status: 200,
                headers: {
                  "content-type": "application/pdf",
                  ...(file[1] === "2" ? {} : { "content-encoding": "gzip" }),
                },
                body: gzipSync(stubFile("pdf", `report ${file[1]}`)),
              };
            return { status: 404, body: "" };
          },
        }),
      },
    ],
  });
  const temp = tempStore();
  try {
    const site = sim.sites[0]!;
    await crawl(
      temp.target,
      [{ id: "portal", name: "portal", entries: site.entries, allowedHosts: [] }],
      FAST,
    );
    const rows = frontierRows(temp.store);
    const articles = rows.filter((r) => r.url.includes("/files/"));
    assert.equal(articles.length, 3, JSON.stringify(rows, null, 1));
    for (const article of articles) assert.equal(article.outcome, "new", JSON.stringify(article));
    const formats = temp.store.db.prepare("SELECT DISTINCT format FROM documents").pluck().all();
    assert.deepEqual(formats, ["pdf"], "the gzip bodies were decoded before parsing");
    const empty = rows.find((r) => r.url.endsWith("/empty/"))!;
    assert.equal(empty.status, "failed");
    assert.match(empty.error ?? "", /^empty_listing: /);
  } finally {
    temp.cleanup();
    await sim.close();
  }
});
