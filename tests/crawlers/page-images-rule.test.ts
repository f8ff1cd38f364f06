// When the crawler fetches a report page's pictures (issue 12): exactly when the page's text lacks
// one of the report's tables 2, 3 and 4 (parsers/html/report-tables.ts) — a page where only table 3
// is a picture brings it even though table 2 is printed as four text tables; a page wrapped in
// layout tables whose prose names 主动公开, 依申请 and 行政复议 is not taken for its tables; a
// born-digital page with photos costs no request. No server and no OCR: the decision only.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readPage } from "../../crawlers/discovery/discover.js";
import { reportImagesToFetch } from "../../crawlers/discovery/page-images.js";
import { bodyReport, reportBodyHtml } from "../../crawlers/simulator/content.js";
import { tablesAsImages } from "../../src/synth/table-images.js";

const agency = {
  name: "福州市鼓楼区农业农村局",
  kind: "district_department" as const,
  province: "福建省",
  city: "福州市",
  district: "鼓楼区",
  shortName: "区农业农村局",
};
// This report's page prints table 2 as four tables (one per item of Article 20): six text tables.
const body = reportBodyHtml(bodyReport("rule-b", agency, 2023));

/** The tables whose text (spaces and line breaks left out) shows a word. */
const showing = (word: string) => (text: string) => text.replace(/\s+/g, "").includes(word);

const wrap = (content: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>2023年政府信息公开工作年度报告</title></head><body>
<div class="header"><img src="/images/logo.png"></div>${content}
<div class="footer"><img src="/images/conac.png"></div></body></html>`;

async function toFetch(html: string): Promise<string[]> {
  return reportImagesToFetch(readPage(html, "https://gov.example/nb/1.html"), Buffer.from(html), "utf-8");
}

test("a page where only table 3 is a picture brings it, though table 2 is four text tables", async () => {
  assert.equal((body.match(/<table\b/g) ?? []).length, 6, "table 2 is printed in four tables");
  const page = await tablesAsImages(body, { only: showing("商业企业"), draw: false });
  assert.equal(page.images.length, 1);
  assert.deepEqual(await toFetch(wrap(page.html)), ["page_files/table-5.png"]);
});

test("each of tables 2, 3 and 4 missing from the text is enough to fetch its picture", async () => {
  // Table 2's four pieces are all pictures: a piece of it left in the text counts as table 2 held.
  for (const word of ["第二十条", "商业企业", "行政复议"]) {
    const page = await tablesAsImages(body, { only: showing(word), draw: false });
    assert.ok(page.images.length >= 1, word);
    assert.deepEqual(
      await toFetch(wrap(page.html)),
      page.images.map((image) => image.ref),
      word,
    );
  }
});

test("layout tables whose prose names the report's sections are none of its tables", async () => {
  const page = await tablesAsImages(body, { draw: false });
  const prose =
    "<p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况：本年新收依申请公开申请12件。</p>" +
    "<p>四、政府信息公开行政复议、行政诉讼情况</p>";
  // Portals nest the article in three layout tables: each one's text names all three sections.
  const nested = `<table><tr><td><table><tr><td><table><tr><td>${prose}${page.html}</td></tr></table></td></tr></table></td></tr></table>`;
  assert.deepEqual(
    await toFetch(wrap(nested)),
    page.images.map((image) => image.ref),
  );
});

test("a born-digital page with its photos costs no request", async () => {
  const photos = `<p><img src="/uploads/2024/photo-meeting.jpg" width="600"></p><p><img src="/uploads/2024/photo-visit.jpg"></p>`;
  assert.deepEqual(await toFetch(wrap(photos + body)), []);
  assert.deepEqual(await toFetch(wrap(photos)), [
    "/uploads/2024/photo-meeting.jpg",
    "/uploads/2024/photo-visit.jpg",
  ]);
});
