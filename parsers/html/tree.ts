// HTML text → the node tree the block reader walks, built straight from htmlparser2's parser
// events. The tree has the same elements, text and nesting as htmlparser2's own DOM (domhandler,
// which cheerio/slim returns: same parser, same implied opens and closes), but its nodes are plain
// objects without the sibling links, positions and accessors the reader never uses, and comments
// and <!DOCTYPE>-like directives (invisible) are not kept. Building and later collecting those
// was about half of the DOM's cost on portal pages.
import { Parser, type Handler } from "htmlparser2";
import type { DomNode } from "./dom.js";

interface ElementNode extends DomNode {
  name: string;
  attribs: Record<string, string>;
  children: DomNode[];
}

interface TextNode extends DomNode {
  type: "text";
  data: string;
}

class TreeBuilder implements Partial<Handler> {
  readonly root: ElementNode = { type: "root", name: "", attribs: {}, children: [] };
  private readonly stack: ElementNode[] = [this.root];
  private open: ElementNode = this.root;
  /** The text node text is appended to until a tag or comment intervenes (as domhandler merges). */
  private lastText: TextNode | null = null;

  onopentag(name: string, attribs: Record<string, string>): void {
    // domhandler's element types: script and style are elements of their own type.
    const type = name === "script" ? "script" : name === "style" ? "style" : "tag";
    const element: ElementNode = { type, name, attribs, children: [] };
    this.open.children.push(element);
    this.stack.push(element);
    this.open = element;
    this.lastText = null;
  }

  onclosetag(): void {
    this.lastText = null;
    if (this.stack.length > 1) this.stack.pop();
    this.open = this.stack[this.stack.length - 1]!;
  }

  ontext(data: string): void {
    if (this.lastText) {
      this.lastText.data += data;
      return;
    }
    const node: TextNode = { type: "text", data };
    this.open.children.push(node);
    this.lastText = node;
  }

  oncomment(): void {
    this.lastText = null;
  }

  onprocessinginstruction(): void {
    this.lastText = null;
  }
}

/** Parses HTML (decoded text) into the reader's node tree; returns its root. */
export function parseHtmlTree(html: string): DomNode {
  const builder = new TreeBuilder();
  const parser = new Parser(builder);
  parser.end(html);
  return builder.root;
}
