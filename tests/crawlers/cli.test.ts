// The commands as a user runs them: `sources add URL` recognises the family from the page alone,
// `crawl` logs JSON lines when not on a terminal and returns the documented exit codes.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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
  });
});
