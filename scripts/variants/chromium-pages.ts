// Each HTML page opened in Debian's Chromium (playwright-core), for the variant kinds a browser
// makes (innerText copies, prints to PDF). A missing playwright-core or Chromium skips those kinds
// with a message: the generator runs wherever its tools are.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";

/**
 * `visit(page, url)` on every page (name → HTML bytes), the page loaded from a file at `url`; its
 * results by name, or none when the browser cannot run (`what` names the skipped kinds).
 */
export async function inChromium<T>(
  pages: Map<string, Uint8Array>,
  what: string,
  visit: (page: Page, url: string) => Promise<T>,
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  let chromium: typeof import("playwright-core").chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    console.error(`playwright-core missing: ${what} variants skipped`);
    return out;
  }
  const browser = await chromium
    .launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
    .catch(() => null);
  if (!browser) {
    console.error(`Chromium not found at /usr/bin/chromium: ${what} variants skipped`);
    return out;
  }
  const work = mkdtempSync(join(tmpdir(), "nianbao-variants-"));
  try {
    const page = await browser.newPage();
    for (const [name, html] of pages) {
      const file = join(work, `${name}.html`);
      writeFileSync(file, html);
      const url = pathToFileURL(file).href;
      await page.goto(url);
      out.set(name, await visit(page, url));
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}
