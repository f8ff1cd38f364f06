// What crosses from the stages that find documents (crawlers/, the `ingest` command) to the ingest
// pipeline (src/ingest/) and back: one document with where it was found, and what became of it.
// A crawler is given a DocumentSink and hands each fetched document to it, as a Scrapy spider yields
// items to its pipeline; it never sees the store.
import type { DocumentResource } from "./resources.js";

export interface IncomingDocument {
  bytes: Uint8Array;
  url?: string;
  path?: string;
  /** ISO time of the fetch (or of the ingest, when absent). */
  fetchedAt?: string;
  etag?: string;
  lastModified?: string;
  /** The HTTP Content-Type header as served, parameters included ("text/html; charset=gb2312"). */
  contentType?: string;
  /** The crawler's sources-registry id. */
  sourceId?: string;
  title?: string;
  /** A region name or GB/T 2260 code known for the source (e.g. from the sources registry); settles ambiguous names. */
  regionHint?: string;
  /** The file name the server gave (Content-Disposition): a hint to the agency, a fallback title. */
  filename?: string;
  /** The SHA-256 of `bytes` (hex) when the caller already computed it, so it is hashed once. */
  sha256?: string;
  /** The publication date the portal printed (YYYY-MM-DD), for timeliness. */
  publishedOn?: string;
  /** Where that date was read: page (发布日期), meta, listing, api, written (成文日期), url, last-modified. */
  publishedSource?: string;
  /**
   * The images an HTML report shows, fetched with it (tables published as pictures): parsed with
   * the page as one document and kept with it for `reparse`. A failed fetch is one with `error`.
   */
  resources?: DocumentResource[];
}

export interface IngestOutcome {
  status: "new" | "updated" | "unchanged" | "failed";
  documentId: number | null;
  reportId: number | null;
  sha256: string;
  agency: string | null;
  year: number | null;
  error?: string;
  /** For a scan read by OCR: how many of its figures came from OCR (all confirmed). */
  ocrFigures?: number;
}

/** Where a crawler (or any other finder of documents) hands each document it fetched. */
export interface DocumentSink {
  ingestDocument(document: IncomingDocument): Promise<IngestOutcome>;
}
