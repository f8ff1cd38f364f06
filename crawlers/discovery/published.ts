// When a report was published, as the portal says it, and where that date was read: the article page's
// 发布日期 (or the TRS PubDate meta), the listing row or API record that linked it, the page's 成文日期,
// a date in the URL (t20240116_…, /art/2024/1/15/, /2024-01-25/), or, last, the HTTP Last-Modified.
// Timeliness (src/coverage) compares it with the legal deadline, so the source is kept with the date.
import type { CheerioAPI } from "cheerio/slim";
import { dateIn } from "./links.js";

export type PublishedSource = "page" | "meta" | "listing" | "api" | "written" | "url" | "last-modified";

export interface Published {
  /** YYYY-MM-DD */
  on: string;
  source: PublishedSource;
}

const LABELLED = (label: string) =>
  new RegExp(`${label}\\s*[:：]?\\s*((?:19|20)\\d{2}\\s*[-./年]\\s*\\d{1,2}\\s*[-./月]\\s*\\d{1,2})`);
const RELEASE = LABELLED("(?:发布日期|发布时间|发文日期|公开日期|发布于)");
const WRITTEN = LABELLED("成文日期");

/** The dates an article page prints: its release (发布日期 / 发布时间, or the PubDate meta) and 成文日期. */
export function datesOnPage(
  $: CheerioAPI,
  text: string,
): { release: Published | null; written: Published | null } {
  const flat = text.replace(/\s+/g, " ");
  let release: Published | null = null;
  const printed = RELEASE.exec(flat);
  const printedOn = printed ? dateIn(printed[1]!) : null;
  if (printedOn) release = { on: printedOn, source: "page" };
  else {
    const meta =
      $('meta[name="PubDate"]').attr("content") ??
      $('meta[name="pubdate"]').attr("content") ??
      $('meta[name="firstpublishedtime"]').attr("content");
    const fromMeta = meta ? dateIn(meta) : null;
    if (fromMeta) release = { on: fromMeta, source: "meta" };
  }
  const written = WRITTEN.exec(flat);
  const writtenOn = written ? dateIn(written[1]!) : null;
  return { release, written: writtenOn ? { on: writtenOn, source: "written" } : null };
}

/** A full date in a URL path: TRS t20240116_, Hanweb /art/2024/1/15/, /2024-01-25/, /20240125/. */
export function publishedInUrl(url: string): Published | null {
  const path = new URL(url).pathname;
  const patterns = [
    /\/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+/,
    /\/art\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})\//,
    /\/((?:19|20)\d{2})-(\d{2})-(\d{2})\//,
    /\/((?:19|20)\d{2})(\d{2})(\d{2})\/\d/,
  ];
  for (const re of patterns) {
    const m = re.exec(path);
    if (m) {
      const on = dateIn(`${m[1]}-${m[2]}-${m[3]}`);
      if (on) return { on, source: "url" };
    }
  }
  return null;
}

/** Last-Modified as a date (the server's clock, the weakest evidence). */
export function publishedFromLastModified(value: string | undefined): Published | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t)
    ? { on: new Date(t + 8 * 3600_000).toISOString().slice(0, 10), source: "last-modified" }
    : null;
}

/** The best of what is known: the page's own date, then what linked it, the URL, Last-Modified. */
export function bestPublished(...candidates: (Published | null | undefined)[]): Published | null {
  return candidates.find((c): c is Published => Boolean(c)) ?? null;
}
