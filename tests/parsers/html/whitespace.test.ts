// normalizeInline runs on every text node of a page, so it is written as one pass over character
// codes; it must give exactly what the regular-expression form gives, on any text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeInline, normalizeInlineReference } from "../../../parsers/html/whitespace.js";

// Every kind of character the collapse treats differently: wide and narrow, each space and
// break, explicit spaces, zero-width characters, a surrogate pair, the hard-break marker.
const ALPHABET = [
  "申",
  "请",
  "。",
  "Ａ",
  "a",
  "1",
  " ",
  "  ",
  "\n",
  "\r\n",
  "\t",
  "\u00a0",
  "\u3000",
  "\u2029",
  "\u2028",
  "\u200b",
  "\u00ad",
  "\ufeff",
  "\u2003",
  "\u202f",
  "\u1680",
  "𠀀",
  "\u000b",
  "－",
  "\ufe31",
];

test("normalizeInline equals its regular-expression form on 20,000 random texts", () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 20_000; n++) {
    let text = "";
    const length = Math.floor(random() * 12);
    for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
    assert.equal(normalizeInline(text), normalizeInlineReference(text), JSON.stringify(text));
  }
});

test("normalizeInline: line breaks between Chinese characters vanish, others become one space", () => {
  assert.equal(normalizeInline("申\r\n请数量"), "申请数量");
  assert.equal(normalizeInline("申\u00a0\n请"), "申 请");
  assert.equal(normalizeInline("  a \n\t b  "), "a b");
  assert.equal(normalizeInline("行政\u200b许可"), "行政许可");
});
