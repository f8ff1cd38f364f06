// The XML of an OFD package, read with fast-xml-parser in document order (text and drawing order
// matter). Namespace prefixes are dropped: producers write `ofd:Page`, `Page` or another prefix.
import { XMLParser } from "fast-xml-parser";
import { ParseError } from "../errors.js";

/** fast-xml-parser's preserveOrder node: one tag name → children, plus ":@" attributes. */
export type XmlNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: true,
  // No entity expansion (no DOCTYPE tricks); the five XML entities and char references are decoded below.
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // OFD nests pages in layers and page blocks: a few levels. Far deeper is hostile.
  maxNestedTags: 100,
});

/** Parses one part; `name` is for the message of a malformed part. */
export function parseXml(bytes: Uint8Array, name: string): XmlNode[] {
  const text = decodeXml(bytes);
  try {
    return parser.parse(text) as XmlNode[];
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new ParseError("corrupt", `the OFD part ${name} is not well-formed XML (${reason})`);
  }
}

function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 100));
  // GB/T 33190 parts are UTF-8; some producers declare (and write) GB18030.
  const encoding = /encoding=["']\s*(gb2312|gbk|gb18030)/i.test(head) ? "gb18030" : "utf-8";
  return new TextDecoder(encoding).decode(bytes);
}

export function tagOf(node: XmlNode): string {
  for (const key of Object.keys(node)) if (key !== ":@") return key;
  return "";
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

export function attr(node: XmlNode, name: string): string | undefined {
  return node[":@"]?.[name];
}

export function child(node: XmlNode | undefined, tag: string): XmlNode | undefined {
  return node ? childrenOf(node).find((c) => tagOf(c) === tag) : undefined;
}

export function children(node: XmlNode | undefined, tag: string): XmlNode[] {
  return node ? childrenOf(node).filter((c) => tagOf(c) === tag) : [];
}

/** The element's text content (its text nodes, entities decoded). */
export function textOf(node: XmlNode | undefined): string {
  if (!node) return "";
  let text = "";
  for (const c of childrenOf(node)) if (typeof c["#text"] === "string") text += c["#text"];
  return decodeEntities(text);
}

/** The first root element of a parsed part named `tag`. */
export function rootOf(nodes: XmlNode[], tag: string): XmlNode | undefined {
  return nodes.find((n) => tagOf(n) === tag);
}

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    const code = lower.startsWith("#x")
      ? parseInt(lower.slice(2), 16)
      : lower.startsWith("#")
        ? parseInt(lower.slice(1), 10)
        : -1;
    if (code >= 0)
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[lower] ?? whole;
  });
}

/** Numbers of an attribute like Boundary="x y w h" or CTM="a b c d e f" (NaN-free, or null). */
export function numbers(value: string | undefined, count: number): number[] | null {
  if (!value) return null;
  const parts = value
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (parts.length < count || parts.slice(0, count).some((n) => !Number.isFinite(n))) return null;
  return parts.slice(0, count);
}
