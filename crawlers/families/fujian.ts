// The Fujian provincial platform: column pages are avalon.js shells; the list comes from
// `POST /fjdzapp/search` (form-encoded) answering `{pageCount, recordCount, data: [{doctitle, url, files}]}`.
import type { CrawlRequest } from "../frontier.js";
import type { ApiListing, Page, PortalFamily } from "./family.js";

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

/** The platform's column shell: an avalon list (ms-repeat) filled by script, with its record count or PageInfo. */
function isShell(html: string): boolean {
  return /\bms-(repeat|for)\b/.test(html) && /recordCount|PageInfo/.test(html);
}

function chnlIdOf(html: string): string | null {
  return (
    /classsql\s*[:=]\s*['"]?chnlid\s*=\s*(\d+)/i.exec(html)?.[1] ??
    firstNumber(html, ["chnlid", "channelId_column", "columnid"])
  );
}

/** The first search request for a column shell page (never for a page that only mentions the API). */
export function fujianFirstRequest(html: string, pageUrl: string): CrawlRequest | null {
  if (!isShell(html)) return null;
  const chnlId = chnlIdOf(html);
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
  docreltime?: string;
  pubdate?: string;
  url?: string;
  docpuburl?: string;
  chnldocurl?: string;
  files?: { _href?: string; appdesc?: string; appfile?: string }[];
}

export function readFujianSearch(json: string, request: { url: string; body: string | null }): ApiListing {
  const data = JSON.parse(json) as { pageCount?: number; page?: number; data?: FujianDoc[] };
  const docs = Array.isArray(data.data) ? data.data : [];
  const articles: ApiListing["articles"] = [];
  const attachments: ApiListing["attachments"] = [];
  for (const doc of docs) {
    const title = (doc.doctitle ?? "").trim();
    const href = doc.docpuburl || doc.url || doc.chnldocurl;
    // Dates are dotted ("2026.08.17 15:16:00"): docreltime is the release, pubdate the written date.
    const date = dottedDate(doc.docreltime) ?? dottedDate(doc.pubdate);
    if (href) articles.push({ url: new URL(href, request.url).href, text: title, date });
    for (const file of doc.files ?? []) {
      if (file._href) {
        attachments.push({
          url: new URL(file._href, request.url).href,
          text: file.appdesc ?? title,
          articleTitle: title,
          date,
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

function dottedDate(text: string | undefined): string | null {
  const m = /^(\d{4})[.-](\d{2})[.-](\d{2})/.exec(text ?? "");
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export const fujian = {
  id: "fujian" as const,
  description: "Fujian provincial platform: avalon.js column shells, POST /fjdzapp/search JSON",
  recognise(page: Page) {
    if (isShell(page.html) && chnlIdOf(page.html))
      return { confirmed: true, why: "avalon column shell with its channel id" };
    return /fjdzapp/i.test(page.html) ? { confirmed: false, why: "mentions /fjdzapp/ (a script)" } : null;
  },
  firstApiRequest: (page) => fujianFirstRequest(page.html, page.url),
  readApi: (text, request) => readFujianSearch(text, request),
} satisfies PortalFamily;
