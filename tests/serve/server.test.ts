// `nianbao serve` at the HTTP level (no browser): status codes, security headers, escaping of
// hostile document text, downloads read back, malformed requests, and that the store is never
// written. The store is a small real one (synthetic reports through the real parser).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { CSP } from "../../src/serve/app.js";
import { startServer, type RunningServer } from "../../src/serve/server.js";
import { buildFixtureStore, type FixtureReport } from "./fixture-store.js";

const dir = mkdtempSync(join(tmpdir(), "nianbao-serve-"));
const dbPath = join(dir, "nianbao.db");
let server: RunningServer;
let reports: FixtureReport[];
let dbHash: string;

const hashOf = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const get = (path: string, init?: RequestInit) =>
  fetch(new URL(path, server.url), { redirect: "manual", ...init });

before(async () => {
  reports = await buildFixtureStore(dbPath, { bodies: 3, from: 2021, to: 2023 });
  dbHash = hashOf(dbPath);
  server = await startServer({ db: dbPath, port: 0 });
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends raw bytes and returns whatever the server answers (or "" if it just closes). */
function rawRequest(bytes: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.setTimeout(3000, () => socket.destroy());
    socket.end(bytes);
  });
}

describe("pages", () => {
  it("serves the home page with a CSP that forbids inline script", async () => {
    const response = await get("/");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-security-policy"), CSP);
    assert.match(CSP, /script-src 'self'(;|$)/);
    assert.doesNotMatch(CSP, /script-src[^;]*unsafe-inline/);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    const text = await response.text();
    assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline <script> element");
    assert.doesNotMatch(text, /\son[a-z]+=/i, "no inline event handler");
    assert.doesNotMatch(text, /https?:\/\/(?!www\.example\.gov\.cn)/, "no off-site resource");
  });

  it("finds a body by part of its name and lists its reports", async () => {
    const agency = reports[0]!.agency;
    const text = await (await get(`/search?q=${encodeURIComponent(agency.slice(-6))}`)).text();
    assert.ok(text.includes(`>${agency}</a>`), `search result for ${agency}`);
  });

  it("finds a body by the pinyin initials of its name", async () => {
    const { pinyin } = await import("pinyin-pro");
    const agency = reports[0]!.agency;
    const initials = pinyin(agency, { pattern: "first", toneType: "none", type: "array" })
      .join("")
      .toLowerCase();
    const text = await (await get(`/search?q=${initials.slice(0, 5)}`)).text();
    assert.ok(text.includes(`>${agency}</a>`), `${initials.slice(0, 5)} finds ${agency}`);
    const none = await (await get("/search?q=qqqqxq")).text();
    assert.ok(!none.includes(`>${agency}</a>`));
  });

  it("shows every figure of a report in its template cell", async () => {
    const report = reports.find((r) => !r.hostile && Object.keys(r.values).length > 150)!;
    const text = await (await get(`/reports/${report.reportId}`)).text();
    for (const [code, value] of Object.entries(report.values)) {
      if (
        code.startsWith("t3.other.") &&
        code.split(".").length === 3 &&
        "t3.other.no_fee.total" in report.values
      )
        continue; // the 2021 layout prints (六) as its three items, not the stored sum
      assert.ok(text.includes(`data-code="${code}"`), `cell for ${code}`);
      assert.match(text, new RegExp(`data-code="${code.replace(/\./g, "\\.")}"[^>]*data-value="${value}"`));
    }
  });

  it("renders a hostile title as text", async () => {
    const hostile = reports.find((r) => r.hostile)!;
    const text = await (await get(`/reports/${hostile.reportId}`)).text();
    assert.ok(!text.includes("<script>window.__pwned"));
    assert.ok(!text.includes("<img src=x onerror"));
    assert.ok(text.includes("&lt;script&gt;window.__pwned = 1&lt;/script&gt;"));
  });

  it("answers 404 for unknown reports, bodies, files and paths outside the asset map", async () => {
    for (const path of [
      "/reports/999999",
      "/reports/abc",
      "/reports/1.exe",
      "/bodies/0",
      "/assets/../package.json",
      "/assets/%2e%2e%2fpackage.json",
      "/assets/..%2F..%2Fpackage.json",
      "/assets/app.js%00",
      "/nowhere",
    ]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      const body = await response.text();
      assert.ok(!body.includes('"name": "nianbao"'), `${path} does not leak files`);
    }
    const js = await get("/assets/app.js");
    assert.equal(js.status, 200);
    assert.match(js.headers.get("content-type") ?? "", /javascript/);
    const echarts = await get("/assets/echarts.min.js");
    assert.equal(echarts.status, 200);
    assert.ok((await echarts.arrayBuffer()).byteLength > 500_000);
  });

  it("ranks bodies by a metric and refuses an unknown one", async () => {
    const year = 2023;
    const response = await get(`/rank.csv?metric=t3.new.total&year=${year}`);
    assert.equal(response.status, 200);
    const rows = parseCsv(
      Buffer.from(await response.arrayBuffer())
        .subarray(3)
        .toString("utf8"),
      { columns: true },
    ) as Record<string, string>[];
    const expected = reports
      .filter((r) => r.year === year && r.values["t3.new.total"] !== undefined)
      .map((r) => r.values["t3.new.total"]!)
      .sort((a, b) => b - a);
    assert.deepEqual(
      rows
        .filter((row) => row["名次"] !== "")
        .map((row) => Number(row["一、本年新收政府信息公开申请数量/总计"])),
      expected,
    );
    assert.equal((await get("/rank?metric=t9.bogus")).status, 400);
    assert.equal((await get("/rank?metric=granted_share&year=1066")).status, 200);
  });

  it("leaves bodies with a small base out of a rate's ranking when asked", async () => {
    const read = async (path: string) =>
      parseCsv(
        Buffer.from(await (await get(path)).arrayBuffer())
          .subarray(3)
          .toString("utf8"),
        {
          columns: true,
        },
      ) as Record<string, string>[];
    // Rank by the share of applications from legal persons (its base: new applications), in the fixture's
    // year with the most bodies that have a base.
    let year = 0;
    let all: Record<string, string>[] = [];
    for (const y of [2021, 2022, 2023]) {
      const rows = await read(`/rank.csv?metric=legal_share&year=${y}`);
      if (
        rows.filter((row) => Number(row["分母"]) > 0).length >
        all.filter((row) => Number(row["分母"]) > 0).length
      )
        [year, all] = [y, rows];
    }
    const bases = all.map((row) => Number(row["分母"])).filter((n) => n > 0);
    const min = Math.max(...bases);
    assert.ok(
      bases.some((n) => n < min),
      "the fixture has bodies of different sizes",
    );
    const kept = await read(`/rank.csv?metric=legal_share&year=${year}&min=${min}`);
    assert.ok(kept.length > 0 && kept.length < all.length);
    for (const row of kept) assert.ok(Number(row["分母"]) >= min);
    const text = await (await get(`/rank?metric=legal_share&year=${year}&min=${min}`)).text();
    assert.match(text, new RegExp(`${all.length - kept.length} 个机构分母小于 ${min}，未列入`));
  });

  it("compares bodies over the years", async () => {
    const text = await (await get("/compare?id=1&id=2&metric=reviews_per_100")).text();
    assert.match(text, /id="compare-table"/);
    const names = [...new Set(reports.map((r) => r.agency))].slice(0, 2);
    for (const name of names) assert.ok(text.includes(`<th scope="row">${name}</th>`), name);
  });
});

