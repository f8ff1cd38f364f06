// The discovery traps of real portals (issue 10), on a portal built unlike the simulated families
// (crawlers/simulator/sites/plain.ts): reports reachable only through a directory of bodies, chrome
// scripts of other families on every page, plain listings with numeric article ids, 上一篇/下一篇 lines
// and 相关链接 boxes. Asserts what reached the sink and which requests were made. The sink is a stub
// (no parsing): these tests are about finding documents, not reading them.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { crawl, type CrawlResult } from "../../crawlers/crawler.js";
import { discoverFromListing } from "../../crawlers/discovery/discover.js";
import { paginationLinks } from "../../crawlers/discovery/generic.js";
import { extractLinks } from "../../crawlers/discovery/links.js";
import { makeReports } from "../../crawlers/simulator/content.js";
import { startSimulator, type Simulator } from "../../crawlers/simulator/server.js";
import { plainSite } from "../../crawlers/simulator/sites/plain.js";
import { openCrawlState, type CrawlState } from "../../crawlers/state.js";
import type { IncomingDocument } from "../../src/model/ingest.js";
import { FAST, frontierRows, tempStore } from "./helpers.js";

const reports = makeReports("traps", 7, () => "inline");

let sim: Simulator;
let state: CrawlState;
let cleanup: () => void;
let result: CrawlResult;
const received: IncomingDocument[] = [];

before(async () => {
  sim = await startSimulator({
    sites: [
      {
        label: "plain",
        factory: (origin) =>
          plainSite("plain", origin, {
            siteName: "示范省",
            bodies: [
              {
                name: reports[0]!.agency,
                code: "a",
                reports: [
                  { report: reports[0]!, published: "2024-01-20" },
                  { report: reports[1]!, published: "2023-01-18", form: "text" },
                ],
                news: 5,
              },
              {
                name: reports[2]!.agency,
                code: "b",
                reports: [{ report: reports[2]!, published: "2024-01-25" }],
                news: 2,
              },
              {
                name: reports[3]!.agency,
                code: "c",
                reports: [{ report: reports[3]!, published: "2024-03-02" }],
              },
              {
                name: reports[4]!.agency,
                code: "d",
                reports: [{ report: reports[4]!, published: "2024-02-10" }],
              },
              { name: "示范县审计局", code: "e", reports: [], news: 1 },
            ],
          }),
      },
    ],
  });
  const temp = tempStore();
  state = openCrawlState(temp.path);
  cleanup = () => {
    state.close();
    temp.cleanup();
  };
  let id = 0;
  const sink = {
    ingestDocument: async (document: IncomingDocument) => {
      received.push(document);
      id += 1;
      return {
        status: "new" as const,
        documentId: id,
        reportId: id,
        sha256: document.sha256 ?? "",
        agency: null,
        year: null,
      };
    },
  };
  result = await crawl(
    { state, sink },
    [{ id: "plain", name: "plain portal", entries: sim.sites[0]!.entries, allowedHosts: [] }],
    { ...FAST, minDelayMs: 5, maxDelayMs: 20 },
  );
});

after(async () => {
  cleanup();
  await sim.close();
});

