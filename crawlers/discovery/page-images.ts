// A report page whose tables are pictures (图片版): which of its images the crawler fetches with it.
// The images are the report's content images as the HTML front-end finds them (parsers/html/images.ts:
// the content region in document order, not the portal's logos, icons and buttons), so the crawler
// fetches exactly what the parser will read. They are fetched only when the page's text does not
// already hold the report's tables: a born-digital report page costs no extra request.
import type { Page } from "../families/family.js";
import { MAX_DOCUMENT_RESOURCES } from "../../src/model/resources.js";

/** A page with at least this many report tables in its text needs no pictures (tables 2, 3 and 4 of the template). */
const ENOUGH_TEXT_TABLES = 3;
/** What a report table's text shows (as examineArticle counts them). */
const REPORT_TABLE = /主动公开|依申请|行政复议|收到.*申请|信息内容|本年新收/;

/** The references (`src`, as written) of the report images the crawler should fetch with the page. */
export async function reportImagesToFetch(page: Page, body: Uint8Array, charset: string): Promise<string[]> {
  if (page.$("img").length === 0) return [];
  const $ = page.$;
  const textTables = $("table").filter((_, t) => REPORT_TABLE.test($(t).text())).length;
  if (textTables >= ENOUGH_TEXT_TABLES) return [];
  const { reportImageRefs } = await import("../../parsers/formats/html.js");
  return reportImageRefs(body, { declaredCharset: charset }).slice(0, MAX_DOCUMENT_RESOURCES);
}
