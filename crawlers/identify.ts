// `nianbao sources add URL` and `nianbao sources check`: fetch a column's entry page once (politely,
// robots.txt first) and say what it is: reachable or not (and why: network, HTTP status, robots.txt,
// an anti-bot challenge), which registered family the page is built by (crawlers/families), and how
// many report links it shows. Nothing else is requested: no pager page, no API call.
import { PoliteClient } from "./http/client.js";
import { decodeBytes } from "./http/decode.js";
import { DEFAULT_SETTINGS, USER_AGENT_TOKEN, userAgent } from "./crawler.js";
import { discoverFromListing, type FamilySighting } from "./discovery/discover.js";
import type { FAMILY_IDS } from "./families/index.js";

export interface Identified {
  finalUrl: string;
  family: (typeof FAMILY_IDS)[number];
  /** Every family the page confirms or hints at, with the evidence ("hint" ones are never trusted). */
  sightings: FamilySighting[];
  /** The mechanics discovery would use on the page (trs, hanweb, generic, directory …). */
  families: string[];
  /** The column or site name from the page title. */
  title: string;
  /** Report links found on the first page (0 for API-driven columns until the API is read). */
  reportLinks: number;
}

export type EntryCheck =
  | ({ state: "reachable"; status: number } & Identified)
  | { state: "blocked"; reason: string }
  | { state: "unreachable"; reason: string }
  | { state: "refused"; reason: string }
  | { state: "http_error"; status: number; finalUrl: string };

export async function checkEntry(
  url: string,
  contact: string,
  {
    timeoutMs = DEFAULT_SETTINGS.timeoutMs,
    minDelayMs = 2_000,
  }: { timeoutMs?: number; minDelayMs?: number } = {},
): Promise<EntryCheck> {
  const host = new URL(url).host;
  const client = new PoliteClient({
    ...DEFAULT_SETTINGS,
    minDelayMs,
    timeoutMs,
    userAgent: userAgent(contact),
    robotsAgent: USER_AGENT_TOKEN,
    // The column's own host, and whatever it redirects to on the same registrable name.
    isAllowedHost: (h) => h === host || h.endsWith(`.${host.replace(/^www\./, "")}`),
  });
  try {
    const outcome = await client.fetch({ url });
    if (outcome.kind === "refused") return { state: "refused", reason: `${outcome.reason} (${outcome.url})` };
    if (outcome.kind === "challenge")
      return {
        state: "blocked",
        reason: `anti-bot challenge (${outcome.challenge}, HTTP ${outcome.status})`,
      };
    if (outcome.kind === "error")
      return { state: "unreachable", reason: `network: ${outcome.reason} (${outcome.message})` };
    const { response, finalUrl } = outcome;
    if (response.status >= 400) return { state: "http_error", status: response.status, finalUrl };
    const text = decodeBytes(response.body, response.headers["content-type"]).text;
    const pageUrl = finalUrl === url.replace(/#.*$/, "") ? url : finalUrl;
    const found = discoverFromListing(text, pageUrl, 0);
    const title = (
      /<meta[^>]+name=["']ColumnName["'][^>]+content=["']([^"']+)/i.exec(text)?.[1] ??
      /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ??
      ""
    )
      .replace(/\s+/g, " ")
      .trim();
    // The first family the page confirms by its structure, in registry order; hints do not count.
    const family = (found.sightings.find((s) => s.confirmed)?.family ?? "generic") as Identified["family"];
    return {
      state: "reachable",
      status: response.status,
      finalUrl,
      family,
      sightings: found.sightings,
      families: found.families,
      title,
      reportLinks: found.reportLinks,
    };
  } finally {
    await client.close();
  }
}

/** `sources add`: the entry's family and title, or an error saying why the page could not be read. */
export async function identifyColumn(
  url: string,
  contact: string,
  timeoutMs = DEFAULT_SETTINGS.timeoutMs,
): Promise<Identified> {
  const check = await checkEntry(url, contact, { timeoutMs, minDelayMs: 500 });
  switch (check.state) {
    case "reachable":
      return check;
    case "http_error":
      throw new Error(`HTTP ${check.status} for ${check.finalUrl}`);
    case "blocked":
      throw new Error(`the portal answers with an ${check.reason}; it cannot be crawled politely`);
    case "refused":
      throw new Error(`not fetched: ${check.reason}`);
    case "unreachable":
      throw new Error(check.reason);
  }
}
