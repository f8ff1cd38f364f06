// The fast reader's document and pages, shaped like the part of pdf.js's PDFDocumentProxy /
// PDFPageProxy that parsers/pdf reads (numPages, getPage, getMetadata; a page's view, rotation,
// viewport, text content and operator list), so the same code turns either into the IR. Each
// page's content stream is read once, feeding both the text items and the operator list.
import { loadFont, type FastFont } from "./fonts.js";
import {
  Doubt,
  doubt,
  Name,
  nameOf,
  PdfFile,
  PdfStream,
  Ref,
  type PdfDict,
  type PdfObject,
} from "./objects.js";
import { OperatorListBuilder } from "./oplist.js";
import { readOperators } from "./content.js";
import { TextExtractor, type TextItem } from "./text.js";
import { MAX_PAGE_TEXT_ITEMS } from "../page.js";

const LETTER_SIZE_MEDIABOX = [0, 0, 612, 792];
/**
 * A report page's content is 10–500 KB. Beyond this, or beyond the item limit, the page is left to
 * pdf.js, whose per-document deadline and size limits (page.ts) then apply as they always have.
 */
const MAX_CONTENT_BYTES = 8 * 1024 * 1024;
const MAX_PAGE_TREE_DEPTH = 32;

export interface FastViewport {
  transform: number[];
  width: number;
  height: number;
}

/** A page's content read once: text items, operator list, and why the list cannot be trusted. */
interface PageContent {
  items: TextItem[];
  ops: { fnArray: number[]; argsArray: unknown[] };
  opsDoubt: string | undefined;
}

export class FastPage {
  readonly rotate: number;
  readonly view: number[];
  private content: PageContent | null = null;

  constructor(
    private readonly file: PdfFile,
    private readonly dict: PdfDict,
    private readonly chain: PdfDict[],
    readonly pageNumber: number,
    /** Fonts loaded so far in the document, by reference (pdf.js caches them the same way). */
    private readonly fontCache: Map<string, FastFont> = new Map(),
  ) {
    const mediaBox = this.box("MediaBox") ?? LETTER_SIZE_MEDIABOX;
    const cropBox = this.box("CropBox") ?? mediaBox;
    let view = mediaBox;
    if (cropBox !== mediaBox && cropBox.some((v, i) => v !== mediaBox[i])) {
      const box = intersect(cropBox, mediaBox);
      if (box && box[2]! - box[0]! > 0 && box[3]! - box[1]! > 0) view = box;
    }
    this.view = view;
    const rotate = this.inherited("Rotate") ?? 0;
    if (
      typeof rotate !== "number" ||
      !Number.isInteger(rotate) ||
      rotate % 90 !== 0 ||
      rotate < 0 ||
      rotate >= 360
    )
      doubt("unusual Rotate");
    this.rotate = rotate;
    const userUnit = file.resolve(dict.get("UserUnit"));
    if (userUnit !== undefined && userUnit !== 1) doubt("UserUnit");
  }

  /** pdf.js's PageViewport transform, width and height (offsets 0, not flipped). */
  getViewport({ scale, rotation }: { scale: number; rotation?: number }): FastViewport {
    const viewBox = this.view;
    let r = (rotation ?? this.rotate) % 360;
    if (r < 0) r += 360;
    const [rotateA, rotateB, rotateC, rotateD] =
      r === 180 ? [-1, 0, 0, 1] : r === 90 ? [0, 1, 1, 0] : r === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
    const centerX = (viewBox[2]! + viewBox[0]!) / 2;
    const centerY = (viewBox[3]! + viewBox[1]!) / 2;
    let offsetCanvasX: number, offsetCanvasY: number, width: number, height: number;
    if (rotateA === 0) {
      offsetCanvasX = Math.abs(centerY - viewBox[1]!) * scale + 0;
      offsetCanvasY = Math.abs(centerX - viewBox[0]!) * scale + 0;
      width = (viewBox[3]! - viewBox[1]!) * scale;
      height = (viewBox[2]! - viewBox[0]!) * scale;
    } else {
      offsetCanvasX = Math.abs(centerX - viewBox[0]!) * scale + 0;
      offsetCanvasY = Math.abs(centerY - viewBox[1]!) * scale + 0;
      width = (viewBox[2]! - viewBox[0]!) * scale;
      height = (viewBox[3]! - viewBox[1]!) * scale;
    }
    const transform = [
      rotateA * scale,
      rotateB * scale,
      rotateC * scale,
      rotateD * scale,
      offsetCanvasX - rotateA * scale * centerX - rotateC * scale * centerY,
      offsetCanvasY - rotateB * scale * centerX - rotateD * scale * centerY,
    ];
    return { transform, width, height };
  }

