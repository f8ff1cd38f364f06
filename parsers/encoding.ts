// Bytes → string for text-like documents (HTML, text, Markdown) and for crawled pages.
//
// Order of evidence: a byte-order mark; then valid UTF-8 (a GBK document of any length is
// practically never valid UTF-8, while pages that *declare* gb2312 but were re-saved as UTF-8 are
// common, so validity beats a declaration); then the declared charset (HTTP header, then
// <meta>/<?xml?>) unless decoding with it breaks; then GB18030, the superset of GB2312/GBK that
// Chinese portals use when they are not UTF-8; then chardet's guess.
import { isUtf8 } from "node:buffer";
import chardet from "chardet";
import iconv from "iconv-lite";

export type EncodingEvidence = "bom" | "utf8" | "declared" | "meta" | "guess" | "fallback";

export interface DecodedText {
  text: string;
  /** The encoding used, lower-case iconv name (e.g. "utf-8", "gb18030", "utf-16le"). */
  encoding: string;
  /** What decided the encoding. */
  evidence: EncodingEvidence;
}

export interface DecodeOptions {
  /** A charset declared outside the bytes, e.g. from the HTTP Content-Type header. */
  declared?: string;
  /** Look for an HTML/XML charset declaration in the first bytes. */
  html?: boolean;
}

/** How far into a page the <meta charset> declaration is looked for (portals put long comments first). */
const DECLARATION_SCAN_BYTES = 8192;
/** chardet is given a prefix only: enough for a confident guess, bounded time on huge inputs. */
const GUESS_SAMPLE_BYTES = 64 * 1024;

/** The BOM at the start of `bytes`, if any, with the encoding it announces. */
export function detectBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  if (bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33) {
    return { encoding: "gb18030", length: 4 };
  }
  return undefined;
}

/**
 * Maps a charset label to the iconv-lite encoding that decodes it correctly, or undefined when
 * the label is unknown. GB2312 and GBK are decoded as GB18030: pages labelled GB2312 routinely
 * contain GBK-only characters, and GB18030 is a strict superset of both.
 */
export function normalizeCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const name = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, "");
  if (/^(gb2312|gbk|gb_2312-80|x-gbk|cp936|windows-936|gb18030|euc-cn|csgb2312|chinese)$/.test(name)) {
    return "gb18030";
  }
  if (name === "utf8" || name === "unicode-1-1-utf-8") return "utf-8";
  if (name === "big5-hkscs" || name === "x-x-big5") return "big5";
  return iconv.encodingExists(name) ? name : undefined;
}

/** Finds `<meta charset=…>`, `<meta http-equiv content="…; charset=…">` or `<?xml encoding=…?>`. */
export function findDeclaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.length, DECLARATION_SCAN_BYTES),
  ).toString("latin1");
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  if (meta?.[1]) return meta[1];
  const xml = /^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)/i.exec(head);
  return xml?.[1];
}

/** Single-byte Western encodings: they "decode" anything, so a Chinese page mislabelled with one must not win. */
function isSingleByteWestern(encoding: string): boolean {
  return /^(iso-8859-\d+|latin1|windows-125\d|cp125\d|us-ascii|ascii|ascii-\w+)$/.test(encoding);
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === "utf-8") return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding);
}

// Valid UTF-8 decoded by a plain loop into UTF-16 code units, made a string in one copy: for Chinese
// text (three bytes a character) this is about a third of the time of Buffer's utf8 decoding (V8's
// general decoder, which also checks validity: isUtf8 has said so already). The same string, code
// unit for code unit. Big documents take Buffer's way (the scratch array is kept between calls).
const FAST_DECODE_MAX_BYTES = 512 * 1024;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let utf16Scratch = new Uint16Array(0);

function decodeValidUtf8(bytes: Uint8Array): string {
  if (bytes.length > FAST_DECODE_MAX_BYTES || !LITTLE_ENDIAN) return decodeWith(bytes, "utf-8");
  if (utf16Scratch.length < bytes.length) utf16Scratch = new Uint16Array(Math.max(bytes.length, 16 * 1024));
  const out = utf16Scratch;
  let n = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out[n++] = b;
      i++;
    } else if (b < 0xe0) {
      out[n++] = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      out[n++] = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      i += 3;
    } else {
      const code =
        (((b & 0x07) << 18) |
          ((bytes[i + 1]! & 0x3f) << 12) |
          ((bytes[i + 2]! & 0x3f) << 6) |
          (bytes[i + 3]! & 0x3f)) -
        0x10000;
      out[n++] = 0xd800 | (code >> 10);
      out[n++] = 0xdc00 | (code & 0x3ff);
      i += 4;
    }
  }
  return Buffer.from(out.buffer, out.byteOffset, n * 2).toString("utf16le");
}

