// The web application in a real headless browser (Debian's Chromium through playwright-core):
// search a body, open its report, check figures on the page against the store, open a provenance
// popup, download CSV and XLSX and read them back, switch language, and see a hostile title
// rendered as text with no script run. Skipped with a message where Chromium is not installed.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { startServer, type RunningServer } from "../../src/serve/server.js";
import { chromiumMissing, launchChromium, type LaunchedBrowser } from "./chromium.js";
import { buildFixtureStore, HOSTILE_TITLE, type FixtureReport } from "./fixture-store.js";

const missing = chromiumMissing();
if (missing) console.log(`# skipped: ${missing}`);

describe("nianbao serve in Chromium", { skip: missing ?? false }, () => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-serve-browser-"));
  let server: RunningServer;
  let chrome: LaunchedBrowser;
  let page: Page;
  let reports: FixtureReport[];
  const errors: string[] = [];

  before(async () => {
    reports = await buildFixtureStore(join(dir, "nianbao.db"), { bodies: 3, from: 2021, to: 2023 });
    server = await startServer({ db: join(dir, "nianbao.db"), port: 0 });
    chrome = await launchChromium();
    page = await chrome.browser.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" && !/favicon/.test(message.text())) errors.push(message.text());
    });
  });

  after(async () => {
    await chrome?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // A body with a complete latest report (not the hostile one).
  const target = () =>
    reports.find((r) => !r.hostile && r.year === 2023 && Object.keys(r.values).length > 150)!;

  it("searches a body, opens its report and shows the stored figures", async () => {
    const report = target();
    await page.goto(server.url);
    await page.fill("#search-q", report.agency);
    await Promise.all([page.waitForURL(/\/search\?/), page.click("#search-submit")]);
    await Promise.all([
      page.waitForURL(/\/bodies\/\d+$/),
      page.getByRole("link", { name: report.agency, exact: true }).click(),
    ]);
    assert.equal(await page.textContent("#body-name"), report.agency);
    // The headline charts were drawn by ECharts from the server's own copy.
    await page.waitForSelector(".chart canvas");
    await Promise.all([
      page.waitForURL(new RegExp(`/reports/${report.reportId}$`)),
      page.click(`#body-reports a[href="/reports/${report.reportId}"]`),
    ]);
    const codes = [
      "t3.new.total",
      "t3.new.natural",
      "t3.carried_over.total",
      "t3.granted.total",
      "t3.partial.total",
      "t3.total.total",
      "t3.carried_forward.total",
      "t4.review.total",
      "t4.suit_direct.total",
      "t2.licensing.decisions",
    ];
    for (const code of codes) {
      const expected = report.values[code];
      assert.notEqual(expected, undefined, `${code} is in the store`);
      const shown = await page.textContent(`td[data-code="${code}"] .v`);
      assert.equal(Number(shown!.replace(/,/g, "")), expected, code);
    }
  });

  it("opens a figure's provenance", async () => {
    const report = target();
    const cell = page.locator('td[data-code="t3.new.total"]');
    await cell.click();
    const popup = page.locator("#popup");
    await popup.waitFor({ state: "visible" });
    const text = (await popup.textContent()) ?? "";
    const raw = await cell.getAttribute("data-raw");
    assert.ok(raw && text.includes(raw), "the printed text");
    const sha = await page.getAttribute("#report-meta", "data-sha256");
    assert.match(sha ?? "", /^[0-9a-f]{64}$/);
    assert.ok(text.includes(sha!), "the document hash");
    assert.ok(text.includes("t3.new.total"));
    assert.ok(text.includes(String(report.values["t3.new.total"])));
    // How the figure is known, once the store records the recognizer's second witnesses.
    const known = await cell.getAttribute("data-known");
    if (known) assert.ok(text.includes(`如何得知${known}`), "how the figure is known");
    await page.keyboard.press("Escape");
    await popup.waitFor({ state: "hidden" });
  });

  it("downloads the report as CSV and XLSX", async () => {
    const report = target();
    const [csvDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.click(`a[href^="/reports/${report.reportId}.csv?"][href*="lang=zh"]`),
    ]);
    const csv = readFileSync((await csvDownload.path())!);
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
    const rows = parseCsv(csv.subarray(3).toString("utf8"), { columns: true }) as Record<string, string>[];
    const byCode = new Map(rows.map((row) => [row["指标代码"], row]));
    assert.equal(Number(byCode.get("t3.new.total")!["数值"]), report.values["t3.new.total"]);
    assert.equal(byCode.get("t3.new.total")!["列"], "总计");
    assert.equal(rows[0]!["机构"], report.agency);

    const [xlsxDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.click(`a[href^="/reports/${report.reportId}.xlsx"]`),
    ]);
    assert.match(xlsxDownload.suggestedFilename(), /\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsxDownload.path())!);
    const t4 = workbook.getWorksheet("表四 复议诉讼")!;
    assert.equal(t4.getCell("A2").value, "行政复议");
    assert.equal(t4.getCell("G2").value, report.values["t4.review.total"]);
    assert.equal(typeof t4.getCell("G2").value, "number");
  });

  it("switches to English and back", async () => {
    await Promise.all([page.waitForURL(/\/reports\/\d+$/), page.click("#lang-switch")]);
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.match((await page.textContent("h1")) ?? "", /report$/);
    assert.match((await page.textContent("main")) ?? "", /Applications received and handled/);
    await Promise.all([page.waitForURL(/\/reports\/\d+$/), page.click("#lang-switch")]);
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  });

  it("renders a hostile report title as text and runs none of it", async () => {
    const hostile = reports.find((r) => r.hostile)!;
    await page.goto(new URL(`/reports/${hostile.reportId}`, server.url).href);
    assert.equal(await page.textContent(".doc-title"), HOSTILE_TITLE);
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned),
      undefined,
    );
    assert.equal(await page.locator("main img").count(), 0);
    assert.deepEqual(errors, []);
  });

  it("offers a province's cities once the province is chosen", async () => {
    await page.goto(new URL("/", server.url).href);
    assert.equal(await page.locator('select[name="city"]').count(), 0);
    const provinces = (await page
      .locator('select[name="province"] option')
      .evaluateAll((options) =>
        options.map((option) => (option as unknown as { value: string }).value).filter(Boolean),
      )) as string[];
    // Choosing one reloads the page; a province with bodies below province level offers its cities.
    let cities = 0;
    for (const province of provinces) {
      await Promise.all([
        page.waitForURL(new RegExp(`province=${province}`)),
        page.selectOption('select[name="province"]', province),
      ]);
      cities = await page.locator('select[name="city"] option').count();
      if (cities >= 2) break;
    }
    assert.ok(cities >= 2, "a province's cities are offered");
  });

  it("fits a phone-width screen", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    const report = target();
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    for (const path of ["/", `/reports/${report.reportId}`, "/rank"]) {
      await page.goto(new URL(path, server.url).href);
      const width = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
            .documentElement.scrollWidth,
      );
      assert.ok(width <= 380, `${path} is ${width}px wide`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
