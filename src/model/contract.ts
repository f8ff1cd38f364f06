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
  /**
   * For a table-2 row several readings fit (`figure.ambiguous_split`, on the row's first such issue):
   * the distinct readings of the cells left out, by metric code (at most 64). The store keeps them so
   * the same body's neighbouring years may decide the row (docs/witnesses.md, resolved_across_years).
   */
  candidates?: Record<string, number>[];
}

/**
 * How a figure is known, from the second witnesses of it (docs/witnesses.md):
 * - `confirmed`: an identity reading it holds (another printing of the report agrees with it) or the
 *   report's prose states the same figure, and no identity fails and the prose does not disagree;
 * - `contradicted`: an identity reading it fails, or the prose states another figure;
 * - `reconstructed`: read from damaged print (split, expanded or joined) by choosing the reading the
 *   identities accept, so they are not independent witnesses of it (unless the prose agrees);
 * - `unconfirmed`: the identities reading it cannot be checked (a figure they read is missing);
 * - `no_identity`: no identity reads it (table 2) and the prose does not state it;
 * - `prose`: the table's figure was unreadable; this one is the prose's (`derived: "read_from_prose"`).
 * The store adds `resolved_across_years` (never set by a parse): src/ingest/cross-year.ts.
 */
export type FigureKnown =
  "confirmed" | "contradicted" | "reconstructed" | "unconfirmed" | "no_identity" | "prose";

/** Where one figure came from: the raw cell text and its place in the document, and its witnesses. */
export interface FigureSource {
  raw: string;
  loc?: SourceLocation;
  /** How the value was obtained when it is not a single printed cell read as is. */
  derived?:
    | "sum_of_items"
    | "split_run_together"
    | "expanded_merged_cells"
    | "joined_word_runs"
    | "read_from_prose"
    /** A scan's cell OCR could not read, solved from an identity whose other figures were read surely. */
    | "solved_from_identity";
  /** How the figure is known (set by the recognizer on every figure it returns). */
  known?: FigureKnown;
  /** Identity codes reading this figure that hold, that fail, and that cannot be checked (absent: none). */
  holds?: string[];
  fails?: string[];
  unchecked?: string[];
  /** The report's prose states this figure too, and agrees with the table or not. */
  prose?: "agrees" | "disagrees";
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
