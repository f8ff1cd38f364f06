// From a fetched column page or API answer to the requests it implies: report articles and
// attachments (recognised by title), further listing pages, and family API calls. Every family's
// mechanics are tried on every page, so a portal that mixes them (or was never seen) still works.
import type { CrawlRequest } from "../frontier.js";
import { isAttachmentUrl, isPageUrl } from "./attachments.js";
import { readFujianSearch, fujianFirstRequest, type ApiListing } from "./fujian.js";
import { paginationLinks, subColumnLinks } from "./generic.js";
import { gkmlptFirstRequest, readGkmlpt } from "./gkmlpt.js";
import { hanwebFirstProxyRequest, hanwebRecordLinks, readDataproxy } from "./hanweb.js";
import { extractLinks, loadHtml, type PageLink } from "./links.js";
import { classifyTitle } from "./report-title.js";
import { trsPagerUrls } from "./trs.js";

export interface DiscoveryOptions {
  /** Skip reports whose title names a year before this one. */
  sinceYear?: number;
}

export interface Discovery {
  /** The mechanics that produced links: trs, hanweb, fujian, gkmlpt, generic. */
  families: string[];
  requests: CrawlRequest[];
  /** Report-like links seen (before deduplication), for the summary. */
  reportLinks: number;
}

/** An article file (…/t20240116_1898820.htm, content_123.htm), not a column index or directory. */
function looksLikeArticleFile(url: string): boolean {
  const last = new URL(url).pathname.split("/").pop() ?? "";
  return /\d/.test(last) && !/^index(_\d+)?\./i.test(last);
}

function wanted(title: string, options: DiscoveryOptions, url?: string): boolean {
  const verdict = classifyTitle(title, { bareTitleOk: url !== undefined && looksLikeArticleFile(url) });
  if (!verdict.candidate) return false;
  return !(options.sinceYear && verdict.year !== null && verdict.year < options.sinceYear);
}

/** Report articles and attachments among links, by title. */
export function reportRequests(
  links: PageLink[],
  depth: number,
  options: DiscoveryOptions,
  family?: string,
): CrawlRequest[] {
  const out: CrawlRequest[] = [];
  for (const link of links) {
    if (!wanted(link.text, options, link.url)) continue;
    if (isAttachmentUrl(link.url))
      out.push({ url: link.url, kind: "attachment", title: link.text, depth, family });
    // A directory is a column (navigation, sub-columns), never an article.
    else if (isPageUrl(link.url) && !new URL(link.url).pathname.endsWith("/"))
      out.push({ url: link.url, kind: "article", title: link.text, depth, family });
  }
  return out;
}

export function discoverFromListing(
  html: string,
  pageUrl: string,
  depth: number,
  options: DiscoveryOptions = {},
): Discovery {
  const $ = loadHtml(html);
  const links = extractLinks($, pageUrl);
  const families = new Set<string>();
  const requests: CrawlRequest[] = [];
  const listing = (url: string, family: string) =>
    requests.push({ url, kind: "listing", depth: depth + 1, family });

  const hanwebLinks = hanwebRecordLinks(html, pageUrl);
  if (hanwebLinks.length) families.add("hanweb");
  const trsPages = trsPagerUrls(html, pageUrl);
  if (trsPages.length) families.add("trs");
  for (const url of trsPages) listing(url, "trs");

  const apiCalls: [string, CrawlRequest | null][] = [
    ["hanweb", hanwebFirstProxyRequest(html, pageUrl)],
    ["fujian", fujianFirstRequest(html, pageUrl)],
    ["gkmlpt", gkmlptFirstRequest(html, pageUrl)],
  ];
  for (const [family, call] of apiCalls) {
    if (!call) continue;
    requests.push({ ...call, depth: depth + 1 });
    families.add(family);
  }

  const pages = paginationLinks(links, pageUrl);
  const subColumns = subColumnLinks(links, pageUrl);
  for (const url of [...pages, ...subColumns]) listing(url, "generic");
  if (pages.length || subColumns.length || !families.size) families.add("generic");

  const reports = reportRequests([...links, ...hanwebLinks], depth + 1, options);
  requests.push(...reports);
  return { families: [...families], requests, reportLinks: reports.length };
}

function apiListingRequests(
  listing: ApiListing,
  depth: number,
  options: DiscoveryOptions,
  family: string,
): CrawlRequest[] {
  const requests = reportRequests(listing.articles, depth + 1, options, family);
  const wantedArticles = new Set(listing.articles.filter((a) => wanted(a.text, options)).map((a) => a.text));
  for (const att of listing.attachments) {
    if (wantedArticles.has(att.articleTitle) || wanted(att.text, options)) {
      requests.push({
        url: att.url,
        kind: "attachment",
        title: att.articleTitle || att.text,
        depth: depth + 1,
        family,
      });
    }
  }
  if (listing.next) requests.push({ ...listing.next, depth: depth + 1 });
  return requests;
}

/** Reads an API answer (Hanweb dataproxy text, Fujian or gkmlpt JSON) by the family that asked for it. */
export function discoverFromApi(
  text: string,
  request: { url: string; body: string | null; family: string | null },
  depth: number,
  options: DiscoveryOptions = {},
): Discovery {
  if (request.family === "hanweb") {
    const { links, next } = readDataproxy(text, request);
    const requests = reportRequests(links, depth + 1, options, "hanweb");
    const reportLinks = requests.length;
    if (next) requests.push({ ...next, depth: depth + 1 });
    return { families: ["hanweb"], requests, reportLinks };
  }
  const family = request.family ?? "api";
  const listing = family === "fujian" ? readFujianSearch(text, request) : readGkmlpt(text, request.url);
  const requests = apiListingRequests(listing, depth, options, family);
  return { families: [family], requests, reportLinks: requests.filter((r) => r.kind !== "api").length };
}
