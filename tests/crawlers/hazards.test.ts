// Transport hazards of real portals (research/portals.md §6.4), each on its own simulated host, all
// crawled in one run: what was stored, and how the crawler behaved towards each host.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { crawl, type CrawlResult } from "../../crawlers/crawler.js";
import { makeReports, stubFile } from "../../crawlers/simulator/content.js";
import { formCycle, mirrorSite } from "../../crawlers/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../crawlers/simulator/server.js";
import { html, type SimSite } from "../../crawlers/simulator/site.js";
import { govcnSite } from "../../crawlers/simulator/sites/govcn.js";
import { hanwebSite } from "../../crawlers/simulator/sites/hanweb.js";
import { trsSite } from "../../crawlers/simulator/sites/trs.js";
import {
  FAST,
  type SentRequest,
  frontierRows,
  hostOfLabel,
  minGapByHost,
  requestCounts,
  storedDocumentUrls,
  tempStore,
  type TempStore,
} from "./helpers.js";

const pool = makeReports("hazards", 40, formCycle(["pdf", "text", "pdf", "docx"]));
let at = 0;
const take = (n: number) => pool.slice(at, (at += n));

/** A page linking one oversized PDF (H20). */
function hugeAttachmentSite(label: string, origin: string): SimSite {
  return {
    label,
    family: "govcn",
    entries: [`${origin}/zfxxgkndbg/`],
    reports: [],
    route(req) {
      if (req.path === "/zfxxgkndbg/") {
        return html(
          `<html><head><meta charset="utf-8"></head><body><a href="/files/big.pdf">某局2023年政府信息公开工作年度报告.pdf</a></body></html>`,
        );
      }
      if (req.path === "/files/big.pdf")
        return {
          status: 200,
          headers: { "content-type": "application/pdf" },
          body: stubFile("pdf", "big", 300_000),
        };
      return { status: 404, body: "" };
    },
  };
}

const plainSite =
  (label: string, name: string, reports = take(2)) =>
  (origin: string) =>
    govcnSite(label, origin, { siteName: name, columnPath: "/zfxxgkndbg/", reports });

let sim: Simulator;
let temp: TempStore;
let result: CrawlResult;
const sent: SentRequest[] = [];
const downgraded: string[] = [];
const settings = { ...FAST, timeoutMs: 1_500, maxBodyBytes: 200_000, maxAttempts: 3 };
const CHALLENGES = ["ruishu-412", "ruishu-200", "jiasule-521", "wzws-302"] as const;

before(async () => {
  const flakyReports = take(2);
  const slowReports = take(3);
  sim = await startSimulator({
    sites: [
      {
        label: "robots-module",
        hazards: { robots: { disallow: ["/module/"] } },
        factory: (origin) =>
          hanwebSite("robots-module", origin, {
            siteName: "测试区",
            columnId: 9001,
            unitId: 77,
            reports: take(3),
            news: 20,
            perPage: 5,
          }),
      },
      {
        label: "robots-all",
        hazards: { robots: "disallow-all" },
        factory: plainSite("robots-all", "全禁止"),
      },
      {
        label: "crawl-delay",
        hazards: { robots: { crawlDelaySeconds: 0.15 } },
        factory: plainSite("crawl-delay", "慢速", take(3)),
      },
      ...CHALLENGES.map((challenge) => ({
        label: challenge,
        hazards: { challenge },
        factory: plainSite(challenge, challenge),
      })),
      {
        label: "rate-limited",
        hazards: { maxRequestsPerSecond: 2 },
        factory: plainSite("rate-limited", "限流", take(4)),
      },
      {
        label: "flaky",
        factory: (origin: string) => {
          const site = govcnSite("flaky", origin, {
            siteName: "不稳定",
            columnPath: "/zfxxgkndbg/",
            reports: flakyReports,
          });
          const [first, second] = site.reports.map((r) => new URL(r.articleUrl).pathname);
          return { ...site, hazards: { flaky: { [first!]: 2 }, broken: [second!] } };
        },
      },
      {
        label: "slow",
        factory: (origin: string) => {
          const site = govcnSite("slow", origin, {
            siteName: "超时",
            columnPath: "/zfxxgkndbg/",
            reports: slowReports,
          });
          const [first, second] = site.reports.map((r) => new URL(r.articleUrl).pathname);
          return {
            ...site,
            hazards: { slow: { [first!]: { delayMs: 4_000 }, [second!]: { trickleMs: 4_000 } } },
          };
        },
      },
      {
        label: "redirects",
        factory: (origin, originOf) => {
          const site = trsSite("redirects", origin, {
            siteName: "跳转",
            pageSize: 3,
            columns: [
              {
                path: "/xxgk/zfxxgknb/",
                name: "政府信息公开年报",
                ext: "html",
                pager: 1,
                reports: take(3),
                news: 1,
                noise: { mirrorOrigin: originOf("mirror") },
              },
            ],
          });
          // H2: the registered entry lacks the trailing slash; the server answers 301 to the slash form.
          site.entries = [`${origin}/xxgk/zfxxgknb`];
          const loop = new URL(site.reports[0]!.articleUrl).pathname;
          return { ...site, hazards: { redirectLoops: [loop] } };
        },
      },
      { label: "huge", factory: (origin) => hugeAttachmentSite("huge", origin) },
      {
        // H19: registered with https, but the host only speaks http (the TLS handshake fails).
        label: "http-only",
        factory: (origin) => {
          const site = govcnSite("http-only", origin, {
            siteName: "仅http",
            columnPath: "/zfxxgkndbg/",
            reports: take(2),
          });
          return { ...site, entries: site.entries.map((e) => e.replace(/^http:/, "https:")) };
        },
      },
      { label: "mirror", factory: (origin) => mirrorSite("mirror", origin) },
    ],
  });
  temp = tempStore();
  const sources = sim.sites
    .filter((s) => s.label !== "mirror")
    .map((s) => ({ id: s.label, name: s.label, entries: s.entries, allowedHosts: [] }));
  result = await crawl(temp.target, sources, settings, {
    onRequest: (r) => sent.push(r),
    onEvent: (e) => {
      if (e.type === "downgraded") downgraded.push(e.host);
    },
  });
});

