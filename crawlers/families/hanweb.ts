// Hanweb (大汉) JCMS columns: the first group of records sits in `<script type="text/xml"><datastore>`
// as CDATA `<li>` fragments; later groups come from dataproxy.jsp (POST startrecord/endrecord/perpage
// with the page's ajaxParam form fields, or GET with the `nextgroup` template), answering a
// `<datastore><totalrecord>` text that is not well-formed XML, so everything here is read as text.
import type { CrawlRequest } from "../frontier.js";
import { extractLinksFromFragment, type PageLink } from "../discovery/links.js";
import type { Page, PortalFamily } from "./family.js";

const RECORD = /<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/g;

export function hanwebRecordLinks(text: string, pageUrl: string): PageLink[] {
  const fragments = [...text.matchAll(RECORD)].map((m) => m[1]!);
  return fragments.length ? extractLinksFromFragment(fragments.join("\n"), pageUrl) : [];
}

/** A loose reader for the JS object literals Hanweb pages use for jpage options and form fields. */
export function readObjectLiteral(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([A-Za-z_$][\w$]*)\s*:\s*(?:'([^']*)'|"([^"]*)"|([^,}\s][^,}]*))/g)) {
    out[m[1]!] = (m[2] ?? m[3] ?? m[4] ?? "").trim();
  }
  return out;
}

interface JpageConfig {
  proxyUrl: string;
  perPage: number;
  totalRecord: number | null;
  form: Record<string, string> | null;
  nextGroup: string | null;
}

export function findJpage(html: string): JpageConfig | null {
  const call = /\.jpage\s*\(\s*\{([\s\S]*?)\}\s*\)/.exec(html);
  const nextGroup = /<nextgroup>\s*<!\[CDATA\[\s*<a[^>]+href=["']([^"']+)["']/i.exec(html)?.[1] ?? null;
  if (!call && !nextGroup) return null;
  const options = call ? readObjectLiteral(call[1]!) : {};
  let form: Record<string, string> | null = null;
  const ajaxParam = options["ajaxParam"];
  if (ajaxParam) {
    const inline = /ajaxParam\s*:\s*\{([^}]*)\}/.exec(call![1]!);
    const named = new RegExp(`\\b${ajaxParam.replace(/\$/g, "\\$")}\\s*=\\s*\\{([^}]*)\\}`).exec(html);
    const body = inline?.[1] ?? named?.[1];
    if (body) form = readObjectLiteral(body);
  }
  const proxyFromNext = nextGroup ? nextGroup.split("?")[0]! : null;
  return {
    proxyUrl: options["proxyUrl"] || proxyFromNext || "/module/web/jpage/dataproxy.jsp",
    perPage: Number(options["perPage"]) || 15,
    totalRecord: options["totalRecord"] ? Number(options["totalRecord"]) : null,
    form,
    nextGroup,
  };
}

/** How many records one dataproxy call asks for: Hanweb pages fetch three pages' worth at a time. */
const PAGES_PER_GROUP = 3;

function groupRequest(
  base: string,
  config: {
    proxyUrl: string;
    perPage: number;
    form: Record<string, string> | null;
    nextGroup: string | null;
  },
  start: number,
): CrawlRequest {
  const end = start + config.perPage * PAGES_PER_GROUP - 1;
  if (config.form) {
    const url = new URL(config.proxyUrl, base);
    url.search = new URLSearchParams({
      startrecord: String(start),
      endrecord: String(end),
      perpage: String(config.perPage),
    }).toString();
    return {
      url: url.href,
      method: "POST",
      body: new URLSearchParams(config.form).toString(),
      kind: "api",
      family: "hanweb",
    };
  }
  const url = new URL(config.nextGroup ?? config.proxyUrl, base);
  url.searchParams.set("startrecord", String(start));
  url.searchParams.set("endrecord", String(end));
  url.searchParams.set("perpage", String(config.perPage));
  return { url: url.href, kind: "api", family: "hanweb" };
}

/** The first dataproxy request after the records embedded in the column page. */
export function hanwebFirstProxyRequest(html: string, pageUrl: string): CrawlRequest | null {
  const config = findJpage(html);
  if (!config) return null;
  const embedded = [...html.matchAll(RECORD)].length;
  if (config.totalRecord !== null && embedded >= config.totalRecord) return null;
  // Start after the embedded group; the first group's overlap is harmless (links are deduplicated).
  return groupRequest(pageUrl, config, embedded + 1);
}

/** Reads a dataproxy answer: its record links and the request for the following group, if any. */
export function readDataproxy(
  text: string,
  request: { url: string; body: string | null },
): { links: PageLink[]; next: CrawlRequest | null } {
  const links = hanwebRecordLinks(text, request.url);
  const total = Number(/<totalrecord>\s*(\d+)/i.exec(text)?.[1] ?? NaN);
  const url = new URL(request.url);
  const start = Number(url.searchParams.get("startrecord"));
  const perPage = Number(url.searchParams.get("perpage")) || 15;
  const end = Number(url.searchParams.get("endrecord")) || start + perPage * PAGES_PER_GROUP - 1;
  if (!start || !links.length || (Number.isFinite(total) && end >= total)) return { links, next: null };
  const form = request.body ? Object.fromEntries(new URLSearchParams(request.body)) : null;
  const proxyUrl = `${url.origin}${url.pathname}`;
  const template = form
    ? null
    : (() => {
        const t = new URL(url.href);
        for (const k of ["startrecord", "endrecord", "perpage"]) t.searchParams.delete(k);
        return t.href;
      })();
  return { links, next: groupRequest(url.href, { proxyUrl, perPage, form, nextGroup: template }, end + 1) };
}

export const hanweb = {
  id: "hanweb" as const,
  description: "Hanweb (大汉) JCMS: <datastore> records in the column page, dataproxy.jsp groups",
  recognise(page: Page) {
    if (/<datastore>/i.test(page.html) && /<record>\s*<!\[CDATA\[/.test(page.html))
      return { confirmed: true, why: "<datastore> records in the page" };
    if (/\/col\/col\d+\//.test(new URL(page.url).pathname) && findJpage(page.html))
      return { confirmed: true, why: "/col/col<N>/ column with its jpage() call" };
    return /dataproxy\.jsp|jpage|hanweb/i.test(page.html)
      ? { confirmed: false, why: "mentions jpage/dataproxy (a script)" }
      : null;
  },
  embeddedLinks: (page) => hanwebRecordLinks(page.html, page.url),
  firstApiRequest: (page) => hanwebFirstProxyRequest(page.html, page.url),
  readApi(text, request) {
    const { links, next } = readDataproxy(text, request);
    return { articles: links, attachments: [], next };
  },
} satisfies PortalFamily;
