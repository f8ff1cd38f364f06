// Four-character row labels read from a scan with one character wrong (parsers/ocr/page-reader.ts):
// the recognizer's fuzzy match needs five characters, so a scan's "行政处昼" lost the 行政处罚 row
// of table 2 (seen on scans of a real report printed by Chromium and by LibreOffice).
import assert from "node:assert/strict";
import { test } from "node:test";
import { labelText, snapShortLabel } from "../../../parsers/ocr/page-reader.js";

test("a four-character label with one misread character is the one label it is that close to", () => {
  assert.equal(snapShortLabel("行政处昼"), "行政处罚");
  assert.equal(snapShortLabel("行政处轩"), "行政处罚");
  assert.equal(snapShortLabel("了政强制"), "行政强制");
  assert.equal(snapShortLabel("子以公开"), "予以公开");
  assert.equal(snapShortLabel("行政许可"), "行政许可");
});

test("text as close to two labels, or to none, is left as read", () => {
  // 行政处制: one character from 行政处罚 and from 行政强制.
  assert.equal(snapShortLabel("行政处制"), "行政处制");
  for (const header of ["行政复议", "行政诉讼", "其他结果", "信息内容", "不子处理", "结果维持"])
    assert.equal(snapShortLabel(header), header);
  assert.equal(snapShortLabel("行政处罚决定"), "行政处罚决定");
});

test("a label's misread pieces never become zero marks or figures", () => {
  // 总计 read as 的/LA计 in a table-4 header of a real report's scan: the slash was taken for a
  // zero mark and the table's 15 figures could not be placed.
  assert.equal(labelText("的/LA计"), "的计");
  assert.equal(labelText("交/CA计"), "交计");
  assert.equal(labelText("本年增/减"), "本年增/减");
  assert.equal(labelText("1.属于国家秘密"), "1.属于国家秘密");
  assert.equal(labelText("行政处罚2"), "行政处罚");
});

test("a label's last four characters after a misread item mark are snapped too", () => {
  // Read from 150 and 200 dpi scans of 洪泽区's 2023 report: (一)予以公开 and 2.重复申请 with their
  // item marks and one character misread; the rows were placed by order only and left out.
  assert.equal(labelText("(“)闻以公开"), "(“)予以公开");
  assert.equal(labelText("“)了以公开"), "“)予以公开");
  assert.equal(labelText("2.民复申请"), "2.重复申请");
  assert.equal(labelText("2.骤复申请"), "2.重复申请");
  // Group headings and longer labels stay as read.
  assert.equal(labelText("(五)不子处理"), "(五)不子处理");
  assert.equal(labelText("(三)不予公开"), "(三)不予公开");
  assert.equal(labelText("-)了予以公开"), "一)了予以公开");
});

test("a dash read in a label is a misread 一, never a zero mark", () => {
  // （一）予以公开 read as "(--)》予以公开" on a 200 dpi scan of 洪泽区's 2023 report: the recognizer
  // took the dashes for a zero mark and placed table 3's rows one off (14 figures lost).
  assert.equal(labelText("(--)》予以公开"), "(一)》予以公开");
  assert.equal(labelText("3.和危及“ -安全"), "3.和危及“ 一安全");
  // A cell without a Chinese character is no label: its dash stays (a zero mark).
  assert.equal(labelText("—"), "—");
});
