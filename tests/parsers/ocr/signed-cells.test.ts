// Cells the shape test took for text are sent to the digit pass by their Chinese reading
// (parsers/ocr/page-reader.ts figureKindOf). The readings below are what tesseract's chi_sim pass
// gave for cells of scans of 莆田市林业局's 2019 report, whose table 2 prints signed changes
// ("+72", "+3", "-6"): "二 72" was taken for a label and its row's three figures were lost.
import assert from "node:assert/strict";
import { test } from "node:test";
import { figureKindOf } from "../../../parsers/ocr/page-reader.js";

test("a signed change read with 十, 二 or 一 for its sign goes to the digit pass", () => {
  for (const read of ["十 72", "十 3", "二 72", "二 3", "一 6", "+72", "-6"])
    assert.equal(figureKindOf(read), "digits", read);
});

test("labels, marks and bare digits keep their kinds", () => {
  assert.equal(figureKindOf("二 、 上 年 结 转 政府 信息 公\n开 申 请 数量"), null);
  assert.equal(figureKindOf("二"), null);
  assert.equal(figureKindOf("二 十"), null);
  assert.equal(figureKindOf("—"), "dash");
  assert.equal(figureKindOf("/"), "slash");
  assert.equal(figureKindOf("0\n|"), "digits");
  assert.equal(figureKindOf("133"), "digits");
});