  async getTextContent(): Promise<{ items: TextItem[] }> {
    return { items: this.read().items };
  }

  async getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }> {
    const content = this.read();
    if (content.opsDoubt) doubt(content.opsDoubt);
    return content.ops;
  }

  cleanup(): void {
    this.content = null;
  }

  private read(): PageContent {
    if (this.content) return this.content;
    const file = this.file;
    const resources = this.resources();
    const fontDicts = resources.get("Font");
    const fonts = new Map<string, FastFont>();
    const fontKeys = new Map<string, string>();
    const fontEntry = (name: string): PdfObject | undefined => {
      const dict = file.resolve(fontDicts);
      return dict instanceof Map ? dict.get(name) : undefined;
    };
    const fontOf = (name: string): FastFont => {
      let font = fonts.get(name);
      if (!font) {
        const entry = fontEntry(name);
        const key = entry instanceof Ref ? `${entry.num} ${entry.gen}` : undefined;
        font = key === undefined ? undefined : this.fontCache.get(key);
        if (!font) {
          font = loadFont(file, entry);
          if (key !== undefined) this.fontCache.set(key, font);
        }
        fonts.set(name, font);
      }
      return font;
    };
    const fontKey = (name: string): string => {
      let key = fontKeys.get(name);
      if (key === undefined) {
        const entry = fontEntry(name);
        if (!(entry instanceof Ref)) doubt("font not given by reference");
        fontKeys.set(name, (key = `${entry.num} ${entry.gen}`));
      }
      return key;
    };
    const text = new TextExtractor(this.view, fontOf);
    const ops = new OperatorListBuilder();
    let opsDoubt: string | undefined;
    // pdf.js appends annotations' appearance streams to the operator list; links without one add
    // nothing the reader sees (begin/endAnnotations only). Anything else is doubt.
    const annots = file.resolve(this.dict.get("Annots"));
    if (annots !== undefined && annots !== null) {
      if (!Array.isArray(annots)) opsDoubt = "Annots";
      else
        for (const entry of annots) {
          const annot = file.resolve(entry);
          if (!(annot instanceof Map) || nameOf(annot.get("Subtype")) !== "Link" || annot.has("AP")) {
            opsDoubt = "annotation other than a plain link";
            break;
          }
        }
    }
    let depth = 0;

    readOperators(this.contentBytes(), (op, args) => {
      text.touch();
      switch (op) {
        case "q":
          text.save();
          ops.save();
          depth++;
          return;
        case "Q":
          text.restore();
          ops.restore();
          if (depth > 0) depth--;
          return;
        case "cm": {
          const m = numbers(args, 6);
          text.concat(m);
          ops.transform(m);
          return;
        }
        case "BT":
          text.beginText();
          ops.beginText();
          return;
        case "ET":
          ops.endText();
          return;
        case "Tf": {
          const [font, size] = args;
          if (!(font instanceof Name) || typeof size !== "number") return doubt("Tf operands");
          text.setFont(font.name, size);
          ops.setFont(fontKey(font.name));
          return;
        }
        case "Tc":
          text.setCharSpacing(numbers(args, 1)[0]!);
          ops.other();
          return;
        case "Tw":
          text.setWordSpacing(numbers(args, 1)[0]!);
          ops.other();
          return;
        case "Tz":
          text.setHScale(numbers(args, 1)[0]!);
          ops.other();
          return;
        case "TL":
          text.setLeading(numbers(args, 1)[0]!);
          ops.other();
          return;
        case "Ts":
          text.setTextRise(numbers(args, 1)[0]!);
          ops.other();
          return;
        case "Tr":
          numbers(args, 1);
          ops.other();
          return;
        case "Td": {
          const [x, y] = numbers(args, 2);
          text.moveText(x!, y!);
          ops.other();
          return;
        }
        case "TD": {
          const [x, y] = numbers(args, 2);
          text.setLeadingMoveText(x!, y!);
          ops.other();
          return;
        }
        case "Tm": {
          const m = numbers(args, 6);
          text.setTextMatrix(m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!);
          ops.setTextMatrix(m);
          return;
        }
        case "T*":
          text.nextLine();
          ops.other();
          return;
        case "Tj": {
          const chars = stringOperand(args[0]);
          text.showText(chars);
          ops.showText(text.glyphsOf(chars));
          return;
        }
        case "TJ": {
          const elements = args[0];
          if (!Array.isArray(elements)) return doubt("TJ operand");
          text.showSpacedText(elements);
          const glyphs: { unicode: string }[] = [];
          for (const element of elements)
            if (typeof element === "string") glyphs.push(...text.glyphsOf(element));
          ops.showText(glyphs);
          return;
        }
        case "'": {
          const chars = stringOperand(args[0]);
          text.nextLineShowText(chars);
          ops.other();
          ops.showText(text.glyphsOf(chars));
          return;
        }
        case '"': {
          const [aw, ac] = numbers(args.slice(0, 2), 2);
          const chars = stringOperand(args[2]);
          text.nextLineSetSpacingShowText(aw!, ac!, chars);
          ops.other(3);
          ops.showText(text.glyphsOf(chars));
          return;
        }
        case "m":
        case "l":
        case "c":
        case "v":
        case "y":
        case "re":
          ops.pathOp(op, numbers(args, args.length));
          return;
        case "h":
          ops.pathOp(op, []);
          return;
        case "S":
        case "s":
        case "f":
        case "F":
        case "f*":
        case "B":
        case "B*":
        case "b":
        case "b*":
        case "n":
          ops.paint(op);
          return;
        case "W":
        case "W*":
        case "w":
        case "J":
        case "j":
        case "M":
        case "ri":
        case "i":
        case "G":
        case "g":
        case "RG":
        case "rg":
        case "K":
        case "k":
        case "SC":
        case "sc":
        case "BMC":
        case "EMC":
        case "BDC":
          if (op === "w" || op === "J" || op === "j" || op === "M" || op === "i") numbers(args, 1);
          if (op === "BMC" || op === "EMC" || op === "BDC") text.flush();
          if (op === "BDC" && nameOf(args[0]) === "OC") opsDoubt ??= "optional content";
          ops.other();
          return;
        case "d": {
          const [dashes, phase] = args;
          if (
            !Array.isArray(dashes) ||
            dashes.some((x) => typeof x !== "number") ||
            typeof phase !== "number"
          )
            return doubt("d operands");
          ops.other();
          return;
        }
        case "SCN":
        case "scn":
          if (args.some((x) => typeof x !== "number")) return doubt("pattern colour");
          ops.other();
          return;
        case "CS":
        case "cs":
          colourSpace(file, resources, args[0]);
          return;
        case "gs":
          if (gsOps(file, resources, args[0])) ops.other();
          return;
        case "MP":
        case "DP":
        case "BX":
        case "EX":
          return;
        case "Do":
          text.flush();
          xobject(file, resources, args[0]);
          opsDoubt ??= "XObject";
          return;
        default:
          return doubt(`operator ${op}`);
      }
    });
    while (depth-- > 0) ops.restore();
    ops.flush();
    const items = text.finish();
    if (items.length > MAX_PAGE_TEXT_ITEMS) doubt("too many text items");
    this.content = { items, ops: { fnArray: ops.fnArray, argsArray: ops.argsArray }, opsDoubt };
    return this.content;
  }

  /** The page's content streams, decoded and joined as pdf.js joins them (no separator). */
  private contentBytes(): Uint8Array {
    const contents = this.file.resolve(this.dict.get("Contents"));
    const streams: PdfStream[] = [];
    if (contents instanceof PdfStream) streams.push(contents);
    else if (Array.isArray(contents)) {
      for (const part of contents) {
        const stream = this.file.resolve(part);
        if (!(stream instanceof PdfStream)) return doubt("Contents entry is not a stream");
        streams.push(stream);
      }
    } else if (contents !== undefined && contents !== null) return doubt("Contents");
    for (const stream of streams)
      if (stream.dict.has("Resources")) doubt("content stream with its own Resources");
    const parts = streams.map((stream) => this.file.decode(stream));
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    if (bytes.length > MAX_CONTENT_BYTES) doubt("content stream too large");
    return bytes;
  }

  /**
   * pdf.js merges the Resources of the page and its ancestors key by key, the nearest winning
   * (Dict.merge without sub-dictionaries).
   */
  private resources(): PdfDict {
    const found: PdfDict[] = [];
    for (const dict of [this.dict, ...this.chain]) {
      const value = this.file.resolve(dict.get("Resources"));
      if (value === undefined) continue;
      if (!(value instanceof Map)) return doubt("Resources is not a dictionary");
      found.push(value);
    }
    if (found.length <= 1) return found[0] ?? new Map();
    const merged: PdfDict = new Map();
    for (const dict of found) for (const [key, value] of dict) if (!merged.has(key)) merged.set(key, value);
    return merged;
  }

  private inherited(key: string): PdfObject | undefined {
    for (const dict of [this.dict, ...this.chain]) {
      const value = this.file.resolve(dict.get(key));
      if (value !== undefined) return value;
    }
    return undefined;
  }

  private box(key: string): number[] | null {
    const value = this.inherited(key);
    if (value === undefined) return null;
    if (!Array.isArray(value) || value.length !== 4) return doubt(`${key} is not a rectangle`);
    const v = value.map((x) => this.file.resolve(x));
    if (v.some((x) => typeof x !== "number")) return doubt(`${key} is not a rectangle`);
    const [x0, y0, x1, y1] = v as number[];
    const rect = [Math.min(x0!, x1!), Math.min(y0!, y1!), Math.max(x0!, x1!), Math.max(y0!, y1!)];
    if (rect[2]! - rect[0]! > 0 && rect[3]! - rect[1]! > 0) return rect;
    return doubt(`empty ${key}`);
  }
}

