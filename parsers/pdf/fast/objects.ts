// The object layer of the fast reader: PDF syntax (numbers, strings, names, arrays, dictionaries,
// references, streams), the cross-reference table or stream, object streams, Flate. Only what a
// well-formed file needs: anything else (a broken xref, an unknown filter, encryption, a number
// written the way only lenient readers accept) throws Doubt, and the document goes to pdf.js.
import { inflateSync } from "node:zlib";

/** The fast reader does not understand something: the caller falls back to pdf.js. */
export class Doubt extends Error {
  constructor(why: string) {
    super(why);
    this.name = "Doubt";
  }
}

export function doubt(why: string): never {
  throw new Doubt(why);
}

export class Name {
  private static readonly interned = new Map<string, Name>();
  private constructor(readonly name: string) {}
  static of(name: string): Name {
    let found = Name.interned.get(name);
    if (!found) Name.interned.set(name, (found = new Name(name)));
    return found;
  }
}

export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

/** An operator in a content stream (or a keyword such as `obj`, `R`, `true` while lexing). */
export class Cmd {
  constructor(readonly cmd: string) {}
}

export type PdfDict = Map<string, PdfObject>;

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly raw: Uint8Array,
  ) {}
}

/** Strings are binary strings (one char per byte), as pdf.js holds them. */
export type PdfObject = number | boolean | null | string | Name | Ref | PdfObject[] | PdfDict | PdfStream;

export const EOF = Symbol("EOF");

const WHITE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of "()<>[]{}/%") DELIM[c.charCodeAt(0)] = 1;

export function isWhite(c: number): boolean {
  return WHITE[c] === 1;
}

