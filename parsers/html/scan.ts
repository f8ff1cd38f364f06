// A fast path for htmlparser2's Tokenizer on the markup real pages are made of. The Tokenizer is a
// state machine that dispatches on every character of the page (a `switch` and a method call per
// character of text, of every attribute value, of every tag name); this scanner jumps from `<` to
// `<` with indexOf, reads a tag's name and attributes in tight loops, and steps over the values
// of attributes the tree does not keep with one indexOf for the closing quote. It drives the same
// TreeBuilder methods with the same arguments the Tokenizer's callbacks would (tree.ts), so the
// tree is the same: it follows the Tokenizer's rules as htmlparser2 10.1.0 writes them (HTML mode,
// entities decoded), and wherever a page leaves the common ground it does not guess:
// - text and kept attribute values holding `&` are handed to htmlparser2's own Tokenizer (a text
//   run or a whole start tag at a time, positions shifted), so entities decode as they always did;
// - markup whose tokenizing is a quirk of the state machine (`</>`, `</ x>`, `<br/` at the end,
//   a special tag name the Tokenizer mistakes for another, like `<tmp>` for `<xmp>`, a page ending
//   inside a declaration or end tag, `<` and `&` together in a <title>) makes the scanner give up:
//   the caller then builds the tree with the Tokenizer from the start (tests/parsers/html/scan.test.ts
//   compares the two on random markup down to single characters, and on every real page at hand).
import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import type { KeptAttribute } from "./dom.js";
import type { TreeBuilder } from "./tree.js";

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const DASH = 45;
const EQ = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const CDATA = "CDATA[";

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 12 || c === 13;
}

function isAsciiAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Ends a tag name or an attribute name: whitespace, `/`, `>` (and `=` for attribute names). */
function isEndOfTagSection(c: number): boolean {
  return c === SLASH || c === GT || isWhitespace(c);
}

/** The scanner met markup it leaves to the Tokenizer. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp("markup left to htmlparser2's Tokenizer");

/** Tokenizer callbacks for a piece of the page, forwarded to the builder at the piece's position. */
class ShiftedCallbacks implements TokenizerCallbacks {
  offset = 0;
  constructor(private readonly builder: TreeBuilder) {}
  ontext(start: number, end: number): void {
    this.builder.ontext(start + this.offset, end + this.offset);
  }
  ontextentity(codepoint: number): void {
    this.builder.ontextentity(codepoint);
  }
  onopentagname(start: number, end: number): void {
    this.builder.onopentagname(start + this.offset, end + this.offset);
  }
  onattribname(start: number, end: number): void {
    this.builder.onattribname(start + this.offset, end + this.offset);
  }
  onattribdata(start: number, end: number): void {
    this.builder.onattribdata(start + this.offset, end + this.offset);
  }
  onattribentity(codepoint: number): void {
    this.builder.onattribentity(codepoint);
  }
  onattribend(): void {
    this.builder.onattribend();
  }
  onopentagend(): void {
    this.builder.onopentagend();
  }
  onselfclosingtag(): void {
    this.builder.onselfclosingtag();
  }
  onclosetag(start: number, end: number): void {
    this.builder.onclosetag(start + this.offset, end + this.offset);
  }
  oncomment(): void {
    this.builder.oncomment();
  }
  oncdata(): void {
    this.builder.oncdata();
  }
  ondeclaration(): void {
    this.builder.ondeclaration();
  }
  onprocessinginstruction(): void {
    this.builder.onprocessinginstruction();
  }
  onend(): void {}
}

/** Named entities that are whole names of their own (no longer name starts with them but ends differently). */
const PLAIN_NAMED = new Map([
  ["nbsp", "\u00a0"],
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["emsp", "\u2003"],
  ["ensp", "\u2002"],
  ["ldquo", "\u201c"],
  ["rdquo", "\u201d"],
  ["middot", "\u00b7"],
]);

/**
 * The character `&` + html[start, semicolon) + `;` stands for, when the Tokenizer's decoder gives
 * it plainly: a name above, or a decimal or hexadecimal code point outside the ranges it rewrites
 * (0, controls, C1 characters it maps through windows-1252, surrogates, beyond U+10FFFF).
 */
