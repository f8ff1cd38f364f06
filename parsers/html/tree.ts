// HTML text → the node tree the block reader walks, built straight from htmlparser2's Tokenizer.
// The tree has the same elements, text and nesting as htmlparser2's own DOM (domhandler, which
// cheerio/slim returns): the few tree-building rules of htmlparser2's Parser (which tags a new tag
// closes, void elements, `</p>` and `</br>` without an opening tag, self-closing tags inside
// <svg>/<math>) are applied here exactly as its Parser applies them (htmlparser2 10.1.0,
// Parser.js; tests/parsers/html/tree.test.ts compares the two on tricky, random and real markup).
// Going around the Parser saves what the reader never uses — an event per attribute into an
// object holding every attribute, an open-element stack kept with unshift/shift, its handler
// indirections — and half of the tree's cost on portal pages. Nodes are plain objects without the
// sibling links and positions the reader never reads; comments and <!DOCTYPE>-like directives
// (invisible) are not kept.
import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import { scanInto } from "./scan.js";
import { KEPT_ATTRIBUTES, type Attributes, type DomNode, type KeptAttribute } from "./dom.js";

interface ElementNode extends DomNode {
  name: string;
  attribs: Attributes;
  children: DomNode[];
}

interface TextNode extends DomNode {
  type: "text";
  data: string;
}

// htmlparser2's Parser tables (HTML mode), copied as they are.
const P = new Set(["p"]);
const FORM_TAGS = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const TABLE_SECTIONS = new Set(["thead", "tbody"]);
const DD_DT = new Set(["dd", "dt"]);
const RT_RP = new Set(["rt", "rp"]);
/** The open elements (nearest first, while they are the nearest) a new tag closes. */
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])],
  ["li", new Set(["li"])],
  ["p", P],
  ["h1", P],
  ["h2", P],
  ["h3", P],
  ["h4", P],
  ["h5", P],
  ["h6", P],
  ["select", FORM_TAGS],
  ["input", FORM_TAGS],
  ["output", FORM_TAGS],
  ["button", FORM_TAGS],
  ["datalist", FORM_TAGS],
  ["textarea", FORM_TAGS],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["dd", DD_DT],
  ["dt", DD_DT],
  ["address", P],
  ["article", P],
  ["aside", P],
  ["blockquote", P],
  ["details", P],
  ["div", P],
  ["dl", P],
  ["fieldset", P],
  ["figcaption", P],
  ["figure", P],
  ["footer", P],
  ["form", P],
  ["header", P],
  ["hr", P],
  ["main", P],
  ["nav", P],
  ["ol", P],
  ["pre", P],
  ["section", P],
  ["table", P],
  ["ul", P],
  ["rt", RT_RP],
  ["rp", RT_RP],
  ["tbody", TABLE_SECTIONS],
  ["tfoot", TABLE_SECTIONS],
]);
/** Elements without content (htmlparser2's list): they never open a level. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
const FOREIGN_CONTEXT = new Set(["math", "svg"]);
const HTML_INTEGRATION = new Set([
  "mi",
  "mo",
  "mn",
  "ms",
  "mtext",
  "annotation-xml",
  "foreignobject",
  "desc",
  "title",
]);

/** Tag names common on report pages, by length and first letter: a tag's name is matched in place, without a copy. */
const COMMON_TAGS_BY_LENGTH: string[][] = []; // by commonTagKey
for (const name of [
  ...OPEN_IMPLIES_CLOSE.keys(),
  ...VOID_ELEMENTS,
  ..."a b i u s em span font strong sup sub small big center label o:p html head title style script".split(
    " ",
  ),
  ..."iframe noscript section article aside header footer main nav form ol dl caption colgroup".split(" "),
])
  if (!(COMMON_TAGS_BY_LENGTH[commonTagKey(name.length, name.charCodeAt(0))] ??= []).includes(name))
    COMMON_TAGS_BY_LENGTH[commonTagKey(name.length, name.charCodeAt(0))]!.push(name);

