// pdf.js's getTextContent (pdfjs-dist 5.6, src/core/evaluator.js), ported for the fonts of
// fonts.ts: the same text state arithmetic in the same order, the same rules for joining glyphs
// into items, inserting spaces and breaking lines, so that the items (string, transform, width,
// height, direction) come out identical. Kept close to the original on purpose: when pdf.js is
// upgraded, tests/parsers/pdf/fast.test.ts compares the two on every PDF it has.
import { pdfjs } from "../pdfjs.js";
import type { FastFont } from "./fonts.js";
import { doubt } from "./objects.js";

export interface TextItem {
  str: string;
  dir: string;
  width: number;
  height: number;
  transform: number[];
  fontName: string | null;
  hasEOL: boolean;
}

type Matrix = number[];
const IDENTITY_MATRIX = [1, 0, 0, 1, 0, 0];
const FONT_IDENTITY_MATRIX = [0.001, 0, 0, 0.001, 0, 0];

const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
const VERTICAL_SHIFT_RATIO = 0.25;

/** Characters pdf.js's bidi() would reorder: such text is doubt. */
const RTL = /[\u0590-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

function transform(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0]! * m2[0]! + m1[2]! * m2[1]!,
    m1[1]! * m2[0]! + m1[3]! * m2[1]!,
    m1[0]! * m2[2]! + m1[2]! * m2[3]!,
    m1[1]! * m2[2]! + m1[3]! * m2[3]!,
    m1[0]! * m2[4]! + m1[2]! * m2[5]! + m1[4]!,
    m1[1]! * m2[4]! + m1[3]! * m2[5]! + m1[5]!,
  ];
}

export class TextState {
  ctm: Matrix = IDENTITY_MATRIX.slice();
  fontName: string | null = null;
  fontSize = 0;
  font: FastFont | null = null;
  fontMatrix: Matrix = FONT_IDENTITY_MATRIX;
  textMatrix: Matrix = IDENTITY_MATRIX.slice();
  textLineMatrix: Matrix = IDENTITY_MATRIX.slice();
  charSpacing = 0;
  wordSpacing = 0;
  leading = 0;
  textHScale = 1;
  textRise = 0;

  translateTextMatrix(x: number, y: number): void {
    const m = this.textMatrix;
    m[4] = m[0]! * x + m[2]! * y + m[4]!;
    m[5] = m[1]! * x + m[3]! * y + m[5]!;
  }
  translateTextLineMatrix(x: number, y: number): void {
    const m = this.textLineMatrix;
    m[4] = m[0]! * x + m[2]! * y + m[4]!;
    m[5] = m[1]! * x + m[3]! * y + m[5]!;
  }
  carriageReturn(): void {
    this.translateTextLineMatrix(0, -this.leading);
    this.textMatrix = this.textLineMatrix.slice();
  }
  clone(): TextState {
    const copy = Object.assign(Object.create(TextState.prototype) as TextState, this);
    copy.textMatrix = this.textMatrix.slice();
    copy.textLineMatrix = this.textLineMatrix.slice();
    copy.fontMatrix = this.fontMatrix.slice();
    return copy;
  }
}

/** The text side of one content stream; `op` is called for every operator in order. */
export class TextExtractor {
  readonly items: TextItem[] = [];
  private state = new TextState();
  private readonly stack: TextState[] = [];
  private current: TextState | null = null;
  private readonly item = {
    initialized: false,
    str: [] as string[],
    totalWidth: 0,
    totalHeight: 0,
    width: 0,
    height: 0,
    vertical: false,
    prevTransform: null as Matrix | null,
    prevTextRise: 0,
    textAdvanceScale: 0,
    spaceInFlowMin: 0,
    spaceInFlowMax: 0,
    trackingSpaceMin: Infinity,
    negativeSpaceMax: -Infinity,
    notASpace: -Infinity,
    transform: null as Matrix | null,
    fontName: null as string | null,
    hasEOL: false,
  };
  private readonly twoLastChars = [" ", " "];
  private twoLastCharsPos = 0;

  constructor(
    private readonly viewBox: number[],
    private readonly fontOf: (name: string) => FastFont,
  ) {}

  save(): void {
    this.stack.push(this.state);
    this.state = this.state.clone();
  }
  restore(): void {
    const prev = this.stack.pop();
    if (prev) this.state = prev;
  }
  concat(m: Matrix): void {
    this.state.ctm = transform(this.state.ctm, m);
  }