function plainEntity(html: string, start: number, semicolon: number): string | null {
  if (html.charCodeAt(start) !== 35) return PLAIN_NAMED.get(html.slice(start, semicolon)) ?? null; // #
  let at = start + 1;
  const hex = (html.charCodeAt(at) | 0x20) === 120; // x
  if (hex) at++;
  if (at === semicolon) return null;
  let code = 0;
  for (; at < semicolon; at++) {
    const c = html.charCodeAt(at);
    let digit: number;
    if (c >= 48 && c <= 57) digit = c - 48;
    else if (hex && (c | 0x20) >= 97 && (c | 0x20) <= 102) digit = (c | 0x20) - 87;
    else return null;
    code = code * (hex ? 16 : 10) + digit;
  }
  const plain =
    (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code < 0xd800) || (code >= 0xe000 && code <= 0x10ffff);
  return plain ? String.fromCodePoint(code) : null;
}

/** The elements whose content the Tokenizer reads as raw text up to their end tag. */
const SPECIAL_NAMES = ["script", "style", "title", "textarea", "xmp"];
/** Of those, the one whose text has entities decoded (the Tokenizer's rule: <title> only). */
const DECODED_SPECIAL = "title";

class Scanner {
  private readonly n: number;
  /** The next `&` at or after the position last asked about (-1: none left). */
  private nextAmp: number;
  private readonly shifted: ShiftedCallbacks;
  private tokenizer: Tokenizer | null = null;
  /** The kept attributes of the start tag being read: name, value start, value end (-1: no value). */
  private readonly attribNames: KeptAttribute[] = [];
  private readonly attribBounds: number[] = [];
  private controlQuirk: boolean | undefined;

  constructor(
    private readonly html: string,
    private readonly builder: TreeBuilder,
  ) {
    this.n = html.length;
    this.nextAmp = html.indexOf("&");
    this.shifted = new ShiftedCallbacks(builder);
  }

  /** Whether html[from, to) holds a `&`. */
  private hasAmp(from: number, to: number): boolean {
    if (this.nextAmp !== -1 && this.nextAmp < from) this.nextAmp = this.html.indexOf("&", from);
    return this.nextAmp !== -1 && this.nextAmp < to;
  }

  /** Runs htmlparser2's Tokenizer over html[from, to), which starts and ends between tokens. */
  private tokenize(from: number, to: number): void {
    const tokenizer = (this.tokenizer ??= new Tokenizer({}, this.shifted));
    tokenizer.reset();
    this.shifted.offset = from;
    tokenizer.write(this.html.slice(from, to));
    tokenizer.end();
  }

  private text(from: number, to: number): void {
    if (from >= to) return;
    if (!this.hasAmp(from, to)) this.builder.ontext(from, to);
    else {
      const decoded = this.plainEntities(from, to);
      if (decoded !== null) this.builder.addText(decoded);
      else this.tokenize(from, to);
    }
  }

  /**
   * html[from, to) with its entities decoded when each is one the Tokenizer decodes one way only
   * (a common name or a plain code point, ended by `;`, as Word and editors write `&nbsp;`); null
   * when any `&` needs the Tokenizer's own decoder.
   */
  private plainEntities(from: number, to: number): string | null {
    const html = this.html;
    let out = "";
    let copied = from;
    for (let amp = this.nextAmp; amp !== -1 && amp < to; amp = html.indexOf("&", amp + 1)) {
      const semicolon = html.indexOf(";", amp + 1);
      if (semicolon === -1 || semicolon >= to || semicolon - amp > 9) return null;
      const char = plainEntity(html, amp + 1, semicolon);
      if (char === null) return null;
      out += html.slice(copied, amp) + char;
      copied = semicolon + 1;
    }
    return out + html.slice(copied, to);
  }

