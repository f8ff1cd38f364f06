// The fast reader (parsers/pdf/fast) must give exactly what pdf.js gives: the same text items and
// the same operator geometry (rules, image area, text objects) on every page, and the same pages
// once read, on every PDF at hand. The shared corpus's two WPS reports are in its class and must be
// read by it; PDFs outside its class (scans, encryption) are left to pdf.js and read the same.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { readPdfPages } from "../../../parsers/formats/pdf.js";
import { Doubt } from "../../../parsers/pdf/fast/objects.js";
import { openFastDocument, type FastPage } from "../../../parsers/pdf/fast/reader.js";
import { readToUnicode } from "../../../parsers/pdf/fast/fonts.js";
import type { Matrix } from "../../../parsers/pdf/geometry.js";
import { withPdfDocument } from "../../../parsers/pdf/open.js";
import { readOperators } from "../../../parsers/pdf/operators.js";
import { projectRoot } from "../../../src/paths.js";

const corpusDir = join(projectRoot, "../shared/corpus/docs");
const fixtureDir = join(projectRoot, "tests/fixtures/pdf");
const pdfsIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith(".pdf"))
        .map((name) => join(dir, name))
    : [];
const corpus = pdfsIn(corpusDir);
const fixtures = pdfsIn(fixtureDir);
const BASE: Matrix = [1, 0, 0, -1, 0, 842];

type Item = { str: string; dir: string; width: number; height: number; transform: number[]; hasEOL: boolean };
const itemOf = ({ str, dir, width, height, transform, hasEOL }: Item) => ({
  str,
  dir,
  width,
  height,
  transform,
  hasEOL,
});

/** Per page: pdf.js's text items and the geometry operators.ts reads from its operator list. */
async function pdfjsPages(bytes: Uint8Array) {
  return withPdfDocument(bytes, async (doc) => {
    const pages = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const items = (await page.getTextContent()).items.map((item) => itemOf(item as unknown as Item));
      const { fnArray, argsArray } = await page.getOperatorList();
      pages.push({ items, geometry: readOperators(fnArray, argsArray, BASE) });
    }
    return pages;
  });
}

/** The same from the fast reader; geometry null where it leaves the operator list to pdf.js. */
async function fastPages(bytes: Uint8Array) {
  const doc = openFastDocument(bytes);
  if (!doc) return null;
  const pages = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page: FastPage = await doc.getPage(number);
    const items = (await page.getTextContent()).items.map(itemOf);
    let geometry = null;
    try {
      const { fnArray, argsArray } = await page.getOperatorList();
      geometry = readOperators(fnArray, argsArray, BASE);
    } catch (error) {
      if (!(error instanceof Doubt)) throw error;
    }
    pages.push({ items, geometry });
  }
  return pages;
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

/** Compares everything; returns how many pages the fast reader read whole (text and operators). */
async function compare(path: string): Promise<number> {
  const bytes = new Uint8Array(readFileSync(path));
  const both = await bothWays(bytes);
  assert.equal(both.fast, both.pdfjs, `${path}: pages`);
  let fast: Awaited<ReturnType<typeof fastPages>>;
  try {
    fast = await fastPages(bytes);
  } catch (error) {
    if (error instanceof Doubt) return 0;
    throw error;
  }
  if (!fast) return 0;
  const expected = await pdfjsPages(bytes);
  let whole = 0;
  fast.forEach((page, i) => {
    assert.deepStrictEqual(page.items, expected[i]!.items, `${path} page ${i + 1}: text items`);
    if (page.geometry) {
      assert.deepStrictEqual(page.geometry, expected[i]!.geometry, `${path} page ${i + 1}: operators`);
      whole++;
    }
  });
  return whole;
}

if (corpus.length === 0)
  test.skip("fast PDF reader vs pdf.js on the shared corpus (../shared/corpus not found)", () => {});

for (const path of corpus) {
  test(`fast PDF reader reads ${path.split("/").pop()} exactly as pdf.js`, async () => {
    assert.equal(await compare(path), 5, "a WPS report of the corpus is read whole by the fast reader");
  });
}

test("fixture PDFs read the same by the fast reader and by pdf.js", async () => {
  let whole = 0;
  for (const path of fixtures) whole += await compare(path);
  assert.ok(whole >= 15, `fast reader read ${whole} fixture pages whole`);
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