after(async () => {
  temp?.cleanup();
  await sim?.close();
});

const logOf = (label: string) => sim.log.filter((e) => e.host === hostOfLabel(sim, label));
const documentsOf = (label: string) =>
  sim.sites.find((s) => s.label === label)!.reports.flatMap((r) => r.documentUrls);

describe("robots.txt (H12)", () => {
  test("a disallowed path is never requested; records embedded in the page are still found", () => {
    const log = logOf("robots-module");
    assert.deepEqual(
      log.filter((e) => e.path.startsWith("/module/")),
      [],
    );
    const stored = storedDocumentUrls(temp.store);
    const site = sim.sites.find((s) => s.label === "robots-module")!;
    // Pages under /art/ are allowed; attachments under /module/download/ are not.
    const reachable = site.reports
      .map((r) => r.articleUrl)
      .filter((u) => site.reports.find((r) => r.articleUrl === u));
    assert.ok(reachable.some((u) => log.some((e) => u.endsWith(e.path))));
    assert.ok([...stored].every((u) => !new URL(u).pathname.startsWith("/module/")));
  });

  test("Disallow: / means only robots.txt is read", () => {
    assert.deepEqual(
      logOf("robots-all").map((e) => e.path),
      ["/robots.txt"],
    );
    assert.equal(result.summary.find((s) => s.sourceId === "robots-all")!.failures["robots"], 1);
  });

  test("Crawl-delay raises the spacing for that host", () => {
    const gap = minGapByHost(sent).get(hostOfLabel(sim, "crawl-delay"))!;
    assert.ok(gap >= 150 * 0.8, `requests ${gap} ms apart under Crawl-delay 0.15`);
    assert.deepEqual(
      documentsOf("crawl-delay").filter((u) => !storedDocumentUrls(temp.store).has(u)),
      [],
    );
  });
});

describe("anti-bot challenges (H13)", () => {
  for (const challenge of CHALLENGES) {
    test(`${challenge}: recorded as blocked after one page, never parsed, no hammering`, () => {
      const host = hostOfLabel(sim, challenge);
      const blocked = result.blockedHosts.find((b) => b.host === host);
      assert.ok(blocked, `${challenge} not reported as blocked`);
      assert.match(blocked.reason, /^blocked: challenge/);
      const pages = logOf(challenge).filter((e) => e.path !== "/robots.txt");
      assert.equal(pages.length, 1, pages.map((e) => e.path).join(" "));
      assert.ok(
        frontierRows(temp.store)
          .filter((r) => r.host === host)
          .every((r) => r.outcome === null),
      );
      assert.deepEqual(result.summary.find((s) => s.sourceId === challenge)!.blockedHosts, [host]);
    });
  }
});