  scan(): void {
    const html = this.html;
    const n = this.n;
    let textStart = 0;
    let at = 0;
    for (;;) {
      // Tags often follow each other (`</td><td>`): a call to indexOf is saved there.
      const lt = html.charCodeAt(at) === LT ? at : html.indexOf("<", at);
      if (lt === -1) break;
      const c = html.charCodeAt(lt + 1);
      if (isAsciiAlpha(c)) {
        this.text(textStart, lt);
        at = this.startTag(lt);
      } else if (c === SLASH) {
        if (!isAsciiAlpha(html.charCodeAt(lt + 2))) throw GIVE_UP; // `</>`, `</ x>`, `</1`: quirks
        this.text(textStart, lt);
        at = this.endTag(lt + 2);
      } else if (c === BANG) {
        this.text(textStart, lt);
        at = this.declaration(lt);
      } else if (c === QUESTION) {
        this.text(textStart, lt);
        // A processing instruction runs to the next `>` (the one right after `<?` included).
        const gt = html.indexOf(">", lt + 2);
        if (gt === -1) throw GIVE_UP; // its text would be read as page text
        this.builder.onprocessinginstruction();
        at = gt + 1;
      } else {
        // `<` before anything else (a space, a digit, CJK, the end) is text.
        at = lt + 1;
        continue;
      }
      if (at >= n) return; // the page ended inside a tag or comment: the Tokenizer drops it
      textStart = at;
    }
    this.text(textStart, n);
  }

  /** `<!…`: a comment, CDATA (a comment in HTML) or a declaration. Returns the position after it. */
  private declaration(lt: number): number {
    const html = this.html;
    const c = html.charCodeAt(lt + 2);
    if (c === OPEN_BRACKET) {
      // `<![CDATA[` (exact case) opens CDATA; at the first character that differs (Word's
      // `<![if !supportLists]>`) a declaration starts, that character included.
      let at = lt + 3;
      for (let k = 0; k < CDATA.length; k++, at++) {
        if (at >= this.n) throw GIVE_UP; // the Tokenizer would read it as text
        if (html.charCodeAt(at) !== CDATA.charCodeAt(k)) return this.declarationEnd(at);
      }
      return this.commentLike(at, 0, CLOSE_BRACKET);
    }
    if (c === DASH) {
      if (html.charCodeAt(lt + 3) === DASH) return this.commentLike(lt + 4, 2, DASH);
      // `<!-x`: a declaration whose text starts after the x.
      return this.declarationEnd(lt + 4);
    }
    // `<!x`: the x is read as the declaration's first character, whatever it is (even `>`).
    return this.declarationEnd(lt + 3);
  }

  private declarationEnd(from: number): number {
    if (from >= this.n) throw GIVE_UP;
    const gt = this.html.indexOf(">", from);
    if (gt === -1) throw GIVE_UP; // the Tokenizer would read the rest as text
    this.builder.ondeclaration();
    return gt + 1;
  }

  /**
   * A comment's text from `from` (after `<!--`), ending at `-->`, or CDATA's, ending at `]]>`: the
   * Tokenizer's end sequence (twice `repeat`, then `>`) matched as it does, from its third character
   * for comments (`<!-->` and `<!--->` are comments). The page's end closes an unterminated one.
   */
  private commentLike(from: number, alreadyMatched: number, repeat: number): number {
    const html = this.html;
    const repeatChar = String.fromCharCode(repeat);
    let matched = alreadyMatched; // of the three characters
    let i = from;
    while (i < this.n) {
      const c = html.charCodeAt(i);
      const want = matched === 2 ? GT : repeat;
      if (c === want) {
        if (++matched === 3) {
          this.endCommentLike(repeat);
          return i + 1;
        }
      } else if (matched === 0) {
        const next = html.indexOf(repeatChar, i + 1);
        if (next === -1) break;
        i = next;
        matched = 1;
      } else if (c !== repeat) {
        // Longer runs (`--->`, `]]]>`) keep what was matched; anything else starts over.
        matched = 0;
      }
      i++;
    }
    this.endCommentLike(repeat);
    return this.n;
  }

  private endCommentLike(repeat: number): void {
    if (repeat === DASH) this.builder.oncomment();
    else this.builder.oncdata();
  }

  /** `</name`: the name runs to `>` or whitespace (a `/` is part of it), the tag to the next `>`. */
  private endTag(nameStart: number): number {
    const html = this.html;
    let i = nameStart + 1;
    while (i < this.n) {
      const c = html.charCodeAt(i);
      if (c === GT || isWhitespace(c)) break;
      i++;
    }
    if (i >= this.n) return this.n; // cut off: dropped
    this.builder.onclosetag(nameStart, i);
    const gt = html.charCodeAt(i) === GT ? i : html.indexOf(">", i);
    if (gt === -1) throw GIVE_UP; // the Tokenizer's trailing text here is a quirk
    return gt + 1;
  }

