// A portal family (a CMS and its listing mechanics) is one module implementing PortalFamily, registered
// in crawlers/families/index.ts. Discovery, identification (`sources add`, `sources check`), seeding and
// the simulator all iterate that one list, so a new family is one module plus one line there (and one
// simulated site, which the simulator's table of sites demands by type).
import type { CheerioAPI } from "cheerio/slim";
import type { CrawlRequest } from "../frontier.js";
import type { PageLink } from "../discovery/links.js";

/** A fetched HTML page, parsed once and shared by every family that looks at it. */
export interface Page {
  /** The page URL (an entry keeps its #fragment: gkmlpt names the column there). */
  url: string;
  html: string;
  $: CheerioAPI;
  links: PageLink[];
}

/**
 * What a page says about a family. `confirmed`: the page is built by it (its list structure, its
 * pager, its URL scheme), so its API may be called. A mere mention (a site-wide search script, a
 * chrome widget, a link to another platform) is a `hint` and never leads to an API request: real
 * portals carry one CMS's scripts on every page of another.
 */
export interface Recognition {
  confirmed: boolean;
  why: string;
}

/** An API answer read into article links, attachment links and the next request. */
export interface ApiListing {
  /** Article pages with their titles (and the date the API gives, when it does). */
  articles: (PageLink & { date?: string | null })[];
  /** Attachments listed by the API, titled with their document's title. */
  attachments: (PageLink & { articleTitle: string; date?: string | null })[];
  next: CrawlRequest | null;
}

export interface PortalFamily {
  /** Stable id, stored in data/sources.json (`family`) and in the frontier. */
  readonly id: string;
  readonly description: string;
  /** Whether the page is built by this family (confirmed), only mentions it (hint), or neither (null). */
  recognise(page: Page): Recognition | null;
  /** Requests an entry URL implies before its page is read (gkmlpt: `/gkmlpt/index#2811` → the API). */
  seed?(entryUrl: string): CrawlRequest[];
  /** Further static pages of the same column (TRS script pagers), from a confirmed page. */
  listingPages?(page: Page): string[];
  /** Records embedded in the page outside its anchors (Hanweb's `<datastore>` CDATA). */
  embeddedLinks?(page: Page): PageLink[];
  /** The first API request of a column page; only asked when the family is confirmed on the host. */
  firstApiRequest?(page: Page): CrawlRequest | null;
  /** Reads an answer to a request this family made (`kind: "api"`, `family: id`). */
  readApi?(text: string, request: { url: string; body: string | null }): ApiListing;
}
