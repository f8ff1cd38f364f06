// The fonts the fast reader understands, and what pdf.js makes of them for text extraction. Only
// the class where pdf.js's result follows from the PDF's dictionaries alone, never from the font
// program: a Type0 font with Identity-H/V encoding over an embedded TrueType CIDFontType2 (glyf
// outlines, no CFF, so pdf.js keeps the font matrix and the /W widths), with a ToUnicode CMap
// stream. Everything else (simple fonts, CFF, Type3, missing ToUnicode, predefined CMaps) is doubt.
import {
  Cmd,
  doubt,
  EOF,
  Lexer,
  nameOf,
  PdfStream,
  type PdfDict,
  type PdfFile,
  type PdfObject,
} from "./objects.js";

/** pdf.js's glyph as text extraction uses it. */
export interface Glyph {
  code: number;
  unicode: string;
  width: number;
  vmetric: number[] | undefined;
  isWhitespace: boolean;
  isZeroWidthDiacritic: boolean;
  isInvisibleFormatMark: boolean;
}

export interface FastFont {
  /** The font's name as pdf.js's Font has it (FontName of the descriptor). */
  name: string;
  vertical: boolean;
  /** Glyphs of a string of codes (2 bytes each for Type0, 1 for simple fonts). */
  glyphs(chars: string): Glyph[];
}

const SPECIAL_CHAR = /^(\s)|(\p{Mn})|(\p{Cf})$/u;
const MAX_MAP_RANGE = 2 ** 24 - 1;

export function loadFont(file: PdfFile, value: PdfObject | undefined): FastFont {
  const dict = file.resolve(value);
  if (!(dict instanceof Map)) return doubt("font is not a dictionary");
  const subtype = nameOf(dict.get("Subtype"));
  if (subtype === "Type0") return compositeFont(file, dict);
  if (subtype === "TrueType") return simpleFont(file, dict);
  return doubt(`font subtype ${String(subtype)}`);
}

/** The descriptor's FontName (= BaseFont) and a checked TrueType program. */
function fontNameAndProgram(file: PdfFile, dict: PdfDict): string {
  if (dict.has("FontMatrix")) doubt("font with a FontMatrix");
  const descriptor = file.resolve(dict.get("FontDescriptor"));
  if (!(descriptor instanceof Map)) return doubt("no FontDescriptor");
  const fontName = nameOf(descriptor.get("FontName"));
  const baseFont = nameOf(dict.get("BaseFont"));
  if (!fontName || fontName !== baseFont) return doubt("FontName differs from BaseFont");
  if (descriptor.has("FontFile") || descriptor.has("FontFile3")) return doubt("font program not TrueType");
  const program = file.resolve(descriptor.get("FontFile2"));
  if (!(program instanceof PdfStream)) return doubt("font program not embedded");
  checkTrueType(file.decode(program));
  return fontName;
}

function toUnicodeOf(file: PdfFile, ...dicts: PdfDict[]): string[] {
  // pdf.js reads the descendant's ToUnicode first, then the Type0 font's.
  for (const dict of dicts) {
    const stream = file.resolve(dict.get("ToUnicode"));
    if (stream === undefined) continue;
    if (!(stream instanceof PdfStream)) return doubt("ToUnicode is not a stream");
    const map = readToUnicode(file.decode(stream));
    if (map.length === 0) return doubt("empty ToUnicode");
    return map;
  }
  return doubt("no ToUnicode");
}

function compositeFont(file: PdfFile, dict: PdfDict): FastFont {
  const encoding = nameOf(file.resolve(dict.get("Encoding")));
  if (encoding !== "Identity-H" && encoding !== "Identity-V")
    return doubt(`font encoding ${String(encoding)}`);
  const descendants = file.resolve(dict.get("DescendantFonts"));
  if (!Array.isArray(descendants) || descendants.length !== 1) return doubt("DescendantFonts");
  const cid = file.resolve(descendants[0]);
  if (!(cid instanceof Map) || nameOf(cid.get("Subtype")) !== "CIDFontType2")
    return doubt("not CIDFontType2");
  if (dict.has("FontMatrix")) doubt("font with a FontMatrix");
  const name = fontNameAndProgram(file, cid);
  const toUnicode = toUnicodeOf(file, cid, dict);
  const vertical = encoding === "Identity-V";
  const { widths, defaultWidth, vmetrics, defaultVMetrics } = readWidths(file, cid, vertical);
  const glyphOf = (code: number): Glyph => {
    let width = widths[code];
    if (typeof width !== "number") width = defaultWidth;
    const vmetric = vertical ? vmetrics[code] || defaultVMetrics : undefined;
    return glyph(code, toUnicode[code] || String.fromCharCode(code), width, vmetric);
  };
  return cachedFont(name, vertical, 2, glyphOf);
}

