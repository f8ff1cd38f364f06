import type { Block, DocumentIR } from "../ir.js";
import { sheetBlocks } from "../sheet/blocks.js";
import { readWorkbook } from "../sheet/workbook.js";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { ParseError } from "../errors.js";
import { convertWithSoffice, findSoffice } from "../ole/soffice.js";

const REPORT_WORDS = /年度?报告|年报/;

/**
 * Reads a spreadsheet of the report's tables (XLSX, as some portals publish them beside the
 * report): each visible sheet's used range becomes table blocks (merged ranges expanded like HTML
 * spans) and text blocks (a lone heading or prose row), so the template recognizer reads them as it
 * reads a DOCX's tables. Figures are the cells' values, not their display format.
 */
export async function xlsxToIR(bytes: Uint8Array, format: "xlsx" | "xls" = "xlsx"): Promise<DocumentIR> {
  const workbook = await readWorkbook(bytes);
  const blocks: Block[] = [];
  for (const sheet of workbook.sheets) if (!sheet.isHidden) blocks.push(...sheetBlocks(sheet));
  const ir: DocumentIR = { format, blocks, notes: [] };
  // The report's own heading (年度报告) before a section name that merely mentions 年报.
  const texts = blocks.flatMap((b) => (b.kind === "text" ? [b.text] : []));
  const title =
    texts.find((t) => /年度?报告/.test(t)) ?? texts.find((t) => REPORT_WORDS.test(t)) ?? workbook.title;
  if (title && REPORT_WORDS.test(title)) ir.title = title;
  if (blocks.length === 0)
    ir.notes.push({ code: "sheet.empty", message: "the spreadsheet has no visible cell with text" });
  return ir;
}

/**
 * Reads an Excel 97–2003 (BIFF) or Kingsoft ET spreadsheet — OLE2 files — by converting it to XLSX
 * with LibreOffice Calc, then reading that.
 */
export async function xlsToIR(bytes: Uint8Array, options: { timeoutMs?: number } = {}): Promise<DocumentIR> {
  if (calcMissing()) {
    throw new ParseError(
      "converter_missing",
      "LibreOffice Calc is not installed; install it to read XLS/ET files: apt-get install --no-install-recommends libreoffice-calc",
    );
  }
  const xlsx = await convertWithSoffice(bytes, {
    inputExtension: "xls",
    convertTo: "xlsx:Calc MS Excel 2007 XML",
    outputExtension: "xlsx",
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return xlsxToIR(xlsx, "xls");
}

/**
 * True when LibreOffice is installed without Calc (Debian splits it: libreoffice-writer alone
 * converts documents but not spreadsheets, and fails without saying why). Known only where the
 * program folder holds Writer's library: elsewhere the conversion is left to tell.
 */
export function calcMissing(): boolean {
  const soffice = findSoffice();
  if (!soffice) return false; // convertWithSoffice gives the install hint
  let program: string;
  try {
    program = dirname(realpathSync(soffice));
  } catch {
    return false;
  }
  const has = (name: string) =>
    ["so", "dylib"].some((ext) => existsSync(join(program, `lib${name}lo.${ext}`)));
  return has("sw") && !has("sc");
}
