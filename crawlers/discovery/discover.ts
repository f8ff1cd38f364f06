// From a fetched column page or API answer to the requests it implies: report articles and
// attachments (recognised by title), further listing pages, the bodies of a directory, and family API
// calls. The registry's families (crawlers/families) are asked what they see on the page; an API is
// only called for a family the page (or an earlier page of the host) confirms by its structure, never
// for one a chrome script merely mentions. Generic mechanics apply to every page.
import type { CrawlRequest } from "../frontier.js";
import { FAMILIES, familyById, type ApiListing, type Page } from "../families/index.js";
import { isAttachmentUrl, isPageUrl } from "./attachments.js";
import {
  bodyColumnLinks,
  directoryBodies,
  paginationLinks,
  subColumnLinks,
  type BodyLink,
} from "./generic.js";
import { extractLinks, loadHtml, type PageLink } from "./links.js";
import { classifyTitle } from "./report-title.js";

export interface DiscoveryOptions {
  /** Skip reports whose title names a year before this one. */
  sinceYear?: number;
  /** Families confirmed on this page's host by pages read before (confirmation is kept per host). */
  confirmedOnHost?: ReadonlySet<string>;
  /** The page was reached as a body of a directory: look for its 年报 column. */
  role?: string | null;
}

/** A family's verdict on a page (see PortalFamily.recognise). */
export interface FamilySighting {
  family: string;
  confirmed: boolean;
  why: string;
}

/** One item of a listing and what became of it here: queued, or skipped with the reason. */
export interface ListingItem {
  url: string;
  title: string;
  date: string | null;
  /** "queued" or "skipped: <reason>". */
  verdict: string;
}

export interface Discovery {
  /** The mechanics that produced links: trs, hanweb, fujian, gkmlpt, generic, directory. */
  families: string[];
  sightings: FamilySighting[];
  requests: CrawlRequest[];
  /** Report-like links seen (before deduplication), for the summary. */
  reportLinks: number;
  /** The listing's items (dated rows, embedded records, API records) and what became of each. */
  items: ListingItem[];
  /** Bodies a directory page lists (expected publishers, for coverage). */
  bodies: BodyLink[];
  /** Whether the page holds a list: dated items, a pager, records, or a directory. */
  holdsList: boolean;
}

export function readPage(html: string, url: string): Page {
  const $ = loadHtml(html);
  return { url, html, $, links: extractLinks($, url) };
}

/** An article file (…/t20240116_1898820.htm, content_123.htm), not a column index or directory. */
function looksLikeArticleFile(url: string): boolean {
  const last = new URL(url).pathname.split("/").pop() ?? "";
  return /\d/.test(last) && !/^index(_\d+)?\./i.test(last);
}

/** Why a listed link is not followed, or null when it is a report candidate. */
function skipReason(title: string, options: DiscoveryOptions, url?: string): string | null {
  const verdict = classifyTitle(title, { bareTitleOk: url !== undefined && looksLikeArticleFile(url) });
  if (!verdict.candidate) return "not a report title";
  if (options.sinceYear && verdict.year !== null && verdict.year < options.sinceYear) return "before --since";
  return null;
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
    const request = reportRequest(link, depth, options, family);
    if (request) out.push(request);
  }
  return out;
}

function reportRequest(
  link: PageLink & { date?: string | null },
  depth: number,
  options: DiscoveryOptions,
  family?: string,
): CrawlRequest | null {
  if (skipReason(link.text, options, link.url)) return null;
  const published = link.date
    ? { on: link.date, source: family && family !== "generic" ? "api" : "listing" }
    : undefined;
  // A directory is a column (navigation, sub-columns), never an article.
  const kind = isAttachmentUrl(link.url)
    ? "attachment"
    : isPageUrl(link.url) && !new URL(link.url).pathname.endsWith("/")
      ? "article"
      : null;
  if (!kind) return null;
  return { url: link.url, kind, title: link.text, depth, family, ...(published ? { published } : {}) };
}

function itemOf(link: PageLink, options: DiscoveryOptions): ListingItem {
  const reason = skipReason(link.text, options, link.url);
  return {
    url: link.url,
    title: link.text,
    date: link.date ?? null,
    verdict: reason ? `skipped: ${reason}` : "queued",
  };
}

