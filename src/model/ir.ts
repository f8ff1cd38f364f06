// The intermediate representation every document format is turned into, and the one thing the
// template recognizer reads. HTML, text, Markdown, PDF and Word front-ends all produce it, so the
// recognizer never knows which format a report came in.

/** Where a piece of text sits in its source document (provenance for every figure). */
export interface SourceLocation {
  /** PDF page, 1-based. */
  page?: number;
  /** PDF box in page space, points, origin top-left: [x0, y0, x1, y1]. */
  bbox?: [number, number, number, number];
  /** 1-based line in a text/Markdown source. */
  line?: number;
  /** Structural path in HTML/DOCX, e.g. "table[3]/tr[5]/td[2]". */
  path?: string;
}

/** One grid slot of a table. Row/column spans are expanded: every covered slot holds a cell. */
export interface Cell {
  text: string;
  loc?: SourceLocation;
  /** True when this slot is a copy made by expanding a rowspan/colspan (vMerge/gridSpan), not the origin cell. */
  spanned?: boolean;
}

/** A table as a grid. Rows may have different lengths when the source was ragged. */
export interface TableBlock {
  kind: "table";
  rows: Cell[][];
  loc?: SourceLocation;
  /**
   * The front-end rebuilt the columns from text (tabs of ragged rows, space-aligned columns), so a
   * blank cell's position is a guess rather than a printed cell of a grid.
   */
  inferredColumns?: boolean;
}

/** A run of prose: a paragraph, a heading, or one line of copied-out text. */
export interface TextBlock {
  kind: "text";
  text: string;
  loc?: SourceLocation;
}

export type Block = TableBlock | TextBlock;

/**
 * "scan": a PDF of page images read by OCR; "image": a JPG/PNG/TIFF… report read by OCR; "ofd": the
 * national fixed-layout format (GB/T 33190); "rtf": Rich Text (read through LibreOffice like DOC);
 * "xlsx"/"xls": a spreadsheet of the report's tables ("xls": Excel 97–2003 or Kingsoft ET, OLE2).
 */
export type DocumentFormat =
  | "html"
  | "text"
  | "markdown"
  | "pdf"
  | "docx"
  | "doc"
  | "odt"
  | "ofd"
  | "rtf"
  | "xlsx"
  | "xls"
  | "scan"
  | "image";

/**
 * The text of a figure cell of a scan that holds ink OCR could not read (parsers/ocr): not blank
 * (blank is 0), not a figure; the recognizer keeps its place in the grid row.
 */
export const UNREAD_CELL = "?";

/** What OCR read in one figure cell of a scan (parsers/ocr): the cell's text is the first candidate. */
export interface OcrCellReading {
  page: number;
  /** The IR cell's loc.bbox (points, top-left origin). */
  box: [number, number, number, number];
  kind: "blank" | "dash" | "slash" | "digits" | "text";
  /** Readings, most likely first, with 0–100 confidences ("" = blank cell). */
  candidates: { text: string; confidence: number }[];
  /** The cell's ink is one glyph shaped as a zero and nothing else (a witness beside the engine's reading). */
  zero?: boolean;
}

export interface OcrInfo {
  engine: string;
  pages: number;
  cells: OcrCellReading[];
  /**
   * The pages read by OCR when the others were read from a text layer (a PDF whose tables alone
   * are images); absent when every page was OCR'd.
   */
  pageNumbers?: number[];
  /**
   * Pages of a phone photo: put back square (parsers/ocr/perspective.ts), or an image whose density
   * is a camera's default (72/96 dpi). Blurred and resampled, their readings' confidences say less,
   * so a figure no identity covers needs more.
   */
  photoPages?: number[];
}

export interface DocumentIR {
  format: DocumentFormat;
  /** The document's own title when the format carries one (<title>, PDF metadata, first heading). */
  title?: string;
  /** Blocks in reading order. */
  blocks: Block[];
  /** Problems met while reading the format (not template problems): e.g. "pdf.no_text_layer". */
  notes: { code: string; message: string }[];
  /** Present when the document was read by OCR: every figure cell's readings. */
  ocr?: OcrInfo;
}
