// Coverage and timeliness on a simulated province portal (issue 10): a directory of the city's bodies
// (crawlers/simulator/sites/plain.ts), bodies publishing on time, late, never, one editing its report
// later, one whose report page fails; plus a user's list naming a body the portal does not list.
// Asserts what `computeCoverage` returns, what the `coverage` table and `report_versions` view hold.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Database } from "better-sqlite3";
import { crawl, type CrawlResult } from "../../crawlers/crawler.js";
import { bodyReport } from "../../crawlers/simulator/content.js";
import { startSimulator, type Simulator } from "../../crawlers/simulator/server.js";
import { plainSite, type PlainBody } from "../../crawlers/simulator/sites/plain.js";
import {
  computeCoverage,
  openCoverage,
  readExpectedList,
  writeCoverage,
  type CoverageRow,
} from "../../src/coverage/index.js";
import { parseDocument } from "../../parsers/index.js";
import { runCli } from "../cli/run.js";
import { FAST, tempStore, type TempStore } from "../crawlers/helpers.js";

const city = (organ: string, kind: "department" | "city" = "department") => ({
  name: `莆田市${organ}`,
  kind,
  province: "福建省",
  city: "莆田市",
  shortName: kind === "city" ? "市政府办公室" : `市${organ}`,
});

const BODIES: PlainBody[] = [
  {
    name: "莆田市商务局",
    code: "sw",
    reports: [
      { report: bodyReport("sw22", city("商务局"), 2022), published: "2023-01-20" },
      { report: bodyReport("sw23", city("商务局"), 2023), published: "2024-01-25" },
    ],
    news: 2,
  },
  {
    name: "莆田市教育局",
    code: "jy",
    reports: [
      { report: bodyReport("jy22", city("教育局"), 2022), published: "2023-01-10" },
      { report: bodyReport("jy23", city("教育局"), 2023), published: "2024-03-02" },
    ],
  },
  {
    name: "莆田市人民政府",
    code: "zf",
    reports: [
      { report: bodyReport("zf22", city("人民政府", "city"), 2022), published: "2023-04-10" },
      { report: bodyReport("zf23", city("人民政府", "city"), 2023), published: "2024-03-20" },
    ],
  },
  {
    name: "莆田市财政局",
    code: "cz",
    reports: [{ report: bodyReport("cz22", city("财政局"), 2022), published: "2023-01-15" }],
  },
  // Listed by the directory under its short name; never published.
  { name: "市民政局", code: "mz", reports: [], news: 1 },
  {
    name: "莆田市审计局",
    code: "sj",
    reports: [
      { report: bodyReport("sj23", city("审计局"), 2023), published: "2024-01-15" },
      {
        report: bodyReport("sj23", city("审计局"), 2023),
        published: "2024-05-06",
        revisionOf: "sj23",
      },
    ],
  },
  {
    name: "莆田市司法局",
    code: "sf",
    reports: [
      { report: bodyReport("sf22", city("司法局"), 2022), published: "2023-01-12" },
      { report: bodyReport("sf23", city("司法局"), 2023), published: "2024-01-12", broken: true },
    ],
  },
];

let sim: Simulator;
let temp: TempStore;
let coverage: Database;
let result: CrawlResult;
let rows: CoverageRow[];

before(async () => {
  sim = await startSimulator({
    sites: [
      {
        label: "province",
        factory: (origin) => plainSite("province", origin, { siteName: "莆田市", bodies: BODIES }),
      },
    ],
  });
  // The real parser: coverage needs each report's agency and year as the document prints them.
  temp = tempStore(parseDocument);
  result = await crawl(
    temp.target,
    [
      {
        id: "putian",
        name: "莆田市 部门信息公开",
        entries: sim.sites[0]!.entries,
        allowedHosts: [],
        region: "福建省莆田市",
      },
    ],
    { ...FAST, minDelayMs: 5, maxDelayMs: 20 },
  );
  coverage = openCoverage(temp.path);
  const list = join(temp.dir, "expected.csv");
  // A user's list: a county the portal does not list (by region code), and a body by name for 2023.
  writeFileSync(list, "agency,region_code,year\n,350302,\n莆田市商务局,,2023\n");
  rows = computeCoverage(coverage, {
    years: [2022, 2023],
    asOf: "2024-12-01",
    expected: readExpectedList(list),
    sourceRegions: new Map([["putian", "福建省莆田市"]]),
  });
  writeCoverage(coverage, rows, { years: [2022, 2023], asOf: "2024-12-01" });
});

after(async () => {
  coverage?.close();
  temp?.cleanup();
  await sim?.close();
});

function row(agency: string, year: number): CoverageRow {
  const found = rows.find((r) => r.agency === agency && r.year === year);
  assert.ok(
    found,
    `no coverage row for ${agency} ${year}: ${rows.map((r) => `${r.agency} ${r.year}`).join(", ")}`,
  );
  return found;
}

