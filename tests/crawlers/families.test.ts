// Each CMS family, crawled from its entry URL alone: every published report reaches the store once,
// nothing is requested twice, and the per-host spacing holds (measured by the server).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { crawl, type CrawlResult } from "../../crawlers/crawler.js";
import { makeReports } from "../../crawlers/simulator/content.js";
import { formCycle, simulatorSources } from "../../crawlers/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../crawlers/simulator/server.js";
import { fujianSite } from "../../crawlers/simulator/sites/fujian.js";
import { gkmlptSite } from "../../crawlers/simulator/sites/gkmlpt.js";
import { govcnSite } from "../../crawlers/simulator/sites/govcn.js";
import { hanwebSite } from "../../crawlers/simulator/sites/hanweb.js";
import { trsSite } from "../../crawlers/simulator/sites/trs.js";
import {
  FAST,
  type SentRequest,
  frontierRows,
  minGapByHost,
  requestCounts,
  storedDocumentUrls,
  tempStore,
  type TempStore,
} from "./helpers.js";

const pool = makeReports(
  "families",
  40,
  formCycle(["inline", "text", "pdf", "inline+pdf", "docx", "inline", "image", "wps"]),
);
const take = (() => {
  let at = 0;
  return (n: number) => pool.slice(at, (at += n));
})();

let sim: Simulator;
let temp: TempStore;
let result: CrawlResult;
const sent: SentRequest[] = [];

before(async () => {
  const trs = [take(5), take(3)];
  const gbk = take(4);
  const hanweb = take(6);
  const fujian = take(5);
  const gkmlpt = take(5);
  const fujian2 = take(2);
  const govcn = take(5);
  sim = await startSimulator({
    sites: [
      {
        label: "trs",
        factory: (origin) =>
          trsSite("trs", origin, {
            siteName: "测试市人民政府",
            pageSize: 4,
            columns: [
              {
                path: "/zfxxgk/bm/a/zfxxgknb/",
                name: "政府信息公开年报",
                ext: "htm",
                pager: 1,
                reports: trs[0]!,
                news: 3,
              },
              {
                path: "/zfxxgk/bm/b/zfxxgknb/",
                name: "政府信息公开年报",
                ext: "html",
                pager: 2,
                reports: trs[1]!,
                news: 3,
              },
            ],
            aggregatePath: "/zfxxgk/zfxxgkndbg/",
          }),
      },
      {
        label: "gbk",
        factory: (origin) =>
          trsSite("gbk", origin, {
            siteName: "测试县人民政府",
            pageSize: 3,
            encoding: "gbk",
            columns: [
              { path: "/xxgk/xxgknb/", name: "信息公开年报", ext: "shtml", pager: 3, reports: gbk, news: 2 },
            ],
          }),
      },
      {
        label: "hanweb",
        factory: (origin) =>
          hanwebSite("hanweb", origin, {
            siteName: "测试区",
            columnId: 7001,
            unitId: 5501,
            reports: hanweb,
            news: 22,
            perPage: 5,
          }),
      },
      {
        label: "fujian",
        factory: (origin) =>
          fujianSite("fujian", origin, {
            siteName: "测试局",
            columnPath: "/zfxxgk/zfxxgknb/",
            channelId: 201988,
            chnlId: 38100,
            reports: fujian,
            deleted: 1,
          }),
      },
      {
        label: "fujian-nochannel",
        factory: (origin) =>
          fujianSite("fujian-nochannel", origin, {
            siteName: "测试委",
            columnPath: "/zfxxgk/zfxxgknb/",
            channelId: 201988,
            chnlId: 38200,
            reports: fujian2,
            hideChannelId: true,
          }),
      },
      {
        label: "gkmlpt",
        factory: (origin) =>
          gkmlptSite("gkmlpt", origin, {
            siteName: "测试区",
            columnId: 2811,
            sid: 755031,
            columnPath: "/xxgk/xxgknb/",
            reports: gkmlpt,
            perPage: 2,
          }),
      },
      {
        label: "govcn",
        factory: (origin) =>
          govcnSite("govcn", origin, {
            siteName: "测试部",
            columnPath: "/zfxxgkndbg/",
            reports: govcn,
            pageSize: 2,
          }),
      },
    ],
  });
  temp = tempStore();
  result = await crawl(temp.target, simulatorSources(sim), FAST, { onRequest: (r) => sent.push(r) });
});

after(async () => {
  temp?.cleanup();
  await sim?.close();
});

