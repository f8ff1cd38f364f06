// The images of an HTML report: the <img> elements of the page's content, in document order —
// not the portal's chrome (logos, banners, icons, share and print buttons, navigation, footers).
// County and department portals publish reports whose tables are pictures (图片版); these are
// the images the crawler fetches with the page and the HTML front-end reads by OCR where they stand.
import { MAX_RESOURCE_BYTES, type DocumentResource } from "../../src/model/resources.js";
import { attribute, childrenOf, isInvisible, tagName, type DomNode } from "./dom.js";

export interface ReportImage {
  /** The element (its place in the block order is found by parsers/html/blocks.ts). */
  node: DomNode;
  /** The reference as written (`src`, or a lazy loader's `data-src`/`data-original`). */
  ref: string;
}

/** More content images than this are not read (a report's tables fit in a few). */
export const MAX_REPORT_IMAGES = 24;

/** Page regions that are chrome by their element. */
const CHROME_ELEMENTS = new Set(["header", "nav", "footer", "aside", "button", "form", "select", "label"]);
/** Page regions that are chrome by a word of their id or class (portal templates name them so). */
const CHROME_WORDS = new Set([
  "header",
  "head",
  "top",
  "topbar",
  "nav",
  "navbar",
  "menu",
  "footer",
  "foot",
  "bottom",
  "banner",
  "logo",
  "sidebar",
  "side",
  "breadcrumb",
  "crumb",
  "position",
  "location",
  "share",
  "qrcode",
  "ewm",
  "erweima",
  "toolbar",
  "tools",
  "search",
  "links",
  "friendlink",
  "copyright",
]);
/** Image names (file, alt, class) that are chrome: logos, icons, buttons, badges. */
const CHROME_IMAGE =
  /logo|icon|ico[-_.\d]|banner|btn|button|qr|ewm|erweima|share|arrow|spacer|blank|weixin|wechat|weibo|jiucuo|conac|beian|gongan|police|search|close|print|kkj|dot[-_.\d]|line[-_.\d]|bg[-_.\d]|top[-_.\d]|bottom|loading/i;
/** Images drawn smaller than this (width or height attribute, px) are icons. */
const MIN_DRAWN_PX = 120;

/** The page's content images in document order (at most MAX_REPORT_IMAGES). */
export function reportImages(root: DomNode): ReportImage[] {
  const found: ReportImage[] = [];
  const stack: DomNode[] = [...childrenOf(root)].reverse();
  while (stack.length > 0 && found.length < MAX_REPORT_IMAGES) {
    const node = stack.pop()!;
    if (node.type !== "tag" || isInvisible(node)) continue;
    const name = tagName(node);
    if (name === "img") {
      const ref = imageRef(node);
      if (ref && isContentImage(node, ref)) found.push({ node, ref });
      continue;
    }
    if (isChromeRegion(node)) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}

function imageRef(img: DomNode): string | null {
  for (const name of ["src", "data-src", "data-original"] as const) {
    const value = attribute(img, name)?.trim();
    if (value && !value.startsWith("javascript:")) return value;
  }
  return null;
}

function isChromeRegion(node: DomNode): boolean {
  const name = tagName(node);
  if (CHROME_ELEMENTS.has(name)) return true;
  // A link to another page around an image is navigation; a link to the image itself is not.
  if (name === "a") {
    const href = attribute(node, "href")?.trim() ?? "";
    if (href && !href.startsWith("#") && !/\.(png|jpe?g|gif|tiff?|bmp|webp)(\?|$)/i.test(href)) return true;
  }
  const words = `${attribute(node, "id") ?? ""} ${attribute(node, "class") ?? ""}`.toLowerCase();
  if (!words.trim()) return false;
  return words.split(/[\s_-]+/).some((word) => CHROME_WORDS.has(word));
}

function isContentImage(img: DomNode, ref: string): boolean {
  const file = ref.startsWith("data:") ? "" : (ref.split(/[?#]/)[0]!.split("/").pop() ?? "");
  const names = `${file} ${attribute(img, "alt") ?? ""} ${attribute(img, "class") ?? ""} ${attribute(img, "id") ?? ""}`;
  if (CHROME_IMAGE.test(names)) return false;
  for (const dimension of ["width", "height"] as const) {
    const drawn = drawnSize(attribute(img, dimension)) ?? drawnSize(styleSize(img, dimension));
    if (drawn !== null && drawn < MIN_DRAWN_PX) return false;
  }
  return true;
}

function drawnSize(value: string | undefined): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/i.exec(value ?? "");
  return match ? Number(match[1]) : null;
}

function styleSize(img: DomNode, dimension: string): string | undefined {
  const style = attribute(img, "style");
  if (!style) return undefined;
  return new RegExp(`(?:^|;)\\s*${dimension}\\s*:\\s*([^;]+)`, "i").exec(style)?.[1];
}

/** What is known of one report image's bytes: they were handed over, or why not; null when not handed at all. */
export type ImageBytes = { bytes: Uint8Array } | { error: string } | null;

/** Longest data: URI decoded (base64 of a 16 MB image). */
const MAX_DATA_URI_CHARS = Math.ceil((MAX_RESOURCE_BYTES * 4) / 3) + 256;

/** The bytes of an image: from the resources handed with the document, or its own data: URI. */
export function imageBytes(ref: string, resources: readonly DocumentResource[] | undefined): ImageBytes {
  if (/^data:/i.test(ref)) return dataUriBytes(ref);
  const resource = resources?.find((r) => r.ref === ref);
  if (!resource) return null;
  if (resource.bytes) {
    if (resource.bytes.length > MAX_RESOURCE_BYTES)
      return { error: `larger than ${MAX_RESOURCE_BYTES / 1024 / 1024} MB` };
    return { bytes: resource.bytes };
  }
  return { error: resource.error ?? "not available" };
}

function dataUriBytes(ref: string): ImageBytes {
  if (ref.length > MAX_DATA_URI_CHARS)
    return { error: `a data: URI larger than ${MAX_RESOURCE_BYTES / 1024 / 1024} MB` };
  const comma = ref.indexOf(",");
  if (comma < 0) return { error: "a malformed data: URI" };
  const head = ref.slice(5, comma);
  const body = ref.slice(comma + 1);
  try {
    const bytes = /;base64$/i.test(head)
      ? Buffer.from(body.replace(/\s+/g, ""), "base64")
      : Buffer.from(decodeURIComponent(body), "latin1");
    return bytes.length > 0 ? { bytes: new Uint8Array(bytes) } : { error: "an empty data: URI" };
  } catch {
    return { error: "a malformed data: URI" };
  }
}