  setFont(name: string, size: number): void {
    const s = this.state;
    this.current ??= s.clone();
    if (s.font && name === s.fontName && size === s.fontSize) return;
    s.fontName = name;
    s.fontSize = size;
    s.font = this.fontOf(name);
    s.fontMatrix = FONT_IDENTITY_MATRIX;
  }
  setTextRise(v: number): void {
    this.touch().textRise = v;
  }
  setHScale(v: number): void {
    this.touch().textHScale = v / 100;
  }
  setLeading(v: number): void {
    this.touch().leading = v;
  }
  moveText(x: number, y: number): void {
    const s = this.touch();
    s.translateTextLineMatrix(x, y);
    s.textMatrix = s.textLineMatrix.slice();
  }
  setLeadingMoveText(x: number, y: number): void {
    const s = this.touch();
    s.leading = -y;
    s.translateTextLineMatrix(x, y);
    s.textMatrix = s.textLineMatrix.slice();
  }
  nextLine(): void {
    this.touch().carriageReturn();
  }
  setTextMatrix(a: number, b: number, c: number, d: number, e: number, f: number): void {
    const s = this.touch();
    const m = s.textMatrix;
    m[0] = a;
    m[1] = b;
    m[2] = c;
    m[3] = d;
    m[4] = e;
    m[5] = f;
    const l = s.textLineMatrix;
    l[0] = a;
    l[1] = b;
    l[2] = c;
    l[3] = d;
    l[4] = e;
    l[5] = f;
    this.updateAdvanceScale();
  }
  setCharSpacing(v: number): void {
    this.touch().charSpacing = v;
  }
  setWordSpacing(v: number): void {
    this.touch().wordSpacing = v;
  }
  beginText(): void {
    const s = this.touch();
    s.textMatrix = IDENTITY_MATRIX.slice();
    s.textLineMatrix = IDENTITY_MATRIX.slice();
  }
  showText(chars: string): void {
    this.needFont();
    this.build(chars, 0);
  }
  showSpacedText(elements: unknown[]): void {
    const s = this.needFont();
    const spaceFactor = ((s.font!.vertical ? 1 : -1) * s.fontSize) / 1000;
    let buffer = "";
    for (const element of elements) {
      if (typeof element === "string") buffer += element;
      else if (typeof element === "number") {
        if (element !== 0) {
          const str = buffer;
          buffer = "";
          this.build(str, element * spaceFactor);
        }
      } else doubt("TJ element is neither string nor number");
    }
    if (buffer.length > 0) this.build(buffer, 0);
  }
  nextLineShowText(chars: string): void {
    this.needFont();
    this.state.carriageReturn();
    this.build(chars, 0);
  }
  nextLineSetSpacingShowText(wordSpacing: number, charSpacing: number, chars: string): void {
    const s = this.needFont();
    s.wordSpacing = wordSpacing;
    s.charSpacing = charSpacing;
    s.carriageReturn();
    this.build(chars, 0);
  }
  /** The glyphs of a string in the current font (the operator list carries them). */
  glyphsOf(chars: string) {
    return this.needFont().font!.glyphs(chars);
  }
  /** Marked content and XObjects end the current item. */
  flush(): void {
    this.touch();
    this.flushTextContentItem();
  }
  finish(): TextItem[] {
    this.flushTextContentItem();
    return this.items;
  }

  /** pdf.js sets `currentTextState` from the state at the first operator it reads. */
  touch(): TextState {
    this.current ??= this.state.clone();
    return this.state;
  }
  private needFont(): TextState {
    const s = this.touch();
    if (!s.font) doubt("text shown before a font is set");
    return s;
  }

  private saveLastChar(char: string): boolean {
    const nextPos = (this.twoLastCharsPos + 1) % 2;
    const ret = this.twoLastChars[this.twoLastCharsPos] !== " " && this.twoLastChars[nextPos] === " ";
    this.twoLastChars[this.twoLastCharsPos] = char;
    this.twoLastCharsPos = nextPos;
    return ret;
  }
  private shouldAddWhitespace(): boolean {
    return (
      this.twoLastChars[this.twoLastCharsPos] !== " " &&
      this.twoLastChars[(this.twoLastCharsPos + 1) % 2] === " "
    );
  }
  private resetLastChars(): void {
    this.twoLastChars[0] = this.twoLastChars[1] = " ";
    this.twoLastCharsPos = 0;
  }

