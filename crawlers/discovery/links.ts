// Links of an HTML page with their text, resolved against the page (and its <base href>).
import * as cheerio from "cheerio";

export interface PageLink {
  url: string;
  /** The best title: the `title` attribute when the text is truncated ("…"), else the text. */
  text: string;
}

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
    links.push({ url, text: bestTitle(text, title) });
  });
  return links;
}

/** Links inside HTML fragments that live in script text or CDATA (Hanweb records), found by regex. */
export function extractLinksFromFragment(fragment: string, pageUrl: string): PageLink[] {
  return extractLinks(`<html><body>${fragment}</body></html>`, pageUrl);
}
