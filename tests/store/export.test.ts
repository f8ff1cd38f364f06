import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { parse as parseCsv } from "csv-parse/sync";
import { join } from "node:path";
import { Writable } from "node:stream";
import { exportReports, regionCodePrefix, type ExportOptions } from "../../src/store/export.js";
import { openIngest, type StoreIngest } from "../../src/ingest/index.js";
import { METRICS } from "../../src/model/metrics.js";
import { documentBytes, fixtureResult, parseFixture, tempDir, type FixtureName } from "./helpers/fixtures.js";

let store: StoreIngest;
let cleanup: () => void;

before(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  store = openIngest(join(temp.dir, "nianbao.db"), { parse: parseFixture });
  for (const name of ["wolong-2023", "nanyang-2023", "hongze-2023", "hongze-2024"] as FixtureName[])
    await store.ingestDocument({
      bytes: documentBytes(fixtureResult(name)),
      path: `${name}.txt`,
      ...(name === "hongze-2023"
        ? {
            url: "http://www.hongze.gov.cn/2023nb.html",
            publishedOn: "2024-01-20",
            publishedSource: "page",
          }
        : {}),
    });
});

test("research columns: agency id, province and city, source URL and publication date", async () => {
  const records = parseCsv((await exportText({ format: "csv", form: "wide", lang: "en" })).text, {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
  const hongze = records.find((r) => r.agency === "淮安市洪泽区人民政府" && r.year === "2023")!;
  assert.deepEqual(
    [hongze.province, hongze.city, hongze.source_url, hongze.published_on],
    ["江苏省", "淮安市", "http://www.hongze.gov.cn/2023nb.html", "2024-01-20"],
  );
  assert.match(hongze.agency_id!, /^\d+$/);
  const wolong = records.find((r) => r.agency === "南阳市卧龙区商务局")!;
  assert.deepEqual([wolong.province, wolong.city, wolong.source_url], ["河南省", "南阳市", ""]);
  // The views carry them too, and agency_id tells apart what a name would merge.
  const view = store.db
    .prepare(
      "SELECT agency_id, province, city, url, published_on FROM report_overview WHERE agency = ? AND year = 2023",
    )
    .get("淮安市洪泽区人民政府");
  assert.deepEqual(view, {
    agency_id: Number(hongze.agency_id),
    province: "江苏省",
    city: "淮安市",
    url: "http://www.hongze.gov.cn/2023nb.html",
    published_on: "2024-01-20",
  });
});

after(() => {
  store.close();
  cleanup();
});

async function exportText(options: ExportOptions): Promise<{ text: string; rows: number }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 1024, // small, so backpressure is exercised
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      setImmediate(done);
    },
  });
  const { rows } = await exportReports(store.db, options, sink);
  return { text: Buffer.concat(chunks).toString("utf8"), rows };
}

const storedFigures = (): Map<string, number> =>
  new Map(
    (
      store.db
        .prepare(
          "SELECT f.report_id, f.metric, f.value FROM figures f JOIN reports r ON r.id = f.report_id WHERE r.is_current = 1",
        )
        .all() as { report_id: number; metric: string; value: number }[]
    ).map((r) => [`${r.report_id}|${r.metric}`, r.value]),
  );

test("long CSV (Chinese headers, BOM) parses back to exactly the stored figures", async () => {
  const { text, rows } = await exportText({ format: "csv", form: "long", lang: "zh" });
  assert.ok(text.startsWith("\uFEFF"), "UTF-8 BOM for Excel");
  const records = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
  assert.equal(records.length, rows);
  assert.ok(Object.keys(records[0]!).includes("指标名称"));
  const expected = storedFigures();
  assert.equal(records.length, expected.size);
  for (const record of records) {
    assert.equal(Number(record["数值"]), expected.get(`${record["报告编号"]}|${record["指标代码"]}`));
  }
  const fees = records.find((r) => r["指标代码"] === "t2.fees.amount" && r["年度"] === "2023")!;
  assert.deepEqual(
    [fees["机构"], fees["行政区划代码"], fees["数值"], fees["单位"], fees["原文"], fees["页码"]],
    ["淮安市洪泽区人民政府", "320813", "7730.28", "万元", "7730.28", "2"],
  );
});

test("wide CSV (English headers) has one row per report and round-trips every value", async () => {
  const { text, rows } = await exportText({ format: "csv", form: "wide", lang: "en", bom: false });
  assert.ok(!text.startsWith("\uFEFF"));
  const records = parseCsv(text, { columns: true }) as Record<string, string>[];
  assert.equal(rows, 4);
  assert.equal(records.length, 4);
  const header = Object.keys(records[0]!);
  assert.deepEqual(header.slice(0, 4), ["report_id", "agency_id", "agency", "agency_as_printed"]);
  assert.deepEqual(
    header.filter((h) => /^t[234]\./.test(h)),
    METRICS.map((m) => m.code),
  );
  const expected = storedFigures();
  let compared = 0;
  for (const record of records) {
    for (const m of METRICS) {
      const stored = expected.get(`${record.report_id}|${m.code}`);
      if (stored === undefined) assert.equal(record[m.code], "", `${m.code} absent stays empty`);
      else {
        assert.equal(Number(record[m.code]), stored);
        compared += 1;
      }
    }
  }
  assert.equal(compared, expected.size);
});

test("filters: region code prefix or name, agency alias, years, metric globs", async () => {
  const agenciesOf = async (options: ExportOptions) =>
    (
      parseCsv((await exportText({ ...options, form: "wide", lang: "en" })).text, {
        bom: true,
        columns: true,
      }) as Record<string, string>[]
    )
      .map((r) => `${r.agency} ${r.year}`)
      .sort();
  assert.deepEqual(await agenciesOf({ region: "411300" }), [
    "南阳市卧龙区商务局 2023",
    "南阳市招商投资促进局 2023",
  ]);
  assert.deepEqual(await agenciesOf({ region: "江苏" }), [
    "淮安市洪泽区人民政府 2023",
    "淮安市洪泽区人民政府 2024",
  ]);
  assert.deepEqual(await agenciesOf({ agency: "洪泽区人民政府", years: [2024] }), [
    "淮安市洪泽区人民政府 2024",
  ]);
  const t4 = parseCsv((await exportText({ form: "long", lang: "en", metrics: ["t4.review.*"] })).text, {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
  assert.equal(t4.length, 4 * 5);
  assert.ok(t4.every((r) => r.metric!.startsWith("t4.review.")));
  await assert.rejects(exportText({ metrics: ["t9.*"] }), /no metric code matches/);
});

test("JSON Lines: long rows are figures, wide rows nest the values by code", async () => {
  const long = (await exportText({ format: "jsonl", form: "long", metrics: ["t3.new.total"] })).text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { metric: string; value: number; agency: string });
  assert.equal(long.length, 4);
  assert.ok(long.every((r) => r.metric === "t3.new.total"));
  const wide = (await exportText({ format: "jsonl", form: "wide", years: [2024] })).text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { agency: string; values: Record<string, number> });
  assert.equal(wide.length, 1);
  assert.equal(wide[0]!.values["t3.new.total"], 95);
  assert.equal(wide[0]!.values["t2.normative.in_force"], 8);
});

test("a region code selects the region and everything under it", () => {
  assert.equal(regionCodePrefix("410000"), "41");
  assert.equal(regionCodePrefix("411300"), "4113");
  assert.equal(regionCodePrefix("411303"), "411303");
  assert.equal(regionCodePrefix("411325100"), "411325100");
  assert.equal(regionCodePrefix("4113"), "4113");
});