/**
 * A simple TrueType font (LibreOffice's subsets): one byte a code, /Widths from /FirstChar. pdf.js
 * fills the codes its ToUnicode lacks from the encoding's glyph names; a code shown without a
 * ToUnicode entry is doubt, so that fallback never matters.
 */
function simpleFont(file: PdfFile, dict: PdfDict): FastFont {
  const name = fontNameAndProgram(file, dict);
  const toUnicode = toUnicodeOf(file, dict);
  const firstChar = file.resolve(dict.get("FirstChar")) ?? 0;
  if (typeof firstChar !== "number" || !Number.isInteger(firstChar)) return doubt("FirstChar");
  const widthArray = file.resolve(dict.get("Widths"));
  if (!Array.isArray(widthArray)) return doubt("simple font without Widths");
  const widths: number[] = [];
  widthArray.forEach((w, i) => {
    const width = file.resolve(w);
    if (typeof width !== "number") doubt("Widths entry");
    widths[firstChar + i] = width;
  });
  const descriptor = file.resolve(dict.get("FontDescriptor")) as PdfDict;
  const missing = file.resolve(descriptor.get("MissingWidth"));
  const defaultWidth = typeof missing === "number" ? missing : 0;
  const glyphOf = (code: number): Glyph => {
    const mapped = toUnicode[code];
    if (!mapped) doubt("code without a ToUnicode entry in a simple font");
    const width = widths[code];
    return glyph(code, mapped, typeof width === "number" ? width : defaultWidth, undefined);
  };
  return cachedFont(name, false, 1, glyphOf);
}

function glyph(code: number, unicode: string, width: number, vmetric: number[] | undefined): Glyph {
  const groups = unicode.match(SPECIAL_CHAR);
  return {
    code,
    unicode,
    width,
    vmetric,
    isWhitespace: !!groups?.[1],
    isZeroWidthDiacritic: !!groups?.[2],
    isInvisibleFormatMark: !!groups?.[3],
  };
}

/** Glyphs cached per code and per string, as pdf.js's Font caches them. */
function cachedFont(
  name: string,
  vertical: boolean,
  bytes: 1 | 2,
  glyphOf: (code: number) => Glyph,
): FastFont {
  const glyphCache = new Map<number, Glyph>();
  const charsCache = new Map<string, Glyph[]>();
  const cached = (code: number) => {
    let found = glyphCache.get(code);
    if (!found) glyphCache.set(code, (found = glyphOf(code)));
    return found;
  };
  return {
    name,
    vertical,
    glyphs(chars: string): Glyph[] {
      let glyphs = charsCache.get(chars);
      if (glyphs) return glyphs;
      glyphs = [];
      if (bytes === 2) {
        if (chars.length % 2 !== 0) doubt("odd number of bytes in a 2-byte string");
        for (let i = 0; i < chars.length; i += 2)
          glyphs.push(cached((chars.charCodeAt(i) << 8) | chars.charCodeAt(i + 1)));
      } else {
        for (let i = 0; i < chars.length; i++) glyphs.push(cached(chars.charCodeAt(i)));
      }
      charsCache.set(chars, glyphs);
      return glyphs;
    },
  };
}

/**
 * pdf.js converts the font program and, when that fails, falls back to a substitute whose mapping
 * differs. It fails on a missing head/hhea/maxp/loca, a bad maxp version or loca format: such a
 * program is doubt, and so is an OpenType (CFF) or collection file.
 */
