// Which images of an HTML page are the report's (issue 12: tables published as pictures), and that a
// page reads exactly as before unless the images' bytes are handed with it. No OCR engine needed.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseDocument, readDocument, reportImageRefs } from "../../../parsers/index.js";

const page = (content: string) =>
  Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县2023年政府信息公开工作年度报告</title></head><body>
<div class="header"><a href="/"><img src="/images/logo.png"></a><img src="/img/top-banner.jpg"></div>
<ul class="nav"><li><a href="/zwgk/"><img src="/images/nav1.png"></a></li></ul>
<div class="breadcrumb"><img src="/images/home.gif"> 首页 &gt; 政务公开</div>
<div id="zoom" class="TRS_Editor">
<p>一、总体情况</p>${content}
</div>
<div class="share"><img src="/images/share-weixin.png"></div>
<div class="footer"><img src="/images/conac.png"><img src="/images/gongan.png"></div>
<img src="/images/20201014-btn01.png"><img src="/images/pic.png" width="16" height="16">
</body></html>`);

test("only the content's images are the report's, in document order; chrome, icons and tiny images are not", async () => {
  const html = page(
    `<p><img src="./page_files/W020240116.png" alt=""></p><p>二、主动公开</p>
     <p><img src="page_files/table%203.jpg?x=1" width="800"></p><p style="display:none"><img src="hidden.png"></p>`,
  );
  assert.deepEqual(await reportImageRefs(html), [
    "./page_files/W020240116.png",
    "page_files/table%203.jpg?x=1",
  ]);
});

test("a real portal page's logos, icons, banners and buttons are none of the report's images", async (t) => {
  const docs = fileURLToPath(new URL("../../../../shared/corpus/docs", import.meta.url));
  if (!existsSync(docs)) return t.skip(`the shared corpus is not at ${docs}`);
  const pages = readdirSync(docs).filter((f) => f.endsWith(".html"));
  assert.ok(pages.length > 0);
  for (const file of pages) {
    const bytes = readFileSync(`${docs}/${file}`);
    assert.ok(/<img\b/.test(bytes.toString("latin1")), `${file} shows images`);
    assert.deepEqual(await reportImageRefs(bytes), [], file);
  }
});

test("without the images' bytes a page reads exactly as before (no split text, no issue)", async () => {
  const html = page(
    `<p>本机关共收到申请<img src="page_files/t3.png">如下表。</p><p>三、收到和处理政府信息公开申请情况</p>`,
  );
  const plain = await readDocument(html);
  const withOthers = await readDocument(html, {
    resources: [{ ref: "page_files/other.png", url: "x", bytes: new Uint8Array([1]) }],
  });
  assert.deepEqual(withOthers, plain);
  assert.ok(plain.blocks.some((b) => b.kind === "text" && b.text.includes("本机关共收到申请如下表。")));
});

test("an image that could not be had is an issue naming it and why; the page's text is read all the same", async () => {
  const html = page(
    `<p>表格如下：</p><p><img src="page_files/t3.png"></p><p>三、收到和处理政府信息公开申请情况</p>`,
  );
  const result = await parseDocument(html, {
    resources: [
      { ref: "page_files/t3.png", url: "https://gov.example/page_files/t3.png", error: "http_404" },
    ],
  });
  const issue = result.issues.find((i) => i.code === "html.image_unread");
  assert.ok(issue, JSON.stringify(result.issues));
  assert.match(issue.message, /page_files\/t3\.png.*http_404/);
  assert.equal(result.format, "html");
  assert.equal(result.agency, "某县");
});

test("data: URIs are the page's own bytes: a broken one is reported, never fetched", async () => {
  const html = page(`<p><img src="data:image/png;base64,${"A".repeat(40)}"></p>`);
  const ir = await readDocument(html);
  const notes = ir.notes.filter((n) => n.code.startsWith("html.image"));
  assert.equal(notes.length, 1, JSON.stringify(ir.notes));
  // With OCR installed the bytes are sniffed (not an image); without, the page says OCR is needed.
  assert.match(notes[0]!.message, /not a PNG, JPEG, GIF or TIFF image|OCR is needed/);
});
