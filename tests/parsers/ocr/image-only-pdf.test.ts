// Which PDFs go to OCR without pdf.js (parsers/ocr/image-only-pdf.ts): a scan through and through
// does; a born-digital PDF, one with a text layer over its page images, or one whose page images
// cover little of the page do not (pdf.js reads them as before). `pagesAreImages` needs poppler
// (pdfinfo, pdfimages; scripts/install-system-deps.sh): skipped without it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { deflateSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { mayBeImageOnly, pagesAreImages } from "../../../parsers/ocr/image-only-pdf.js";
import { buildPdf, ucs2Hex } from "../../../scripts/fixtures/minimal-pdf.js";

const fixture = (path: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url))));
const poppler = (() => {
  try {
    execFileSync("pdfimages", ["-v"], { stdio: "ignore" });
    return false;
  } catch {
    return "poppler-utils (pdfimages) is not installed";
  }
})();

/** A grey JPEG of `width` × `height` pixels (ImageMagick is not needed: sharp makes it). */
async function jpeg(width: number, height: number): Promise<Uint8Array> {
  const sharp = (await import("sharp")).default;
  const noise = Buffer.alloc(width * height);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return new Uint8Array(
    await sharp(noise, { raw: { width, height, channels: 1 } })
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
}

async function onDisk<T>(bytes: Uint8Array, work: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-image-only-"));
  try {
    writeFileSync(join(dir, "in.pdf"), bytes);
    return await work(join(dir, "in.pdf"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test(
  "a scanned report (page images only) may be image-only and its pages are images",
  { skip: poppler },
  async () => {
    const scan = fixture("scans/mild-150dpi.pdf");
    assert.equal(mayBeImageOnly(scan), true);
    assert.equal(await onDisk(scan, (path) => pagesAreImages(path)), true);
  },
);

test("born-digital PDFs are not image-only (text operators, few image bytes)", () => {
  for (const name of ["pdf/synth-2019-editor.pdf", "pdf/synth-2021-word.pdf", "pdf/rotated-pages.pdf"])
    assert.equal(mayBeImageOnly(fixture(name)), false, name);
});

test("page images under a text layer (an OCR'd scan) are not image-only", async () => {
  const image = { bytes: await jpeg(400, 560), width: 400, height: 560, gray: true };
  const text = `BT /F1 12 Tf 72 720 Td ${ucs2Hex("中文")} Tj ET`;
  const scan = buildPdf([{ content: "q 595 0 0 842 0 0 cm /Im0 Do Q", jpeg: image }]);
  assert.equal(mayBeImageOnly(scan), true);
  assert.equal(
    mayBeImageOnly(buildPdf([{ content: `q 595 0 0 842 0 0 cm /Im0 Do Q ${text}`, jpeg: image }])),
    false,
  );
  // The text in a compressed stream, as most producers write it (an object appended to the scan).
  const flate = deflateSync(Buffer.from(text));
  const appended = Buffer.concat([
    Buffer.from(scan),
    Buffer.from(`99 0 obj\n<< /Length ${flate.length} /Filter /FlateDecode >>\nstream\n`, "latin1"),
    flate,
    Buffer.from("\nendstream\nendobj\n", "latin1"),
  ]);
  assert.equal(mayBeImageOnly(new Uint8Array(appended)), false);
  // A stream with a predictor is not looked into (no), unless it is a cross-reference stream.
  const encoded = (dict: string) =>
    new Uint8Array(
      Buffer.concat([
        Buffer.from(scan),
        Buffer.from(
          `98 0 obj\n<< ${dict} /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length ${flate.length} >>\nstream\n`,
          "latin1",
        ),
        flate,
        Buffer.from("\nendstream\nendobj\n", "latin1"),
      ]),
    );
  assert.equal(mayBeImageOnly(encoded("/Type /XRef")), true);
  assert.equal(mayBeImageOnly(encoded("/Type /Metadata")), false);
});

test("a page image covering a corner of its page is not a scanned page", { skip: poppler }, async () => {
  const image = await jpeg(600, 800);
  const small = buildPdf([
    {
      content: "q 150 0 0 200 0 0 cm /Im0 Do Q",
      jpeg: { bytes: image, width: 600, height: 800, gray: true },
      size: [595, 842],
    },
  ]);
  assert.equal(mayBeImageOnly(small), true);
  assert.equal(await onDisk(small, (path) => pagesAreImages(path)), false);
  const full = buildPdf([
    {
      content: "q 595 0 0 842 0 0 cm /Im0 Do Q",
      jpeg: { bytes: image, width: 600, height: 800, gray: true },
      size: [595, 842],
    },
  ]);
  assert.equal(await onDisk(full, (path) => pagesAreImages(path)), true);
});
