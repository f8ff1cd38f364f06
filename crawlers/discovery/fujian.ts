// The Fujian provincial platform: column pages are avalon.js shells; the list comes from
// `POST /fjdzapp/search` (form-encoded) answering `{pageCount, recordCount, data: [{doctitle, url, files}]}`.
import type { CrawlRequest } from "../frontier.js";
import type { PageLink } from "./links.js";

function firstNumber(html: string, names: string[]): string | null {
  for (const name of names) {
    const m = new RegExp(`\\b${name}\\s*[:=]\\s*['"]?(\\d+)`, "i").exec(html);
    if (m) return m[1]!;
  }
  return null;
}

const PER_PAGE = 100;

/**
 * Document-library ids of the platform seen in the wild (the province's, Putian's, Pingtan's), tried
 * in turn when a column page does not name its library: an empty first answer moves to the next.
 */
const GUESSED_CHANNELS = ["229105", "201988", "200210"];

export function fujianSearchForm(channelId: string, chnlId: string, page: number): string {
  return new URLSearchParams({
    channelid: channelId,
    sortfield: "-docorderpri,-docreltime",
    classsql: `chnlid=${chnlId}`,
    classcol: "publishyear",
    classnum: "100",
    classsort: "0",
    cache: "true",
    page: String(page),
    prepage: String(PER_PAGE),
  }).toString();
}

/** The first search request for a column shell page, when the page belongs to the platform. */
export function fujianFirstRequest(html: string, pageUrl: string): CrawlRequest | null {
  const mentionsApi = /fjdzapp/i.test(html);
  const isShell = /ms-(repeat|controller)/.test(html) && /recordCount|PageInfo/.test(html);
  if (!mentionsApi && !isShell) return null;
  const chnlId =
    /classsql\s*[:=]\s*['"]?chnlid\s*=\s*(\d+)/i.exec(html)?.[1] ??
    firstNumber(html, ["chnlid", "channelId_column", "columnid"]);
  const channelId = firstNumber(html, ["channelid", "docChannelId", "was4doc"]) ?? GUESSED_CHANNELS[0]!;
  if (!chnlId) return null;
  const endpoint = /['"]([^'"\s]*\/fjdzapp\/search)['"]/.exec(html)?.[1] ?? "/fjdzapp/search";
  return {
    url: new URL(endpoint, pageUrl).href,
    method: "POST",
    body: fujianSearchForm(channelId, chnlId, 1),
    kind: "api",
    family: "fujian",
  };
}

interface FujianDoc {
  doctitle?: string;
  url?: string;
  docpuburl?: string;
  chnldocurl?: string;
  files?: { _href?: string; appdesc?: string; appfile?: string }[];
}

export interface ApiListing {
  /** Article pages with their titles. */
  articles: PageLink[];
  /** Attachments listed by the API, titled with their document's title. */
  attachments: (PageLink & { articleTitle: string })[];
  next: CrawlRequest | null;
}

export function readFujianSearch(json: string, request: { url: string; body: string | null }): ApiListing {
  const data = JSON.parse(json) as { pageCount?: number; page?: number; data?: FujianDoc[] };
  const docs = Array.isArray(data.data) ? data.data : [];
  const articles: PageLink[] = [];
  const attachments: ApiListing["attachments"] = [];
  for (const doc of docs) {
    const title = (doc.doctitle ?? "").trim();
    const href = doc.docpuburl || doc.url || doc.chnldocurl;
    if (href) articles.push({ url: new URL(href, request.url).href, text: title });
    for (const file of doc.files ?? []) {
      if (file._href) {
        attachments.push({
          url: new URL(file._href, request.url).href,
          text: file.appdesc ?? title,
          articleTitle: title,
        });
      }
    }
  }
  const form = new URLSearchParams(request.body ?? "");
  const page = Number(form.get("page") ?? data.page ?? 1);
  let next: CrawlRequest | null = null;
  const guess = GUESSED_CHANNELS.indexOf(form.get("channelid") ?? "");
  if (!docs.length && page === 1 && guess >= 0 && guess + 1 < GUESSED_CHANNELS.length) {
    form.set("channelid", GUESSED_CHANNELS[guess + 1]!);
    next = { url: request.url, method: "POST", body: form.toString(), kind: "api", family: "fujian" };
  } else if (docs.length && page < Number(data.pageCount ?? 0)) {
    form.set("page", String(page + 1));
    next = { url: request.url, method: "POST", body: form.toString(), kind: "api", family: "fujian" };
  }
  return { articles, attachments, next };
}