function intersect(a: number[], b: number[]): number[] | null {
  const xLow = Math.max(Math.min(a[0]!, a[2]!), Math.min(b[0]!, b[2]!));
  const xHigh = Math.min(Math.max(a[0]!, a[2]!), Math.max(b[0]!, b[2]!));
  if (xLow > xHigh) return null;
  const yLow = Math.max(Math.min(a[1]!, a[3]!), Math.min(b[1]!, b[3]!));
  const yHigh = Math.min(Math.max(a[1]!, a[3]!), Math.max(b[1]!, b[3]!));
  if (yLow > yHigh) return null;
  return [xLow, yLow, xHigh, yHigh];
}

function numbers(args: PdfObject[], count: number): number[] {
  if (args.length !== count || args.some((x) => typeof x !== "number"))
    return doubt("operands are not numbers");
  return args as number[];
}

function stringOperand(value: PdfObject | undefined): string {
  return typeof value === "string" ? value : doubt("text operand is not a string");
}

function resource(
  file: PdfFile,
  resources: PdfDict,
  kind: string,
  name: PdfObject | undefined,
): PdfObject | undefined {
  if (!(name instanceof Name)) return doubt(`${kind} operand is not a name`);
  const dict = file.resolve(resources.get(kind));
  if (!(dict instanceof Map)) return doubt(`no ${kind} resources`);
  const value = file.resolve(dict.get(name.name));
  if (value === undefined) return doubt(`${kind} ${name.name} missing`);
  return value;
}