describe("discovery traps on a portal unlike the simulated families", () => {
  test("every report, reachable only through the directory of bodies, reaches the sink", () => {
    const got = new Set(received.map((d) => d.url));
    const expected = sim.expectedReports().flatMap((r) => r.documentUrls);
    assert.equal(expected.length, 5);
    assert.deepEqual(
      expected.filter((u) => !got.has(u)),
      [],
    );
    // Nothing but report documents: news, the directory and body pages are not handed on.
    assert.deepEqual(
      received.map((d) => d.url).filter((u) => !expected.includes(u!)),
      [],
    );
  });

  test("no API of a family only mentioned by chrome scripts is ever requested", () => {
    const api = sim.log.filter((e) => /fjdzapp|gkmlpt|dataproxy|jpage/.test(e.path));
    assert.deepEqual(
      api.map((e) => e.path),
      [],
    );
    assert.ok(
      sim.log.every((e) => e.method === "GET"),
      "no POST probe",
    );
    assert.deepEqual(result.families, [], "no family is confirmed on this host");
  });

  test("上一篇/下一篇 and 相关链接 never become listing pages; article ids are not page numbers", () => {
    const rows = frontierRows(state);
    const listings = rows.filter((r) => r.kind === "listing").map((r) => new URL(r.url).pathname);
    for (const path of listings) assert.match(path, /\/$|list_\d+\.html$/, `${path} read as a listing`);
    // Every column page was read: page 2 of body a (7 rows, 4 per page), reached by 下一页.
    assert.ok(listings.includes("/bmxxgk/a/nb/list_2.html"));
  });

  test("publication dates come from the article's 发布日期; attachments inherit it", () => {
    const byUrl = new Map(received.map((d) => [d.url, d]));
    const a0 = sim.expectedReports().find((r) => r.agency === reports[0]!.agency)!;
    assert.equal(byUrl.get(a0.articleUrl)?.publishedOn, "2024-01-20");
    assert.equal(byUrl.get(a0.articleUrl)?.publishedSource, "page");
    const text = sim.expectedReports().find((r) => r.agency === reports[1]!.agency)!;
    const attachment = text.documentUrls.find((u) => u.endsWith(".txt"))!;
    assert.equal(byUrl.get(attachment)?.publishedOn, "2023-01-18");
  });

  test("the directory's bodies are recorded as expected publishers", () => {
    const bodies = state.db.prepare("SELECT name FROM crawl_bodies ORDER BY name").pluck().all() as string[];
    assert.deepEqual(
      bodies,
      [...reports.slice(0, 5).map((r) => r.agency), "示范县审计局"].filter((n, i) => i !== 1).sort(),
    );
  });

  test("the summary counts listing items seen, stored and skipped with the reason", () => {
    const s = result.summary[0]!;
    assert.equal(s.items.seen, 5 + 8, "5 reports + 8 news rows");
    assert.equal(s.items.stored, 5, "5 report articles (the text report's page is not a document)");
    assert.equal(s.items.skipped["not a report title"], 8);
    assert.equal(s.items.failed, 0);
  });
});

describe("pager rules", () => {
  test("a numeric article id in the listing's directory is not a page; list_N and ?page=N are", () => {
    const links = extractLinks(
      `<ul><li><a href="10234.html">某局2023年政府信息公开工作年度报告</a><span>2024-01-20</span></li></ul>
       <div class="page"><a href="list_2.html">下一页</a> <a href="?page=3">3</a></div>`,
      "https://x.gov.cn/bm/nb/",
    );
    assert.deepEqual(paginationLinks(links, "https://x.gov.cn/bm/nb/"), [
      "https://x.gov.cn/bm/nb/list_2.html",
      "https://x.gov.cn/bm/nb/?page=3",
    ]);
  });

  test("a 下一篇 line pointing at index_2.html is an article neighbour, not the next page", () => {
    const links = extractLinks(
      `<div class="pn"><p>下一篇：<a href="index_2.html">关于开展培训的通知</a></p></div>`,
      "https://x.gov.cn/bm/nb/10234.html",
    );
    assert.equal(links[0]!.box, "prevnext");
    assert.deepEqual(paginationLinks(links, "https://x.gov.cn/bm/nb/10234.html"), []);
  });

  test("a large listing reads in linear time (each ancestor's box check is made once)", () => {
    // 3,000 rows in nested divs: reading each anchor's ancestors' headings anew took 56 s.
    const rows = Array.from(
      { length: 3000 },
      (_, i) =>
        `<div class="item"><span><a href="/a/${i}.html">某局${i}年政府信息公开工作年度报告</a></span> <em>2024-01-02</em></div>`,
    ).join("\n");
    const html = `<html><body><div id="wrap"><div class="main"><div class="list">${rows}</div></div></div></body></html>`;
    const started = Date.now();
    const links = extractLinks(html, "https://x.gov.cn/nb/");
    assert.equal(links.length, 3000);
    assert.equal(links[2999]!.date, "2024-01-02");
    assert.ok(Date.now() - started < 15_000, `${Date.now() - started} ms`);
  });

  test("an unconfirmed family's hint gives no API request; its confirmed structure does", () => {
    const chrome = `<script>var searchConfig = { api: "/fjdzapp/search" }; var PageInfo = {chnlid:'38159'};</script>`;
    const hinted = discoverFromListing(chrome, "https://x.gov.cn/a/", 0);
    assert.deepEqual(
      hinted.requests.filter((r) => r.kind === "api"),
      [],
    );
    assert.deepEqual(hinted.sightings, [
      { family: "fujian", confirmed: false, why: "mentions /fjdzapp/ (a script)" },
    ]);
    const shell = `<div ms-controller="list"><li ms-repeat="docs"></li></div><script>var recordCount: '37';
      var PageInfo = {chnlid:'38159'};</script>`;
    const found = discoverFromListing(shell, "https://x.gov.cn/a/", 0);
    assert.equal(found.requests.filter((r) => r.kind === "api" && r.family === "fujian").length, 1);
  });
});
