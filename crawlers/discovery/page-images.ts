// A report page whose tables are pictures (图片版): which of its images the crawler fetches with it.
// The images are the report's content images as the HTML front-end finds them (parsers/html/images.ts:
// the content region in document order, not the portal's logos, icons and buttons), so the crawler
// fetches exactly what the parser will read. They are fetched only when the page's text lacks one
// of the report's tables 2, 3 and 4 (parsers/html/report-tables.ts, the rule by which the parser
// reads them): a born-digital report page costs no extra request, and a page where only table 3 is
// a picture still brings it.
import type { Page } from "../families/family.js";
import { MAX_DOCUMENT_RESOURCES } from "../../src/model/resources.js";

/** The references (`src`, as written) of the report images the crawler should fetch with the page. */
export async function reportImagesToFetch(page: Page, body: Uint8Array, charset: string): Promise<string[]> {
  if (page.$("img").length === 0) return [];
  const { reportImageRefs } = await import("../../parsers/formats/html.js");
  return reportImageRefs(body, { declaredCharset: charset, onlyWhenNeeded: true }).slice(
    0,
    MAX_DOCUMENT_RESOURCES,
  );
}
