// DOCX: packages built in the test from WordprocessingML (exact control over spans, wrappers and
// tracked changes), zip-bomb and corruption limits, and LibreOffice-made reports end to end.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { ParseError, parseDocument } from "../../../parsers/index.js";
import { docxToIR } from "../../../parsers/formats/docx.js";
import { readPackageParts } from "../../../parsers/docx/package.js";
import { projectRoot } from "../../../src/paths.js";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';

function docx(body: string, extra: Record<string, string> = {}): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W} ${MC}><w:body>${body}</w:body></w:document>`;
  const files: Record<string, Uint8Array> = { "word/document.xml": strToU8(xml) };
  for (const [name, content] of Object.entries(extra)) files[name] = strToU8(content);
  return zipSync(files);
}

const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (content: string, props = "") => `<w:tc><w:tcPr>${props}</w:tcPr>${content}</w:tc>`;

test("gridSpan and vMerge expand onto the same grid as HTML colspan/rowspan", async () => {
  const body =
    p("某市人民政府2023年政府信息公开工作年度报告") +
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>" +
    `<w:tr>${tc(p("本列数据"), '<w:vMerge w:val="restart"/>')}${tc(p("申请人情况"), '<w:gridSpan w:val="2"/>')}</w:tr>` +
    `<w:tr>${tc("<w:p/>", "<w:vMerge/>")}${tc(p("自然人"))}${tc(p("总计"))}</w:tr>` +
    `<w:tr>${tc(p("1.") + p("属于国家秘密"))}${tc(p("0"))}${tc(p("3"))}</w:tr>` +
    "</w:tbl>";
  const ir = await docxToIR(docx(body));
  assert.equal(ir.format, "docx");
  assert.equal(ir.title, "某市人民政府2023年政府信息公开工作年度报告");
  const table = ir.blocks[1];
  assert.ok(table?.kind === "table");
  assert.deepEqual(
    table.rows.map((row) => row.map((cell) => (cell.spanned ? "^" : "") + cell.text)),
    [
      ["本列数据", "申请人情况", "^申请人情况"],
      ["^本列数据", "自然人", "总计"],
      ["1.属于国家秘密", "0", "3"],
    ],
  );
  assert.equal(table.rows[2]![2]!.loc?.path, "table[1]/tr[3]/td[3]");
});

test("wrappers are looked through; deleted text, field codes and the second branch are left out", async () => {
  const body =
    "<w:sdt><w:sdtContent><w:p><w:r><w:t>一、总体</w:t></w:r><w:ins><w:r><w:t>情况</w:t></w:r></w:ins>" +
    "<w:del><w:r><w:delText>（草稿）</w:delText></w:r></w:del></w:p></w:sdtContent></w:sdt>" +
    "<w:p><w:r><w:instrText> PAGE </w:instrText></w:r><w:hyperlink><w:r><w:t>行政许可</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>9487</w:t></w:r></w:p>" +
    "<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>甲</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>" +
    p("A &amp; B &lt;1&gt; &#x4E00;") +
    "<w:tbl><w:tr>" +
    tc("<w:tbl><w:tr>" + tc(p("内")) + tc(p("7")) + "</w:tr></w:tbl>" + p("外")) +
    "</w:tr></w:tbl>";
  const ir = await docxToIR(docx(body));
  const view = ir.blocks.map((b) =>
    b.kind === "text" ? b.text : b.rows.map((row) => row.map((cell) => cell.text).join("|")).join("/"),
  );
  assert.deepEqual(view, ["一、总体情况", "行政许可\t9487", "甲", "A & B <1> 一", "外", "内|7"]);
});

test("the package title wins when it names a report; a package without document.xml is refused", async () => {
  const core =
    '<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>某局2022年政府信息公开工作年度报告</dc:title></cp:coreProperties>';
  const ir = await docxToIR(docx(p("正文"), { "docProps/core.xml": core }));
  assert.equal(ir.title, "某局2022年政府信息公开工作年度报告");
  await assert.rejects(docxToIR(zipSync({ "word/other.xml": strToU8("<x/>") })), (error) => {
    assert.ok(error instanceof ParseError);
    assert.equal(error.code, "corrupt");
    return true;
  });
});

test("zip bombs, too many entries and damaged zips fail with a clear ParseError", () => {
  const bomb = zipSync({ "word/document.xml": new Uint8Array(5 * 1024 * 1024) }, { level: 9 });
  assert.throws(
    () => readPackageParts(bomb, ["word/document.xml"]),
    (error) => error instanceof ParseError && error.code === "too_large",
  );
  const many: Record<string, Uint8Array> = {};
  for (let i = 0; i < 30; i++) many[`f${i}.xml`] = strToU8("<x/>");
  assert.throws(
    () =>
      readPackageParts(zipSync(many), ["word/document.xml"], {
        maxEntries: 10,
        maxPartBytes: 1e6,
        maxRatio: 100,
      }),
    (error) => error instanceof ParseError && error.code === "corrupt",
  );
  const whole = docx(p("正文"));
  assert.throws(
    () => readPackageParts(whole.slice(0, whole.length - 30), ["word/document.xml"]),
    (error) => error instanceof ParseError && error.code === "corrupt",
  );
});

// Two of them are documents the demo publishes (data/demo-documents).
for (const [name, dir] of [
  ["synth-2021-editor", join(projectRoot, "tests/fixtures/docx")],
  ["synth-2021-word", join(projectRoot, "data/demo-documents")],
  ["synth-2019-editor", join(projectRoot, "data/demo-documents")],
] as const) {
  test(`DOCX ${name} (LibreOffice from HTML): every figure exact`, async () => {
    const truth = JSON.parse(readFileSync(join(dir, `${name}.truth.json`), "utf8")) as {
      agency: string;
      year: number;
      template: string;
      values: Record<string, number>;
    };
    const result = await parseDocument(new Uint8Array(readFileSync(join(dir, `${name}.docx`))));
    assert.equal(result.format, "docx");
    assert.deepEqual(
      [result.agency, result.year, result.template],
      [truth.agency, truth.year, truth.template],
    );
    assert.deepEqual(result.values, truth.values);
  });
}
