// Mechanics any server-rendered column has: pagination links (下一页, page numbers, index_N, ?page=N),
// sub-columns (per-year or per-body folders under the column, e.g. zfxxgknb/bm/2023n/), and the
// portal's directory of bodies (部门/乡镇 信息公开 lists), whose every body has its own 年报 column.
import type { PageLink } from "./links.js";
import { isPageUrl } from "./attachments.js";

const PAGER_TEXT = /^(下一页|下页|后页|尾页|末页|最后一页|>|>>|›|»|\d{1,3})$/;
/**
 * Pager URLs: a numbered list page (index_2.html, list-3.shtml, default_4.htm, page_5.html) or a page
 * parameter. A bare number (…/12345.html) is an article id, not a page: that mistake sent article
 * pages to be read as listings and their reports were never parsed.
 */
const PAGER_HREF =
  /(?:(?:^|[/_-])(?:index|list|default|more|page|list_page)[_-]?\d+\.s?html?$)|(?:[?&](?:page|pageNum|pageNo|pageIndex|currentPage|cur_page|pn|p)=\d+)/i;
const SUB_COLUMN_TEXT = /((?:19|20)\d{2}|年报|年度报告|信息公开|部门|乡镇|街道|区县|县区|镇|单位)/;

function directoryOf(url: URL): string {
  return url.pathname.replace(/[^/]*$/, "");
}

function lastSegment(url: URL): string {
  return url.pathname.split("/").pop() ?? "";
}

export function paginationLinks(links: PageLink[], pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const dir = directoryOf(page);
  const out: string[] = [];
  for (const link of links) {
    // 上一篇/下一篇 and related boxes join articles, not pages of a list.
    if (link.box) continue;
    const u = new URL(link.url);
    if (u.host !== page.host || directoryOf(u) !== dir || u.href === page.href) continue;
    const text = link.text.replace(/\s+/g, "");
    const pagerHref = PAGER_HREF.test(u.pathname + u.search);
    // A pager word or number pointing at the same page with other parameters, or at an index file.
    const pagerText =
      PAGER_TEXT.test(text) &&
      (u.pathname === page.pathname || /^(index|list|default)?[_-]?\d*\.s?html?$|^$/i.test(lastSegment(u)));
    if (pagerHref || pagerText) out.push(u.href);
  }
  return out;
}

export function subColumnLinks(links: PageLink[], pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const dir = directoryOf(page);
  const out: string[] = [];
  for (const link of links) {
    if (link.box) continue;
    const u = new URL(link.url);
    if (u.host !== page.host || u.search) continue;
    const isDirectory = /\/(index\.s?html?)?$/i.test(u.pathname);
    const deeper = u.pathname.startsWith(dir) && directoryOf(u) !== dir;
    if (isDirectory && deeper && SUB_COLUMN_TEXT.test(link.text)) out.push(u.href);
  }
  return out;
}

/** A body's name as a directory lists it: 市商务局, 教育委员会, 某某镇人民政府, 某某街道办事处. */
const BODY_NAME =
  /^[\u4e00-\u9fa5（）()]{2,24}(局|委员会|委|办公室|办|中心|署|厅|部|人民政府|政府|街道办事处|街道|镇|乡|管委会|管理委员会|院|馆|站|所|队)$/;
/** Menu words that end like a body but are not one (信息公开指南, 办事服务 …). */
const NOT_A_BODY =
  /(指南|目录|制度|服务|公开|动态|信息|首页|专栏|通知|公告|新闻|政策|解读|办事|互动|概况|领导)/;

/** A page listing the portal's bodies (部门信息公开, 乡镇信息公开): at least this many body links. */
const MIN_BODIES = 4;

export interface BodyLink {
  name: string;
  url: string;
}

/**
 * The bodies a directory page lists, or none when the page is not a directory. Each body link leads
 * to that body's own 信息公开 pages, where its 年报 column is (portals.md §1.3).
 */
export function directoryBodies(links: PageLink[], pageUrl: string): BodyLink[] {
  const host = new URL(pageUrl).host;
  const seen = new Set<string>();
  const bodies: BodyLink[] = [];
  for (const link of links) {
    const name = link.text.replace(/\s+/g, "");
    if (link.box || link.date || !BODY_NAME.test(name) || NOT_A_BODY.test(name)) continue;
    const u = new URL(link.url);
    if (u.host !== host || !isPageUrl(link.url) || seen.has(name)) continue;
    seen.add(name);
    bodies.push({ name, url: u.href });
  }
  return bodies.length >= MIN_BODIES ? bodies : [];
}

/** A body page's links to its 年报 column (or to its 信息公开 section, one level on). */
export function bodyColumnLinks(
  links: PageLink[],
  pageUrl: string,
): { url: string; text: string; column: boolean }[] {
  const host = new URL(pageUrl).host;
  const dir = new URL(pageUrl).pathname.replace(/[^/]*$/, "");
  const out: { url: string; text: string; column: boolean }[] = [];
  for (const link of links) {
    if (link.box || link.date) continue;
    const text = link.text.replace(/\s+/g, "");
    const u = new URL(link.url);
    if (u.host !== host || !isPageUrl(link.url) || u.href === pageUrl) continue;
    if (/^(政府|政务)?(信息)?公开(工作)?(年度报告|年报)(专栏|栏目)?$|^年度报告$|^年报$/.test(text))
      out.push({ url: u.href, text, column: true });
    // A 信息公开 section of the body itself (under its pages), not the site menu's platform link.
    else if (/^(政府|政务)?信息公开(目录|专栏)?$|^法定主动公开内容$/.test(text) && u.pathname.startsWith(dir))
      out.push({ url: u.href, text, column: false });
  }
  return out;
}