/** Where the common tags of a length and (lower-case) first letter are listed. */
function commonTagKey(length: number, first: number): number {
  return length * 128 + (first & 127);
}

/** What tree building needs to know of a tag name, looked up once per tag. */
interface TagInfo {
  /** The open elements a start tag of this name closes (OPEN_IMPLIES_CLOSE). */
  closes: ReadonlySet<string> | undefined;
  /** Opens a foreign context (svg, math), an HTML one inside it, or neither. */
  context: "foreign" | "html" | undefined;
  isVoid: boolean;
  /** domhandler's element type: script and style are elements of their own type. */
  type: string;
}

const TAG_INFO = new Map<string, TagInfo>();
/** Tag names remembered at most (a hostile page may use endless made-up names). */
const MAX_TAG_INFO = 10_000;

function tagInfo(name: string): TagInfo {
  let info = TAG_INFO.get(name);
  if (info === undefined) {
    info = {
      closes: OPEN_IMPLIES_CLOSE.get(name),
      context: FOREIGN_CONTEXT.has(name) ? "foreign" : HTML_INTEGRATION.has(name) ? "html" : undefined,
      isVoid: VOID_ELEMENTS.has(name),
      type: name === "script" ? "script" : name === "style" ? "style" : "tag",
    };
    if (TAG_INFO.size < MAX_TAG_INFO) TAG_INFO.set(name, info);
  }
  return info;
}

/** Attributes of an element that has none of the kept ones (shared; replaced on the first set). */
const NO_ATTRIBUTES: Attributes = Object.freeze({});
/** Children of a void element (shared: it never has any). */
const NO_CHILDREN: DomNode[] = Object.freeze([]) as unknown as DomNode[];

/** The kept attribute names by length: an attribute's name is matched in place, without a copy. */
const KEPT_BY_LENGTH: KeptAttribute[][] = [];
for (const name of KEPT_ATTRIBUTES) (KEPT_BY_LENGTH[name.length] ??= []).push(name);

/**
 * The tables of a tree in document order (numbered from 1) and those holding another table, as the
 * block reader's indexing walk finds them: tables inside a script or style element are not
 * reached by it and not counted.
 */
export interface TableIndex {
  numbers: Map<DomNode, number>;
  withNestedTables: Set<DomNode>;
}

/** Ancestors looked at while recording tables, at most (deep pages with many tables: walked later). */
const MAX_TABLE_INDEX_STEPS = 100_000;

/**
 * Builds the tree from htmlparser2's Tokenizer callbacks (positions into `html`); the fast scanner
 * (scan.ts) drives the same methods for the markup it reads itself.
 */
export class TreeBuilder implements TokenizerCallbacks {
  readonly root: ElementNode = { type: "root", name: "", attribs: {}, children: [] };
  /** The open elements, innermost last (the Parser's stack, which it keeps innermost first). */
  private readonly open: ElementNode[] = [];
  /** Whether self-closing syntax closes (inside svg/math), innermost last; HTML outside. */
  private readonly foreign: boolean[] = [false];
  /** The element whose attributes are being read (null once its start tag has ended). */
  private tag: ElementNode | null = null;
  private tagIsVoid = false;
  private tables: TableIndex | null = { numbers: new Map(), withNestedTables: new Set() };
  private tableSteps = 0;
  private attribName: KeptAttribute | "" = "";
  private attribValue = "";
  private keepAttrib = false;
  /** The text node text is appended to until a tag or comment intervenes (as domhandler merges). */
  private lastText: TextNode | null = null;

  constructor(private readonly html: string) {}

  private parent(): ElementNode {
    return this.open.length > 0 ? this.open[this.open.length - 1]! : this.root;
  }

  addText(data: string): void {
    if (this.lastText) {
      this.lastText.data += data;
      return;
    }
    const node: TextNode = { type: "text", data };
    this.parent().children.push(node);
    this.lastText = node;
  }

