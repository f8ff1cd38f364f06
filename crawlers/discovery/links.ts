// Links of an HTML page with their text, resolved against the page (and its <base href>).
import * as cheerio from "cheerio/slim";

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

export function extractLinks(html: string | cheerio.CheerioAPI, pageUrl: string): PageLink[] {
  const $ = typeof html === "string" ? loadHtml(html) : html;
  const base = baseUrlOf($, pageUrl);
  const links: PageLink[] = [];
  $("a[href]").each((_, el) => {
    const a = $(el);
    const url = resolveHref(a.attr("href") ?? "", base);
    if (!url) return;
    const text = a.text().replace(/\s+/g, " ").trim();
    const title = (a.attr("title") ?? "").trim();
    // The list row holding the link: its date, and whether it is a 上一篇/下一篇 line.
    const row = a.closest("li, tr, dd, dt, p");
    const rowText = (row.length ? row.text() : a.parent().text()).replace(/\s+/g, " ").trim();
    const date = rowText.length < 300 ? dateIn(rowText) : null;
    let box: PageLink["box"] = null;
    if (PREV_NEXT.test(text) || PREV_NEXT.test(rowText) || PREV_NEXT.test(a.parent().text()))
      box = "prevnext";
    else {
      for (let up = a.parent(), level = 0; up.length && level < 5; up = up.parent(), level++) {
        const tag = (up.prop("tagName") ?? "").toString().toLowerCase();
        if (tag === "body" || tag === "html") break;
        const marks = `${up.attr("class") ?? ""} ${up.attr("id") ?? ""}`;
        const heading = up.children().first().text().replace(/\s+/g, "");
        if (RELATED_CLASS.test(marks) || (up.children().length > 1 && RELATED_HEADING.test(heading))) {
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

/** Links inside HTML fragments that live in script text or CDATA (Hanweb records), found by regex. */
export function extractLinksFromFragment(fragment: string, pageUrl: string): PageLink[] {
  return extractLinks(`<html><body>${fragment}</body></html>`, pageUrl);
}
