// A fetched article page: is it a report (by its content), was it deleted (meta-refresh to the
// parent directory, a Fujian habit), is it a soft 404, and which attachments does it offer?
import type { CrawlRequest } from "../frontier.js";
import { isAttachmentUrl } from "./attachments.js";
import { extractLinks, loadHtml } from "./links.js";
import { classifyTitle, looksLikeReportText } from "./report-title.js";

export type ArticleVerdict =
  | { kind: "deleted" }
  | { kind: "soft_404" }
  | { kind: "page"; isReport: boolean; title: string; attachments: CrawlRequest[]; related: CrawlRequest[] };

const SOFT_404 =
  /(非法请求\s*404|页面不存在|页面未找到|您访问的页面不存在|404\s*Not\s*Found|信息已删除|内容已删除)/i;
/** Link texts that are just a file name or a generic download label, so they belong to the page. */
const GENERIC_ATTACHMENT_TEXT =
  /^(|附件\s*\d*[:：]?.*|下载|点击下载|[\w .()（）-]+\.(pdf|docx?|wps|xlsx?|ofd|rtf|txt))$/i;

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

export function examineArticle(
  html: string,
  pageUrl: string,
  linkTitle: string,
  depth: number,
): ArticleVerdict {
  const refresh = metaRefreshTarget(html, pageUrl);
  if (refresh && pageUrl.startsWith(refresh) && refresh !== pageUrl) return { kind: "deleted" };
  const $ = loadHtml(html);
  $("script, style, noscript").remove();
  const text = $("body").text();
  if (text.replace(/\s+/g, "").length < 600 && SOFT_404.test(text + $("title").text()))
    return { kind: "soft_404" };

  const metaTitle = $('meta[name="ArticleTitle"]').attr("content")?.trim() ?? "";
  const title = metaTitle || linkTitle || $("h1").first().text().trim() || $("title").text().trim();
  // This page was opened as a report candidate: its own title may be the bare generic phrase.
  const titleVerdict = classifyTitle(title, { bareTitleOk: true });
  const attachments: CrawlRequest[] = [];
  const related: CrawlRequest[] = [];

  // Scripts are gone from $ by now, which never held anchors; reuse the parsed document.
  for (const link of extractLinks($, pageUrl)) {
    const text = link.text.replace(/\s+/g, " ").trim();
    const verdict = classifyTitle(text);
    if (isAttachmentUrl(link.url)) {
      const ownFile = titleVerdict.candidate && GENERIC_ATTACHMENT_TEXT.test(text);
      if (verdict.candidate || ownFile) {
        attachments.push({
          url: link.url,
          kind: "attachment",
          title: verdict.candidate ? text : title,
          depth: depth + 1,
        });
      }
    } else if (verdict.candidate && link.url !== pageUrl) {
      // Reports link each other ("上一篇", related lists); following them finds reports the listing missed.
      related.push({ url: link.url, kind: "article", title: text, depth: depth + 1 });
    }
  }
  // A report page without its text: tables as images (（图片版）), to be stored and marked for OCR.
  const imageReport =
    titleVerdict.candidate && $("img").length > 0 && (/图片版/.test(title) || attachments.length === 0);
  const isReport = looksLikeReportText(text) || imageReport;
  return { kind: "page", isReport, title, attachments, related };
}
