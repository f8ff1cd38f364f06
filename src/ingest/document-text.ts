// The text of a text-like document, searched for a parent region's name when an agency name is
// ambiguous (鼓楼区人民政府: Fuzhou's or Nanjing's?).
import { decodeText } from "../../parsers/encoding.js";
import type { ParseResult } from "../model/contract.js";

/** How much of a document is searched for a parent region's name when an agency name is ambiguous. */
const TEXT_EVIDENCE_BYTES = 256 * 1024;

/** The text of a text-like document (HTML tags dropped), for region evidence; empty for PDF and Word. */
export function documentText(bytes: Uint8Array, result: ParseResult | null): string {
  const format = result?.format;
  if (format !== "html" && format !== "text" && format !== "markdown") return "";
  const { text } = decodeText(bytes.subarray(0, TEXT_EVIDENCE_BYTES), { html: format === "html" });
  return format === "html" ? text.replace(/<[^>]*>/g, " ") : text;
}