/** Share of U+FFFD in a decoded string: how badly an encoding fits the bytes. */
function replacementRate(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = text.indexOf("\uFFFD"); i !== -1; i = text.indexOf("\uFFFD", i + 1)) bad++;
  return bad / text.length;
}

/**
 * True when the non-ASCII bytes are overwhelmingly well-formed UTF-8 sequences. Text in GBK/GB18030
 * forms a valid UTF-8 sequence only by chance (about 1 character in 100: a lead byte E0–EF followed
 * by two bytes in 80–BF), so nine valid sequences in ten is UTF-8 with some damage, never GB.
 */
export function mostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return valid >= 10 && valid >= 9 * invalid;
}

/** A decoding is accepted when (almost) every byte sequence was valid in it. */
const ACCEPTABLE_REPLACEMENT_RATE = 0.001;

/** Decodes a text-like document; see the file comment for the order of evidence. */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = detectBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    return { text: decodeWith(body, bom.encoding), encoding: bom.encoding, evidence: "bom" };
  }
  if (!hasHighBytes(bytes)) return { text: decodeWith(bytes, "utf-8"), encoding: "utf-8", evidence: "utf8" };
  if (isUtf8(bytes)) return { text: decodeValidUtf8(bytes), encoding: "utf-8", evidence: "utf8" };
  // UTF-8 with a flaw (a page cut mid-character, one corrupt byte) is still UTF-8: GBK bytes read
  // as UTF-8 break on nearly every character, while UTF-8 read as GBK "decodes" into mojibake.
  // The evidence is counted per multi-byte sequence: a listing page whose titles were cut one byte
  // short by the CMS is still overwhelmingly UTF-8, and read as GB18030 every title would be lost.
  const asUtf8 = decodeWith(bytes, "utf-8");
  if (replacementRate(asUtf8) <= ACCEPTABLE_REPLACEMENT_RATE || mostlyUtf8(bytes)) {
    return { text: asUtf8, encoding: "utf-8", evidence: "utf8" };
  }

  // Not UTF-8: the declarations, then GB18030, then chardet's guess, each only if it decodes
  // cleanly. Mainland reports that are not UTF-8 are GB, so GB18030 goes before chardet, which is
  // slow (it runs every recognizer over the sample) and on short Chinese texts may answer Big5.
  const declared = normalizeCharset(options.declared);
  const meta = options.html ? normalizeCharset(findDeclaredCharset(bytes)) : undefined;
  const candidates: [() => string | undefined, EncodingEvidence][] = [
    [() => declared, "declared"],
    [() => meta, "meta"],
    [() => "gb18030", "guess"],
    [() => normalizeCharset(chardet.detect(bytes.subarray(0, GUESS_SAMPLE_BYTES)) ?? undefined), "guess"],
  ];
  let best: DecodedText | undefined;
  let bestRate = Infinity;
  const tried = new Set<string>();
  for (const [candidate, evidence] of candidates) {
    const encoding = candidate();
    // A UTF-8 label on invalid UTF-8 is wrong by definition; a Western single-byte label "decodes"
    // anything, so it is used only when nothing Chinese fits (below).
    if (!encoding || encoding === "utf-8" || tried.has(encoding) || isSingleByteWestern(encoding)) continue;
    tried.add(encoding);
    const text = decodeWith(bytes, encoding);
    const rate = replacementRate(text);
    if (rate <= ACCEPTABLE_REPLACEMENT_RATE) return { text, encoding, evidence };
    if (rate < bestRate) [best, bestRate] = [{ text, encoding, evidence }, rate];
  }
  const western = [declared, meta].find((encoding) => encoding && isSingleByteWestern(encoding));
  if (western)
    return {
      text: decodeWith(bytes, western),
      encoding: western,
      evidence: western === declared ? "declared" : "meta",
    };
  return best ?? { text: decodeWith(bytes, "utf-8"), encoding: "utf-8", evidence: "fallback" };
}