  private pushWhitespace(
    width = 0,
    height = 0,
    transform = this.item.prevTransform,
    fontName = this.item.fontName,
  ): void {
    this.items.push({ str: " ", dir: "ltr", width, height, transform: transform!, fontName, hasEOL: false });
  }

  private getCurrentTextTransform(): Matrix {
    const s = this.state;
    const tsm = [s.fontSize * s.textHScale, 0, 0, s.fontSize, 0, s.textRise];
    return transform(s.ctm, transform(s.textMatrix, tsm));
  }

  private ensureTextContentItem() {
    const item = this.item;
    if (item.initialized) return item;
    const s = this.state;
    const font = s.font!;
    item.fontName = s.fontName;
    const trm = (item.transform = this.getCurrentTextTransform());
    if (!font.vertical) {
      item.width = item.totalWidth = 0;
      item.height = item.totalHeight = Math.hypot(trm[2]!, trm[3]!);
      item.vertical = false;
    } else {
      item.width = item.totalWidth = Math.hypot(trm[0]!, trm[1]!);
      item.height = item.totalHeight = 0;
      item.vertical = true;
    }
    const scaleLineX = Math.hypot(s.textLineMatrix[0]!, s.textLineMatrix[1]!);
    const scaleCtmX = Math.hypot(s.ctm[0]!, s.ctm[1]!);
    item.textAdvanceScale = scaleCtmX * scaleLineX;
    const { fontSize } = s;
    item.trackingSpaceMin = fontSize * TRACKING_SPACE_FACTOR;
    item.notASpace = fontSize * NOT_A_SPACE_FACTOR;
    item.negativeSpaceMax = fontSize * NEGATIVE_SPACE_FACTOR;
    item.spaceInFlowMin = fontSize * SPACE_IN_FLOW_MIN_FACTOR;
    item.spaceInFlowMax = fontSize * SPACE_IN_FLOW_MAX_FACTOR;
    item.hasEOL = false;
    item.initialized = true;
    return item;
  }

  private updateAdvanceScale(): void {
    const item = this.item;
    if (!item.initialized) return;
    const s = this.state;
    const scaleLineX = Math.hypot(s.textLineMatrix[0]!, s.textLineMatrix[1]!);
    const scaleCtmX = Math.hypot(s.ctm[0]!, s.ctm[1]!);
    const scaleFactor = scaleCtmX * scaleLineX;
    if (scaleFactor === item.textAdvanceScale) return;
    if (!item.vertical) {
      item.totalWidth += item.width * item.textAdvanceScale;
      item.width = 0;
    } else {
      item.totalHeight += item.height * item.textAdvanceScale;
      item.height = 0;
    }
    item.textAdvanceScale = scaleFactor;
  }

