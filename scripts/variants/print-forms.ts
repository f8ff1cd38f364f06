// The same HTML page printed to PDF by Chromium as users and portals print it: on other paper
// (A5 cuts table 3 across pages and splits rows at page breaks; US Letter turned landscape), with
// the browser's own header and footer (date, title, address, "1/5") on every page, and with a
// stylesheet that draws no table rules. Used by
// make.ts; needs playwright-core and /usr/bin/chromium (a form whose tool is missing is skipped).
import { inChromium } from "./chromium-pages.js";

type PdfOptions = NonNullable<Parameters<import("playwright-core").Page["pdf"]>[0]>;

interface PrintForm extends PdfOptions {
  /** CSS put into the page before printing. */
  css?: string;
}

export const PRINT_FORMS: Record<string, PrintForm> = {
  "chromium-a5": { format: "A5", printBackground: true },
  "chromium-letter-landscape": { format: "Letter", landscape: true, printBackground: true },
  // Tables drawn without rules (a portal stylesheet without borders): columns only by alignment.
  "chromium-norules": { format: "A4", css: "table, tr, td, th { border: none !important; }" },
  "chromium-headers": {
    format: "A4",
    displayHeaderFooter: true,
    margin: { top: "1.5cm", bottom: "1.5cm", left: "1cm", right: "1cm" },
  },
};

/** Every page printed in every form: name → form → PDF bytes. */
export function printForms(pages: Map<string, Uint8Array>): Promise<Map<string, Map<string, Uint8Array>>> {
  return inChromium(pages, "print-form", async (page, url) => {
    const forms = new Map<string, Uint8Array>();
    for (const [form, { css, ...options }] of Object.entries(PRINT_FORMS)) {
      if (css) await page.addStyleTag({ content: css });
      forms.set(form, new Uint8Array(await page.pdf(options)));
      if (css) await page.goto(url); // the next form prints the page as it is
    }
    return forms;
  });
}
