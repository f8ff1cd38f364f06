// Links of an HTML page with their text, resolved against the page (and its <base href>).
import * as cheerio from "cheerio/slim";
import { isAttachmentUrl, unwrapViewer } from "./attachments.js";

export interface PageLink {
  url: string;
  /** The best title: the `title` attribute when the text is truncated ("…"), else the text. */
  text: string;
  /** The date printed beside the link in its list row (YYYY-MM-DD), when there is one. */
  date?: string | null;
  /**
   * The link sits in an article's 上一篇/下一篇 line ("prevnext") or a 相关链接/相关文章 box
   * ("related"): neighbours of one article, never pagination and never a listing's items.
   */
  box?: "prevnext" | "related" | null;
}

const DATE = /((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/;

/** The first date in a text as YYYY-MM-DD, or null. */
export function dateIn(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const PREV_NEXT = /^\s*(上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇)/;
const RELATED_HEADING =
  /^\s*(相关链接|相关文章|相关阅读|相关新闻|相关信息|相关文件|相关稿件|推荐阅读|热点推荐|猜你喜欢|延伸阅读)/;
const RELATED_CLASS = /(related|relate|xgwz|xglj|xgxx|xgwj|xgyd|tjyd|recommend)/i;

export function resolveHref(href: string, base: string): string | null {
  const trimmed = href.trim();
  if (!trimmed || /^(javascript|mailto|tel|data):/i.test(trimmed) || trimmed.startsWith("#")) return null;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.href;
  } catch {
    return null;
  }
}

export function loadHtml(html: string): cheerio.CheerioAPI {
  return cheerio.load(html);
}

/** The base URL for relative links: `<base href>` when present. */
export function baseUrlOf($: cheerio.CheerioAPI, pageUrl: string): string {
  const base = $("base[href]").attr("href");
  return (base && resolveHref(base, pageUrl)) || pageUrl;
}

/**
 * Listings truncate long titles ("…公开工...") and append dates inside the link; the `title`
 * attribute holds the full title, so it wins unless it is a generic label.
 */
function bestTitle(text: string, title: string): string {
  if (title.length >= 6 && !/^(点击|查看|详细|更多|打开)/.test(title)) return title;
  return text;
}

/** A selection of nodes, as `$(…).parent()` returns. */
type Nodes = ReturnType<cheerio.Cheerio<never>["parent"]>;

/** The parts of a parsed node the anchor count reads (domhandler's shape). */
interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

/** Links (a[href]) under a node, counted once per node (no selector: css-select cost 0.2 ms a call). */
function countAnchors(node: DomNode, memo: Map<unknown, number>): number {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let n = node.type === "tag" && node.name === "a" && node.attribs?.href !== undefined ? 1 : 0;
  for (const child of node.children ?? []) n += countAnchors(child, memo);
  memo.set(node, n);
  return n;
}

const ROW_TAGS = new Set(["li", "tr", "dd", "dt", "p"]);

/**
 * The list row holding an anchor: the nearest li, tr, dd, dt or p a few levels up, else the largest
 * ancestor (within four levels) holding no other link (a <div class="item"> row). Anchor counts are
 * kept per element, so a page is walked once, not once per anchor.
 */
function rowOf(a: Nodes, anchorsIn: (up: Nodes) => number): Nodes | null {
  for (let up = a.parent(), level = 0; up.length && level < 6; up = up.parent(), level++) {
    const tag = String(up.prop("tagName") ?? "").toLowerCase();
    if (ROW_TAGS.has(tag)) return up;
    if (tag === "body" || tag === "html") break;
  }
  let row: Nodes | null = null;
  for (let up = a.parent(), level = 0; up.length && level < 4; up = up.parent(), level++) {
    const tag = String(up.prop("tagName") ?? "").toLowerCase();
    if (tag === "body" || tag === "html" || anchorsIn(up) > 1) break;
    row = up;
  }
  return row;
}

export function extractLinks(html: string | cheerio.CheerioAPI, pageUrl: string): PageLink[] {
  const $ = typeof html === "string" ? loadHtml(html) : html;
  const base = baseUrlOf($, pageUrl);
  const links: PageLink[] = [];
  // Whether an element is a 相关链接 box, once per element: anchors share their ancestors, and the
  // heading text of a large ancestor read again for each anchor made big listings quadratic.
  const relatedBox = new Map<unknown, boolean>();
  const isRelatedBox = (up: Nodes): boolean => {
    const node = up.get(0);
    const known = relatedBox.get(node);
    if (known !== undefined) return known;
    const marks = `${up.attr("class") ?? ""} ${up.attr("id") ?? ""}`;
    const children = up.children();
    const related =
      RELATED_CLASS.test(marks) ||
      (children.length > 1 && RELATED_HEADING.test(children.first().text().replace(/\s+/g, "")));
    relatedBox.set(node, related);
    return related;
  };
  const anchorCounts = new Map<unknown, number>();
  const anchorsIn = (up: Nodes): number => {
    const node = up.get(0) as DomNode | undefined;
    return node ? countAnchors(node, anchorCounts) : 0;
  };
  $("a[href]").each((_, el) => {
    const a = $(el);
    const href = resolveHref(a.attr("href") ?? "", base) ?? scriptedDocument(a.attr("onclick"), base);
    if (!href) return;
    const url = unwrapViewer(href);
    const text = a.text().replace(/\s+/g, " ").trim();
    const title = (a.attr("title") ?? "").trim();
    // The list row holding the link: its date, and whether it is a 上一篇/下一篇 line.
    const row = rowOf(a, anchorsIn);
    const rowText = (row ? row.text() : a.parent().text()).replace(/\s+/g, " ").trim();
    const date = rowText.length < 300 ? dateIn(rowText) : null;
    let box: PageLink["box"] = null;
    if (PREV_NEXT.test(text) || PREV_NEXT.test(rowText) || PREV_NEXT.test(a.parent().text()))
      box = "prevnext";
    else {
      for (let up = a.parent(), level = 0; up.length && level < 5; up = up.parent(), level++) {
        const tag = (up.prop("tagName") ?? "").toString().toLowerCase();
        if (tag === "body" || tag === "html") break;
        if (isRelatedBox(up)) {
          box = "related";
          break;
        }
      }
    }
    links.push({
      url,
      text: bestTitle(text.replace(PREV_NEXT, "").replace(/^[:：\s]+/, ""), title),
      date,
      box,
    });
  });
  return links;
}

/**
 * A document an anchor opens by script (`href="javascript:void(0)" onclick="window.open('/x.pdf')"`):
 * the first quoted URL in the handler that names a document. Pages opened by script are left alone.
 */
function scriptedDocument(onclick: string | undefined, base: string): string | null {
  if (!onclick) return null;
  for (const m of onclick.matchAll(/['"]([^'"\s]+)['"]/g)) {
    const url = documentAt(m[1]!, base);
    if (url) return url;
  }
  return null;
}

/** The document a reference points to (resolved, a viewer unwrapped to its file), or null. */
function documentAt(raw: string, base: string): string | null {
  const resolved = resolveHref(raw, base);
  const url = resolved && unwrapViewer(resolved);
  return url && isAttachmentUrl(url) ? url : null;
}

/**
 * Documents a page shows in place rather than links: `<iframe src>` (often a pdf.js or kkFileView
 * viewer), `<embed src>`, `<object data>`. Only documents are returned, with no text (they belong
 * to the page that embeds them); other frames (maps, share widgets, video) are not links a reader follows.
 */
export function embeddedDocuments($: cheerio.CheerioAPI, pageUrl: string): PageLink[] {
  const base = baseUrlOf($, pageUrl);
  const found: PageLink[] = [];
  $("iframe[src], embed[src], object[data]").each((_, el) => {
    const node = $(el);
    const url = documentAt(node.attr("src") ?? node.attr("data") ?? "", base);
    if (url && !found.some((l) => l.url === url)) found.push({ url, text: "", date: null, box: null });
  });
  return found;
}

/** Links inside HTML fragments that live in script text or CDATA (Hanweb records), found by regex. */
export function extractLinksFromFragment(fragment: string, pageUrl: string): PageLink[] {
  return extractLinks(`<html><body>${fragment}</body></html>`, pageUrl);
}