function checkTrueType(data: Uint8Array): void {
  if (data.length < 12) doubt("font program too short");
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565) doubt("font program is not TrueType");
  const numTables = view.getUint16(4);
  if (12 + numTables * 16 > data.length) doubt("font table directory truncated");
  const tables = new Map<string, [number, number]>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(data[at]!, data[at + 1]!, data[at + 2]!, data[at + 3]!);
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > data.length) doubt(`font table ${tag} outside the program`);
    tables.set(tag, [offset, length]);
  }
  for (const tag of ["head", "hhea", "maxp", "loca", "glyf"])
    if (!tables.has(tag)) doubt(`font has no ${tag} table`);
  if (tables.has("CFF ") || tables.has("CFF2")) doubt("font has CFF outlines");
  const [maxpAt, maxpLength] = tables.get("maxp")!;
  if (maxpLength < 6) doubt("maxp too short");
  const maxpVersion = view.getUint32(maxpAt);
  if (maxpVersion !== 0x00005000 && maxpVersion !== 0x00010000) doubt("maxp version");
  const [headAt, headLength] = tables.get("head")!;
  if (headLength < 54) doubt("head too short");
  const locFormat = view.getInt16(headAt + 50);
  if (locFormat !== 0 && locFormat !== 1) doubt("indexToLocFormat");
}

/** /W and /DW, and for vertical fonts /W2 and /DW2, as pdf.js's extractWidths reads them. */
function readWidths(file: PdfFile, cid: PdfDict, vertical: boolean) {
  const widths: number[] = [];
  const vmetrics: number[][] = [];
  const dw = file.resolve(cid.get("DW"));
  const defaultWidth = typeof dw === "number" ? Math.ceil(dw) : 1000;
  const w = file.resolve(cid.get("W"));
  if (w !== undefined) {
    if (!Array.isArray(w)) return doubt("W is not an array");
    for (let i = 0; i < w.length; i++) {
      const first = file.resolve(w[i++]);
      if (typeof first !== "number" || !Number.isInteger(first)) return doubt("W entry");
      let start = first;
      const code = file.resolve(w[i]);
      if (Array.isArray(code)) {
        for (const c of code) {
          const width = file.resolve(c);
          if (typeof width !== "number") return doubt("W width");
          widths[start++] = width;
        }
      } else if (typeof code === "number" && Number.isInteger(code)) {
        const width = file.resolve(w[++i]);
        if (typeof width !== "number") return doubt("W width");
        if (code - start > 65535) return doubt("W range too long");
        for (let j = start; j <= code; j++) widths[j] = width;
      } else return doubt("W entry");
    }
  }
  let defaultVMetrics: number[] | undefined;
  if (vertical) {
    const dw2 = file.resolve(cid.get("DW2"));
    let pair = [880, -1000];
    if (dw2 !== undefined) {
      if (!Array.isArray(dw2) || dw2.length !== 2 || dw2.some((x) => typeof x !== "number"))
        return doubt("DW2");
      pair = dw2 as number[];
    }
    defaultVMetrics = [pair[1]!, defaultWidth * 0.5, pair[0]!];
    const w2 = file.resolve(cid.get("W2"));
    if (w2 !== undefined) {
      if (!Array.isArray(w2)) return doubt("W2 is not an array");
      for (let i = 0; i < w2.length; i++) {
        let start = file.resolve(w2[i++]);
        if (!Number.isInteger(start)) return doubt("W2 entry");
        const code = file.resolve(w2[i]);
        if (Array.isArray(code)) {
          if (code.length % 3 !== 0) return doubt("W2 list");
          for (let j = 0; j < code.length; j += 3) {
            const metric = [file.resolve(code[j]), file.resolve(code[j + 1]), file.resolve(code[j + 2])];
            if (metric.some((x) => typeof x !== "number")) return doubt("W2 metric");
            vmetrics[start as number] = metric as number[];
            start = (start as number) + 1;
          }
        } else if (Number.isInteger(code)) {
          const metric = [file.resolve(w2[++i]), file.resolve(w2[++i]), file.resolve(w2[++i])];
          if (metric.some((x) => typeof x !== "number")) return doubt("W2 metric");
          if ((code as number) - (start as number) > 65535) return doubt("W2 range too long");
          for (let j = start as number; j <= (code as number); j++) vmetrics[j] = metric as number[];
        } else return doubt("W2 entry");
      }
    }
  }
  return { widths, defaultWidth, vmetrics, defaultVMetrics };
}

