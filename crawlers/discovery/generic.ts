// Mechanics any server-rendered column has: pagination links (下一页, page numbers, index_N, ?page=N)
// and sub-columns (per-year or per-body folders under the column, e.g. zfxxgknb/bm/2023n/).
import type { PageLink } from "./links.js";

const PAGER_TEXT = /^(下一页|下页|后页|尾页|末页|最后一页|>|>>|›|»|\d{1,3})$/;
const PAGER_HREF =
  /(?:[/_-](?:index|list|default|more)?_?\d+\.s?html?$)|(?:[?&](?:page|pageNum|pageNo|pageIndex|currentPage|cur_page|pn|p)=\d+)/i;
const SUB_COLUMN_TEXT = /((?:19|20)\d{2}|年报|年度报告|信息公开|部门|乡镇|街道|区县|县区|镇|单位)/;

function directoryOf(url: URL): string {
  return url.pathname.replace(/[^/]*$/, "");
}

export function paginationLinks(links: PageLink[], pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const dir = directoryOf(page);
  const out: string[] = [];
  for (const link of links) {
    const u = new URL(link.url);
    if (u.host !== page.host || directoryOf(u) !== dir) continue;
    const text = link.text.replace(/\s+/g, "");
    if (PAGER_HREF.test(u.pathname + u.search) || (PAGER_TEXT.test(text) && u.href !== page.href))
      out.push(u.href);
  }
  return out;
}

export function subColumnLinks(links: PageLink[], pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const dir = directoryOf(page);
  const out: string[] = [];
  for (const link of links) {
    const u = new URL(link.url);
    if (u.host !== page.host || u.search) continue;
    const isDirectory = /\/(index\.s?html?)?$/i.test(u.pathname);
    const deeper = u.pathname.startsWith(dir) && directoryOf(u) !== dir;
    if (isDirectory && deeper && SUB_COLUMN_TEXT.test(link.text)) out.push(u.href);
  }
  return out;
}
