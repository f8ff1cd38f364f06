// Which of the report's tables 2, 3 and 4 a page's text holds (parsers/html/report-tables.ts), and
// what the HTML front-end does with handed pictures by it (issue 12): a born-digital page saved with
// its photos reads exactly as without them (no OCR spent, one note); a page lacking a table in its
// text reads its pictures. No OCR engine needed (NIANBAO_OCR=0 where a read is attempted).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { bodyReport, reportBodyHtml } from "../../../crawlers/simulator/content.js";
import { decodeText } from "../../../parsers/encoding.js";
import { textReportTables } from "../../../parsers/html/report-tables.js";
import { parseHtmlTree } from "../../../parsers/html/tree.js";
import { parseDocument, readDocument } from "../../../parsers/index.js";
import { tablesAsImages } from "../../../src/synth/table-images.js";

const agency = {
  name: "福州市鼓楼区水利局",
  kind: "district_department" as const,
  province: "福建省",
  city: "福州市",
  district: "鼓楼区",
  shortName: "区水利局",
};
const body = reportBodyHtml(bodyReport("tables-rule", agency, 2023));
const wrap = (content: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>福州市鼓楼区水利局2023年政府信息公开工作年度报告</title></head><body>
<div class="header"><img src="/images/logo.png"></div><div id="zoom">${content}</div></body></html>`;
const held = (html: string) => [...textReportTables(parseHtmlTree(html))].sort();
const showing = (word: string) => (text: string) => text.replace(/\s+/g, "").includes(word);

test("the real reports' HTML pages hold tables 2, 3 and 4 in their text", (t) => {
  const docs = fileURLToPath(new URL("../../../../shared/corpus/docs", import.meta.url));
  if (!existsSync(docs)) return t.skip(`the shared corpus is not at ${docs}`);
  const pages = readdirSync(docs).filter((f) => f.endsWith(".html"));
  assert.ok(pages.length > 0);
  for (const file of pages)
    assert.deepEqual(held(decodeText(readFileSync(`${docs}/${file}`), { html: true }).text), [2, 3, 4], file);
});

test("a table drawn as a picture is missing from the text; prose naming it is not the table", async () => {
  assert.deepEqual(held(wrap(body)), [2, 3, 4]);
  for (const [word, left] of [
    ["第二十条", [3, 4]],
    ["商业企业", [2, 4]],
    ["行政复议", [2, 3]],
  ] as const) {
    const page = await tablesAsImages(body, { only: showing(word), draw: false });
    assert.deepEqual(held(wrap(page.html)), left, word);
  }
  const prose =
    "<p>三、收到和处理政府信息公开申请情况：本年新收政府信息公开申请12件，予以公开8件，部分公开2件，不予公开1件，无法提供1件。</p>";
  assert.deepEqual(held(wrap(`<table><tr><td>${prose}</td></tr></table>`)), []);
});

// Bytes that are no image: were they read, the page would gain an issue saying so.
const photo = {
  ref: "page_files/photo-meeting.jpg",
  url: "https://gov.example/photo-meeting.jpg",
  bytes: new Uint8Array(64),
};
const photoTag = `<p><img src="${photo.ref}" width="600"></p>`;

test("a born-digital page saved with its photos reads exactly as without them, plus one note", async () => {
  const html = Buffer.from(wrap(photoTag + body));
  const plain = await readDocument(html);
  const saved = await readDocument(html, { resources: [photo] });
  const note = saved.notes.find((n) => n.code === "html.images_not_needed");
  assert.ok(note, JSON.stringify(saved.notes));
  assert.match(note.message, /tables 2, 3 and 4.*1 content image/);
  assert.deepEqual({ ...saved, notes: saved.notes.filter((n) => n !== note) }, plain);
  assert.equal(saved.ocr, undefined, "no OCR");

  const [a, b] = [await parseDocument(html), await parseDocument(html, { resources: [photo] })];
  assert.ok(Object.keys(a.values).length > 100);
  assert.deepEqual({ ...b, issues: [] }, { ...a, issues: [] });
  assert.deepEqual(
    b.issues.filter((i) => i.code !== "html.images_not_needed"),
    a.issues,
  );
});

test("a page lacking table 3 in its text reads its pictures", async () => {
  const page = await tablesAsImages(body, { only: showing("商业企业"), draw: false });
  const before = process.env.NIANBAO_OCR;
  process.env.NIANBAO_OCR = "0";
  try {
    const ir = await readDocument(Buffer.from(wrap(photoTag + page.html)), { resources: [photo] });
    assert.ok(!ir.notes.some((n) => n.code === "html.images_not_needed"), JSON.stringify(ir.notes));
    assert.match(ir.notes.find((n) => n.code === "html.images_not_read")?.message ?? "", /1 report image/);
  } finally {
    if (before === undefined) delete process.env.NIANBAO_OCR;
    else process.env.NIANBAO_OCR = before;
  }
});
