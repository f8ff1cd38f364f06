// Unattended runs: a crawl killed with SIGKILL at an arbitrary moment resumes where it stopped
// without refetching finished work; limits stop a crawl resumably; one crawl per store.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { crawl } from "../../crawlers/crawler.js";
import { acquireCrawlLock, CrawlLockedError } from "../../crawlers/lock.js";
import { makeReports } from "../../crawlers/simulator/content.js";
import { formCycle } from "../../crawlers/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../crawlers/simulator/server.js";
import { govcnSite } from "../../crawlers/simulator/sites/govcn.js";
import { trsSite } from "../../crawlers/simulator/sites/trs.js";
import { sourceIdFor } from "../../crawlers/sources.js";
import { projectRoot } from "../../src/paths.js";
import {
  crawlTarget,
  FAST,
  frontierRows,
  requestCounts,
  storedDocumentUrls,
  stubParse,
  tempStore,
} from "./helpers.js";

const reports = makeReports("resume", 16, formCycle(["pdf", "text", "docx", "pdf"]));

async function startPortals(): Promise<Simulator> {
  return startSimulator({
    sites: [
      {
        label: "a",
        factory: (origin) =>
          trsSite("a", origin, {
            siteName: "续爬市",
            pageSize: 3,
            columns: [
              {
                path: "/xxgk/zfxxgknb/",
                name: "政府信息公开年报",
                ext: "html",
                pager: 2,
                reports: reports.slice(0, 8),
                news: 2,
              },
            ],
          }),
      },
      {
        label: "b",
        factory: (origin) =>
          govcnSite("b", origin, {
            siteName: "续爬部",
            columnPath: "/zfxxgkndbg/",
            reports: reports.slice(8),
            pageSize: 3,
          }),
      },
    ],
  });
}

function sourcesOf(sim: Simulator) {
  const taken = new Set<string>();
  return sim.sites.map((s) => {
    const id = sourceIdFor(s.entries[0]!, taken);
    taken.add(id);
    return { id, name: s.entries[0]!, entries: s.entries, allowedHosts: [] };
  });
}

describe("a crawl killed mid-way", () => {
  let sim: Simulator;
  const temp = tempStore();

  before(async () => {
    sim = await startPortals();
  });
  after(async () => {
    temp.cleanup();
    await sim.close();
  });

  test("resumes after SIGKILL and finishes without refetching what was done", async () => {
    temp.store.close();
    const args = [
      "--import",
      "tsx",
      "src/cli/bin.ts",
      "crawl",
      "--db",
      temp.path,
      "--delay",
      "40",
      "--json",
      "--contact",
      "tests@nianbao.invalid",
    ];
    for (const s of sim.sites) args.push("--url", s.entries[0]!);
    const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code, signal) => resolve(signal ? null : code)),
    );
    // Kill it once it has done a good part of the work, whatever it is doing at that instant.
    const deadline = Date.now() + 60_000;
    while (sim.log.length < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGKILL");
    assert.equal(
      await exited,
      null,
      `the child crawl ended on its own before the kill: ${stderr.slice(-500)}`,
    );
    const beforeResume = sim.log.length;
    assert.ok(beforeResume >= 12);

    const { openIngest } = await import("../../src/ingest/index.js");
    const store = openIngest(temp.path, { parse: stubParse });
    try {
      const result = await crawl(crawlTarget(store, temp.state), sourcesOf(sim), FAST);
      assert.equal(result.resumed, true, "the killed run was not resumed");
      assert.equal(result.stoppedBy, null);
      const expected = sim.expectedReports().flatMap((r) => r.documentUrls);
      const stored = storedDocumentUrls(store);
      assert.deepEqual(
        expected.filter((u) => !stored.has(u)),
        [],
      );
      // Only requests that were in flight at the kill (at most one per host, plus robots.txt, which
      // is read again by the new process) may be repeated.
      const repeated = [...requestCounts(sim.log)].filter(
        ([key, n]) => n > 1 && !key.endsWith("/robots.txt"),
      );
      assert.ok(repeated.length <= sim.sites.length, `refetched: ${repeated.map(([k]) => k).join(", ")}`);
      assert.ok(repeated.every(([, n]) => n === 2));
      assert.ok(frontierRows(store).every((r) => r.status !== "in_progress" && r.status !== "pending"));
    } finally {
      store.close();
    }
  });
});

describe("limits and the lock", () => {
  test("--max-requests stops a crawl resumably; the next run completes it", async () => {
    const sim = await startPortals();
    const temp = tempStore();
    try {
      const first = await crawl(temp.target, sourcesOf(sim), { ...FAST, maxRequests: 6 });
      assert.equal(first.stoppedBy, "max-requests");
      // Hosts already mid-item finish it (a page, plus robots.txt on a first visit): 2 hosts here.
      assert.ok(first.requests >= 6 && first.requests <= 6 + 2 * 2, `${first.requests} requests`);
      const second = await crawl(temp.target, sourcesOf(sim), FAST);
      assert.equal(second.resumed, true);
      assert.equal(second.stoppedBy, null);
      const stored = storedDocumentUrls(temp.store);
      assert.deepEqual(
        sim
          .expectedReports()
          .flatMap((r) => r.documentUrls)
          .filter((u) => !stored.has(u)),
        [],
      );
      const repeated = [...requestCounts(sim.log)].filter(
        ([key, n]) => n > 1 && !key.endsWith("/robots.txt"),
      );
      assert.deepEqual(repeated, []);
    } finally {
      temp.cleanup();
      await sim.close();
    }
  });

  test("a re-crawl of unchanged portals uses conditional requests and stores nothing new", async () => {
    const sim = await startPortals();
    const temp = tempStore();
    try {
      await crawl(temp.target, sourcesOf(sim), FAST);
      const again = await crawl(temp.target, sourcesOf(sim), FAST);
      assert.equal(again.resumed, false);
      const s = again.summary.reduce(
        (acc, x) => ({ n: acc.n + x.reportsNew + x.reportsUpdated, u: acc.u + x.reportsUnchanged }),
        { n: 0, u: 0 },
      );
      assert.equal(s.n, 0);
      assert.equal(s.u, sim.expectedReports().flatMap((r) => r.documentUrls).length);
      assert.ok(sim.log.filter((e) => e.status === 304).length > 0, "no 304: validators were not sent");
    } finally {
      temp.cleanup();
      await sim.close();
    }
  });

  test("a second crawl on a locked store is refused; a dead owner's lock is taken over", async () => {
    const temp = tempStore();
    try {
      const lock = acquireCrawlLock(temp.state.db);
      await assert.rejects(crawl(temp.target, [], FAST), CrawlLockedError);
      lock.release();
      // A lock left by a process that no longer exists (pid far above any live one).
      temp.state.db
        .prepare(
          "INSERT INTO crawl_lock (id, pid, hostname, acquired_at, heartbeat_at) VALUES (1, ?, ?, ?, ?)",
        )
        .run(2 ** 22 + 17, (await import("node:os")).hostname(), new Date().toISOString(), Date.now());
      const result = await crawl(temp.target, [], FAST);
      assert.equal(result.stoppedBy, null);
    } finally {
      temp.cleanup();
    }
  });
});
