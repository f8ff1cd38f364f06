// The fast NFKC and label normalisation (character by character, parsers/template/nfkc.ts and
// normalize.ts) must give exactly what the definitions give (NFKC; then whitespace, punctuation and
// symbols dropped) for every text they take, and leave every other text to the definitions.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { normalizeLabel, normalizeLabelParts } from "../../../parsers/template/normalize.js";
import { nfkc } from "../../../parsers/template/nfkc.js";

const { fast, slow } = normalizeLabelParts;

// Characters of the fast ranges and their neighbours, plus some the fast path must refuse.
const SAMPLE_RANGES: [number, number][] = [
  [0x09, 0x0d],
  [0x20, 0x7e],
  [0xa0, 0xa0],
  [0x2010, 0x205f],
  [0x3000, 0x3040],
  [0xff00, 0xff66],
  [0x4e00, 0x4e20],
  [0x9fa0, 0x9fff],
];
const sample = SAMPLE_RANGES.flatMap(([from, to]) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)),
);

describe("NFKC and normalizeLabel's fast paths", () => {
  it("gives the definition's result for every character of its ranges", () => {
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      assert.equal(nfkc(char), char.normalize("NFKC"), `U+${code.toString(16)}`);
      const got = fast(char);
      if (got !== undefined) assert.equal(got, slow(char), `U+${code.toString(16)}`);
    }
  });

  it("gives the definition's result for any text it takes", () => {
    const text = fc
      .array(fc.constantFrom(...sample, "\u0301", "\u3099", "\u1100", "\u2017", "①", "Ⅲ"), { maxLength: 40 })
      .map((chars) => chars.join(""));
    fc.assert(
      fc.property(text, (t) => {
        assert.equal(nfkc(t), t.normalize("NFKC"));
        const got = fast(t);
        if (got !== undefined) assert.equal(got, slow(t));
        assert.equal(normalizeLabel(t), slow(t));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it("takes the labels of real reports and refuses combining marks", () => {
    assert.equal(fast("（三）不予公开 1.属于国家秘密"), "三不予公开1属于国家秘密");
    assert.equal(fast("法人或其他组织：商业企业"), "法人或其他组织商业企业");
    assert.equal(fast("ｅ\u0301"), undefined);
    assert.equal(normalizeLabel("ｅ\u0301"), "é");
  });
});