  /** A start tag's name: the elements it implies closed are closed; it is attached when the tag ends. */
  openTag(name: string): void {
    const info = tagInfo(name);
    const closes = info.closes;
    if (closes) {
      while (this.open.length > 0 && closes.has(this.open[this.open.length - 1]!.name)) {
        this.open.pop();
        this.lastText = null;
      }
    }
    if (info.context !== undefined) this.foreign.push(info.context === "foreign");
    this.tag = {
      type: info.type,
      name,
      attribs: NO_ATTRIBUTES,
      children: info.isVoid ? NO_CHILDREN : [],
    };
    this.tagIsVoid = info.isVoid;
  }

  /**
   * The end of a start tag: the element joins the tree and, unless void, is open. (A start tag
   * cut off by the end of the page never ends: the Parser hands no element for it.)
   */
  endOpenTag(): ElementNode | null {
    const element = this.tag;
    if (!element) return null;
    this.tag = null;
    this.parent().children.push(element);
    this.lastText = null;
    if (element.name === "table" && this.tables !== null) this.recordTable(element);
    if (!this.tagIsVoid) this.open.push(element);
    return element;
  }

  /** Numbers a table joining the tree and marks the table it is nested in (its ancestors are `open`). */
  private recordTable(table: ElementNode): void {
    let enclosing: ElementNode | undefined;
    for (let at = this.open.length - 1; at >= 0; at--) {
      const ancestor = this.open[at]!;
      if (ancestor.type !== "tag") return; // inside a script or style element: not reached
      if (enclosing === undefined && ancestor.name === "table") enclosing = ancestor;
      if (++this.tableSteps > MAX_TABLE_INDEX_STEPS) {
        this.tables = null;
        return;
      }
    }
    const tables = this.tables!;
    tables.numbers.set(table, tables.numbers.size + 1);
    if (enclosing !== undefined) tables.withNestedTables.add(enclosing);
  }

  /** The table index, once the whole page is read (null when it was given up). */
  tableIndex(): TableIndex | null {
    return this.tables;
  }

  ontext(start: number, endIndex: number): void {
    this.addText(this.html.slice(start, endIndex));
  }

  ontextentity(codepoint: number): void {
    this.addText(String.fromCodePoint(codepoint));
  }

  onopentagname(start: number, endIndex: number): void {
    const common = COMMON_TAGS_BY_LENGTH[commonTagKey(endIndex - start, this.html.charCodeAt(start) | 0x20)];
    if (common !== undefined) {
      for (const name of common) {
        if (this.nameIs(name, start, endIndex)) {
          this.openTag(name);
          return;
        }
      }
    }
    this.openTag(this.html.slice(start, endIndex).toLowerCase());
  }

  onattribname(start: number, endIndex: number): void {
    const name = this.keptName(start, endIndex);
    this.keepAttrib = name !== undefined;
    if (name !== undefined) this.attribName = name;
  }

  /**
   * The kept attribute named html[start, end) (any case), if it is one: most attributes of a portal
   * page are not kept, and are known without slicing and lower-casing their names.
   */
  keptName(start: number, end: number): KeptAttribute | undefined {
    const candidates = KEPT_BY_LENGTH[end - start];
    if (candidates === undefined) return undefined;
    for (const name of candidates) if (this.nameIs(name, start, end)) return name;
    return undefined;
  }

  /** Sets an attribute of the start tag being read; the first of repeated attributes wins, as in the Parser. */
  setAttribute(name: KeptAttribute, value: string): void {
    const tag = this.tag;
    if (!tag) return;
    if (tag.attribs === NO_ATTRIBUTES) tag.attribs = {};
    const attribs = tag.attribs as Record<string, string>;
    if (!Object.prototype.hasOwnProperty.call(attribs, name)) attribs[name] = value;
  }