  private compareWithLastPosition(glyphWidth: number): boolean {
    const s = this.state;
    const item = this.item;
    const viewBox = this.viewBox;
    const currentTransform = this.getCurrentTextTransform();
    let posX = currentTransform[4]!;
    let posY = currentTransform[5]!;
    if (s.font?.vertical) {
      if (posX < viewBox[0]! || posX > viewBox[2]! || posY + glyphWidth < viewBox[1]! || posY > viewBox[3]!)
        return false;
    } else if (
      posX + glyphWidth < viewBox[0]! ||
      posX > viewBox[2]! ||
      posY < viewBox[1]! ||
      posY > viewBox[3]!
    ) {
      return false;
    }
    if (!s.font || !item.prevTransform) return true;
    let lastPosX = item.prevTransform[4]!;
    let lastPosY = item.prevTransform[5]!;
    if (lastPosX === posX && lastPosY === posY) return true;
    let rotate = -1;
    if (currentTransform[0] && currentTransform[1] === 0 && currentTransform[2] === 0) {
      rotate = currentTransform[0] > 0 ? 0 : 180;
    } else if (currentTransform[1] && currentTransform[0] === 0 && currentTransform[3] === 0) {
      rotate = currentTransform[1] > 0 ? 90 : 270;
    }
    switch (rotate) {
      case 0:
        break;
      case 90:
        [posX, posY] = [posY, posX];
        [lastPosX, lastPosY] = [lastPosY, lastPosX];
        break;
      case 180:
        [posX, posY, lastPosX, lastPosY] = [-posX, -posY, -lastPosX, -lastPosY];
        break;
      case 270:
        [posX, posY] = [-posY, -posX];
        [lastPosX, lastPosY] = [-lastPosY, -lastPosX];
        break;
      default:
        [posX, posY] = applyInverseRotation(posX, posY, currentTransform);
        [lastPosX, lastPosY] = applyInverseRotation(lastPosX, lastPosY, item.prevTransform);
    }
    if (s.font.vertical) {
      const advanceY = (lastPosY - posY) / item.textAdvanceScale;
      const advanceX = posX - lastPosX;
      const textOrientation = Math.sign(item.height || item.totalHeight);
      if (advanceY < textOrientation * item.negativeSpaceMax) {
        if (Math.abs(advanceX) > 0.5 * item.width) {
          this.appendEOL();
          return true;
        }
        this.resetLastChars();
        this.flushTextContentItem();
        return true;
      }
      if (Math.abs(advanceX) > item.width) {
        this.appendEOL();
        return true;
      }
      if (advanceY <= textOrientation * item.notASpace) this.resetLastChars();
      if (advanceY <= textOrientation * item.trackingSpaceMin) {
        if (this.shouldAddWhitespace()) {
          this.resetLastChars();
          this.flushTextContentItem();
          this.pushWhitespace(0, Math.abs(advanceY));
        } else {
          item.height += advanceY;
        }
      } else if (!this.addFakeSpaces(advanceY, item.prevTransform, textOrientation)) {
        if (item.str.length === 0) {
          this.resetLastChars();
          this.pushWhitespace(0, Math.abs(advanceY));
        } else {
          item.height += advanceY;
        }
      }
      if (Math.abs(advanceX) > item.width * VERTICAL_SHIFT_RATIO) this.flushTextContentItem();
      return true;
    }
    const advanceX = (posX - lastPosX) / item.textAdvanceScale;
    const advanceY = posY - lastPosY;
    const textOrientation = Math.sign(item.width || item.totalWidth);
    if (advanceX < textOrientation * item.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * item.height) {
        this.appendEOL();
        return true;
      }
      this.resetLastChars();
      this.flushTextContentItem();
      return true;
    }
    const textRiseDelta = s.textRise - item.prevTextRise;
    const advanceYCorrected =
      textRiseDelta === 0 ? advanceY : advanceY - (currentTransform[3]! / s.fontSize) * textRiseDelta;
    if (Math.abs(advanceYCorrected) > item.height) {
      this.appendEOL();
      return true;
    }
    if (advanceX <= textOrientation * item.notASpace) this.resetLastChars();
    if (advanceX <= textOrientation * item.trackingSpaceMin) {
      if (this.shouldAddWhitespace()) {
        this.resetLastChars();
        this.flushTextContentItem();
        this.pushWhitespace(Math.abs(advanceX));
      } else {
        item.width += advanceX;
      }
    } else if (!this.addFakeSpaces(advanceX, item.prevTransform, textOrientation)) {
      if (item.str.length === 0) {
        this.resetLastChars();
        this.pushWhitespace(Math.abs(advanceX));
      } else {
        item.width += advanceX;
      }
    }
    if (Math.abs(advanceY) > item.height * VERTICAL_SHIFT_RATIO) this.flushTextContentItem();
    return true;
  }

  private build(chars: string, extraSpacing: number): void {
    const s = this.state;
    const current = this.current!;
    if (
      current !== s &&
      (current.fontSize !== s.fontSize ||
        (current.fontName !== s.fontName &&
          (!current.font
            ? doubt("font compared with none")
            : current.font.name !== s.font!.name || current.font.vertical !== s.font!.vertical)))
    ) {
      this.flushTextContentItem();
      this.current = s.clone();
    }
    const font = s.font!;
    const baseCharSpacing = font.vertical ? -s.charSpacing : s.charSpacing;
    if (!chars) {
      const charSpacing = baseCharSpacing + extraSpacing;
      if (charSpacing) {
        if (!font.vertical) s.translateTextMatrix(charSpacing * s.textHScale, 0);
        else s.translateTextMatrix(0, -charSpacing);
      }
      return;
    }
    const glyphs = font.glyphs(chars);
    const scale = s.fontMatrix[0]! * s.fontSize;
    for (let i = 0, ii = glyphs.length; i < ii; i++) {
      const glyph = glyphs[i]!;
      if (glyph.isInvisibleFormatMark) continue;
      let charSpacing = baseCharSpacing + (i + 1 === ii ? extraSpacing : 0);
      let glyphWidth = glyph.width;
      if (font.vertical) glyphWidth = glyph.vmetric ? glyph.vmetric[0]! : -glyphWidth;
      let scaledDim = glyphWidth * scale;
      if (glyph.code === 0x20) charSpacing += s.wordSpacing;
      if (glyph.isWhitespace) {
        if (!font.vertical) {
          charSpacing += scaledDim;
          s.translateTextMatrix(charSpacing * s.textHScale, 0);
        } else {
          charSpacing += -scaledDim;
          s.translateTextMatrix(0, -charSpacing);
        }
        this.saveLastChar(" ");
        continue;
      }
      if (!glyph.isZeroWidthDiacritic && !this.compareWithLastPosition(scaledDim)) {
        if (!font.vertical) s.translateTextMatrix(scaledDim * s.textHScale, 0);
        else s.translateTextMatrix(0, scaledDim);
        continue;
      }
      const textChunk = this.ensureTextContentItem();
      if (glyph.isZeroWidthDiacritic) scaledDim = 0;
      if (!font.vertical) {
        scaledDim *= s.textHScale;
        s.translateTextMatrix(scaledDim, 0);
        textChunk.width += scaledDim;
      } else {
        s.translateTextMatrix(0, scaledDim);
        scaledDim = Math.abs(scaledDim);
        textChunk.height += scaledDim;
      }
      if (scaledDim) {
        textChunk.prevTransform = this.getCurrentTextTransform();
        textChunk.prevTextRise = s.textRise;
      }
      const glyphUnicode = glyph.unicode;
      if (this.saveLastChar(glyphUnicode)) textChunk.str.push(" ");
      textChunk.str.push(glyphUnicode);
      if (charSpacing) {
        if (!font.vertical) s.translateTextMatrix(charSpacing * s.textHScale, 0);
        else s.translateTextMatrix(0, -charSpacing);
      }
    }
  }

  private appendEOL(): void {
    this.resetLastChars();
    if (this.item.initialized) {
      this.item.hasEOL = true;
      this.flushTextContentItem();
    } else {
      this.items.push({
        str: "",
        dir: "ltr",
        width: 0,
        height: 0,
        transform: this.getCurrentTextTransform(),
        fontName: this.state.fontName,
        hasEOL: true,
      });
    }
  }

  private addFakeSpaces(width: number, transf: Matrix | null, textOrientation: number): boolean {
    const item = this.item;
    if (textOrientation * item.spaceInFlowMin <= width && width <= textOrientation * item.spaceInFlowMax) {
      if (item.initialized) {
        this.resetLastChars();
        item.str.push(" ");
      }
      return false;
    }
    const fontName = item.fontName;
    let height = 0;
    if (item.vertical) {
      height = width;
      width = 0;
    }
    this.flushTextContentItem();
    this.resetLastChars();
    this.pushWhitespace(
      Math.abs(width),
      Math.abs(height),
      transf || this.getCurrentTextTransform(),
      fontName,
    );
    return true;
  }

  private flushTextContentItem(): void {
    const item = this.item;
    if (!item.initialized || !item.str) return;
    if (!item.vertical) item.totalWidth += item.width * item.textAdvanceScale;
    else item.totalHeight += item.height * item.textAdvanceScale;
    let text = item.str.join("");
    text = pdfjs.normalizeUnicode(text);
    if (!item.vertical && RTL.test(text)) doubt("right-to-left text");
    this.items.push({
      str: text,
      dir: item.vertical ? "ttb" : "ltr",
      width: Math.abs(item.totalWidth),
      height: Math.abs(item.totalHeight),
      transform: item.transform!,
      fontName: item.fontName,
      hasEOL: item.hasEOL,
    });
    item.initialized = false;
    item.str.length = 0;
  }
}

function applyInverseRotation(x: number, y: number, matrix: Matrix): [number, number] {
  const scale = Math.hypot(matrix[0]!, matrix[1]!);
  return [(matrix[0]! * x + matrix[1]! * y) / scale, (matrix[2]! * x + matrix[3]! * y) / scale];
}