describe("coverage and timeliness on a simulated province", () => {
  test("the crawl stored every report the portal serves", () => {
    assert.equal(result.summary[0]!.items.failed, 1, "the broken report page");
    const years = coverage
      .prepare("SELECT agency || ' ' || year FROM report_versions ORDER BY 1")
      .pluck()
      .all() as string[];
    assert.equal(years.length, 10, years.join(", "));
  });

  test("on time, late, and the government's later deadline", () => {
    assert.deepEqual(
      [row("莆田市商务局", 2023).status, row("莆田市商务局", 2023).publishedOn],
      ["published", "2024-01-25"],
    );
    assert.equal(row("莆田市商务局", 2023).publishedSource, "page");
    assert.equal(row("莆田市教育局", 2023).status, "late", "a department after 31 January");
    assert.equal(row("莆田市教育局", 2023).deadline, "2024-01-31");
    assert.equal(row("莆田市人民政府", 2023).status, "published", "a government by 31 March");
    assert.equal(row("莆田市人民政府", 2023).deadline, "2024-03-31");
    assert.equal(row("莆田市人民政府", 2022).status, "late");
  });

  test("never published: missing, with why the body is expected", () => {
    const cz = row("莆田市财政局", 2023);
    assert.equal(cz.status, "missing");
    assert.match(cz.evidence, /published for 2022 \(store\)/);
    assert.match(cz.evidence, /listed in http:\/\/[^ ]+\/bmxxgk\//);
    // The directory's short name 市民政局, placed under the source's region.
    for (const year of [2022, 2023]) {
      const mz = row("莆田市民政局", year);
      assert.equal(mz.status, "missing");
      assert.equal(mz.regionCode, "350300");
    }
  });

  test("a report page the crawl failed on is failed, not missing", () => {
    const sf = row("莆田市司法局", 2023);
    assert.equal(sf.status, "failed");
    assert.match(sf.evidence, /crawl failed: .*404/);
    assert.equal(row("莆田市司法局", 2022).status, "published");
  });

  test("a report edited later lists both versions; timeliness is the first's", () => {
    const sj = row("莆田市审计局", 2023);
    assert.equal(sj.status, "published");
    assert.equal(sj.publishedOn, "2024-01-15");
    assert.equal(sj.versions, "2024-01-15 page; 2024-05-06 page");
    assert.equal(row("莆田市审计局", 2022).status, "missing", "listed, published the year after");
  });

  test("a user's list adds bodies the portal does not list", () => {
    const county = row("莆田市城厢区人民政府", 2023);
    assert.equal(county.status, "missing");
    assert.match(county.evidence, /list expected\.csv line 2/);
    assert.match(row("莆田市商务局", 2023).evidence, /list expected\.csv line 3/);
    assert.doesNotMatch(row("莆田市商务局", 2022).evidence, /expected\.csv/);
  });

  test("the coverage table holds the same verdicts; the region filter narrows them", () => {
    const stored = coverage
      .prepare("SELECT agency, year, status FROM coverage ORDER BY year, agency")
      .all() as { agency: string; year: number; status: string }[];
    assert.deepEqual(
      stored,
      [...rows]
        .sort((a, b) => a.year - b.year || (a.agency < b.agency ? -1 : 1))
        .map((r) => ({ agency: r.agency, year: r.year, status: r.status })),
    );
    const county = computeCoverage(coverage, {
      years: [2023],
      region: "350302",
      asOf: "2024-12-01",
      expected: readExpectedList(join(temp.dir, "expected.csv")),
    });
    assert.deepEqual(
      county.map((r) => r.agency),
      ["莆田市城厢区人民政府"],
    );
  });

  test("before the deadline a body is not yet due", () => {
    const early = computeCoverage(coverage, { years: [2023], asOf: "2024-01-20" });
    assert.equal(early.find((r) => r.agency === "莆田市财政局")!.status, "not_due");
  });

  test("`nianbao coverage --format csv` prints the same verdicts with their evidence", async () => {
    const registry = join(temp.dir, "sources.json");
    writeFileSync(
      registry,
      JSON.stringify({
        version: 1,
        sources: [{ id: "putian", name: "莆田市", region: "福建省莆田市", entries: sim.sites[0]!.entries }],
      }),
    );
    const run = await runCli([
      "coverage",
      "--db",
      temp.path,
      "--year",
      "2023",
      "--region",
      "350300",
      "--as-of",
      "2024-12-01",
      "--sources",
      registry,
      "--format",
      "csv",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split("\n");
    assert.equal(
      lines[0],
      "agency,region_code,year,status,published_on,published_source,deadline,versions,evidence",
    );
    const byAgency = new Map(lines.slice(1).map((l) => [l.split(",")[0], l.split(",")]));
    assert.deepEqual(byAgency.get("莆田市教育局")!.slice(1, 7), [
      "350300",
      "2023",
      "late",
      "2024-03-02",
      "page",
      "2024-01-31",
    ]);
    assert.equal(byAgency.get("莆田市民政局")![3], "missing");
    assert.equal(byAgency.get("莆田市司法局")![3], "failed");
    assert.equal(byAgency.get("莆田市审计局")![7], "2024-01-15 page; 2024-05-06 page");
    assert.equal(lines.length - 1, 7, "the seven bodies of the directory, nothing outside 350300");
  });
});
