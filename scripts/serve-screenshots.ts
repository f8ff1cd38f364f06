// Screenshots of `nianbao serve` for the README and docs/serve.md: builds the test store (synthetic
// reports through the real parser), starts the server, and photographs the main pages in headless
// Chromium. Re-run after changing the pages: npx tsx scripts/serve-screenshots.ts [--out docs/serve]
// With ImageMagick's `convert` on the PATH the PNGs are reduced to 256 colours (a fraction of the size).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startServer } from "../src/serve/server.js";
import { chromiumMissing, launchChromium } from "../tests/serve/chromium.js";
import { buildFixtureStore } from "../tests/serve/fixture-store.js";

const outIndex = process.argv.indexOf("--out");
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1]! : "docs/serve");
const missing = chromiumMissing();
if (missing) {
  console.error(`serve-screenshots: ${missing}`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "nianbao-shots-"));
const db = join(dir, "nianbao.db");
const reports = await buildFixtureStore(db, { bodies: 8, from: 2019, to: 2024, seed: "screenshots" });
const server = await startServer({ db, port: 0 });
const chrome = await launchChromium();
try {
  const page = await chrome.browser.newPage();
  const shoot = async (name: string, path: string, prepare?: () => Promise<void>) => {
    await page.goto(new URL(path, server.url).href);
    await page.waitForLoadState("networkidle");
    if (prepare) await prepare();
    const file = join(out, `${name}.png`);
    await page.screenshot({ path: file });
    try {
      execFileSync("convert", [file, "-colors", "256", `PNG8:${file}`]);
    } catch {
      // no ImageMagick: keep the full-colour PNG
    }
    console.log(`serve-screenshots: ${file}`);
  };
  // The busiest complete report of 2023 of a body placed in a region shows the tables best.
  const candidates = reports
    .filter((r) => r.year === 2023 && !r.hostile && Object.keys(r.values).length > 150)
    .sort((a, b) => (b.values["t3.new.total"] ?? 0) - (a.values["t3.new.total"] ?? 0));
  let report = candidates[0]!;
  let bodyId = "";
  for (const candidate of candidates) {
    const text = await (await fetch(new URL(`/reports/${candidate.reportId}`, server.url))).text();
    bodyId = /href="\/bodies\/(\d+)"/.exec(text)![1]!;
    report = candidate;
    if (/\(\d{6}\)/.test(text)) break;
  }
  await page.setViewportSize({ width: 1200, height: 820 });
  await shoot("search", "/");
  await shoot("body", `/bodies/${bodyId}`);
  await shoot("report", `/reports/${report.reportId}`, async () => {
    await page.locator('td[data-code="t3.granted.total"]').scrollIntoViewIfNeeded();
    await page.evaluate(() =>
      (globalThis as unknown as { scrollBy(x: number, y: number): void }).scrollBy(0, 120),
    );
    await page.click('td[data-code="t3.granted.total"]');
  });
  await shoot("rank", `/rank?metric=granted_share&year=2023`);
  await shoot("compare", `/compare?id=1&id=2&id=3&metric=t3.new.total`);
  await page.setViewportSize({ width: 390, height: 780 });
  await shoot("report-phone", `/reports/${report.reportId}`);
} finally {
  await chrome.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
