// The file name of an attachment from its Content-Disposition header. Portals send it as RFC 5987
// `filename*=UTF-8''…`, as percent-encoded UTF-8 in `filename="…"`, or as raw GBK or UTF-8 bytes
// (H22); HTTP clients hand header values over as latin1 characters, one per byte.
import iconv from "iconv-lite";
import { decodeText } from "../../parsers/encoding.js";

/** The decoded file name, or undefined when the header names none. */
export function contentDispositionFilename(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([\w-]+)'[^']*'([^;\s]+)/i.exec(header);
  if (extended) {
    const name = decodePercent(extended[2]!, extended[1]!);
    if (name) return clean(name);
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const value = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2]?.trim();
  if (!value) return undefined;
  if (/%[0-9a-f]{2}/i.test(value) && /^[\x20-\x7e]*$/.test(value)) {
    const name = decodePercent(value, "utf-8");
    if (name) return clean(name);
  }
  return clean(decodeBytes(Buffer.from(value, "latin1")));
}

function decodePercent(text: string, charset: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === "%" ? text.slice(i + 1, i + 3) : "";
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i) & 0xff);
  }
  const buffer = Buffer.from(bytes);
  if (/^utf-?8$/i.test(charset)) return decodeBytes(buffer);
  return iconv.encodingExists(charset) ? iconv.decode(buffer, charset) : undefined;
}

/** UTF-8 when the bytes are UTF-8, otherwise GB18030 (a superset of GBK and GB2312). */
function decodeBytes(bytes: Buffer): string {
  return decodeText(bytes).text;
}

/** Only the last path segment, without control characters. */
function clean(name: string): string | undefined {
  const base = name
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .split(/[\\/]/)
    .pop()
    ?.trim();
  return base || undefined;
}
