// `nianbao parse page.html` reads the report's images saved beside the page (a browser's "save page
// complete": page_files/), and nothing else: the page is hostile input. Paths leaving the page's
// folder (../, absolute, symbolic links pointing out), what is not a regular file, files over the
// size bound and URLs are refused with an issue each; a file that is not an image is sniffed as
// such. OCR is switched off here (NIANBAO_OCR=0) so the test needs no engine and stays fast; the
// reading itself is tests/parsers/ocr/html-images.test.ts.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { imagesBesidePage } from "../../src/ingest/page-images.js";
import { MAX_RESOURCE_BYTES } from "../../src/model/resources.js";
import { runCli } from "./run.js";

const root = mkdtempSync(join(tmpdir(), "nianbao-page-images-"));
after(() => rmSync(root, { recursive: true, force: true }));
const dir = join(root, "saved");
mkdirSync(join(dir, "page_files"), { recursive: true });
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);
writeFileSync(join(dir, "page_files", "t1.png"), PNG);
writeFileSync(join(dir, "page_files", "not-an-image.png"), "<html>a soft 404</html>");
writeFileSync(join(root, "secret.png"), PNG);
symlinkSync(join(root, "secret.png"), join(dir, "page_files", "link-out.png"));
execFileSync("mkfifo", [join(dir, "page_files", "fifo.png")]);
writeFileSync(join(dir, "page_files", "huge.png"), Buffer.alloc(MAX_RESOURCE_BYTES + 1));

const refs = [
  "page_files/t1.png",
  "./page_files/not-an-image.png",
  "../secret.png",
  "page_files/../../secret.png",
  "/etc/hostname",
  "page_files/link-out.png",
  "page_files/fifo.png",
  "page_files/huge.png",
  "page_files/missing.png",
  "https://www.example.gov.cn/W020.png",
];
const html = `<html><head><meta charset="utf-8"><title>某县2023年政府信息公开工作年度报告</title></head><body>
<div class="TRS_Editor"><p>一、总体情况</p>${refs.map((r) => `<p><img src="${r}"></p>`).join("")}</div></body></html>`;
const pagePath = join(dir, "page.html");
writeFileSync(pagePath, html);

test("only regular files inside the page's folder are read; everything else says why", async () => {
  const resources = await imagesBesidePage(pagePath, Buffer.from(html));
  const byRef = new Map(resources.map((r) => [r.ref, r]));
  assert.deepEqual([...byRef.keys()], refs);
  assert.ok(PNG.equals(byRef.get("page_files/t1.png")?.bytes ?? new Uint8Array()));
  assert.ok(byRef.get("./page_files/not-an-image.png")?.bytes, "read: the parser sniffs it");
  const why = (ref: string) => byRef.get(ref)?.error ?? "(read)";
  assert.match(why("../secret.png"), /outside the page's folder/);
  assert.match(why("page_files/../../secret.png"), /outside the page's folder/);
  assert.match(why("/etc/hostname"), /not a relative path/);
  assert.match(why("page_files/link-out.png"), /outside the page's folder/);
  assert.match(why("page_files/fifo.png"), /named pipe|not a regular file/);
  assert.match(why("page_files/huge.png"), /larger than 16 MB/);
  assert.match(why("page_files/missing.png"), /no such file/);
  assert.match(why("https://www.example.gov.cn/W020.png"), /not a file beside the page/);
});

test("nianbao parse page.html reports each image it could not read, and the page is parsed", async () => {
  const before = process.env.NIANBAO_OCR;
  process.env.NIANBAO_OCR = "0";
  try {
    const run = await runCli(["parse", "--json", pagePath]);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { issues: { code: string; message: string }[]; format: string };
    assert.equal(result.format, "html");
    const unread = result.issues.filter((i) => i.code === "html.image_unread");
    assert.equal(unread.length, 8, JSON.stringify(result.issues, null, 1));
    // The two files that were read wait for OCR, which is off.
    assert.match(
      result.issues.find((i) => i.code === "html.images_not_read")?.message ?? "",
      /2 report image/,
    );
  } finally {
    if (before === undefined) delete process.env.NIANBAO_OCR;
    else process.env.NIANBAO_OCR = before;
  }
});

test("nianbao ingest FOLDER keeps a saved page's images with it; page_files/ is not ingested on its own", async () => {
  const before = process.env.NIANBAO_OCR;
  process.env.NIANBAO_OCR = "0";
  const db = join(root, "store.db");
  try {
    const run = await runCli(["ingest", "--db", db, "--json", dir]);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { path: string });
    assert.deepEqual(
      lines.map((l) => l.path),
      [pagePath],
      run.stderr,
    );
    const { openStore } = await import("../../src/store/index.js");
    const store = openStore(db, { readonly: true });
    try {
      const rows = store.db
        .prepare("SELECT ref, sha256 IS NOT NULL AS held, error FROM document_resources ORDER BY position")
        .all() as { ref: string; held: number; error: string | null }[];
      assert.deepEqual(
        rows.map((r) => r.ref),
        refs,
      );
      assert.deepEqual(
        rows.filter((r) => r.held).map((r) => r.ref),
        ["page_files/t1.png", "./page_files/not-an-image.png"],
      );
    } finally {
      store.close();
    }
  } finally {
    if (before === undefined) delete process.env.NIANBAO_OCR;
    else process.env.NIANBAO_OCR = before;
  }
});
