// Listing pages and API answers to text: BOM, then the HTTP charset, then a <meta> charset, checked
// against the bytes. GB2312/GBK are decoded as GB18030 (its superset) so rare characters survive.
import iconv from "iconv-lite";

export interface DecodedText {
  text: string;
  charset: string;
  /** Set when the declared charset did not match the bytes and another one was used. */
  warning?: string;
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "");
  return m?.[1]?.toLowerCase();
}

export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

function normalise(charset: string): string {
  if (/^(gb2312|gbk|gb_2312-80|x-gbk|cp936|gb18030|euc-cn)$/.test(charset)) return "gb18030";
  if (charset === "utf8") return "utf-8";
  return charset;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

export function decodeBytes(bytes: Uint8Array, contentType?: string): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), charset: "utf-8" };
  }
  const declared = charsetFromContentType(contentType) ?? charsetFromMeta(bytes);
  const charset = declared ? normalise(declared) : undefined;
  const validUtf8 = isValidUtf8(bytes);
  // Real pages lie: UTF-8 bytes under a gb2312 meta, or an iso-8859-1 header on Chinese error pages.
  // Bytes that are valid UTF-8 with multi-byte sequences are almost never GB text, so trust them.
  if (validUtf8 && (charset === undefined || charset === "utf-8" || hasNonAscii(bytes))) {
    const text = new TextDecoder("utf-8").decode(bytes);
    const warning =
      charset && charset !== "utf-8" && hasNonAscii(bytes)
        ? `declared ${declared} but bytes are UTF-8`
        : undefined;
    return { text, charset: "utf-8", ...(warning ? { warning } : {}) };
  }
  if (
    charset &&
    charset !== "utf-8" &&
    iconv.encodingExists(charset) &&
    !/^(iso-8859-1|latin1|us-ascii)$/.test(charset)
  ) {
    return { text: iconv.decode(Buffer.from(bytes), charset), charset };
  }
  const text = iconv.decode(Buffer.from(bytes), "gb18030");
  return {
    text,
    charset: "gb18030",
    warning: declared
      ? `declared ${declared} but bytes are not valid in it; decoded as GB18030`
      : "no charset declared; decoded as GB18030",
  };
}