describe("how each figure is known", () => {
  // The recognizer's second witnesses (figures.known, identities_*, prose): shown in the popup's data
  // and the downloads when the store has them. A copy of the store gets them (or new values) here,
  // so the test holds whether or not the store's schema already carries the columns.
  it("shows a figure's witnesses and OCR origin in words and marks a reconstructed figure", async () => {
    const report = reports.find((r) => !r.hostile && r.values["t3.new.total"] !== undefined)!;
    const copy = join(dir, "witnesses.db");
    const source = new Database(dbPath, { readonly: true });
    await source.backup(copy);
    source.close();
    const db = new Database(copy);
    const columns = db.prepare("SELECT name FROM pragma_table_info('figures')").pluck().all() as string[];
    for (const column of ["known", "identities_hold", "identities_fail", "identities_unchecked", "prose"])
      if (!columns.includes(column)) db.exec(`ALTER TABLE figures ADD COLUMN ${column} TEXT`);
    const set = db.prepare(
      `UPDATE figures SET known = ?, identities_hold = ?, identities_fail = NULL, identities_unchecked = ?,
         prose = ? WHERE report_id = ? AND metric = ?`,
    );
    const reportColumns = db
      .prepare("SELECT name FROM pragma_table_info('reports')")
      .pluck()
      .all() as string[];
    if (!columns.includes("ocr_confidence"))
      db.exec(
        "ALTER TABLE figures ADD COLUMN ocr_confidence INTEGER; ALTER TABLE figures ADD COLUMN ocr_first_reading TEXT",
      );
    if (!reportColumns.includes("ocr_figures"))
      db.exec(
        "ALTER TABLE reports ADD COLUMN ocr_figures INTEGER; ALTER TABLE reports ADD COLUMN ocr_left_out INTEGER",
      );
    db.prepare("UPDATE reports SET ocr_figures = 180, ocr_left_out = 3 WHERE id = ?").run(report.reportId);
    db.prepare(
      "UPDATE figures SET ocr_confidence = 87, ocr_first_reading = '1O5' WHERE report_id = ? AND metric = 't3.new.natural'",
    ).run(report.reportId);
    set.run(
      "confirmed",
      "identity.t3.balance,identity.t3.row_total",
      null,
      "agrees",
      report.reportId,
      "t3.new.total",
    );
    set.run(
      "reconstructed",
      "identity.t3.outcomes",
      "identity.t9.future",
      null,
      report.reportId,
      "t3.granted.total",
    );
    db.close();
    const other = await startServer({ db: copy, port: 0 });
    try {
      const page = await (await fetch(new URL(`/reports/${report.reportId}`, other.url))).text();
      const cell = (code: string) =>
        new RegExp(`<td[^>]*data-code="${code.replace(/\./g, "\\.")}"[^>]*>`).exec(page)?.[0] ?? "";
      assert.match(cell("t3.new.total"), /data-known="已印证：/);
      assert.match(
        cell("t3.new.total"),
        /data-holds="本年新收＋上年结转＝办理结果总计＋结转下年度；各类申请人之和＝总计"/,
      );
      assert.match(cell("t3.new.total"), /data-prose="正文所述一致"/);
      assert.match(cell("t3.granted.total"), /class="[^"]*known-reconstructed/);
      // An identity this version does not know is shown by its code, not dropped.
      assert.match(cell("t3.granted.total"), /data-unchecked="identity\.t9\.future"/);
      assert.match(page, /斜体：经勾稽关系还原或取自正文/);
      // Read by OCR from a scan: the cell says so, and the report says how many.
      assert.match(cell("t3.new.natural"), /class="[^"]*\bocr\b/);
      assert.match(cell("t3.new.natural"), /data-ocr="扫描件 OCR 识别，置信度 87\/100；引擎首次读作“1O5”/);
      assert.match(page, /扫描件：OCR 识别 180 个数字，另有 3 个未能印证而未列入/);
      const english = await (await fetch(new URL(`/reports/${report.reportId}?lang=en`, other.url))).text();
      assert.match(english, /data-known="confirmed: an identity over it holds/);

      const csv = Buffer.from(
        await (await fetch(new URL(`/reports/${report.reportId}.csv`, other.url))).arrayBuffer(),
      );
      const rows = parseCsv(csv.subarray(3).toString("utf8"), { columns: true }) as Record<string, string>[];
      const row = rows.find((r) => r["指标代码"] === "t3.new.total")!;
      assert.equal(row["如何得知"], "confirmed");
      assert.equal(row["成立的勾稽关系"], "identity.t3.balance,identity.t3.row_total");
    } finally {
      await other.close();
    }
  });
});

describe("missing figures", () => {
  it("say why (no such column, no such table, or not determined); rates sum a missing total column", async () => {
    const report = reports.find((r) => !r.hostile && r.values["t3.new.total"] !== undefined)!;
    const copy = join(dir, "missing.db");
    const source = new Database(dbPath, { readonly: true });
    await source.backup(copy);
    source.close();
    const db = new Database(copy);
    db.prepare("DELETE FROM figures WHERE report_id = ? AND metric LIKE 't3.%.total'").run(report.reportId);
    db.prepare("DELETE FROM figures WHERE report_id = ? AND metric LIKE 't4.%'").run(report.reportId);
    db.prepare("DELETE FROM figures WHERE report_id = ? AND metric = 't3.new.natural'").run(report.reportId);
    db.close();
    const other = await startServer({ db: copy, port: 0 });
    try {
      const page = await (await fetch(new URL(`/reports/${report.reportId}`, other.url))).text();
      const missing = (code: string) =>
        new RegExp(`data-code="${code.replace(/\./g, "\\.")}"[^>]*data-missing="([^"]*)"`).exec(page)?.[1];
      assert.match(missing("t3.granted.total") ?? "", /未读到此列的任何数字/);
      assert.match(missing("t4.review.total") ?? "", /未读到此表的任何数字/);
      assert.match(missing("t3.new.natural") ?? "", /文件中没有确定的数值/);

      // Rates still use such a report: each 总计 it needs is the sum of the six printed columns
      // (marked Σ), never when a column is missing too (t3.new.natural here).
      const rank = async (metric: string) =>
        (
          parseCsv(
            Buffer.from(
              await (
                await fetch(new URL(`/rank.csv?metric=${metric}&year=${report.year}`, other.url))
              ).arrayBuffer(),
            )
              .subarray(3)
              .toString("utf8"),
            { columns: true },
          ) as Record<string, string>[]
        ).find((row) => row["机构"] === report.agency)!;
      const columns = ["natural", "commercial", "research", "social", "legal", "other"];
      const sum = (row: string) => columns.reduce((total, c) => total + report.values[`t3.${row}.${c}`]!, 0);
      const share = await rank("granted_share");
      assert.equal(share["总计由各列相加"], "Σ");
      assert.equal(Number(share["分母"]), sum("total"));
      assert.equal(Number(share["分子"]), sum("granted") + sum("partial"));
      const received = await rank("t3.new.total");
      assert.equal(received["一、本年新收政府信息公开申请数量/总计"], "");
      assert.equal(received["总计由各列相加"], "");
      const bodyId = /href="\/bodies\/(\d+)"/.exec(page)![1];
      const body = await (await fetch(new URL(`/bodies/${bodyId}`, other.url))).text();
      const row = new RegExp(`<a href="/reports/${report.reportId}">[\\s\\S]*?</tr>`).exec(body)![0];
      assert.equal((row.match(/class="summed"/g) ?? []).length, 1, "the granted share only");
    } finally {
      await other.close();
    }
  });
});

describe("downloads", () => {
  it("writes a report's CSV with a BOM, Chinese or English headers, and the stored numbers", async () => {
    const report = reports.find((r) => !r.hostile)!;
    for (const lang of ["zh", "en"] as const) {
      const response = await get(`/reports/${report.reportId}.csv?lang=${lang}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^text\/csv; charset=utf-8/);
      assert.match(
        response.headers.get("content-disposition") ?? "",
        /^attachment; filename="report-\d+\.csv"; filename\*=UTF-8''/,
      );
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const rows = parseCsv(bytes.subarray(3).toString("utf8"), { columns: true }) as Record<
        string,
        string
      >[];
      const value = lang === "zh" ? "数值" : "value";
      const code = lang === "zh" ? "指标代码" : "metric";
      const found = new Map(rows.filter((r) => r[value] !== "").map((r) => [r[code]!, Number(r[value])]));
      for (const [metric, v] of Object.entries(report.values)) assert.equal(found.get(metric), v, metric);
      assert.ok(rows.some((r) => r[lang === "zh" ? "机构" : "agency"] === report.agency));
    }
  });

  it("writes a real XLSX: a sheet per table, frozen header row, numbers as numbers", async () => {
    const report = reports.find((r) => !r.hostile && r.values["t3.new.total"] !== undefined)!;
    const response = await get(`/reports/${report.reportId}.xlsx`);
    assert.equal(response.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const names = workbook.worksheets.map((w) => w.name);
    assert.deepEqual(names, ["表二 主动公开", "表三 申请办理", "表四 复议诉讼", "全部数据及来源"]);
    const t3 = workbook.getWorksheet("表三 申请办理")!;
    assert.equal(t3.views[0]?.state, "frozen");
    assert.equal((t3.views[0] as { ySplit?: number }).ySplit, 1);
    assert.equal(t3.getCell("I1").value, "总计");
    const newRow = t3.getRow(2);
    assert.equal(newRow.getCell(1).value, "一、本年新收政府信息公开申请数量");
    assert.equal(newRow.getCell(9).value, report.values["t3.new.total"]);
    assert.equal(typeof newRow.getCell(9).value, "number");
    const t2 = workbook.getWorksheet("表二 主动公开")!;
    let money = 0;
    t2.eachRow((row, n) => {
      if (n > 1 && row.getCell(6).value === "万元") {
        money++;
        assert.match(row.getCell(5).numFmt ?? "", /万元/);
      }
    });
    assert.ok(money >= 1, "a money figure carries its unit");
  });

  it("serves the stored original as a sandboxed download", async () => {
    const report = reports[0]!;
    const response = await get(`/reports/${report.reportId}/original`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^(text\/html|text\/plain|text\/markdown)/);
    assert.match(
      response.headers.get("content-disposition") ?? "",
      /^attachment; filename="report-\d+\.(html|txt|md)"/,
    );
    assert.match(response.headers.get("content-security-policy") ?? "", /^sandbox/);
    assert.ok((await response.arrayBuffer()).byteLength > 1000);
  });

  it("serves the whole database as a consistent SQLite file", async () => {
    const response = await get("/download/nianbao.db");
    assert.equal(response.status, 200);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(bytes.subarray(0, 16).toString("latin1"), "SQLite format 3\0");
  });

  it("downloads the search results and a body's reports as tables", async () => {
    const csv = Buffer.from(await (await get("/search.csv?lang=en")).arrayBuffer());
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv.subarray(3).toString("utf8"), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, new Set(reports.map((r) => r.agency)).size);
    const body = await get("/bodies/1.xlsx");
    assert.equal(body.status, 200);
    assert.equal(
      Buffer.from(await body.arrayBuffer())
        .subarray(0, 2)
        .toString("latin1"),
      "PK",
    );
  });
});

describe("robustness", () => {
  it("survives malformed requests and keeps serving", async () => {
    for (const path of [
      "/search?q=%E0%A4%A",
      "/search?q=%",
      "/reports/%E0%A4%A",
      "/search?page=-1&year=abcd&province=x",
    ]) {
      const response = await get(path);
      assert.ok([200, 404].includes(response.status), `${path}: ${response.status}`);
    }
    const garbage = await rawRequest("GARBAGE\r\n\r\n");
    assert.match(garbage, /^HTTP\/1\.1 400/);
    const badHeader = await rawRequest("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
    assert.match(badHeader, /^HTTP\/1\.1 400/);
    const huge = await rawRequest(`GET /search?q=${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.match(huge, /^HTTP\/1\.1 (431|414|200)/);
    const post = await get("/", { method: "POST", body: "x" });
    assert.equal(post.status, 404);
    assert.equal((await get("/")).status, 200);
  });

  it("redirects the language switch only to a path on this server", async () => {
    const ok = await get("/lang/en?next=/search%3Fq%3D1");
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get("location"), "/search?q=1");
    assert.match(ok.headers.get("set-cookie") ?? "", /nianbao_lang=en/);
    for (const next of ["//evil.example", "https://evil.example", "/\\evil.example"]) {
      const response = await get(`/lang/en?next=${encodeURIComponent(next)}`);
      assert.equal(response.headers.get("location"), "/", next);
    }
    const english = await (await get("/", { headers: { cookie: "nianbao_lang=en" } })).text();
    assert.match(english, /<html lang="en">/);
  });

  it("never writes to the store", () => {
    assert.equal(hashOf(dbPath), dbHash);
    assert.throws(() => server.reader.db.exec("CREATE TABLE x (y)"), /readonly/);
  });
});
