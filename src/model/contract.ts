// The `parse --json` contract (../shared/spec/REPORT-FORMAT.md) as types. Codes in `values` are
// the metric codes of data/metrics.json; they are the contract between parser, store and exports.
import type { DocumentFormat, SourceLocation } from "./ir.js";

import type { TemplateId } from "./template/description.js";

/** A template revision (see src/model/template/description.ts). */
export type { TemplateId };

export interface ParseIssue {
  /** Stable machine code, e.g. "identity.t3.balance", "figure.unreadable", "document.scanned". */
  code: string;
  /** The metric the issue is about, when there is one. */
  metric?: string;
  message: string;
}

/** Where one figure came from: the raw cell text and its place in the document. */
export interface FigureSource {
  raw: string;
  loc?: SourceLocation;
  /** How the value was obtained when it is not a single printed cell read as is. */
  derived?: "sum_of_items" | "split_run_together" | "expanded_merged_cells" | "joined_word_runs";
  /** Read by OCR from a scan (parsers/ocr): the reading's confidence (0–100), and the engine's
   * first reading when the identities chose another of its candidates. */
  ocr?: { confidence: number; first_reading?: string };
}

/** How a scanned document was read by OCR. */
export interface OcrSummary {
  engine: string;
  pages: number;
  /** Figures kept that were read by OCR (all of them confirmed by the identities or, in table 2, by confidence). */
  figures: number;
  /** Figures read by OCR but left out (issue "ocr.unconfirmed"). */
  left_out: number;
  /** Figures kept with another of the engine's candidate readings than its first. */
  corrected: number;
}

export interface ParseResult {
  agency: string | null;
  year: number | null;
  template: TemplateId | null;
  values: Record<string, number>;
  issues: ParseIssue[];
  /** Provenance by metric code (not part of the minimal contract; printed with --provenance). */
  sources?: Record<string, FigureSource>;
  /** The sniffed format of the document. */
  format?: DocumentFormat;
  /** Present when the document is a scan or an image read by OCR. */
  ocr?: OcrSummary;
}
