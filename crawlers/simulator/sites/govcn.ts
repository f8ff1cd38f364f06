// gov.cn-style static pages: a plain listing with 下一页 links (?page=N) and articles content_<id>.htm
// whose body is div.pages_content#UCAP-CONTENT. Stands for ministries and site-wide lists.
import { escapeHtml, type SimReport } from "../content.js";
import {
  attachmentExt,
  attachmentResponse,
  expected,
  Registry,
  reportArticleBody,
  THIRD_PARTY_SCRIPTS,
} from "../publish.js";
import { html, notFound, type ExpectedReport, type SimSite } from "../site.js";

export interface GovcnOptions {
  siteName: string;
  columnPath: string;
  reports: SimReport[];
  pageSize?: number;
}

export function govcnSite(label: string, origin: string, options: GovcnOptions): SimSite {
  const host = new URL(origin).host;
  const pageSize = options.pageSize ?? 8;
  const registry = new Registry();
  const reports: ExpectedReport[] = [];
  const rows: { href: string; title: string; date: string }[] = [];
  let nextId = 5_600_000;
  for (const report of options.reports) {
    const id = nextId++;
    const month = report.published.slice(0, 7);
    const path = `/zhengce/content/${month}/${report.published.slice(8, 10)}/content_${id}.htm`;
    const ext = attachmentExt(report);
    let attachment = null;
    let attachmentUrl: string | null = null;
    if (ext) {
      const file = `/zhengce/content/${month}/${report.published.slice(8, 10)}/${id}/files/${id}.${ext}`;
      attachmentUrl = `${origin}${file}`;
      // Protocol-relative link (H1).
      attachment = { path: file, href: `//${host}${file}`, ext, name: `${report.title}.${ext}` };
      registry.set(file, () => attachmentResponse(report, ext));
    }
    registry.set(path, () =>
      html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(report.title)}_${escapeHtml(options.siteName)}</title></head><body>
<div class="article"><h1>${escapeHtml(report.title)}</h1><div class="pages-date">${report.published}</div>
<div class="pages_content" id="UCAP-CONTENT">${reportArticleBody(report, attachment)}</div></div>${THIRD_PARTY_SCRIPTS}</body></html>`),
    );
    rows.push({ href: path, title: report.title, date: report.published });
    reports.push(expected(host, report, `${origin}${path}`, attachmentUrl));
  }
  rows.sort((a, b) => b.date.localeCompare(a.date));
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));

  function listing(page: number): string {
    const items = rows
      .slice((page - 1) * pageSize, page * pageSize)
      .map(
        (r) =>
          `<tr><td><a href="${r.href}" target="_blank">${escapeHtml(r.title)}</a></td><td class="huise">${r.date}</td></tr>`,
      )
      .join("\n");
    const next = page < pages ? `<a href="?page=${page + 1}">下一页</a>` : `<span>下一页</span>`;
    const prev = page > 1 ? `<a href="?page=${page - 1}">上一页</a>` : `<span>上一页</span>`;
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><base href="${origin}${options.columnPath}"><title>政府信息公开工作年度报告_${escapeHtml(options.siteName)}</title></head><body>
<table class="list">${items}</table><div class="pager">${prev} 第${page}页/共${pages}页 ${next}</div>${THIRD_PARTY_SCRIPTS}</body></html>`;
  }

  return {
    label,
    family: "govcn",
    entries: [`${origin}${options.columnPath}`],
    reports,
    route(req) {
      if (req.path === options.columnPath) {
        const page = Number(req.query.get("page") ?? 1) || 1;
        return page >= 1 && page <= pages ? html(listing(page)) : notFound();
      }
      return registry.get(req.path) ?? notFound();
    },
  };
}
