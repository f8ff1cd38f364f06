// What a fetched HTML page holds, whatever it was reached as: was it deleted (meta-refresh to the
// parent directory, a Fujian habit), is it a soft 404, does it hold a report (its title and the
// report's sections and tables), which attachments does it offer, and when does it say it was published.
import type { CrawlRequest } from "../frontier.js";
import type { Page } from "../families/family.js";
import { isAttachmentUrl } from "./attachments.js";
import { embeddedDocuments } from "./links.js";
import { datesOnPage, type Published } from "./published.js";
import { classifyTitle, looksLikeReportText } from "./report-title.js";

export type ArticleVerdict =
  | { kind: "deleted" }
  | { kind: "soft_404" }
  | {
      kind: "page";
      isReport: boolean;
      title: string;
      attachments: CrawlRequest[];
      related: CrawlRequest[];
      release: Published | null;
      written: Published | null;
    };

const SOFT_404 =
  /(非法请求\s*404|页面不存在|页面未找到|您访问的页面不存在|404\s*Not\s*Found|信息已删除|内容已删除)/i;
/** Link texts that are just a file name or a generic download label, so they belong to the page. */
const GENERIC_ATTACHMENT_TEXT =
  /^(|附件\s*\d*[:：]?.*|下载|点击下载|(点击)?(在线)?(预览|查看|阅读)(原文|全文|附件)?|(原文|全文)(下载|预览|查看)|[\w .()（）-]+\.(pdf|docx?|wps|odt|xlsx?|et|ofd|rtf|txt))$/i;

function metaRefreshTarget(html: string, pageUrl: string): string | null {
  const m =
    /<meta[^>]+http-equiv=["']?refresh["']?[^>]*content=["']?\s*\d+\s*;\s*url\s*=\s*['"]?([^"'>\s]+)/i.exec(
      html,
    );
  if (!m) return null;
  try {
    return new URL(m[1]!, pageUrl).href;
  } catch {
    return null;
  }
}

/**
 * `asArticle`: the page was opened as a report candidate (a listing linked it by a report title), so
 * its own title may be the bare generic phrase and an image-only page counts as a report for OCR.
 */
export function examineArticle(
  page: Page,
  linkTitle: string,
  depth: number,
  { asArticle = true }: { asArticle?: boolean } = {},
): ArticleVerdict {
  const { html, url: pageUrl } = page;
  const refresh = metaRefreshTarget(html, pageUrl);
  if (refresh && pageUrl.startsWith(refresh) && refresh !== pageUrl) return { kind: "deleted" };
  const $ = page.$;
  // The text a reader sees: without scripts and styles (read from a copy; the page is shared).
  const body = $("body").clone();
  body.find("script, style, noscript").remove();
  const text = body.text();
  if (text.replace(/\s+/g, "").length < 600 && SOFT_404.test(text + $("title").text()))
    return { kind: "soft_404" };

  const metaTitle = $('meta[name="ArticleTitle"]').attr("content")?.trim() ?? "";
  const heading = $("h1").first().text().trim();
  const title = metaTitle || (asArticle ? linkTitle : "") || heading || $("title").text().trim() || linkTitle;
  const titleVerdict = classifyTitle(title, { bareTitleOk: asArticle });
  const attachments: CrawlRequest[] = [];
  const related: CrawlRequest[] = [];

  for (const link of [...page.links, ...embeddedDocuments($, pageUrl)]) {
    const linkText = link.text.replace(/\s+/g, " ").trim();
    const verdict = classifyTitle(linkText);
    if (isAttachmentUrl(link.url)) {
      const ownFile = titleVerdict.candidate && GENERIC_ATTACHMENT_TEXT.test(linkText);
      if (verdict.candidate || ownFile) {
        attachments.push({
          url: link.url,
          kind: "attachment",
          title: verdict.candidate ? linkText : title,
          depth: depth + 1,
        });
      }
    } else if (verdict.candidate && link.url !== pageUrl) {
      // Reports link each other (上一篇/下一篇, related boxes): followed as articles, never as pages of
      // a list; they find reports a listing missed.
      related.push({ url: link.url, kind: "article", title: linkText, depth: depth + 1 });
    }
  }
  // A report page without its text: tables as images (（图片版）), to be stored and marked for OCR.
  const imageReport =
    asArticle &&
    titleVerdict.candidate &&
    $("img").length > 0 &&
    (/图片版/.test(title) || attachments.length === 0);
  // A report by what the page holds: the report's sections in its text, and a report title or the
  // report's tables (a listing whose menu names a few sections holds neither).
  const tables = $("table").filter((_, t) => /主动公开|依申请|行政复议|收到.*申请/.test($(t).text())).length;
  const isReport = (looksLikeReportText(text) && (titleVerdict.candidate || tables > 0)) || imageReport;
  const { release, written } = datesOnPage($, text);
  return { kind: "page", isReport, title, attachments, related, release, written };
}
