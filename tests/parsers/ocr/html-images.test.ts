// An HTML report whose tables are pictures (issue 12): the images handed with the page are read by
// the OCR page reader where each <img> stands, so the recognizer reads text tables and image
// tables as one document. The page is made in the test from a synthetic report whose figures are
// known (scripts/scans/html-images.ts draws tables 1 and 4 as PNG; the others stay text).
// Needs tesseract with chi_sim (scripts/install-system-deps.sh); skipped without it.
import assert from "node:assert/strict";
import { test } from "node:test";
import sharp from "sharp";
import { parseDocument } from "../../../parsers/index.js";
import { ocrAvailable } from "../../../parsers/ocr/index.js";
import type { ParseResult } from "../../../src/model/contract.js";
import type { DocumentResource } from "../../../src/model/resources.js";
import { renderCorpusDocument } from "../../../src/synth/index.js";
import { tablesAsImages } from "../../../src/synth/table-images.js";

const skip = (await ocrAvailable())
  ? false
  : "tesseract with chi_sim is not installed (run scripts/install-system-deps.sh)";

const report = renderCorpusDocument(0, {
  seed: "htmlimg",
  forms: ["html"],
  template: "2021",
  report: { clean: true },
  html: { encoding: "utf-8", chrome: true },
});
const truth = report.truth.values as Record<string, number>;

let made: Promise<{ result: ParseResult; text: ParseResult; resources: DocumentResource[] }> | undefined;
function parsed() {
  made ??= (async () => {
    const html = Buffer.from(report.bytes).toString("utf8");
    const page = await tablesAsImages(html, { only: [1, 4] });
    const resources = page.images.map((i) => ({
      ref: i.ref,
      url: `https://gov.example/${i.ref}`,
      bytes: i.png,
    }));
    const bytes = Buffer.from(page.html);
    return {
      result: await parseDocument(bytes, { resources }),
      text: await parseDocument(bytes),
      resources,
    };
  })();
  return made;
}

test(
  "the figures of a table published as a picture are read by OCR, exact, with their origin",
  { skip },
  async () => {
    const { result } = await parsed();
    assert.equal(result.format, "html");
    assert.equal(result.template, "2021");
    const wrong = Object.entries(result.values).filter(([code, value]) => truth[code] !== value);
    assert.deepEqual(wrong, [], "no figure is wrong");
    // Table 4 (review and litigation, 15 figures) is the picture: its figures come from OCR.
    const t4 = Object.keys(truth).filter((code) => code.startsWith("t4."));
    const read = t4.filter((code) => code in result.values);
    assert.ok(read.length >= 12, `table 4 figures read: ${read.length} of ${t4.length}`);
    for (const code of read) {
      const source = result.sources?.[code];
      assert.ok(source?.ocr, `${code} carries its OCR origin`);
      assert.equal(source.loc?.page, 2, `${code} is on the second picture`);
      assert.equal(source.loc?.bbox?.length, 4);
      assert.ok(source.ocr.confidence >= 0 && source.ocr.confidence <= 100);
    }
    assert.ok(
      result.ocr && result.ocr.pages === 2 && result.ocr.figures === read.length,
      JSON.stringify(result.ocr),
    );
    // Text tables' figures stay the text's: no OCR origin.
    const t3 = Object.keys(result.values).filter((code) => code.startsWith("t3."));
    assert.ok(t3.length > 100 && t3.every((code) => !result.sources?.[code]?.ocr));
  },
);

test(
  "without its pictures the same page has no table 4 (the images are what was read)",
  { skip },
  async () => {
    const { text } = await parsed();
    assert.equal(Object.keys(text.values).filter((code) => code.startsWith("t4.")).length, 0);
    assert.equal(text.ocr, undefined);
  },
);

test(
  "a picture saved small (a screenshot 900 pixels wide, no density) is enlarged and read the same",
  { skip },
  async () => {
    const { resources } = await parsed();
    const small = await Promise.all(
      resources.map(async (r) => ({
        ...r,
        bytes: await sharp(r.bytes).resize({ width: 900 }).png().toBuffer(),
      })),
    );
    const page = await tablesAsImages(Buffer.from(report.bytes).toString("utf8"), {
      only: [1, 4],
      draw: false,
    });
    const result = await parseDocument(Buffer.from(page.html), { resources: small });
    const t4 = Object.keys(result.values).filter((code) => code.startsWith("t4."));
    assert.deepEqual(
      Object.entries(result.values).filter(([code, value]) => truth[code] !== value),
      [],
    );
    assert.ok(t4.length >= 12, `table 4 figures read from the small picture: ${t4.length}`);
  },
);
