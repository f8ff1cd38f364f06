// The report's title on a portal page. Portals put it in several places of varying quality: the
// CMS's ArticleTitle meta, an article heading, the first <h1>, and <title> with the column and
// site names appended ("莆田市林业局2019年度…年度报告 _ 政府信息公开年报 _ 莆田市林业局").
import type { CheerioAPI } from "cheerio/slim";
import { normalizeInline } from "./whitespace.js";

/** Article-title elements of the common CMS families (TRS, Hanweb, gov.cn UCAP, generic). */
const TITLE_SELECTORS = [
  'meta[name="ArticleTitle"]',
  'meta[name="articletitle"]',
  'meta[property="og:title"]',
  ".article-title, .articleTitle, .detail-title, .xxgk-title, .zw-title, .news_title, .con-title, #title, .title h1",
  "h1",
  "title",
];

/** Words every report title contains; a candidate with one of them beats one without. */
const REPORT_WORDS = /报告|年报/;

/** <title> is "article _ column _ site" (or with - | ｜ —): keep the part naming the report. */
function pickTitleSegment(title: string): string {
  const parts = title
    .split(/\s*[_|｜]\s*|\s+[-—–]+\s+/)
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.find((part) => REPORT_WORDS.test(part)) ?? parts[0] ?? "";
}

function candidateText($: CheerioAPI, selector: string): string {
  const element = $(selector).first();
  if (element.length === 0) return "";
  const raw = selector.startsWith("meta") ? (element.attr("content") ?? "") : element.text();
  const text = normalizeInline(raw);
  return selector === "title" ? pickTitleSegment(text) : text;
}

/** The best title on the page, or undefined when it has none. */
export function findTitle($: CheerioAPI): string | undefined {
  let fallback: string | undefined;
  for (const selector of TITLE_SELECTORS) {
    const text = candidateText($, selector);
    if (!text || text.length > 200) continue;
    if (REPORT_WORDS.test(text)) return text;
    fallback ??= text;
  }
  return fallback;
}