export function discoverFromListing(
  html: string | Page,
  pageUrl: string,
  depth: number,
  options: DiscoveryOptions = {},
): Discovery {
  const page = typeof html === "string" ? readPage(html, pageUrl) : html;
  const links = page.links;
  const families = new Set<string>();
  const requests: CrawlRequest[] = [];
  const listing = (url: string, family: string, extra: Partial<CrawlRequest> = {}) =>
    requests.push({ url, kind: "listing", depth: depth + 1, family, ...extra });

  const sightings: FamilySighting[] = [];
  const embedded: PageLink[] = [];
  let pagerPages = 0;
  for (const family of FAMILIES) {
    const seen = family.recognise(page);
    if (!seen) continue;
    sightings.push({ family: family.id, ...seen });
    const confirmed = seen.confirmed || Boolean(options.confirmedOnHost?.has(family.id));
    if (!confirmed) continue;
    const pages = "listingPages" in family ? family.listingPages(page) : [];
    for (const url of pages) listing(url, family.id);
    pagerPages += pages.length;
    const records = "embeddedLinks" in family ? family.embeddedLinks(page) : [];
    embedded.push(...records);
    const api = "firstApiRequest" in family ? family.firstApiRequest(page) : null;
    if (api) requests.push({ ...api, depth: depth + 1 });
    if (pages.length || records.length || api) families.add(family.id);
  }

  const pages = paginationLinks(links, page.url);
  const subColumns = subColumnLinks(links, page.url);
  for (const url of [...pages, ...subColumns]) listing(url, "generic");
  if (pages.length || subColumns.length) families.add("generic");

  // A directory of bodies: each body's pages lead to its 年报 column.
  const bodies = directoryBodies(links, page.url);
  for (const body of bodies)
    listing(body.url, "generic", { role: "body", publisher: body.name, title: body.name });
  if (bodies.length) families.add("directory");
  // A body's own page: its 年报 column, or its 信息公开 section one level on.
  if (options.role === "body") {
    for (const link of bodyColumnLinks(links, page.url))
      listing(link.url, "generic", { title: link.text, role: link.column ? null : "body-section" });
  }
  if (options.role === "body-section") {
    for (const link of bodyColumnLinks(links, page.url).filter((l) => l.column))
      listing(link.url, "generic", { title: link.text });
  }
  if (!families.size) families.add("generic");

  // The listing's items: rows with a date, records, and report-titled links (neighbour boxes aside).
  const candidates = [...links.filter((l) => !l.box), ...embedded];
  const items = new Map<string, ListingItem>();
  for (const link of candidates) {
    if (!link.date && skipReason(link.text, options, link.url) === "not a report title") continue;
    if (!items.has(link.url)) items.set(link.url, itemOf(link, options));
  }
  const reports = reportRequests(candidates, depth + 1, options);
  requests.push(...reports);
  const dated = links.filter((l) => l.date && !l.box).length;
  return {
    families: [...families],
    sightings,
    requests,
    reportLinks: reports.length,
    items: [...items.values()],
    bodies,
    holdsList: dated >= 3 || pages.length > 0 || pagerPages > 0 || embedded.length > 0 || bodies.length > 0,
  };
}

/** Reads an API answer (Hanweb dataproxy text, Fujian or gkmlpt JSON) by the family that asked for it. */
export function discoverFromApi(
  text: string,
  request: { url: string; body: string | null; family: string | null },
  depth: number,
  options: DiscoveryOptions = {},
): Discovery {
  const family = familyById(request.family);
  if (!family || !("readApi" in family) || !family.readApi)
    throw new Error(`no family "${request.family ?? ""}" reads API answers`);
  const listing: ApiListing = family.readApi(text, request);
  const requests = apiListingRequests(listing, depth, options, family.id);
  const items = listing.articles.map((a) => itemOf(a, options));
  return {
    families: [family.id],
    sightings: [],
    requests,
    reportLinks: requests.filter((r) => r.kind !== "api").length,
    items,
    bodies: [],
    holdsList: true,
  };
}

function apiListingRequests(
  listing: ApiListing,
  depth: number,
  options: DiscoveryOptions,
  family: string,
): CrawlRequest[] {
  const requests = reportRequests(listing.articles, depth + 1, options, family);
  const wantedArticles = new Set(
    listing.articles.filter((a) => !skipReason(a.text, options)).map((a) => a.text),
  );
  for (const att of listing.attachments) {
    if (wantedArticles.has(att.articleTitle) || !skipReason(att.text, options)) {
      requests.push({
        url: att.url,
        kind: "attachment",
        title: att.articleTitle || att.text,
        depth: depth + 1,
        family,
        ...(att.date ? { published: { on: att.date, source: "api" } } : {}),
      });
    }
  }
  if (listing.next) requests.push({ ...listing.next, depth: depth + 1 });
  return requests;
}
