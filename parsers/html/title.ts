// The report's title on a portal page. Portals put it in several places of varying quality: the
// CMS's ArticleTitle meta, an article heading, the first <h1>, and <title> with the column and
// site names appended ("莆田市林业局2019年度…年度报告 _ 政府信息公开年报 _ 莆田市林业局").
import { attribute, type DomNode } from "./dom.js";
import { normalizeInline } from "./whitespace.js";

/** Title evidence met while walking the page, best first. */
export interface TitleCandidates {
  /** <meta name="ArticleTitle"> (TRS, Hanweb) or og:title. */
  meta?: string;
  /** An element the CMS marks as the article title (class/id). */
  articleHeading?: string;
  /** The first <h1>. */
  h1?: string;
  /** <title>, site suffixes removed. */
  document?: string;
}

/** Class or id names of article-title elements in the common CMS families (TRS, Hanweb, UCAP, generic). */
const TITLE_NAMES = [
  "article-title",
  "articletitle",
  "article_title",
  "detail-title",
  "detail_title",
  "xxgk-title",
  "zw-title",
  "news_title",
  "news-title",
  "con-title",
  "con_title",
  "content-title",
  "title",
  "bt",
];
/** One test per element (this runs on every element of the page): a whole class/id token. */
const TITLE_NAME = new RegExp(`(?:^|\\s)(?:${TITLE_NAMES.join("|")})(?:\\s|$)`, "i");

/** True when an element's class or id names it the article title. */
export function isArticleTitleElement(node: DomNode): boolean {
  const attribs = node.attribs;
  if (!attribs) return false;
  return (
    (attribs.class !== undefined && TITLE_NAME.test(attribs.class)) ||
    (attribs.id !== undefined && TITLE_NAME.test(attribs.id))
  );
}

/** The title a <meta> carries, if it is a title meta. */
export function metaTitle(node: DomNode): string | undefined {
  const key = (attribute(node, "name") ?? attribute(node, "property") ?? "").toLowerCase();
  if (key !== "articletitle" && key !== "og:title") return undefined;
  return normalizeInline(attribute(node, "content") ?? "") || undefined;
}

/** Words every report title contains; a candidate with one of them beats one without. */
const REPORT_WORDS = /报告|年报/;
const MAX_TITLE_CHARS = 200;

/** <title> is "article _ column _ site" (or with - | ｜ —): keep the part naming the report. */
export function pickTitleSegment(title: string): string {
  const parts = normalizeInline(title)
    .split(/\s*[_|｜]\s*|\s+[-—–]+\s+/)
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.find((part) => REPORT_WORDS.test(part)) ?? parts[0] ?? "";
}

/** Keeps the first candidate of a kind, unless a later one names a report and the first does not. */
export function betterTitle(current: string | undefined, next: string): string | undefined {
  if (!next || next.length > MAX_TITLE_CHARS) return current;
  if (current === undefined) return next;
  return !REPORT_WORDS.test(current) && REPORT_WORDS.test(next) ? next : current;
}

/** The best title: the first candidate naming a report, else the first candidate at all. */
export function chooseTitle(candidates: TitleCandidates): string | undefined {
  const ordered = [candidates.meta, candidates.articleHeading, candidates.h1, candidates.document].filter(
    (text): text is string => !!text && text.length <= MAX_TITLE_CHARS,
  );
  return ordered.find((text) => REPORT_WORDS.test(text)) ?? ordered[0];
}
