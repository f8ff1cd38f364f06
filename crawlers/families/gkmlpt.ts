// Guangdong's gkmlpt platform: `GET {site}[/{subsite}]/gkmlpt/api/all/{column}?page=N&sid={sid}` answers
// `{articles: [{title, url, post_url, attachment: [{name, url}]}], total}` with 100 per page. `total` can
// exceed what the API really lists, so paging stops at the first page that adds nothing.
import type { CrawlRequest } from "../frontier.js";
import type { ApiListing, Page, PortalFamily } from "./family.js";

export function gkmlptApiUrl(pageUrl: string, column: string, sid: string | null, page = 1): string {
  const u = new URL(pageUrl);
  const prefix = u.pathname.includes("/gkmlpt/") ? u.pathname.slice(0, u.pathname.indexOf("/gkmlpt/")) : "";
  return new URL(`${prefix}/gkmlpt/api/all/${column}?page=${page}${sid ? `&sid=${sid}` : ""}`, u.origin).href;
}

/** The API request for an entry URL such as `/gkmlpt/index#2811` (the column id is in the fragment). */
export function gkmlptRequestFromUrl(url: string, html = ""): CrawlRequest | null {
  const u = new URL(url);
  if (!u.pathname.includes("/gkmlpt/")) return null;
  const api = /\/gkmlpt\/api\/all\/(\d+)/.exec(u.pathname);
  const column = api?.[1] ?? /^#(\d+)$/.exec(u.hash)?.[1];
  const sid = u.searchParams.get("sid") ?? findSid(html);
  // Without the page (a seed) wait for it: its scripts usually name the site id.
  if (!column || (!sid && !html)) return null;
  return { url: gkmlptApiUrl(url, column, sid), kind: "api", family: "gkmlpt" };
}

function findSid(html: string): string | null {
  return (
    /[?&](?:amp;)?sid=(\d+)/.exec(html)?.[1] ??
    /["']?\b(?:sid|SID|siteId|site_id|SITE_ID|siteid)["']?\s*[:=]\s*['"]?(\d+)/.exec(html)?.[1] ??
    /<meta[^>]+name=["'](?:sid|siteid|SiteId)["'][^>]+content=["'](\d+)/i.exec(html)?.[1] ??
    null
  );
}

/** The API request for a gkmlpt index page or a page that configures it in script. */
export function gkmlptFirstRequest(html: string, pageUrl: string): CrawlRequest | null {
  if (!/gkmlpt/i.test(html) && !new URL(pageUrl).pathname.includes("/gkmlpt/")) return null;
  return gkmlptColumnRequest(html, pageUrl);
}

function gkmlptColumnRequest(html: string, pageUrl: string): CrawlRequest | null {
  const fromUrl = gkmlptRequestFromUrl(pageUrl, html);
  if (fromUrl) return fromUrl;
  const column =
    /gkmlpt\/api\/all\/(\d+)/.exec(html)?.[1] ??
    /gkmlpt\/index#(\d+)/.exec(html)?.[1] ??
    /\b(?:columnId|column_id|COLUMN_ID|cid|CID)\s*[:=]\s*['"]?(\d+)/.exec(html)?.[1];
  const sid = findSid(html);
  // No site id anywhere: ask without it rather than not at all.
  if (!column) return null;
  return { url: gkmlptApiUrl(pageUrl, column, sid), kind: "api", family: "gkmlpt" };
}

interface GkmlptArticle {
  title?: string;
  /** Unix seconds. */
  publish_time?: number;
  first_publish_time?: number;
  date?: number;
  url?: string;
  post_url?: string;
  attachment?: { name?: string; url?: string }[];
}

export function readGkmlpt(json: string, requestUrl: string): ApiListing {
  const data = JSON.parse(json) as { articles?: GkmlptArticle[]; total?: number };
  const list = Array.isArray(data.articles) ? data.articles : [];
  const articles: ApiListing["articles"] = [];
  const attachments: ApiListing["attachments"] = [];
  for (const a of list) {
    const title = (a.title ?? "").trim();
    const href = a.url || a.post_url;
    const seconds = a.first_publish_time ?? a.publish_time ?? a.date;
    // Unix seconds, read as China time (UTC+8), where the portal printed the day.
    const date =
      typeof seconds === "number" && seconds > 0
        ? new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 10)
        : null;
    if (href) articles.push({ url: new URL(href, requestUrl).href, text: title, date });
    for (const att of a.attachment ?? []) {
      if (att.url)
        attachments.push({
          url: new URL(att.url, requestUrl).href,
          text: att.name ?? title,
          articleTitle: title,
          date,
        });
    }
  }
  const u = new URL(requestUrl);
  const page = Number(u.searchParams.get("page") ?? 1);
  let next: CrawlRequest | null = null;
  // A short last page is normal, and `total` may overstate: an empty page ends the column.
  if (list.length && page * list.length < Number(data.total ?? 0)) {
    u.searchParams.set("page", String(page + 1));
    next = { url: u.href, kind: "api", family: "gkmlpt" };
  }
  return { articles, attachments, next };
}

export const gkmlpt = {
  id: "gkmlpt" as const,
  description: "Guangdong gkmlpt: GET /gkmlpt/api/all/<column>?page=N&sid= JSON",
  recognise(page: Page) {
    // The platform's own pages live under /gkmlpt/; elsewhere a link or script naming it is chrome
    // (every Guangdong portal's menu links to its gkmlpt), not the page's list.
    if (new URL(page.url).pathname.includes("/gkmlpt/"))
      return { confirmed: true, why: "page under /gkmlpt/" };
    if (/gkmlpt\/api\/all\/\d+/.test(page.html))
      return { confirmed: true, why: "page script calls /gkmlpt/api/all/<column>" };
    return /gkmlpt/i.test(page.html) ? { confirmed: false, why: "mentions gkmlpt (a link or script)" } : null;
  },
  seed(entryUrl) {
    const api = gkmlptRequestFromUrl(entryUrl);
    return api ? [{ ...api, depth: 1 }] : [];
  },
  firstApiRequest: (page) => gkmlptColumnRequest(page.html, page.url),
  readApi: (text, request) => readGkmlpt(text, request.url),
} satisfies PortalFamily;
