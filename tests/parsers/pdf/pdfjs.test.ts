// Loading pdf.js must not leave the process slower: its legacy build's polyfills replace
// Array.prototype.push and JSON.stringify with JavaScript versions, which parsers/pdf/pdfjs.ts
// puts back. And a text-only parse must not compile glyph outlines (the font-face skip holds).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { withPdfDocument } from "../../../parsers/pdf/open.js";
import { pdfjs, restoredBuiltIns } from "../../../parsers/pdf/pdfjs.js";
import { projectRoot } from "../../../src/paths.js";

const isNative = (fn: unknown) => /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(fn));

test("pdf.js loaded: the built-ins its polyfills replaced are native again", () => {
  assert.ok(pdfjs.OPS.constructPath > 0, "pdf.js is loaded");
  assert.ok(isNative(Array.prototype.push), "Array.prototype.push is native");
  assert.ok(isNative(JSON.stringify), "JSON.stringify is native");
  assert.ok(isNative(JSON.parse), "JSON.parse is native");
  // Node 20's push and stringify are replaced; a newer Node may need no restore at all.
  assert.ok(restoredBuiltIns.every((name) => typeof name === "string"));
  // What the polyfills add (pdf.js needs it on Node 20) is kept.
  assert.equal(typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers, "function");
});

test("a text-only PDF parse builds no glyph outline paths", async () => {
  const bytes = new Uint8Array(readFileSync(join(projectRoot, "tests/fixtures/pdf/synth-2021-word.pdf")));
  const paths = await withPdfDocument(bytes, async (doc) => {
    const page = await doc.getPage(2);
    await page.getTextContent();
    const operators = await page.getOperatorList();
    assert.ok(operators.fnArray.length > 0);
    // Fonts arrive as "commonObjs"; outline paths would be objects named FONT_path_GLYPH.
    const objects = (page as unknown as { commonObjs: Iterable<[string, unknown]> }).commonObjs;
    const ids = [...objects].map(([id]) => id);
    assert.ok(ids.length > 0, "the page's fonts were loaded");
    return ids.filter((id) => id.includes("_path_")).length;
  });
  assert.equal(paths, 0);
});
