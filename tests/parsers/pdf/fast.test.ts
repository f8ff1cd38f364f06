// The fast reader (parsers/pdf/fast) must give exactly what pdf.js gives: the same text items on
// every page and the same pages (runs, rules, layouts, title) once read, on every PDF at hand. The
// shared corpus's two WPS reports are in its class and must be read by it; PDFs outside its class
// (other fonts, scans, encryption, damage) must be left to pdf.js.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { readPdfPages } from "../../../parsers/formats/pdf.js";
import { withPdfDocument } from "../../../parsers/pdf/open.js";
import { openFastDocument, type FastPage } from "../../../parsers/pdf/fast/reader.js";
import { readToUnicode } from "../../../parsers/pdf/fast/fonts.js";
import { projectRoot } from "../../../src/paths.js";

const corpusDir = join(projectRoot, "../shared/corpus/docs");
const fixtureDir = join(projectRoot, "tests/fixtures/pdf");
const corpus = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((name) => name.endsWith(".pdf"))
      .map((name) => join(corpusDir, name))
  : [];
const fixtures = readdirSync(fixtureDir)
  .filter((name) => name.endsWith(".pdf"))
  .map((name) => join(fixtureDir, name));

async function pdfjsItems(bytes: Uint8Array) {
  return withPdfDocument(bytes, async (doc) => {
    const pages = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const items = (await page.getTextContent()).items.map((item) => {
        const { str, dir, width, height, transform, hasEOL } = item as unknown as Record<string, unknown>;
        return { str, dir, width, height, transform, hasEOL };
      });
      pages.push(items);
    }
    return pages;
  });
}

/** The pages read by the default path (fast when it can) and by pdf.js alone, or the error each gives. */
async function bothWays(bytes: Uint8Array) {
  const read = (fast: boolean) =>
    readPdfPages(bytes, { fast }).then(
      (pages) => JSON.stringify(pages),
      (error: unknown) => `error ${(error as { code?: string }).code} ${(error as Error).message}`,
    );
  return { fast: await read(true), pdfjs: await read(false) };
}

if (corpus.length === 0)
  test.skip("fast PDF reader vs pdf.js on the shared corpus (../shared/corpus not found)", () => {});

for (const path of corpus) {
  test(`fast PDF reader reads ${path.split("/").pop()} exactly as pdf.js`, async () => {
    const bytes = new Uint8Array(readFileSync(path));
    const doc = openFastDocument(bytes);
    assert.ok(doc, "a WPS report of the corpus is in the fast reader's class");
    const expected = await pdfjsItems(bytes);
    for (let number = 1; number <= doc.numPages; number++) {
      const page: FastPage = await doc.getPage(number);
      const content = await page.getTextContent();
      const items = content.items.map(({ str, dir, width, height, transform, hasEOL }) => ({
        str,
        dir,
        width,
        height,
        transform,
        hasEOL,
      }));
      assert.deepStrictEqual(items, expected[number - 1], `page ${number} text items`);
    }
    const { fast, pdfjs } = await bothWays(bytes);
    assert.equal(fast, pdfjs);
  });
}

test("PDFs outside the fast reader's class read the same either way (pdf.js reads them)", async () => {
  for (const path of fixtures) {
    const { fast, pdfjs } = await bothWays(new Uint8Array(readFileSync(path)));
    assert.equal(fast, pdfjs, path);
  }
  assert.equal(openFastDocument(new Uint8Array(readFileSync(join(fixtureDir, "encrypted.pdf")))), null);
});

test("ToUnicode CMaps: bfchar, bfrange counted up in the last byte, arrays, surrogate pairs", () => {
  const cmap = Buffer.from(
    [
      "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
      "1 begincodespacerange <0000> <FFFF> endcodespacerange",
      "2 beginbfchar <0003> <0020> <0010> <D83DDE00> endbfchar",
      "2 beginbfrange <0020> <0022> <4E00> <0030> <0031> [<0041> <00420043>] endbfrange",
      "endcmap CMapName currentdict /CMap defineresource pop end end",
    ].join("\n"),
    "latin1",
  );
  const map = readToUnicode(new Uint8Array(cmap));
  assert.equal(map[3], " ");
  assert.equal(map[0x10], "😀");
  assert.deepEqual([map[0x20], map[0x21], map[0x22]], ["一", "丁", "丂"]);
  assert.deepEqual([map[0x30], map[0x31]], ["A", "BC"]);
  assert.equal(map[0x23], undefined);
  assert.equal(map.length, 0x32);
});
