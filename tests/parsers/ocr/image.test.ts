// Page image preparation (parsers/ocr/image.ts) on small drawn pixels. No OCR engine needed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { dropRed } from "../../../parsers/ocr/image.js";

test("a red seal's stroke turns white, its JPEG-faded edges included; black print under it stays black", () => {
  // One row across a seal's ring as a 40-quality JPEG at 150 dpi gives it (measured on a
  // generated scan): paper, the edge whose colour was averaged away, the ring's red core, the
  // other edge, paper, then black print under the seal's ink.
  const row: [number, number, number][] = [
    [245, 250, 244],
    [250, 235, 230],
    [224, 190, 188],
    [195, 113, 117],
    [178, 67, 73],
    [184, 53, 58],
    [195, 57, 57],
    [186, 98, 97],
    [243, 205, 204],
    [255, 248, 244],
    [70, 12, 14],
    [40, 8, 10],
  ];
  const rgb = new Uint8Array(row.flat());
  const gray = dropRed(rgb, row.length, 1, 3, 150);
  for (let x = 0; x < 10; x++) assert.ok(gray.data[x]! >= 230, `pixel ${x} stays grey (${gray.data[x]})`);
  for (const x of [10, 11]) assert.ok(gray.data[x]! <= 120, `print under the seal is lost (${gray.data[x]})`);
});

test("a page without red is its luminance", () => {
  const rgb = new Uint8Array([0, 0, 0, 128, 128, 128, 255, 255, 255, 30, 60, 90]);
  const gray = dropRed(rgb, 4, 1, 3, 200);
  assert.deepEqual([...gray.data], [0, 128, 255, 54]);
});
