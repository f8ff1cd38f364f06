// A born-digital PDF whose table page alone is a picture (issue 12): the image page is read by the
// OCR page reader and assembled beside the text pages, its figures checked by the identities; the
// figures of the text pages stay exactly as the born-digital parse gives them. The mixed PDF is
// made in the test (scripts/scans/mixed.ts) from a fixture whose figures are known: page 3 of
// synth-2019-editor holds the middle of table 3, continued from page 2 and onto page 4.
// Needs tesseract with chi_sim and poppler (scripts/install-system-deps.sh); skipped without them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseDocument } from "../../../parsers/index.js";
import { ocrAvailable } from "../../../parsers/ocr/index.js";
import type { ParseResult } from "../../../src/model/contract.js";
import { mixedPdf } from "../../../scripts/scans/mixed.js";

const source = fileURLToPath(new URL("../../fixtures/pdf/synth-2019-editor", import.meta.url));
const IMAGE_PAGE = 3;
const skip = (await ocrAvailable())
  ? false
  : "tesseract with chi_sim is not installed (run scripts/install-system-deps.sh)";

const original = new Uint8Array(readFileSync(`${source}.pdf`));
const truth = (JSON.parse(readFileSync(`${source}.truth.json`, "utf8")) as { values: Record<string, number> })
  .values;

let made: Promise<{ mixed: ParseResult; digital: ParseResult; bytes: Uint8Array }> | undefined;
function parsed() {
  made ??= (async () => {
    const bytes = await mixedPdf(original, [IMAGE_PAGE]);
    const [mixed, digital] = [await parseDocument(bytes), await parseDocument(original)];
    return { mixed, digital, bytes };
  })();
  return made;
}

test(
  "the image page of a born-digital PDF is read by OCR: its figures exact or left out with issues",
  { skip },
  async () => {
    const { mixed, digital } = await parsed();
    assert.equal(mixed.format, "pdf");
    assert.equal(mixed.template, "2019");
    assert.ok(mixed.issues.some((i) => i.code === "pdf.scanned_pages" && /read by OCR/.test(i.message)));
    assert.equal(mixed.ocr?.pages, 1);
    // None wrong.
    for (const [code, value] of Object.entries(mixed.values)) assert.equal(value, truth[code], code);
    const onImage = Object.keys(digital.values).filter((c) => digital.sources?.[c]?.loc?.page === IMAGE_PAGE);
    assert.ok(onImage.length > 50, `the image page should hold much of table 3 (${onImage.length})`);
    let read = 0;
    for (const code of onImage) {
      if (code in mixed.values) {
        // Kept: with its OCR origin (page, cell box, confidence).
        const s = mixed.sources?.[code];
        if (s?.derived === "sum_of_items") continue;
        assert.ok(s?.ocr && s.loc?.page === IMAGE_PAGE && s.loc.bbox, `${code} has no OCR origin`);
        read++;
      } else {
        assert.ok(
          mixed.issues.some((i) => i.metric === code),
          `${code} of the image page is neither read nor left out with an issue`,
        );
      }
    }
    assert.equal(mixed.ocr?.figures, read);
    // A clean page at 150 dpi: most of its figures are confirmed.
    assert.ok(read >= onImage.length * 0.8, `only ${read} of ${onImage.length} figures read`);
  },
);

test(
  "the text pages' figures of a partly scanned PDF are unchanged and carry no OCR origin",
  { skip },
  async () => {
    const { mixed, digital } = await parsed();
    const onText = Object.keys(digital.values).filter((c) => {
      const page = digital.sources?.[c]?.loc?.page;
      return page !== IMAGE_PAGE && digital.sources?.[c]?.derived !== "sum_of_items";
    });
    assert.ok(onText.length >= 90, `${onText.length} figures on the text pages`);
    for (const code of onText) {
      assert.equal(mixed.values[code], digital.values[code], code);
      assert.deepEqual(mixed.sources?.[code]?.loc, digital.sources?.[code]?.loc, code);
      assert.equal(mixed.sources?.[code]?.ocr, undefined, code);
    }
    assert.equal(mixed.agency, digital.agency);
    assert.equal(mixed.year, digital.year);
  },
);

test(
  "without OCR the image page is reported as not read, the text pages read as before",
  { skip },
  async () => {
    const { bytes, digital } = await parsed();
    const saved = process.env.NIANBAO_OCR;
    process.env.NIANBAO_OCR = "0";
    let result: ParseResult;
    try {
      result = await parseDocument(bytes);
    } finally {
      if (saved === undefined) delete process.env.NIANBAO_OCR;
      else process.env.NIANBAO_OCR = saved;
    }
    assert.equal(result.ocr, undefined);
    assert.ok(result.issues.some((i) => i.code === "pdf.scanned_pages" && /not read/.test(i.message)));
    for (const [code, value] of Object.entries(result.values)) assert.equal(value, truth[code], code);
    assert.ok(Object.keys(result.values).length < Object.keys(digital.values).length);
  },
);

test(
  "when the image pages' OCR runs out of time the text pages are still read, with an issue saying so",
  { skip },
  async () => {
    const { bytes, digital } = await parsed();
    // A deadline already past: the OCR budget is spent before the first page is read.
    const result = await parseDocument(bytes, { deadline: Date.now() });
    assert.equal(result.format, "pdf");
    assert.equal(result.ocr, undefined);
    assert.ok(result.issues.some((i) => i.code === "ocr.failed" && /text pages/.test(i.message)));
    for (const [code, value] of Object.entries(result.values)) assert.equal(value, truth[code], code);
    const onText = Object.keys(digital.values).filter(
      (c) =>
        digital.sources?.[c]?.loc?.page !== IMAGE_PAGE && digital.sources?.[c]?.derived !== "sum_of_items",
    );
    for (const code of onText)
      assert.ok(code in result.values || result.issues.some((i) => i.metric === code), code);
  },
);
