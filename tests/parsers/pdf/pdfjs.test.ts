// Loading pdf.js must not leave the process slower: its legacy build's polyfills replace
// Array.prototype.push and JSON.stringify with JavaScript versions, which parsers/pdf/pdfjs.ts
// puts back. And a text-only parse must not compile glyph outlines (the font-face skip holds), and
// its synchronous inflate (parsers/pdf/sync-inflate.ts) must read exactly what Node's stream reads.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync, gzipSync } from "node:zlib";
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

/** What pdf.js does with a DecompressionStream: write the bytes, close, read every chunk. */
async function inflateLikePdfjs(
  Stream: typeof DecompressionStream,
  format: "deflate" | "gzip",
  bytes: Uint8Array,
): Promise<string> {
  try {
    const { readable, writable } = new Stream(format);
    const writer = writable.getWriter();
    await writer.ready;
    writer
      .write(bytes)
      .then(async () => {
        await writer.ready;
        await writer.close();
      })
      .catch(() => undefined);
    const chunks: Uint8Array[] = [];
    for await (const chunk of readable as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    return Buffer.concat(chunks).toString("hex");
  } catch {
    return "error";
  }
}

test("pdf.js's Flate streams inflate synchronously to the same bytes and the same failures as Node's stream", async () => {
  const installed = globalThis.DecompressionStream;
  const { DecompressionStream: Native } = (await import("node:stream/web")) as unknown as {
    DecompressionStream: typeof DecompressionStream;
  };
  assert.notEqual(installed, Native, "pdf.js's inflate is replaced");
  const data = Buffer.from("BT /F1 10 Tf 100 700 Td <4e2d> Tj ET\n".repeat(400));
  const full = deflateSync(data);
  const cases: Record<string, Uint8Array> = {
    whole: full,
    "trailing bytes (endstream slack)": Buffer.concat([full, Buffer.from("\r\n junk")]),
    "cut short": full.subarray(0, full.length >> 1),
    "no checksum": full.subarray(0, full.length - 4),
    "damaged header": Buffer.concat([Buffer.from([0, 0]), full.subarray(2)]),
    empty: new Uint8Array(0),
  };
  for (const [name, bytes] of Object.entries(cases)) {
    const expected = await inflateLikePdfjs(Native, "deflate", bytes);
    assert.equal(await inflateLikePdfjs(installed, "deflate", bytes), expected, name);
  }
  assert.equal(await inflateLikePdfjs(installed, "deflate", full), data.toString("hex"));
  // Other formats are Node's own.
  assert.equal(await inflateLikePdfjs(installed, "gzip", gzipSync(data)), data.toString("hex"));
});
