// normalizeInline runs on every text node of a page, so it is written as one pass over character
// codes; it must give exactly what the regular-expression form gives, on any text.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  HARD_BREAK,
  isBlank,
  normalizeInline,
  normalizeInlineReference,
} from "../../../parsers/html/whitespace.js";

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

// The block reader gathers blank text (isBlank) and hard breaks only between texts: that they
// change nothing at either end of a block or cell is this property of normalizeInline.
test("blank text and hard breaks at either end change nothing normalizeInline gives", () => {
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const ENDS = [" ", "\n", "\r\n", "\t", "\u000b", "\f", "\n    ", HARD_BREAK];
  for (let n = 0; n < 20_000; n++) {
    let text = "";
    for (let i = Math.floor(random() * 10); i > 0; i--)
      text += ALPHABET[Math.floor(random() * ALPHABET.length)];
    let before = "";
    let after = "";
    for (let i = Math.floor(random() * 3); i > 0; i--) before += ENDS[Math.floor(random() * ENDS.length)];
    for (let i = Math.floor(random() * 3); i > 0; i--) after += ENDS[Math.floor(random() * ENDS.length)];
    assert.equal(
      normalizeInline(before + text + after),
      normalizeInline(text),
      JSON.stringify([before, text, after]),
    );
  }
  assert.ok(isBlank(" \n\t\r\f\u000b"));
  assert.ok(!isBlank(" \u00a0") && !isBlank("\u3000") && !isBlank(" a"));
});
