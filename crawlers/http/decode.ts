// Listing pages and API answers to text, through the parser's decoder (parsers/encoding.ts): BOM,
// valid UTF-8, then the HTTP charset, the <meta> charset, GB18030 and a guess, each checked against
// the bytes. This adapter only adds the HTTP header as the declared charset and a warning when the
// page's declaration did not match what its bytes turned out to be.
import { decodeText, findDeclaredCharset, normalizeCharset } from "../../parsers/encoding.js";

export interface DecodedText {
  text: string;
  charset: string;
  /** Set when the declared charset did not match the bytes and another one was used. */
  warning?: string;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "");
  return m?.[1]?.toLowerCase();
}

export function decodeBytes(bytes: Uint8Array, contentType?: string): DecodedText {
  const declaredLabel = charsetFromContentType(contentType) ?? findDeclaredCharset(bytes);
  const { text, encoding } = decodeText(bytes, { declared: charsetFromContentType(contentType), html: true });
  const declared = normalizeCharset(declaredLabel);
  const warning =
    declaredLabel && declared !== encoding && /[^\x00-\x7f]/.test(text)
      ? `declared ${declaredLabel} but bytes are ${encoding === "utf-8" ? "UTF-8" : encoding.toUpperCase()}`
      : undefined;
  return { text, charset: encoding, ...(warning ? { warning } : {}) };
}
