// The few facts about parsed HTML nodes (parsers/html/tree.ts, shaped as htmlparser2's DOM) that
// the front-end needs.

/**
 * The attributes any reader of the tree looks at (visibility, spans, title and picture cues); the
 * tree keeps only these, so a reader needing another one adds its name here (the type makes
 * `attribute(node, "other")` a compile error until then).
 */
export const KEPT_ATTRIBUTES = new Set([
  "hidden",
  "type",
  "style",
  "rowspan",
  "colspan",
  "class",
  "id",
  "name",
  "property",
  "content",
  "src",
  "data-src",
  "data-original",
  "href",
  "alt",
  "width",
  "height",
] as const);

export type KeptAttribute = typeof KEPT_ATTRIBUTES extends Set<infer Name> ? Name : never;
export type Attributes = Partial<Record<KeptAttribute, string>>;

export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Attributes;
  children?: DomNode[];
  parent?: DomNode | null;
}

/** Elements whose content is never shown as text. */
const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
  "select",
  "textarea",
  "map",
  // Deleted text (Word revision marks, strike-through corrections) is not the report's content:
  // read with the inserted text it would turn "5→6" into "56".
  "del",
  "s",
  "strike",
]);

/** Elements that start a new line of text (paragraph, heading, list item, container). */
export const BLOCK_ELEMENTS = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "section",
  "article",
  "header",
  "footer",
  "nav",
  "aside",
  "main",
  "blockquote",
  "pre",
  "form",
  "fieldset",
  "legend",
  "address",
  "figure",
  "figcaption",
  "center",
  "hr",
  "br",
  "caption",
  "body",
  "html",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "td",
  "th",
]);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)\b/i;

export function isElement(node: DomNode): boolean {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

/** True for nodes whose text a reader never sees: scripts, styles, comments, hidden elements. */
export function isInvisible(node: DomNode): boolean {
  if (node.type === "text") return false;
  if (!isElement(node)) return true; // comments, directives, CDATA
  const name = node.name ?? "";
  if (SKIPPED.has(name)) return true;
  const attribs = node.attribs;
  if (!attribs) return false;
  if (attribs.hidden !== undefined) return true;
  if (name === "input" && attribs.type === "hidden") return true;
  const style = attribs.style;
  return style !== undefined && HIDDEN_STYLE.test(style);
}

export function tagName(node: DomNode): string {
  return node.name ?? "";
}

export function childrenOf(node: DomNode): DomNode[] {
  return node.children ?? [];
}

export function attribute(node: DomNode, name: KeptAttribute): string | undefined {
  return node.attribs?.[name];
}
