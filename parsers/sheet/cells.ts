// The text of a spreadsheet cell for the IR: what the cell holds, never what its number format
// shows. A figure formatted "#,##0" or "0.00" or `0"件"` is its value (1234, not "1,234.00件");
// a formula gives its cached result. A formula without one, and an error value (#DIV/0!), give a
// marker without digits: a blank would read as 0, and the formula's or error's digits as a figure.

/** The subset of exceljs's CellValue the reader looks at. */
export type SheetValue =
  | null
  | undefined
  | number
  | string
  | boolean
  | Date
  | { richText: { text: string }[] }
  | { text: unknown; hyperlink?: string }
  | { formula?: string; sharedFormula?: string; result?: unknown }
  | { error: string };

/** What an error value stands as (no digits: "#DIV/0!" must not read as 0). */
export const ERROR_MARK = "#错误值";
/** What a formula without a cached result stands as. */
export const FORMULA_MARK = "#公式未计算";

/** A number as its shortest decimal, float noise of a computed value (0.1 + 0.2) removed. */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(12)));
}

export function cellText(value: SheetValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return numberText(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if ("richText" in value && Array.isArray(value.richText))
    return value.richText.map((r) => r.text ?? "").join("");
  if ("error" in value) return ERROR_MARK;
  if ("formula" in value || "sharedFormula" in value) {
    const result = value.result;
    if (result === undefined || result === null) return FORMULA_MARK;
    if (typeof result === "object" && !(result instanceof Date)) return ERROR_MARK;
    return cellText(result as SheetValue);
  }
  if ("text" in value) return cellText(value.text as SheetValue);
  return "";
}