describe("rate limits, errors and timeouts (H9, H10, H14)", () => {
  test("429 with Retry-After: the host is left alone for the asked time, then everything is fetched", () => {
    const log = logOf("rate-limited");
    const host = hostOfLabel(sim, "rate-limited");
    // One connection, one request at a time: the server's n-th request is the crawler's n-th send.
    const sentTimes = sent.filter((r) => r.host === host).map((r) => r.at);
    assert.equal(sentTimes.length, log.length);
    const limited = log.findIndex((e) => e.status === 429);
    assert.ok(limited >= 0, "the rate limit was never hit (test needs a faster crawl)");
    const wait = sentTimes[limited + 1]! - sentTimes[limited]!;
    assert.ok(wait >= 1000, `request sent ${wait} ms after a 429 with Retry-After: 1`);
    assert.deepEqual(
      documentsOf("rate-limited").filter((u) => !storedDocumentUrls(temp.store).has(u)),
      [],
    );
  });

  test("503s are retried with backoff; an always-500 page gets bounded tries and a recorded failure", () => {
    const site = sim.sites.find((s) => s.label === "flaky")!;
    const [first, second] = site.reports.map((r) => new URL(r.articleUrl).pathname);
    const counts = requestCounts(logOf("flaky"));
    const host = hostOfLabel(sim, "flaky");
    assert.equal(counts.get(`GET ${host}${first}`), 3);
    assert.equal(counts.get(`GET ${host}${second}`), settings.maxAttempts);
    const rows = frontierRows(temp.store);
    assert.ok(rows.some((r) => r.url.endsWith(first!) && r.status === "done"));
    const broken = rows.find((r) => r.url.endsWith(second!))!;
    assert.equal(broken.status, "failed");
    assert.equal(broken.error, "http_500");
  });

  test("a page slower than the timeout (delayed or trickling) is recorded as timeout; the crawl goes on", () => {
    const site = sim.sites.find((s) => s.label === "slow")!;
    const [first, second, third] = site.reports.map((r) => r.articleUrl);
    const rows = frontierRows(temp.store);
    for (const url of [first, second]) {
      const row = rows.find((r) => r.url === url)!;
      assert.equal(row.status, "failed");
      assert.equal(row.error, "network: timeout");
      assert.equal(row.attempts, settings.maxAttempts);
    }
    assert.ok(storedDocumentUrls(temp.store).has(site.reports[2]!.documentUrls[0]!), `${third} not stored`);
  });
});

describe("redirects, hosts and sizes (H2, H11, H18, H20, H21)", () => {
  test("an entry without its trailing slash is followed to the slash form and crawled", () => {
    const log = logOf("redirects");
    assert.ok(log.some((e) => e.path === "/xxgk/zfxxgknb" && e.status === 301));
    const stored = storedDocumentUrls(temp.store);
    const site = sim.sites.find((s) => s.label === "redirects")!;
    assert.deepEqual(
      site.reports
        .slice(1)
        .flatMap((r) => r.documentUrls)
        .filter((u) => !stored.has(u)),
      [],
    );
  });

  test("a redirect loop is cut and recorded", () => {
    const site = sim.sites.find((s) => s.label === "redirects")!;
    const row = frontierRows(temp.store).find((r) => r.url === site.reports[0]!.articleUrl)!;
    assert.equal(row.status, "skipped");
    assert.match(row.error ?? "", /redirect_(loop|limit)/);
    assert.ok(logOf("redirects").filter((e) => e.status === 302).length <= 3);
  });

  test("a mirror domain linked from a listing is never requested", () => {
    assert.deepEqual(logOf("mirror"), []);
  });

  test("third-party widgets (jiucuo.js, conac, cnzz) are never queued", () => {
    assert.ok(frontierRows(temp.store).every((r) => !/jiucuo|conac|cnzz/.test(r.url)));
  });

  test("an attachment over the size cap is cut off and recorded as too large, not stored", () => {
    const row = frontierRows(temp.store).find((r) => r.url.endsWith("/files/big.pdf"))!;
    assert.equal(row.status, "failed");
    assert.match(row.error ?? "", /^too_large/);
  });

  test("a host whose https fails is read over http, and the downgrade is reported once", () => {
    assert.deepEqual(downgraded, [hostOfLabel(sim, "http-only")]);
    const stored = storedDocumentUrls(temp.store);
    assert.deepEqual(
      documentsOf("http-only").filter((u) => !stored.has(u)),
      [],
    );
  });

  test("the crawl finished and reports actionable failures", () => {
    assert.equal(result.stoppedBy, null);
    assert.ok(result.blockedHosts.length === CHALLENGES.length);
  });
});