describe("every family, from its entry URL alone", () => {
  for (const label of ["trs", "gbk", "hanweb", "fujian", "fujian-nochannel", "gkmlpt", "govcn"]) {
    test(`${label}: every report document reaches the store`, () => {
      const site = sim.sites.find((s) => s.label === label)!;
      const stored = storedDocumentUrls(temp.store);
      const expected = site.reports.flatMap((r) => r.documentUrls);
      assert.ok(expected.length >= 2);
      const missing = expected.filter((u) => !stored.has(u));
      assert.deepEqual(missing, [], `${label}: documents never handed to the store`);
    });
  }

  test("no URL is requested twice, and nothing outside the reports and their listings", () => {
    const repeated = [...requestCounts(sim.log)].filter(([, n]) => n > 1);
    assert.deepEqual(repeated, []);
    const documentPaths = new Set(
      sim
        .expectedReports()
        .flatMap((r) => r.documentUrls)
        .map((u) => new URL(u))
        .map((u) => u.pathname),
    );
    const fetchedNews = sim.log.filter(
      (e) => /\/t\d{8}_\d+\./.test(e.path) && !documentPaths.has(e.path.split("?")[0]!) && e.status === 200,
    );
    // Only report candidates are opened: news items in the listings are never requested.
    for (const e of fetchedNews) assert.ok(!/news/.test(e.path), e.path);
  });

  test("per-host spacing holds and every request identifies the crawler", () => {
    const gaps = minGapByHost(sent);
    assert.equal(gaps.size, 7);
    for (const [host, gap] of gaps)
      assert.ok(gap >= FAST.minDelayMs!, `${host}: two requests ${gap} ms apart`);
    assert.equal(sent.length, sim.log.length, "every request the server saw was sent through the gate");
    assert.ok(
      sim.log.every(
        (e) => e.userAgent.startsWith("nianbao/") && e.userAgent.includes("tests@nianbao.invalid"),
      ),
    );
  });

  test("the Hanweb column was paged through dataproxy.jsp beyond its embedded records", () => {
    const proxyCalls = sim.log.filter((e) => e.path.startsWith("/module/web/jpage/dataproxy.jsp"));
    assert.ok(proxyCalls.length >= 1);
    assert.ok(proxyCalls.every((e) => e.method === "POST"));
  });

  test("TRS pages that exist only in pager scripts are all read", () => {
    const trsHost = new URL(sim.origins["trs"]!).host;
    const listingPaths = sim.log
      .filter((e) => e.host === trsHost && /index_\d+\.s?html?$/.test(e.path))
      .map((e) => e.path);
    assert.ok(listingPaths.includes("/zfxxgk/bm/a/zfxxgknb/index_1.htm"), listingPaths.join(" "));
    assert.ok(listingPaths.includes("/zfxxgk/bm/b/zfxxgknb/index_1.html"), listingPaths.join(" "));
  });

  test("a report linked from two columns is fetched once (aggregate + department column)", () => {
    const trs = sim.sites.find((s) => s.label === "trs")!;
    const counts = requestCounts(sim.log);
    for (const r of trs.reports)
      assert.equal(counts.get(`GET ${new URL(r.articleUrl).host}${new URL(r.articleUrl).pathname}`), 1);
  });

  test("a deleted document (meta refresh to its parent) is recorded as deleted, not stored", () => {
    const deleted = frontierRows(temp.store).filter((r) => r.error === "deleted");
    assert.equal(deleted.length, 1);
    assert.equal(deleted[0]!.status, "failed");
  });

  test("the summary counts pages and documents per source", () => {
    const byId = new Map(result.summary.map((s) => [s.sourceId, s]));
    const hanweb = byId.get("sim-hanweb")!;
    assert.ok(hanweb.pages >= 2);
    assert.equal(result.stoppedBy, null);
    const documents = result.summary.reduce(
      (n, s) => n + s.reportsNew + s.reportsUpdated + s.reportsUnchanged,
      0,
    );
    assert.ok(documents > 0);
  });

  test("every listing item that is a report is counted stored or failed, never skipped", () => {
    for (const s of result.summary) {
      assert.deepEqual(
        Object.keys(s.items.skipped).filter(
          (reason) => reason !== "not a report title" && !reason.startsWith("not queued"),
        ),
        [],
        `${s.sourceId}: ${JSON.stringify(s.items)}`,
      );
      assert.equal(s.items.pending, 0);
    }
    // The API families list their attachments beside the article: still counted as stored.
    for (const id of ["sim-fujian", "sim-gkmlpt"]) {
      const items = result.summary.find((s) => s.sourceId === id)!.items;
      assert.ok(
        items.seen > 0 && items.stored + items.failed === items.seen,
        `${id}: ${JSON.stringify(items)}`,
      );
    }
  });
});