  /** A start tag at `lt`; returns the position after it (and after its content for raw-text elements). */
  private startTag(lt: number): number {
    const html = this.html;
    const n = this.n;
    const nameStart = lt + 1;
    let i = nameStart + 1;
    while (i < n && !isEndOfTagSection(html.charCodeAt(i))) i++;
    if (i >= n) {
      // Cut off inside its name: no callback at all, unless the Tokenizer was matching a raw-text
      // element's name (s…, t…, x…), where it reads the rest as text.
      const first = html.charCodeAt(nameStart) | 0x20;
      if (first === 115 || first === 116 || first === 120) throw GIVE_UP;
      return n;
    }
    const nameEnd = i;
    const special = this.specialName(nameStart, nameEnd);
    // The attributes, read as the Tokenizer's states do; only the kept ones are remembered.
    const names = this.attribNames;
    const bounds = this.attribBounds;
    let kept = 0;
    let needsTokenizer = false;
    let selfClosing = false;
    let end = -1;
    while (end === -1) {
      while (i < n && isWhitespace(html.charCodeAt(i))) i++;
      if (i >= n) break;
      let c = html.charCodeAt(i);
      if (c === GT) {
        end = i + 1;
        break;
      }
      if (c === SLASH) {
        // `/` then optional whitespace then `>` closes the tag as self-closing; anything else is
        // read again as the start of an attribute.
        i++;
        while (i < n && isWhitespace(html.charCodeAt(i))) i++;
        if (i >= n) throw GIVE_UP; // the Tokenizer's trailing text here is a quirk
        if (html.charCodeAt(i) === GT) {
          selfClosing = true;
          end = i + 1;
        }
        continue;
      }
      // An attribute name: its first character whatever it is, then up to `=`, whitespace, `/`, `>`.
      const attribStart = i;
      i++;
      while (i < n) {
        c = html.charCodeAt(i);
        if (c === EQ || isEndOfTagSection(c)) break;
        i++;
      }
      const keptName = this.builder.keptName(attribStart, i);
      while (i < n && isWhitespace(html.charCodeAt(i))) i++;
      if (i >= n) break;
      if (html.charCodeAt(i) !== EQ) {
        // No value (the next character starts the next attribute or ends the tag).
        if (keptName !== undefined) {
          names[kept] = keptName;
          bounds[2 * kept] = -1;
          kept++;
        }
        continue;
      }
      i++;
      while (i < n && isWhitespace(html.charCodeAt(i))) i++;
      if (i >= n) break;
      c = html.charCodeAt(i);
      let valueStart: number;
      let valueEnd: number;
      if (c === DQUOTE || c === SQUOTE) {
        valueStart = i + 1;
        valueEnd = html.indexOf(c === DQUOTE ? '"' : "'", valueStart);
        if (valueEnd === -1) break; // cut off inside the value
        i = valueEnd + 1;
      } else {
        valueStart = i;
        while (i < n) {
          c = html.charCodeAt(i);
          if (c === GT || isWhitespace(c)) break;
          i++;
        }
        if (i >= n) break;
        valueEnd = i;
      }
      if (keptName !== undefined) {
        names[kept] = keptName;
        bounds[2 * kept] = valueStart;
        bounds[2 * kept + 1] = valueEnd;
        kept++;
        if (this.hasAmp(valueStart, valueEnd)) needsTokenizer = true;
      }
    }
    if (end === -1) {
      // The page ended inside the tag: the Tokenizer had named it (the builder closes what the
      // name implies) and drops the rest.
      this.builder.onopentagname(nameStart, nameEnd);
      return n;
    }
    if (needsTokenizer) {
      // An entity in a kept value: the whole start tag is read by the Tokenizer.
      this.tokenize(lt, end);
    } else {
      this.builder.onopentagname(nameStart, nameEnd);
      for (let a = 0; a < kept; a++) {
        const from = bounds[2 * a]!;
        this.builder.setAttribute(names[a]!, from === -1 ? "" : html.slice(from, bounds[2 * a + 1]!));
      }
      if (selfClosing) this.builder.onselfclosingtag();
      else this.builder.onopentagend();
    }
    if (special === null || selfClosing) return end;
    return this.rawText(special, end);
  }

