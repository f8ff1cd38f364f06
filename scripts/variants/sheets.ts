// Spreadsheets of a report's tables, as portals publish them beside the report, with the report's
// truth: every table of the document's IR on its own sheet (title row merged across the top),
// spans as merged ranges, figures as number cells with display formats that differ from their
// values ("#,##0.00" shows 3 as "3.00", `0"件"` shows 12 as "12件"), table totals as formulas with
// their cached results — as Excel and WPS save them.
//
//   npx tsx scripts/variants/sheets.ts IN(.html|.docx|…) OUT.xlsx
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { readDocument } from "../../parsers/index.js";
import type { DocumentIR } from "../../parsers/ir.js";

const FIGURE = /^\d+(?:\.\d+)?$/;
const FORMATS = ["#,##0.00", '0"件"', "#,##0", "General"];

export async function workbookFromIR(ir: DocumentIR, title: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = title;
  // Fixed document times (the zip's own time stamps still vary).
  workbook.created = workbook.modified = new Date("2024-01-01T00:00:00Z");
  const tables = ir.blocks.flatMap((b) => (b.kind === "table" ? [b] : []));
  const numeral = (k: number) => "一二三四五六七八九十"[k - 1] ?? String(k);
  let n = 0;
  for (const table of tables) {
    const width = Math.max(...table.rows.map((r) => r.length));
    if (table.rows.length < 2 || width < 2) continue;
    const ws = workbook.addWorksheet(`表${numeral(++n)}`);
    ws.getCell(1, 1).value = n === 1 ? title : `表${numeral(n)}`;
    ws.mergeCells(1, 1, 1, width);
    const top = 2;
    // Cells sharing a source path are one merged range (the IR expands spans into copies).
    const ranges = new Map<string, { r0: number; c0: number; r1: number; c1: number; text: string }>();
    table.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const key = cell.loc?.path ?? `${r}:${c}`;
        const range = ranges.get(key);
        if (!range) ranges.set(key, { r0: r, c0: c, r1: r, c1: c, text: cell.text });
        else Object.assign(range, { r1: Math.max(range.r1, r), c1: Math.max(range.c1, c) });
      }),
    );
    const format = FORMATS[n % FORMATS.length]!;
    for (const { r0, c0, r1, c1, text } of ranges.values()) {
      const cell = ws.getCell(top + r0, 1 + c0);
      if (FIGURE.test(text)) {
        cell.value = Number(text);
        cell.numFmt = format;
      } else cell.value = text;
      if (r1 > r0 || c1 > c0) ws.mergeCells(top + r0, 1 + c0, top + r1, 1 + c1);
    }
    // A row whose last cell is the sum of the ones before it gets that as a formula, result cached.
    for (let r = 0; r < table.rows.length; r++) {
      const row = ws.getRow(top + r);
      const values = Array.from({ length: width }, (_, c) => row.getCell(1 + c).value);
      const last = values[width - 1];
      const before = values.slice(1, width - 1);
      const cell = row.getCell(width);
      // Not over a merged range, nor a 0 (exceljs writes no cached result for 0, Excel does).
      if (cell.isMerged || typeof last !== "number" || last === 0) continue;
      if (before.length >= 2 && before.every((v) => typeof v === "number")) {
        const sum = (before as number[]).reduce((a, b) => a + b, 0);
        if (sum === last) {
          const from = ws.getCell(top + r, 2).address;
          const to = ws.getCell(top + r, width - 1).address;
          cell.value = { formula: `SUM(${from}:${to})`, result: last } as ExcelJS.CellFormulaValue;
        }
      }
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The document (any format the parser reads) as a workbook of its tables. */
export async function workbookOf(bytes: Uint8Array, title: string): Promise<Uint8Array> {
  return workbookFromIR(await readDocument(bytes), title);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, output, title = ""] = process.argv.slice(2);
  if (!input || !output) throw new Error("usage: sheets.ts IN OUT.xlsx [TITLE]");
  writeFileSync(output, await workbookOf(new Uint8Array(readFileSync(input)), title));
}