/** cs/CS add nothing to the list; a pattern colour space would (scn with a pattern): doubt. */
function colourSpace(file: PdfFile, resources: PdfDict, name: PdfObject | undefined): void {
  const cs = nameOf(name);
  if (cs === "DeviceGray" || cs === "DeviceRGB" || cs === "DeviceCMYK") return;
  if (cs === "Pattern") doubt("pattern colour space");
  const value = resource(file, resources, "ColorSpace", name);
  const family = Array.isArray(value) ? nameOf(file.resolve(value[0])) : nameOf(value);
  if (family === "Pattern" || family === undefined) doubt("pattern or unknown colour space");
}

/** Whether pdf.js adds a setGState op for this ExtGState (it does when any key it handles is there). */
function gsOps(file: PdfFile, resources: PdfDict, name: PdfObject | undefined): boolean {
  const gs = resource(file, resources, "ExtGState", name);
  if (!(gs instanceof Map)) return doubt("ExtGState is not a dictionary");
  let emits = false;
  for (const [key, raw] of gs) {
    const value = raw instanceof Ref ? file.resolve(raw) : raw;
    switch (key) {
      case "LW":
        if (typeof value === "number") emits = true;
        break;
      case "LC":
      case "LJ":
      case "ML":
      case "D":
      case "RI":
      case "FL":
      case "CA":
      case "ca":
      case "BM":
        emits = true;
        break;
      case "SMask":
        if (nameOf(value) !== "None") return doubt("soft mask");
        emits = true;
        break;
      case "TR":
        return doubt("transfer function");
      case "Font":
        return doubt("font in ExtGState");
    }
  }
  return emits;
}

