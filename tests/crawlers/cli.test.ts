// The commands as a user runs them: `sources add URL` recognises the family from the page alone,
// `crawl` logs JSON lines when not on a terminal and returns the documented exit codes.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { makeReports } from "../../crawlers/simulator/content.js";
import { startSimulator, type Simulator } from "../../crawlers/simulator/server.js";
import { hanwebSite } from "../../crawlers/simulator/sites/hanweb.js";
import { trsSite } from "../../crawlers/simulator/sites/trs.js";
import { EXIT } from "../../src/cli/exit-codes.js";
import { runCli } from "../cli/run.js";

/** `nianbao ARGS` in-process, through main(argv). */
function nianbao(args: string[]) {
  return runCli(args);
}

let sim: Simulator;
let dir: string;

before(async () => {
  const reports = makeReports("cli", 4, () => "pdf");
  sim = await startSimulator({
    sites: [
      {
        label: "hanweb",
        factory: (origin) =>
          hanwebSite("hanweb", origin, {
            siteName: "命令区",
            columnId: 3001,
            unitId: 9,
            reports: reports.slice(0, 2),
            news: 1,
          }),
      },
      {
        label: "trs",
        factory: (origin) =>
          trsSite("trs", origin, {
            siteName: "命令市",
            columns: [
              {
                path: "/xxgk/xxgknb/",
                name: "信息公开年报",
                ext: "htm",
                pager: 2,
                reports: reports.slice(2),
                news: 1,
              },
            ],
          }),
      },
    ],
  });
  dir = mkdtempSync(join(tmpdir(), "nianbao-cli-"));
});

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await sim.close();
});

describe("nianbao sources add", () => {
  test("registers a column by its URL alone, with the family read from the page", async () => {
    const file = join(dir, "sources.json");
    for (const label of ["hanweb", "trs"]) {
      const { code, stderr } = await nianbao([
        "sources",
        "add",
        sim.sites.find((s) => s.label === label)!.entries[0]!,
        "--file",
        file,
        "--contact",
        "tests@nianbao.invalid",
      ]);
      assert.equal(code, 0, stderr);
    }
    const registry = JSON.parse(readFileSync(file, "utf8"));
    assert.deepEqual(
      registry.sources.map((s: { family: string }) => s.family),
      ["hanweb", "trs"],
    );
    assert.ok(registry.sources.every((s: { verified: boolean }) => s.verified === false));
    const again = await nianbao(["sources", "add", registry.sources[0].entries[0], "--file", file]);
    assert.equal(again.code, EXIT.USAGE);
  });
});

describe("nianbao sources check", () => {
  test("fetches each entry page once: reachable with its family, refused as network; --write verifies", async () => {
    const file = join(dir, "check.json");
    const closed = await closedPort();
    const entries = {
      hanweb: sim.sites.find((s) => s.label === "hanweb")!.entries[0]!,
      trs: sim.sites.find((s) => s.label === "trs")!.entries[0]!,
      closed: `http://127.0.0.1:${closed}/zfxxgknb/`,
    };
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        sources: Object.entries(entries).map(([id, url]) => ({ id, name: id, entries: [url] })),
      }),
    );
    const before = sim.log.length;
    const run = await nianbao([
      "sources",
      "check",
      "--file",
      file,
      "--delay",
      "20",
      "--timeout",
      "5",
      "--contact",
      "tests@nianbao.invalid",
      "--write",
    ]);
    assert.equal(run.code, EXIT.PARTIAL, run.stderr);
    const lines = new Map(
      run.stdout
        .trim()
        .split("\n")
        .map((l) => [l.split("\t")[0], l]),
    );
    assert.match(lines.get("hanweb")!, /reachable \(HTTP 200\), family hanweb/);
    assert.match(lines.get("trs")!, /reachable \(HTTP 200\), family trs .*[1-9]\d* report links/);
    assert.match(lines.get("closed")!, /unreachable: network: refused/);
    // robots.txt and the entry page, nothing else (no pager page, no API call).
    const paths = sim.log.slice(before).map((e) => e.path);
    assert.deepEqual(
      paths.filter((p) => p !== "/robots.txt").sort(),
      [new URL(entries.hanweb).pathname, new URL(entries.trs).pathname].sort(),
    );
    const registry = JSON.parse(readFileSync(file, "utf8"));
    const byId = new Map(registry.sources.map((s: { id: string }) => [s.id, s]));
    assert.equal((byId.get("trs") as { verified: boolean }).verified, true);
    assert.match((byId.get("trs") as { verifiedOn: string }).verifiedOn, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal((byId.get("closed") as { verified: boolean }).verified, false);
    assert.equal((byId.get("closed") as { verifiedOn: string | null }).verifiedOn, null);
  });
});

/** A local port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("nianbao crawl", () => {
  test("--max-requests stops with EXIT.LIMIT and JSON log lines; the next run finishes with EXIT.OK", async () => {
    const db = join(dir, "crawl.db");
    const urls = sim.sites.flatMap((s) => ["--url", s.entries[0]!]);
    const common = ["crawl", "--db", db, "--delay", "20", "--contact", "tests@nianbao.invalid", ...urls];
    const first = await nianbao([...common, "--max-requests", "3"]);
    assert.equal(first.code, EXIT.LIMIT, first.stderr);
    const lines = first.stderr
      .trim()
      .split("\n")
      .filter((l) => l.startsWith("{"));
    assert.ok(lines.length >= 2);
    for (const line of lines) assert.ok(typeof JSON.parse(line).type === "string");
    assert.match(first.stdout, /stopped by max-requests/);

    const second = await nianbao([...common, "--json"]);
    // PDFs the parser cannot read count as failures worth a look: EXIT.PARTIAL, not OK.
    assert.ok(second.code === EXIT.OK || second.code === EXIT.PARTIAL, second.stderr.slice(-400));
    const summary = JSON.parse(second.stdout);
    assert.equal(summary.resumed, true);
    assert.equal(summary.stoppedBy, null);
    // Coverage for the report years the crawl's sources hold (none here: the stand-in PDFs name no
    // agency); tests/coverage/province.test.ts asserts the verdicts.
    assert.deepEqual(summary.coverage, { years: [], text: "" });
  });
});
