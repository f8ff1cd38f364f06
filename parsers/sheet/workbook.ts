// An XLSX workbook read with exceljs (already a dependency, for the server's downloads), behind the
// same zip-bomb limits as a DOCX: the package is inflated by fflate with the entry-count, size and
// ratio checks first, and exceljs is given the checked parts stored again uncompressed, so it never
// inflates anything the checks did not see.
import { zipSync } from "fflate";
import { readPackageParts, type PackageLimits } from "../docx/package.js";
import { ParseError } from "../errors.js";
import type { SheetSource } from "./blocks.js";
import type { SheetValue } from "./cells.js";

const XLSX_LIMITS: PackageLimits = {
  maxEntries: 5000,
  maxPartBytes: 64 * 1024 * 1024,
  maxRatio: 200,
  maxTotalBytes: 128 * 1024 * 1024,
};

/** A report's tables are tens of rows by tens of columns; a sheet far beyond that is not one. */
export const MAX_SHEET_CELLS = 1_000_000;

export interface Workbook {
  title?: string;
  sheets: SheetSource[];
}

export async function readWorkbook(bytes: Uint8Array): Promise<Workbook> {
  const parts = readPackageParts(bytes, () => true, XLSX_LIMITS, "XLSX");
  if (!parts.has("xl/workbook.xml"))
    throw new ParseError("corrupt", "the zip package has no xl/workbook.xml: it is not a spreadsheet");
  const stored = zipSync(Object.fromEntries(parts), { level: 0 });
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength) as ArrayBuffer,
    );
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new ParseError("corrupt", `the spreadsheet could not be read (${reason})`);
  }
  const sheets: SheetSource[] = [];
  for (const ws of workbook.worksheets) {
    const rowCount = ws.rowCount;
    const columnCount = ws.columnCount;
    if (rowCount * columnCount > MAX_SHEET_CELLS) {
      throw new ParseError(
        "too_large",
        `sheet "${ws.name}" spans ${rowCount} rows by ${columnCount} columns; a report's tables are tens of each (limit ${MAX_SHEET_CELLS} cells)`,
      );
    }
    sheets.push({
      name: ws.name,
      rowCount,
      columnCount,
      isHidden: ws.state !== "visible",
      rowHidden: (r) => ws.getRow(r).hidden,
      columnHidden: (c) => ws.getColumn(c).hidden,
      cell(r, c) {
        const cell = ws.getCell(r, c);
        const master = cell.isMerged
          ? { row: Number(cell.master.row), column: Number(cell.master.col) }
          : undefined;
        return { value: cell.value as SheetValue, ...(master ? { master } : {}) };
      },
    });
  }
  const title = workbook.title?.trim();
  return { sheets, ...(title ? { title } : {}) };
}
