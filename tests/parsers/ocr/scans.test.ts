// Scanned reports read by OCR (parsers/ocr) on the small samples of tests/fixtures/scans, made by
// scripts/scans/samples.ts from a born-digital fixture whose figures are known. The promise under
// test: every figure kept is exact; a worse scan yields fewer figures, never wrong ones.
// Needs tesseract with chi_sim and poppler (scripts/install-system-deps.sh); skipped without them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseDocument } from "../../../parsers/index.js";
import { ocrAvailable } from "../../../parsers/ocr/index.js";
import type { ParseResult } from "../../../src/model/contract.js";

const dir = fileURLToPath(new URL("../../fixtures/scans/", import.meta.url));
const skip = (await ocrAvailable())
  ? false
  : "tesseract with chi_sim is not installed (run scripts/install-system-deps.sh)";

function truth(name: string): Record<string, number> {
  return (
    JSON.parse(readFileSync(join(dir, `${name}.truth.json`), "utf8")) as { values: Record<string, number> }
  ).values;
}

async function parse(file: string): Promise<ParseResult> {
  return parseDocument(new Uint8Array(readFileSync(join(dir, file))));
}

function assertExact(result: ParseResult, expected: Record<string, number>): void {
  for (const [code, value] of Object.entries(result.values)) assert.equal(value, expected[code], `${code}`);
}

const results = new Map<string, Promise<ParseResult>>();
const once = (file: string) => {
  if (!results.has(file)) results.set(file, parse(file));
  return results.get(file)!;
};

test(
  "a mild scan (150 dpi, skew, uneven light, seal, JPEG 50) is read: every figure kept is exact",
  { skip },
  async () => {
    const expected = truth("mild-150dpi");
    const result = await once("mild-150dpi.pdf");
    assert.equal(result.format, "scan");
    assert.equal(result.template, "2019");
    assertExact(result, expected);
    const kept = Object.keys(result.values).length;
    assert.ok(
      kept >= Object.keys(expected).length * 0.8,
      `only ${kept} of ${Object.keys(expected).length} figures kept`,
    );
    // The summary counts the OCR figures; each carries its origin (page, cell box, confidence).
    assert.ok(result.ocr && result.ocr.figures > 0 && /^tesseract /.test(result.ocr.engine));
    let fromOcr = 0;
    for (const [code, source] of Object.entries(result.sources ?? {})) {
      if (source.derived === "sum_of_items" || !(code in result.values)) continue;
      assert.ok(source.ocr, `${code} has no OCR origin`);
      assert.ok(source.loc?.page && source.loc.bbox, `${code} has no page and box`);
      assert.ok(source.ocr.confidence >= 0 && source.ocr.confidence <= 100);
      fromOcr++;
    }
    assert.equal(result.ocr.figures, fromOcr);
  },
);

test(
  "a heavily degraded scan of the same report yields fewer figures, never a wrong one",
  { skip },
  async () => {
    const expected = truth("heavy-150dpi");
    const [mild, heavy] = await Promise.all([once("mild-150dpi.pdf"), once("heavy-150dpi.pdf")]);
    assertExact(heavy, expected);
    assert.ok(Object.keys(heavy.values).length < Object.keys(mild.values).length);
  },
);

test(
  "a phone photo (JPEG) of one page is sniffed as an image and never gives a wrong figure",
  { skip },
  async () => {
    const result = await once("photo-150dpi.jpg");
    assert.equal(result.format, "image");
    assertExact(result, truth("photo-150dpi"));
  },
);

test("a scan past its deadline stops its engine processes and fails as a timeout", { skip }, async () => {
  const bytes = new Uint8Array(readFileSync(join(dir, "mild-150dpi.pdf")));
  const started = Date.now();
  await assert.rejects(
    parseDocument(bytes, { deadline: Date.now() + 300 }),
    (error: Error & { code?: string }) => {
      assert.equal(error.code, "timeout");
      return true;
    },
  );
  assert.ok(Date.now() - started < 15_000, "the OCR engine ran on past the deadline");
});