  onattribdata(start: number, endIndex: number): void {
    if (this.keepAttrib) this.attribValue += this.html.slice(start, endIndex);
  }

  onattribentity(codepoint: number): void {
    if (this.keepAttrib) this.attribValue += String.fromCodePoint(codepoint);
  }

  onattribend(): void {
    if (this.keepAttrib) this.setAttribute(this.attribName as KeptAttribute, this.attribValue);
    this.attribValue = "";
  }

  onopentagend(): void {
    this.endOpenTag();
  }

  onselfclosingtag(): void {
    const element = this.endOpenTag();
    // In HTML `<div/>` opens a div; inside svg/math (innermost context) the slash closes it.
    if (element && this.foreign[this.foreign.length - 1] && this.open[this.open.length - 1] === element) {
      this.open.pop();
    }
  }

  onclosetag(start: number, endIndex: number): void {
    // Most end tags close the innermost element: known without slicing and lower-casing the name.
    const innermost = this.open[this.open.length - 1];
    if (innermost && this.nameIs(innermost.name, start, endIndex)) {
      if (tagInfo(innermost.name).context !== undefined) this.foreign.pop();
      this.open.pop();
      this.lastText = null;
      return;
    }
    const name = this.html.slice(start, endIndex).toLowerCase();
    const info = tagInfo(name);
    if (info.context !== undefined) this.foreign.pop();
    if (!info.isVoid) {
      let at = this.open.length - 1;
      while (at >= 0 && this.open[at]!.name !== name) at--;
      if (at >= 0) {
        this.open.length = at;
        this.lastText = null;
      } else if (name === "p") {
        // `</p>` without an open <p>: an empty paragraph.
        this.openTag("p");
        this.endOpenTag();
        this.open.pop();
      }
      // Any other end tag without an open element is ignored: text on both sides stays one node.
    } else if (name === "br") {
      // `</br>` is a line break.
      const br: ElementNode = { type: "tag", name: "br", attribs: NO_ATTRIBUTES, children: NO_CHILDREN };
      this.parent().children.push(br);
      this.lastText = null;
    }
  }

  /** True when html[start, end) lower-cased is `name` (ASCII only; anything else answers false). */
  nameIs(name: string, start: number, end: number): boolean {
    if (end - start !== name.length) return false;
    for (let i = 0; i < name.length; i++) {
      let code = this.html.charCodeAt(start + i);
      if (code >= 65 && code <= 90) code += 32;
      if (code !== name.charCodeAt(i) || code > 127) return false;
    }
    return true;
  }

  oncomment(): void {
    this.lastText = null;
  }

  oncdata(): void {
    // CDATA in HTML is a comment.
    this.lastText = null;
  }

  ondeclaration(): void {
    this.lastText = null;
  }

  onprocessinginstruction(): void {
    this.lastText = null;
  }

  onend(): void {}
}

/** Parses HTML (decoded text) into the reader's node tree; returns its root. */
export function parseHtmlTree(html: string): DomNode {
  return parseHtmlDocument(html).root;
}

/** The node tree and its tables (null where they were not recorded: the reader walks for them). */
export function parseHtmlDocument(html: string): { root: DomNode; tables: TableIndex | null } {
  // The scanner reads the markup pages are made of; what it leaves, the Tokenizer reads (scan.ts).
  let builder = new TreeBuilder(html);
  if (!scanInto(html, builder)) builder = tokenizerBuilder(html);
  return { root: builder.root, tables: builder.tableIndex() };
}

/** The tree built from htmlparser2's Tokenizer alone (the scanner's reference and fallback). */
export function tokenizerTree(html: string): DomNode {
  return tokenizerBuilder(html).root;
}

function tokenizerBuilder(html: string): TreeBuilder {
  const builder = new TreeBuilder(html);
  const tokenizer = new Tokenizer({}, builder);
  if (html) tokenizer.write(html);
  tokenizer.end();
  return builder;
}