  /**
   * The raw-text element a start tag's name opens (script, style, title, textarea, xmp), or null.
   * The Tokenizer knows them by their first two letters and the rest of their end sequence; a name
   * it would take for another (`<tmp>` read as `<xmp>`) is left to it.
   */
  private specialName(start: number, end: number): string | null {
    const html = this.html;
    const first = html.charCodeAt(start) | 0x20;
    if (first !== 115 && first !== 116 && first !== 120) return null; // s, t, x
    const second = html.charCodeAt(start + 1) | 0x20;
    let name: string;
    if (first === 115) {
      if (second === 99) name = "script";
      else if (second === 116) name = "style";
      else return null;
    } else if (second === 105) name = "title";
    else if (second === 101) name = "textarea";
    else if (second === 109) name = "xmp";
    else return null;
    // The Tokenizer compares the name from its third letter on.
    if (end - start !== name.length) return null;
    for (let k = 2; k < name.length; k++) {
      if ((html.charCodeAt(start + k) | 0x20) !== name.charCodeAt(k)) return null;
    }
    if ((first === 116 && name === "xmp") || (first === 120 && name !== "xmp")) throw GIVE_UP;
    return name;
  }

  /** A raw-text element's content from `from` to its end tag (`</name` then `>` or whitespace). */
  private rawText(name: string, from: number): number {
    const html = this.html;
    const n = this.n;
    // The Tokenizer matches the end tag's `<` and `/` as it matches letters, by `c | 0x20`: control
    // characters U+001C and U+000F pass for them. Pages holding them are left to it.
    this.controlQuirk ??= html.includes("\x1c") || html.includes("\x0f");
    if (this.controlQuirk) throw GIVE_UP;
    let at = from;
    for (;;) {
      const lt = html.indexOf("<", at);
      if (lt === -1) break;
      if (html.charCodeAt(lt + 1) === SLASH && this.endsRawText(name, lt + 2)) {
        this.rawContent(name, from, lt);
        const nameEnd = lt + 2 + name.length;
        this.builder.onclosetag(lt + 2, nameEnd);
        const gt = html.indexOf(">", nameEnd);
        if (gt === -1) throw GIVE_UP;
        return gt + 1;
      }
      at = lt + 1;
    }
    // No end tag: the rest of the page is the element's text.
    this.rawContent(name, from, n);
    return n;
  }

  /** Whether html at `at` is `name` (any case) followed by `>` or whitespace. */
  private endsRawText(name: string, at: number): boolean {
    const html = this.html;
    const after = at + name.length;
    if (after >= this.n) return false;
    for (let k = 0; k < name.length; k++) {
      if ((html.charCodeAt(at + k) | 0x20) !== name.charCodeAt(k)) return false;
    }
    const c = html.charCodeAt(after);
    return c === GT || isWhitespace(c);
  }

  private rawContent(name: string, from: number, to: number): void {
    if (from >= to) return;
    if (name === DECODED_SPECIAL && this.hasAmp(from, to)) {
      // Entities in a title: the Tokenizer decodes the text, if no `<` could make it read a tag there.
      if (this.html.lastIndexOf("<", to - 1) >= from) throw GIVE_UP;
      this.tokenize(from, to);
      return;
    }
    this.builder.ontext(from, to);
  }
}

/**
 * Reads `html` into `builder` as htmlparser2's Tokenizer would; returns false (the builder then
 * holds a partial tree and must be dropped) where the page leaves the markup the scanner reads.
 */
export function scanInto(html: string, builder: TreeBuilder): boolean {
  try {
    new Scanner(html, builder).scan();
    return true;
  } catch (error) {
    if (error === GIVE_UP) return false;
    throw error;
  }
}

/** The raw-text elements (exported for tests). */
export const RAW_TEXT_ELEMENTS: readonly string[] = SPECIAL_NAMES;
