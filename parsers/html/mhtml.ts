// MHTML (.mht, Word's and browsers' "single file web page"): a MIME multipart message whose first
// text/html part is the page, encoded quoted-printable or base64. Portals post Word reports saved
// this way; unwrapped, they are ordinary (often Word-pasted) HTML.

export interface MhtmlPage {
  /** The HTML part's bytes, transfer encoding undone. */
  bytes: Uint8Array;
  /** The part's declared charset, if any. */
  charset?: string;
}

/** How much of the start is searched for the MIME header. */
const HEADER_SCAN_BYTES = 8192;

function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return Buffer.from(
    bytes.buffer,
    bytes.byteOffset + start,
    Math.max(0, Math.min(end, bytes.length) - start),
  ).toString("latin1");
}

/** The multipart boundary when the bytes are an MHTML message, else undefined. */
export function mhtmlBoundary(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes, 0, HEADER_SCAN_BYTES);
  if (
    !/^\s*(?:MIME-Version|From|Subject|Date|Content-Type|Content-Location|Snapshot-Content-Location)\s*:/i.test(
      head,
    )
  ) {
    return undefined;
  }
  const contentType = /content-type\s*:\s*multipart\/related\s*;([^]*?)(?:\r?\n\r?\n|\r?\n(?![ \t]))/i.exec(
    head,
  );
  if (!contentType) return undefined;
  return /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType[1]!)?.slice(1).find(Boolean);
}

function headerValue(headers: string, name: string): string | undefined {
  return new RegExp(`^${name}\\s*:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, "im")
    .exec(headers)?.[1]
    ?.replace(/\r?\n[ \t]+/g, " ");
}

function decodeQuotedPrintable(text: string): Buffer {
  const unwrapped = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < unwrapped.length; i++) {
    const char = unwrapped.charCodeAt(i);
    if (char === 0x3d && /^[0-9A-Fa-f]{2}$/.test(unwrapped.slice(i + 1, i + 3))) {
      bytes.push(parseInt(unwrapped.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(char & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** The page inside an MHTML message: its first text/html part, decoded; undefined if none. */
export function extractMhtmlPage(bytes: Uint8Array, boundary: string): MhtmlPage | undefined {
  // latin1 keeps every byte as one character, so 8-bit parts survive the round trip.
  const message = latin1(bytes);
  for (const part of message.split(`--${boundary}`).slice(1)) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const headers = part.slice(0, split.index);
    const contentType = headerValue(headers, "Content-Type") ?? "";
    if (!/text\/html/i.test(contentType)) continue;
    const body = part.slice(split.index + split[0].length).replace(/\r?\n$/, "");
    const encoding = (headerValue(headers, "Content-Transfer-Encoding") ?? "").trim().toLowerCase();
    const decoded =
      encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : encoding === "base64"
          ? Buffer.from(body.replace(/\s+/g, ""), "base64")
          : Buffer.from(body, "latin1");
    const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
    return charset ? { bytes: decoded, charset } : { bytes: decoded };
  }
  return undefined;
}

/** An image carried inside an MHTML message, with the names the page may use for it. */
export interface MhtmlImage {
  /** Content-Location (the URL or file path it was saved from), when given. */
  location?: string;
  /** Content-ID, without its angle brackets (the page writes "cid:<id>"). */
  contentId?: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * The images an MHTML message carries beside its page (a browser's or Word's "single file web
 * page" keeps them as parts), at most `max` of them: the page's pictures travel inside the file.
 */
export function extractMhtmlImages(bytes: Uint8Array, boundary: string, max: number): MhtmlImage[] {
  const images: MhtmlImage[] = [];
  const message = latin1(bytes);
  for (const part of message.split(`--${boundary}`).slice(1)) {
    if (images.length >= max) break;
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const headers = part.slice(0, split.index);
    const contentType = (headerValue(headers, "Content-Type") ?? "").trim();
    if (!/^image\//i.test(contentType)) continue;
    const body = part.slice(split.index + split[0].length).replace(/\r?\n$/, "");
    const encoding = (headerValue(headers, "Content-Transfer-Encoding") ?? "").trim().toLowerCase();
    const decoded =
      encoding === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64")
        : encoding === "quoted-printable"
          ? decodeQuotedPrintable(body)
          : Buffer.from(body, "latin1");
    const location = headerValue(headers, "Content-Location")?.trim();
    const contentId = headerValue(headers, "Content-ID")?.trim().replace(/^<|>$/g, "");
    images.push({
      ...(location ? { location } : {}),
      ...(contentId ? { contentId } : {}),
      contentType,
      bytes: new Uint8Array(decoded),
    });
  }
  return images;
}