/** Tokens of PDF syntax over a byte array: what pdf.js's Lexer reads, less its repairs. */
export class Lexer {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  /** The next token: a number, string, Name, Cmd (including `[`, `]`, `<<`, `>>`), or EOF. */
  next(): number | string | Name | Cmd | typeof EOF {
    const b = this.bytes;
    let c: number;
    for (;;) {
      if (this.pos >= this.end) return EOF;
      c = b[this.pos]!;
      if (WHITE[c]) this.pos++;
      else if (c === 0x25) {
        while (this.pos < this.end && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) return this.number();
    switch (c) {
      case 0x28:
        return this.literalString();
      case 0x2f:
        return this.name();
      case 0x5b:
        this.pos++;
        return OPEN_ARRAY;
      case 0x5d:
        this.pos++;
        return CLOSE_ARRAY;
      case 0x3c:
        if (b[this.pos + 1] === 0x3c) {
          this.pos += 2;
          return OPEN_DICT;
        }
        return this.hexString();
      case 0x3e:
        if (b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return CLOSE_DICT;
        }
        return doubt("stray '>'");
      case 0x29:
      case 0x7b:
      case 0x7d:
        return doubt(`unexpected '${String.fromCharCode(c)}'`);
    }
    const start = this.pos;
    while (this.pos < this.end && !WHITE[b[this.pos]!] && !DELIM[b[this.pos]!]) this.pos++;
    let word = "";
    for (let i = start; i < this.pos; i++) word += String.fromCharCode(b[i]!);
    return cmdOf(word);
  }

  /** pdf.js's getNumber for the forms it reads without a warning; the rest is doubt. */
  private number(): number {
    const b = this.bytes;
    let sign = 1;
    let c = b[this.pos]!;
    if (c === 0x2d) {
      sign = -1;
      c = b[++this.pos] ?? -1;
    } else if (c === 0x2b) c = b[++this.pos] ?? -1;
    let divideBy = 0;
    if (c === 0x2e) {
      divideBy = 10;
      c = b[++this.pos] ?? -1;
    }
    if (c < 0x30 || c > 0x39) return doubt("number without digits");
    let value = c - 0x30;
    for (;;) {
      c = ++this.pos < this.end ? b[this.pos]! : -1;
      if (c >= 0x30 && c <= 0x39) {
        if (divideBy !== 0) divideBy *= 10;
        value = value * 10 + (c - 0x30);
      } else if (c === 0x2e) {
        if (divideBy === 0) divideBy = 1;
        else return doubt("number with two points");
      } else if (c === 0x2d) return doubt("minus sign inside a number");
      else break;
    }
    if (value > Number.MAX_SAFE_INTEGER) doubt("number too long");
    if (divideBy !== 0) value /= divideBy;
    return sign * value;
  }

  private name(): Name {
    const b = this.bytes;
    this.pos++;
    let text = "";
    while (this.pos < this.end) {
      const c = b[this.pos]!;
      if (WHITE[c] || DELIM[c]) break;
      if (c === 0x23) {
        const hex = String.fromCharCode(b[this.pos + 1] ?? 0, b[this.pos + 2] ?? 0);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) doubt("bad #-escape in a name");
        text += String.fromCharCode(parseInt(hex, 16));
        this.pos += 3;
        continue;
      }
      text += String.fromCharCode(c);
      this.pos++;
    }
    return Name.of(text);
  }

  private hexString(): string {
    const b = this.bytes;
    this.pos++;
    let out = "";
    let high = -1;
    for (;;) {
      if (this.pos >= this.end) return doubt("unterminated hex string");
      const c = b[this.pos++]!;
      if (c === 0x3e) break;
      if (WHITE[c]) continue;
      const digit = hexDigit(c);
      if (digit < 0) return doubt("bad hex string");
      if (high < 0) high = digit;
      else {
        out += String.fromCharCode((high << 4) | digit);
        high = -1;
      }
    }
    if (high >= 0) out += String.fromCharCode(high << 4);
    return out;
  }

  private literalString(): string {
    const b = this.bytes;
    this.pos++;
    let depth = 1;
    let out = "";
    for (;;) {
      if (this.pos >= this.end) return doubt("unterminated string");
      let c = b[this.pos++]!;
      if (c === 0x28) depth++;
      else if (c === 0x29) {
        if (--depth === 0) return out;
      } else if (c === 0x5c) {
        c = b[this.pos++] ?? -1;
        switch (c) {
          case 0x6e:
            out += "\n";
            continue;
          case 0x72:
            out += "\r";
            continue;
          case 0x74:
            out += "\t";
            continue;
          case 0x62:
            out += "\b";
            continue;
          case 0x66:
            out += "\f";
            continue;
          case 0x5c:
          case 0x28:
          case 0x29:
            out += String.fromCharCode(c);
            continue;
          case 0x0d:
            if (b[this.pos] === 0x0a) this.pos++;
            continue;
          case 0x0a:
            continue;
        }
        if (c >= 0x30 && c <= 0x37) {
          let code = c - 0x30;
          for (let k = 0; k < 2; k++) {
            const d = b[this.pos]!;
            if (d < 0x30 || d > 0x37) break;
            code = (code << 3) | (d - 0x30);
            this.pos++;
          }
          if (code > 0xff) doubt("octal escape above 255");
          out += String.fromCharCode(code);
          continue;
        }
        return doubt("unknown escape in a string");
      }
      out += String.fromCharCode(c);
    }
  }
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

const OPEN_ARRAY = new Cmd("[");
const CLOSE_ARRAY = new Cmd("]");
const OPEN_DICT = new Cmd("<<");
const CLOSE_DICT = new Cmd(">>");
const commands = new Map<string, Cmd>();
function cmdOf(word: string): Cmd {
  let cmd = commands.get(word);
  if (!cmd) commands.set(word, (cmd = new Cmd(word)));
  return cmd;
}

/**
 * Reads one object from the lexer. `first` is a token already read. In a file, `n g R` is a
 * reference; in a content stream there are none (`allowRefs` false).
 */
export function readObject(lexer: Lexer, first: ReturnType<Lexer["next"]>, allowRefs: boolean): PdfObject {
  const token = first;
  if (token === EOF) return doubt("unexpected end of data");
  if (token instanceof Cmd) {
    if (token === OPEN_ARRAY) {
      const array: PdfObject[] = [];
      for (;;) {
        const next = lexer.next();
        if (next === CLOSE_ARRAY) return array;
        array.push(readObject(lexer, next, allowRefs));
      }
    }
    if (token === OPEN_DICT) {
      const dict: PdfDict = new Map();
      for (;;) {
        const key = lexer.next();
        if (key === CLOSE_DICT) return dict;
        if (!(key instanceof Name)) return doubt("dictionary key is not a name");
        dict.set(key.name, readObject(lexer, lexer.next(), allowRefs));
      }
    }
    if (token.cmd === "true") return true;
    if (token.cmd === "false") return false;
    if (token.cmd === "null") return null;
    return doubt(`unexpected keyword ${token.cmd}`);
  }
  if (allowRefs && typeof token === "number" && Number.isInteger(token) && token >= 0) {
    // `n g R`: look ahead two tokens without consuming them otherwise.
    const save = lexer.pos;
    const gen = lexer.next();
    if (typeof gen === "number" && Number.isInteger(gen) && gen >= 0) {
      const r = lexer.next();
      if (r instanceof Cmd && r.cmd === "R") return new Ref(token, gen);
    }
    lexer.pos = save;
  }
  return token;
}

/** Unpacks PNG predictors (the xref streams' /Predictor 12); anything else is doubt. */
function unpredict(data: Uint8Array, parms: PdfDict | undefined): Uint8Array {
  const predictor = parms?.get("Predictor") ?? 1;
  if (predictor === 1) return data;
  if (typeof predictor !== "number" || predictor < 10 || predictor > 15) return doubt("predictor");
  const colors = parms?.get("Colors") ?? 1;
  const bits = parms?.get("BitsPerComponent") ?? 8;
  const columns = parms?.get("Columns") ?? 1;
  if (colors !== 1 || bits !== 8 || typeof columns !== "number") return doubt("predictor parameters");
  const rowLength = columns;
  const rows = Math.floor(data.length / (rowLength + 1));
  if (rows * (rowLength + 1) !== data.length) doubt("predicted data of odd length");
  const out = new Uint8Array(rows * rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)]!;
    const src = r * (rowLength + 1) + 1;
    const dst = r * rowLength;
    for (let i = 0; i < rowLength; i++) {
      const raw = data[src + i]!;
      const up = r > 0 ? out[dst - rowLength + i]! : 0;
      const left = i > 0 ? out[dst + i - 1]! : 0;
      const upLeft = r > 0 && i > 0 ? out[dst - rowLength + i - 1]! : 0;
      let value: number;
      switch (type) {
        case 0:
          value = raw;
          break;
        case 1:
          value = raw + left;
          break;
        case 2:
          value = raw + up;
          break;
        case 3:
          value = raw + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          return doubt("unknown PNG predictor");
      }
      out[dst + i] = value & 0xff;
    }
  }
  return out;
}