/** Text ignores image XObjects; forms (which hold text) are doubt. */
function xobject(file: PdfFile, resources: PdfDict, name: PdfObject | undefined): void {
  const value = resource(file, resources, "XObject", name);
  if (!(value instanceof PdfStream)) return doubt("XObject is not a stream");
  const subtype = nameOf(value.dict.get("Subtype"));
  if (subtype !== "Image") doubt(`XObject ${String(subtype)}`);
}

export class FastDocument {
  readonly numPages: number;
  private readonly fontCache = new Map<string, FastFont>();
  private readonly pages: { dict: PdfDict; chain: PdfDict[] }[] = [];

  constructor(readonly file: PdfFile) {
    const root = file.resolve(file.trailer.get("Root"));
    if (!(root instanceof Map)) doubt("no catalog");
    if (root.has("AcroForm") || root.has("OCProperties") || root.has("Collection"))
      doubt("forms, optional content or portfolio");
    const pagesRoot = file.resolve(root.get("Pages"));
    if (!(pagesRoot instanceof Map)) doubt("no page tree");
    const count = file.resolve(pagesRoot.get("Count"));
    if (typeof count !== "number" || !Number.isInteger(count)) doubt("page Count");
    const seen = new Set<PdfDict>();
    const walk = (node: PdfDict, chain: PdfDict[]) => {
      if (seen.has(node) || chain.length > MAX_PAGE_TREE_DEPTH) doubt("page tree loops");
      seen.add(node);
      const type = nameOf(node.get("Type"));
      if (type === "Page" || (type === undefined && !node.has("Kids"))) {
        this.pages.push({ dict: node, chain });
        return;
      }
      if (type !== "Pages") doubt("page tree node type");
      const kids = file.resolve(node.get("Kids"));
      if (!Array.isArray(kids)) return doubt("Kids");
      for (const kid of kids) {
        const child = file.resolve(kid);
        if (!(child instanceof Map)) return doubt("page tree child");
        walk(child, [node, ...chain]);
      }
    };
    walk(pagesRoot, []);
    if (this.pages.length !== count) doubt("page Count differs from the pages");
    if (file.linearizedPages !== undefined && file.linearizedPages !== count)
      doubt("linearized page count differs");
    this.numPages = count;
  }

  async getPage(number: number): Promise<FastPage> {
    const page = this.pages[number - 1]!;
    return new FastPage(this.file, page.dict, page.chain, number, this.fontCache);
  }

  /** The Info dictionary's Title as pdf.js's getMetadata gives it. */
  async getMetadata(): Promise<{ info: { Title?: string } }> {
    const info = this.file.resolve(this.file.trailer.get("Info"));
    if (!(info instanceof Map)) return { info: {} };
    const title = this.file.resolve(info.get("Title"));
    return { info: typeof title === "string" ? { Title: stringToPDFString(title) } : {} };
  }
}

/** Opens a PDF with the fast reader, or returns null when it is not in the class it understands. */
export function openFastDocument(bytes: Uint8Array): FastDocument | null {
  try {
    return new FastDocument(new PdfFile(bytes));
  } catch (error) {
    if (error instanceof Doubt) return null;
    throw error;
  }
}

/** pdf.js's stringToPDFString for titles: BOM'd UTF-16/UTF-8, else PDFDocEncoding (Latin only). */
function stringToPDFString(str: string): string {
  let encoding: string | undefined;
  let s = str;
  if (s[0] === "\xFE" && s[1] === "\xFF") encoding = "utf-16be";
  else if (s[0] === "\xFF" && s[1] === "\xFE") encoding = "utf-16le";
  else if (s[0] === "\xEF" && s[1] === "\xBB" && s[2] === "\xBF") encoding = "utf-8";
  if (encoding) {
    if (encoding !== "utf-8" && s.length % 2 === 1) s = s.slice(0, -1);
    try {
      const decoded = new TextDecoder(encoding, { fatal: true }).decode(Buffer.from(s, "latin1"));
      return decoded.includes("\x1b") ? decoded.replaceAll(/\x1b[^\x1b]*(?:\x1b|$)/g, "") : decoded;
    } catch {
      // pdf.js falls through to PDFDocEncoding.
    }
  }
  // PDFDocEncoding maps bytes to Latin characters and punctuation only: no report title can be
  // recognised in it (the caller looks for 年度报告), so the exact mapping is not needed; control
  // sequences are removed as pdf.js does.
  return s.replaceAll(/\x1b[^\x1b]*(?:\x1b|$)/g, "");
}
