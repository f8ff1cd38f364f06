import assert from "node:assert/strict";
import { test } from "node:test";
import { isWhiteSpace } from "../../parsers/white-space.js";

test("isWhiteSpace says what /\\s/ says of every UTF-16 code unit", () => {
  let spaces = 0;
  for (let c = 0; c <= 0xffff; c++) {
    const expected = /\s/.test(String.fromCharCode(c));
    assert.equal(isWhiteSpace(c), expected, `U+${c.toString(16).padStart(4, "0")}`);
    if (expected) spaces++;
  }
  assert.equal(spaces, 25);
});
