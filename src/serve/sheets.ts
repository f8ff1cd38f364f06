// Table views as data: every page that shows a table builds it as sheets first, and the same
// sheets become the HTML table, the CSV (UTF-8 with BOM, Chinese or English headers) and the XLSX
// (one worksheet per table, frozen header row, numbers as numbers, money in 万元 with its unit).
import { stringify } from "csv-stringify/sync";
import type { Lang } from "./i18n.js";
import type { Label } from "./layout.js";

export type Cell = string | number | null;

export interface Column {
  key: string;
  label: Label;
  /** count/number: plain numbers; money: 万元; percent: a share (0.25 = 25 %); text otherwise. */
  type?: "text" | "count" | "number" | "money" | "percent";
}

export interface Sheet {
  name: Label;
  columns: Column[];
  /** Values by column key; `<key>:unit` = "10k_yuan" marks one money cell in a mixed column. */
  rows: Record<string, Cell>[];
}

const BOM = "\uFEFF";

/** One CSV per download: several sheets are written one after another with a blank line between. */
export function sheetsToCsv(sheets: Sheet[], lang: Lang): string {
  const parts = sheets.map((sheet) => {
    const records: Cell[][] = [sheet.columns.map((column) => column.label[lang])];
    for (const row of sheet.rows) records.push(sheet.columns.map((column) => row[column.key] ?? null));
    return stringify(records, { record_delimiter: "\r\n", cast: { number: (n) => String(n) } });
  });
  return BOM + parts.join("\r\n");
}

const MONEY_FORMAT: Record<Lang, string> = { zh: '#,##0.####" 万元"', en: '#,##0.####" (10k yuan)"' };

/** Excel's sheet names: at most 31 characters, none of []:*?/\ . */
function sheetName(label: string, used: Set<string>): string {
  let name = label.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet";
  for (let i = 2; used.has(name); i++) name = `${name.slice(0, 28)} ${i}`;
  used.add(name);
  return name;
}

export async function sheetsToXlsx(sheets: Sheet[], lang: Lang): Promise<Buffer> {
  // exceljs is loaded on the first download only: it is most of the server's start-up otherwise.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "nianbao";
  const used = new Set<string>();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name[lang], used), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    worksheet.columns = sheet.columns.map((column) => ({
      header: column.label[lang],
      key: column.key,
      width: Math.min(60, Math.max(10, column.label[lang].length * (lang === "zh" ? 2 : 1) + 2)),
      style:
        column.type === "money"
          ? { numFmt: MONEY_FORMAT[lang] }
          : column.type === "percent"
            ? { numFmt: "0.0%" }
            : column.type === "number"
              ? { numFmt: "0.00" }
              : {},
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      const added = worksheet.addRow(row);
      // A column of mixed figures (table 2) marks its money cells one by one.
      for (const column of sheet.columns)
        if (row[`${column.key}:unit`] === "10k_yuan") added.getCell(column.key).numFmt = MONEY_FORMAT[lang];
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