/** A parsed PDF file: objects fetched on demand through the cross-reference data. */
export class PdfFile {
  /** Object number → byte offset, or [object stream number, index]. */
  private readonly offsets = new Map<number, number | [number, number]>();
  private readonly cache = new Map<number, PdfObject>();
  private readonly objectStreams = new Map<number, { nums: number[]; objects: PdfObject[] }>();
  readonly trailer: PdfDict;
  /** The page count a linearization dictionary states, if the file has one (-1: unreadable). */
  readonly linearizedPages: number | undefined;

  constructor(readonly bytes: Uint8Array) {
    const tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
    const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!match) doubt("no startxref at the end");
    let at = Number(match[1]);
    let trailer: PdfDict | undefined;
    const seen = new Set<number>();
    while (at >= 0) {
      if (seen.has(at) || at >= bytes.length) doubt("xref chain loops or points outside");
      seen.add(at);
      const section = this.readXref(at);
      trailer ??= section;
      if (section.has("XRefStm")) doubt("hybrid xref");
      const prev = section.get("Prev");
      at = typeof prev === "number" ? prev : -1;
    }
    this.trailer = trailer!;
    if (this.trailer.has("Encrypt")) doubt("encrypted");
    // pdf.js counts the pages of a linearized file by its /N: the page tree must agree (reader.ts).
    const head = latin1(bytes, 0, Math.min(bytes.length, 1024));
    if (head.includes("/Linearized")) {
      const n = /\/N\s+(\d+)/.exec(head);
      this.linearizedPages = n ? Number(n[1]) : -1;
    }
  }

  private readXref(at: number): PdfDict {
    const lexer = new Lexer(this.bytes, at);
    const first = lexer.next();
    if (first instanceof Cmd && first.cmd === "xref") {
      for (;;) {
        const start = lexer.next();
        if (start instanceof Cmd && start.cmd === "trailer") break;
        const count = lexer.next();
        if (typeof start !== "number" || typeof count !== "number") return doubt("bad xref subsection");
        // Entries are 20 bytes; read them as tokens (offset gen n|f).
        for (let i = 0; i < count; i++) {
          const offset = lexer.next();
          const gen = lexer.next();
          const kind = lexer.next();
          if (typeof offset !== "number" || typeof gen !== "number" || !(kind instanceof Cmd))
            return doubt("bad xref entry");
          const num = start + i;
          if (kind.cmd === "n" && !this.offsets.has(num)) this.offsets.set(num, offset);
          else if (kind.cmd === "f") {
            if (!this.offsets.has(num)) this.offsets.set(num, -1);
          } else if (kind.cmd !== "n") return doubt("bad xref entry kind");
        }
      }
      const trailer = readObject(lexer, lexer.next(), true);
      if (!(trailer instanceof Map)) return doubt("trailer is not a dictionary");
      return trailer;
    }
    // An xref stream: `n g obj << /Type /XRef … >> stream`.
    const stream = this.readIndirect(at, undefined, undefined);
    if (!(stream instanceof PdfStream) || nameOf(stream.dict.get("Type")) !== "XRef")
      return doubt("bad xref stream");
    const dict = stream.dict;
    const widths = dict.get("W");
    const size = dict.get("Size");
    if (!Array.isArray(widths) || widths.length !== 3 || typeof size !== "number")
      return doubt("bad xref stream dict");
    const [w0, w1, w2] = widths as number[];
    const index = (dict.get("Index") as number[] | undefined) ?? [0, size];
    const data = this.decode(stream);
    const entry = w0! + w1! + w2!;
    let p = 0;
    const field = (w: number, fallback: number) => {
      if (w === 0) return fallback;
      let value = 0;
      for (let k = 0; k < w; k++) value = value * 256 + data[p++]!;
      return value;
    };
    for (let s = 0; s < index.length; s += 2) {
      const start = index[s]!;
      const count = index[s + 1]!;
      for (let i = 0; i < count; i++) {
        if (p + entry > data.length) return doubt("xref stream too short");
        const type = field(w0!, 1);
        const a = field(w1!, 0);
        const b = field(w2!, 0);
        const num = start + i;
        if (this.offsets.has(num)) continue;
        if (type === 0) this.offsets.set(num, -1);
        else if (type === 1) this.offsets.set(num, a);
        else if (type === 2) this.offsets.set(num, [a, b]);
        else return doubt("xref stream entry type");
      }
    }
    return dict;
  }

  /** Reads `num gen obj … endobj` at a byte offset. */
  private readIndirect(at: number, expected: number | undefined, expectedGen: number | undefined): PdfObject {
    const lexer = new Lexer(this.bytes, at);
    const num = lexer.next();
    const gen = lexer.next();
    const obj = lexer.next();
    if (typeof num !== "number" || typeof gen !== "number" || !(obj instanceof Cmd) || obj.cmd !== "obj")
      return doubt("xref offset does not point at an object");
    if (expected !== undefined && num !== expected) return doubt("xref offset points at another object");
    if (expectedGen !== undefined && gen !== expectedGen)
      return doubt("object generation differs from the reference");
    const value = readObject(lexer, lexer.next(), true);
    const after = lexer.pos;
    const next = lexer.next();
    if (next instanceof Cmd && next.cmd === "stream") {
      if (!(value instanceof Map)) return doubt("stream without dictionary");
      let start = lexer.pos;
      if (this.bytes[start] === 0x0d) start++;
      if (this.bytes[start] === 0x0a) start++;
      else if (this.bytes[start - 1] !== 0x0a && this.bytes[start - 1] !== 0x0d)
        doubt("stream keyword not followed by EOL");
      const length = this.resolve(value.get("Length"));
      if (typeof length !== "number" || !Number.isInteger(length) || length < 0)
        return doubt("bad stream Length");
      const end = start + length;
      if (end > this.bytes.length) return doubt("stream runs past the file");
      const check = new Lexer(this.bytes, end);
      const endstream = check.next();
      if (!(endstream instanceof Cmd) || endstream.cmd !== "endstream")
        return doubt("stream Length is wrong");
      return new PdfStream(value, this.bytes.subarray(start, end));
    }
    if (!(next instanceof Cmd) || next.cmd !== "endobj") {
      lexer.pos = after;
      return doubt("object not closed by endobj");
    }
    return value;
  }

  get(ref: Ref): PdfObject {
    const cached = this.cache.get(ref.num);
    if (cached !== undefined || this.cache.has(ref.num)) return cached!;
    const where = this.offsets.get(ref.num);
    let value: PdfObject;
    if (where === undefined || where === -1) value = null;
    else if (typeof where === "number") value = this.readIndirect(where, ref.num, ref.gen);
    else {
      if (ref.gen !== 0) doubt("compressed object with a generation");
      value = this.fromObjectStream(where[0], where[1], ref.num);
    }
    this.cache.set(ref.num, value);
    return value;
  }

  private fromObjectStream(streamNum: number, index: number, num: number): PdfObject {
    let unpacked = this.objectStreams.get(streamNum);
    if (!unpacked) {
      const stream = this.get(new Ref(streamNum, 0));
      if (!(stream instanceof PdfStream)) return doubt("object stream is not a stream");
      const n = stream.dict.get("N");
      const first = stream.dict.get("First");
      if (typeof n !== "number" || typeof first !== "number") return doubt("bad object stream");
      const data = this.decode(stream);
      const header = new Lexer(data, 0, first);
      const nums: number[] = [];
      const objects: PdfObject[] = [];
      for (let i = 0; i < n; i++) {
        const objNum = header.next();
        const offset = header.next();
        if (typeof objNum !== "number" || typeof offset !== "number")
          return doubt("bad object stream header");
        const lexer = new Lexer(data, first + offset);
        nums.push(objNum);
        objects.push(readObject(lexer, lexer.next(), true));
      }
      unpacked = { nums, objects };
      this.objectStreams.set(streamNum, unpacked);
    }
    if (unpacked.nums[index] !== num) return doubt("object stream index does not match");
    return unpacked.objects[index]!;
  }

  resolve(value: PdfObject | undefined): PdfObject | undefined {
    let depth = 0;
    while (value instanceof Ref) {
      if (++depth > 16) return doubt("reference chain too long");
      value = this.get(value);
    }
    return value;
  }

  /** A stream's decoded bytes: no filter or FlateDecode (with PNG predictors); else doubt. */
  decode(stream: PdfStream): Uint8Array {
    let filter = this.resolve(stream.dict.get("Filter"));
    let parms = this.resolve(stream.dict.get("DecodeParms"));
    if (Array.isArray(filter)) {
      if (filter.length > 1) return doubt("filter chain");
      filter = this.resolve(filter[0]);
      parms = Array.isArray(parms) ? this.resolve(parms[0]) : parms;
    }
    if (filter === undefined || filter === null) return stream.raw;
    const name = nameOf(filter);
    if (name !== "FlateDecode" && name !== "Fl") return doubt(`filter ${String(name)}`);
    let data: Uint8Array;
    try {
      data = inflateSync(stream.raw);
    } catch {
      return doubt("damaged Flate data");
    }
    return unpredict(data, parms instanceof Map ? parms : undefined);
  }
}

export function nameOf(value: PdfObject | undefined): string | undefined {
  return value instanceof Name ? value.name : undefined;
}

export function latin1(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString("latin1");
}
