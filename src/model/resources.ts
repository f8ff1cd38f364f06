// Files a document shows but does not contain — the images of an HTML report — handed to the parser
// with the document's bytes, so parsing never fetches anything. Crawlers fetch them with the page,
// `nianbao parse page.html` reads them from the folder beside the file, and the store keeps them
// (blobs by hash) so `reparse` reads the same images again offline.

/** Most resources handed with one document (a report's tables fit in a few images). */
export const MAX_DOCUMENT_RESOURCES = 24;
/** Largest image handed with a document (a 300 dpi A4 scan as PNG is 2–8 MB). */
export const MAX_RESOURCE_BYTES = 16 * 1024 * 1024;

export interface DocumentResource {
  /**
   * The reference as the document writes it (an <img>'s `src`, entities decoded by the HTML
   * parser): the parser finds each image by it.
   */
  ref: string;
  /** Where it was fetched from (absolute URL) or read (a path); for messages and the store. */
  url: string;
  /** The bytes; absent when they could not be had (then `error` says why). */
  bytes?: Uint8Array;
  /** The Content-Type it was served with (the parser sniffs the bytes all the same). */
  contentType?: string;
  /** Why the bytes are absent: fetch failed, too large, outside the page's folder, … */
  error?: string;
}
