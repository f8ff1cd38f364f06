// Spreadsheets of the report's tables (XLSX; XLS/ET through LibreOffice Calc). The fixtures are
// tests/fixtures/docx/synth-2021-editor.docx written as a workbook by scripts/variants/sheets.ts
// (`npx tsx scripts/variants/sheets.ts tests/fixtures/docx/synth-2021-editor.docx
// tests/fixtures/sheets/synth-2021-editor.xlsx 宿城区新华街道办事处2024年政府信息公开工作年度报告`: a
// sheet per table, merged spans, figures as number cells formatted "#,##0.00" / 0"件" / "#,##0",
// row totals as SUM formulas with cached results) and that saved as XLS by LibreOffice Calc
// (`soffice --headless --convert-to xls`); they have the DOCX's truth.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { calcMissing, xlsxToIR } from "../../../parsers/formats/xlsx.js";
import { parseDocument, ParseError, sniffFormat } from "../../../parsers/index.js";
import { findSoffice } from "../../../parsers/ole/soffice.js";
import type { TableBlock } from "../../../parsers/ir.js";
import { projectRoot } from "../../../src/paths.js";
import { readTruth } from "../fixture-truth.js";

const fixtures = join(projectRoot, "tests/fixtures");
const truth = readTruth(join(fixtures, "docx/synth-2021-editor.truth.json"));
const workbookBytes = () => new Uint8Array(readFileSync(join(fixtures, "sheets/synth-2021-editor.xlsx")));

test("an XLSX of the report's tables parses exactly: values, not display formats", async () => {
  const bytes = workbookBytes();
  assert.equal(sniffFormat(bytes), "xlsx");
  const result = await parseDocument(bytes, { name: "report.xlsx" });
  assert.equal(result.format, "xlsx");
  assert.equal(result.agency, truth.agency);
  assert.equal(result.year, truth.year);
  assert.deepEqual(result.values, truth.values);
});

async function build(fill: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet("表"));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

test("cells: values under number formats, formulas, errors, rich text, merges, hidden rows", async () => {
  const bytes = await build((ws) => {
    ws.addRow(["行政许可", 1234, 0.1 + 0.2, 12, "a"]);
    ws.getCell("B1").numFmt = "#,##0.00"; // shows 1,234.00
    ws.getCell("D1").numFmt = '0"件"'; // shows 12件
    ws.addRow([
      "合计",
      { formula: "B1+1", result: 1235 },
      { formula: "1/0", result: { error: "#DIV/0!" } },
      { formula: "B1*2" },
      { richText: [{ text: "申请" }, { text: "人" }] },
    ]);
    ws.addRow(["隐藏", 99, 99, 99, 99]).hidden = true;
    ws.addRow(["结果\n纠正", 7, "", "", "x"]);
    ws.mergeCells("B4:D4");
  });
  const ir = await xlsxToIR(bytes);
  const table = ir.blocks.find((b): b is TableBlock => b.kind === "table")!;
  assert.deepEqual(
    table.rows.map((row) => row.map((c) => (c.spanned ? "~" : "") + c.text)),
    [
      ["行政许可", "1234", "0.3", "12", "a"],
      ["合计", "1235", "#错误值", "#公式未计算", "申请人"],
      ["结果纠正", "7", "~7", "~7", "x"],
    ],
  );
  assert.equal(table.rows[2]![2]!.loc?.path, "表!B4");
});

test("a figure whose formula has no cached result, or an error, is left out, never read from its digits", async () => {
  const workbook = new ExcelJS.Workbook();
  const fixture = workbookBytes();
  await workbook.xlsx.load(
    fixture.buffer.slice(fixture.byteOffset, fixture.byteOffset + fixture.byteLength) as ArrayBuffer,
  );
  let changed = 0;
  for (const ws of workbook.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value === 449 && cell.address === cell.master.address) {
          cell.value = { formula: "B12*1", result: undefined } as unknown as ExcelJS.CellFormulaValue;
          changed++;
        } else if (cell.value === 35) {
          cell.value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
          changed++;
        }
      }),
    );
  assert.equal(changed, 2);
  const result = await parseDocument(new Uint8Array(await workbook.xlsx.writeBuffer()));
  for (const [metric, value] of Object.entries(result.values))
    assert.equal(value, truth.values[metric], metric);
  assert.ok(!Object.values(result.values).includes(12), "no figure read from the formula's B12");
  assert.ok(Object.keys(result.values).length < Object.keys(truth.values).length);
});

test("hostile workbooks fail with a one-line ParseError", async () => {
  const check = async (bytes: Uint8Array, code: string, message: RegExp) =>
    assert.rejects(xlsxToIR(bytes), (error) => {
      assert.ok(error instanceof ParseError);
      assert.equal(error.code, code);
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
  const bomb = zipSync({
    "xl/workbook.xml": strToU8("<workbook/>"),
    "xl/worksheets/sheet1.xml": new Uint8Array(8 << 20),
  });
  await check(bomb, "too_large", /zip bomb/);
  await check(zipSync({ "xl/other.xml": strToU8("<x/>") }), "corrupt", /xl\/workbook\.xml/);
  const huge = await build((ws) => {
    ws.getCell("A1").value = "x";
    ws.getCell(2_000_000, 2).value = 1;
  });
  await check(huge, "too_large", /rows by/);
});

test(
  "an XLS (Excel 97-2003, as Kingsoft ET too) parses exactly through LibreOffice Calc",
  {
    skip:
      (!findSoffice() || calcMissing()) &&
      "LibreOffice Calc is not installed; run scripts/install-system-deps.sh",
  },
  async () => {
    const bytes = new Uint8Array(readFileSync(join(fixtures, "sheets/synth-2021-editor.xls")));
    assert.equal(sniffFormat(bytes), "xls");
    const result = await parseDocument(bytes, { name: "report.et" });
    assert.equal(result.format, "xls");
    assert.equal(result.agency, truth.agency);
    assert.deepEqual(result.values, truth.values);
  },
);