/**
 * A ToUnicode CMap as pdf.js's readToUnicode turns it into strings: UTF-16BE values (surrogate
 * pairs joined), bfrange values counted up in their last byte. Only bfchar, bfrange and
 * codespacerange sections; usecmap or CID sections are doubt.
 */
export function readToUnicode(data: Uint8Array): string[] {
  const raw: (string | number)[] = [];
  const lexer = new Lexer(data);
  const next = () => {
    const token = lexer.next();
    if (token === EOF) return doubt("CMap ends inside a section");
    return token;
  };
  const str = (token: unknown): string =>
    typeof token === "string" ? token : doubt("CMap expects a string");
  const strToInt = (s: string) => {
    let a = 0;
    for (let i = 0; i < s.length; i++) a = (a << 8) | s.charCodeAt(i);
    return a >>> 0;
  };
  for (;;) {
    const token = lexer.next();
    if (token === EOF) break;
    if (!(token instanceof Cmd)) continue;
    switch (token.cmd) {
      case "usecmap":
      case "begincidchar":
      case "begincidrange":
      case "beginnotdefchar":
      case "beginnotdefrange":
        return doubt(`CMap ${token.cmd}`);
      case "begincodespacerange":
        for (;;) {
          const t = next();
          if (t instanceof Cmd && t.cmd === "endcodespacerange") break;
          str(t);
          str(next());
        }
        break;
      case "beginbfchar":
        for (;;) {
          const t = next();
          if (t instanceof Cmd && t.cmd === "endbfchar") break;
          const src = strToInt(str(t));
          const dst = next();
          if (typeof dst !== "string") return doubt("bfchar value");
          raw[src] = dst;
        }
        break;
      case "beginbfrange":
        for (;;) {
          const t = next();
          if (t instanceof Cmd && t.cmd === "endbfrange") break;
          let low = strToInt(str(t));
          const high = strToInt(str(next()));
          if (high - low > MAX_MAP_RANGE) return doubt("bfrange too long");
          const dst = next();
          if (typeof dst === "number" || typeof dst === "string") {
            if (typeof dst === "number" && !Number.isInteger(dst)) return doubt("bfrange value");
            let dstLow = typeof dst === "number" ? String.fromCharCode(dst) : dst;
            const lastByte = dstLow.length - 1;
            while (low <= high) {
              raw[low++] = dstLow;
              const nextCharCode = dstLow.charCodeAt(lastByte) + 1;
              if (nextCharCode > 0xff) {
                dstLow =
                  dstLow.substring(0, lastByte - 1) +
                  String.fromCharCode(dstLow.charCodeAt(lastByte - 1) + 1) +
                  "\x00";
                continue;
              }
              dstLow = dstLow.substring(0, lastByte) + String.fromCharCode(nextCharCode);
            }
          } else if (dst instanceof Cmd && dst.cmd === "[") {
            const array: (string | number)[] = [];
            for (;;) {
              const item = next();
              if (item instanceof Cmd && item.cmd === "]") break;
              if (
                typeof item !== "string" &&
                !(typeof item === "number" && Number.isInteger(item) && item >= 0 && item <= 0x10ffff)
              )
                return doubt("bfrange array item");
              array.push(item);
            }
            for (let i = 0; low <= high && i < array.length; i++) raw[low++] = array[i]!;
          } else return doubt("bfrange value");
        }
        break;
    }
  }
  // Empty array slots stay holes: pdf.js's map is as long as the highest code + 1.
  const map: string[] = new Array<string>(raw.length);
  raw.forEach((token, code) => {
    if (typeof token === "number") {
      map[code] = String.fromCodePoint(token);
      return;
    }
    if (token.length % 2 !== 0) token = "\u0000" + token;
    const units: number[] = [];
    for (let k = 0; k < token.length; k += 2) {
      const w1 = (token.charCodeAt(k) << 8) | token.charCodeAt(k + 1);
      if ((w1 & 0xf800) !== 0xd800) {
        units.push(w1);
        continue;
      }
      k += 2;
      const w2 = (token.charCodeAt(k) << 8) | token.charCodeAt(k + 1);
      units.push(((w1 & 0x3ff) << 10) + (w2 & 0x3ff) + 0x10000);
    }
    map[code] = String.fromCodePoint(...units);
  });
  return map;
}
