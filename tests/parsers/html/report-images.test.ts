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

test("an MHTML page's pictures travel inside the file: found by Content-Location, Word's _files name or cid:", async () => {
  const png = Buffer.from(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
      "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
    "hex",
  );
  const part = (headers: string, body: string) => `------=_NextPart_01\r\n${headers}\r\n\r\n${body}\r\n`;
  const mht = Buffer.from(
    "MIME-Version: 1.0\r\n" +
      'Content-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n' +
      part(
        'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable',
        `<html><body><div class=3D"WordSection1"><p>=E4=B8=80=E3=80=81=E6=80=BB=E4=BD=93=E6=83=85=E5=86=B5</p>` +
          `<p><img src=3D"report.files/image001.png"></p><p><img src=3D"cid:image002.png@01D9"></p>` +
          `<p><img src=3D"report.files/image003.png"></p></div></body></html>`,
      ) +
      part(
        "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: file:///C:/Users/x/report.files/image001.png",
        png.toString("base64"),
      ) +
      part(
        "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <image002.png@01D9>",
        png.toString("base64"),
      ) +
      "------=_NextPart_01--\r\n",
  );
  const before = process.env.NIANBAO_OCR;
  process.env.NIANBAO_OCR = "0";
  try {
    const ir = await readDocument(mht);
    const note = ir.notes.find((n) => n.code === "html.images_not_read");
    assert.match(note?.message ?? JSON.stringify(ir.notes), /2 report image/);
  } finally {
    if (before === undefined) delete process.env.NIANBAO_OCR;
    else process.env.NIANBAO_OCR = before;
  }
});
