// Signs before a figure's digits (parsers/ocr/cell-sign.ts), on cell pictures cut by the page
// reader from scans of real reports (tests/fixtures/scans/cells/, 1–3 KB each). A blurred digit
// breaks into pieces at the ink threshold: a 9's loop and tail, a 2's curve and foot, a 4's bar
// and stem. Such a piece left of the rest was taken for a mark of a sign's size ("unsure": the
// reading's confidence capped, a table-2 figure left out: 9487, 2776, 550, 3 on 洪泽区's scans)
// or for a minus (a 4 read as -4, so its table-3 row could not be read). No OCR engine needed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cellPicture } from "./cell-fixtures.js";
import { parsePgm, pgmBytes, splitSign } from "../../../parsers/ocr/cell-sign.js";

test("a digit broken into pieces is no sign and no unexplained mark", async () => {
  for (const name of ["broken-9487", "broken-2", "broken-4"]) {
    const split = splitSign(await cellPicture(name));
    assert.equal(split.sign, "", name);
    assert.equal(split.unsure, false, name);
  }
});

test("the signs of 2019 table-2 changes are still found", async () => {
  assert.equal(splitSign(await cellPicture("minus-6")).sign, "-");
  assert.equal(splitSign(await cellPicture("plus-72")).sign, "+");
});

test("a plus broken in two is still a sign or an unexplained mark, never nothing", async () => {
  const image = parsePgm(await cellPicture("plus-72"))!;
  const data = new Uint8Array(image.data);
  // The plus's upright is cut just above its bar (rows 40–41, columns 44–56 of the picture).
  for (let y = 40; y <= 41; y++) for (let x = 44; x <= 56; x++) data[y * image.width + x] = 255;
  const split = splitSign(pgmBytes({ ...image, data }));
  assert.ok(split.sign === "+" || split.unsure, JSON.stringify({ sign: split.sign, unsure: split.unsure }));
});
