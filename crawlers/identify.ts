// `nianbao sources add URL`: fetch the column page once (politely, robots.txt first) and recognise the
// CMS family from the page itself, so a user can register a portal by its column URL alone.
import * as cheerio from "cheerio";
import { PoliteClient } from "./http/client.js";
import { decodeBytes } from "./http/decode.js";
import { DEFAULT_SETTINGS, USER_AGENT_TOKEN, userAgent } from "./crawler.js";
import { discoverFromListing } from "./discovery/discover.js";
import { FAMILIES } from "./sources.js";

export interface Identified {
  finalUrl: string;
  family: (typeof FAMILIES)[number];
  families: string[];
  /** The column or site name from the page title. */
  title: string;
  /** Report links found on the first page (0 for API-driven columns until the API is read). */
  reportLinks: number;
}

export async function identifyColumn(
  url: string,
  contact: string,
  timeoutMs = DEFAULT_SETTINGS.timeoutMs,
): Promise<Identified> {
  const host = new URL(url).host;
  const client = new PoliteClient({
    ...DEFAULT_SETTINGS,
    minDelayMs: 500,
    timeoutMs,
    userAgent: userAgent(contact),
    robotsAgent: USER_AGENT_TOKEN,
    // The column's own host, and whatever it redirects to on the same registrable name.
    isAllowedHost: (h) => h === host || h.endsWith(`.${host.replace(/^www\./, "")}`),
  });
  try {
    const outcome = await client.fetch({ url });
    if (outcome.kind === "refused") throw new Error(`not fetched: ${outcome.reason} (${outcome.url})`);
    if (outcome.kind === "challenge")
      throw new Error(
        `the portal answers with an anti-bot challenge (${outcome.challenge}); it cannot be crawled politely`,
      );
    if (outcome.kind === "error") throw new Error(`${outcome.reason}: ${outcome.message}`);
    const { response, finalUrl } = outcome;
    if (response.status >= 400) throw new Error(`HTTP ${response.status} for ${finalUrl}`);
    const text = decodeBytes(response.body, response.headers["content-type"]).text;
    const found = discoverFromListing(text, finalUrl === url.replace(/#.*$/, "") ? url : finalUrl, 0);
    const $ = cheerio.load(text);
    const title = ($('meta[name="ColumnName"]').attr("content") ?? $("title").text())
      .replace(/\s+/g, " ")
      .trim();
    const specific = found.families.find((f) => f !== "generic");
    const family = (FAMILIES as readonly string[]).includes(specific ?? "")
      ? (specific as Identified["family"])
      : /UCAP-CONTENT|pages_content/.test(text)
        ? "govcn"
        : "generic";
    return { finalUrl, family, families: found.families, title, reportLinks: found.reportLinks };
  } finally {
    await client.close();
  }
}
