// Guangdong gkmlpt: GET /gkmlpt/api/all/<col>?page=N&sid=<sid> answers {articles, total} with 100 per
// page and unix-second times; `total` is larger than what the API really lists (a real quirk). Content
// at /gkmlpt/content/<id/1e6>/<id/1e3>/post_<id>.html, also reachable under the column path (a duplicate
// URL), attachments at /attachment/<a>/<b>/<attid>/<postid>.<ext>.
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

export interface GkmlptOptions {
  siteName: string;
  columnId: number;
  sid: number;
  columnPath: string;
  reports: SimReport[];
  perPage?: number;
}

export function gkmlptSite(label: string, origin: string, options: GkmlptOptions): SimSite {
  const host = new URL(origin).host;
  const perPage = options.perPage ?? 100;
  const registry = new Registry();
  const reports: ExpectedReport[] = [];
  const articles: Record<string, unknown>[] = [];
  let nextId = 9_469_000;

  for (const report of options.reports) {
    const id = nextId++;
    const contentPath = `/gkmlpt/content/${Math.floor(id / 1e6)}/${Math.floor(id / 1e3)}/post_${id}.html`;
    const ext = attachmentExt(report);
    let attachment = null;
    let attachmentUrl: string | null = null;
    if (ext) {
      const path = `/attachment/1/${1120 + (id % 7)}/${1_120_000 + (id % 1000)}/${id}.${ext}`;
      attachmentUrl = `${origin}${path}`;
      attachment = { path, href: path, ext, name: `${report.title}.${ext}` };
      registry.set(path, () => attachmentResponse(report, ext));
    }
    const page = () =>
      html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title></head><body>
<div class="article-title">${escapeHtml(report.title)}</div>
<div class="article-content">${reportArticleBody(report, attachment)}</div>
<script>var DETAIL = {"id": ${id}, "title": "${escapeHtml(report.title)}"}; var TREE = [];</script>
${THIRD_PARTY_SCRIPTS}
</body></html>`);
    registry.set(contentPath, page);
    registry.set(`${options.columnPath}content/post_${id}.html`, page);
    const t = Math.floor(Date.parse(`${report.published}T10:00:00+08:00`) / 1000);
    articles.push({
      id,
      identifier: `007482532/${report.published.slice(0, 4)}-${String(id % 100000).padStart(5, "0")}`,
      title: report.title,
      document_number: "",
      publisher: report.agency,
      date: t,
      created_at: `${report.published} 10:00:00`,
      first_publish_time: t,
      display_publish_time: t,
      classify_main_name: "政府信息公开年报",
      url: `${origin}${contentPath}`,
      post_url: `${origin}${contentPath}`,
      is_expired: 0,
      is_abolished: 0,
      attachment: attachmentUrl ? [{ name: `${report.title}.${ext}`, url: attachmentUrl }] : [],
    });
    reports.push(expected(host, report, `${origin}${contentPath}`, attachmentUrl));
  }

  const index = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开目录_${escapeHtml(options.siteName)}</title>
<script>window.GKMLPT_CONFIG = { SID: "${options.sid}", apiBase: "/gkmlpt/api" };</script></head>
<body><div id="app"></div><script src="/gkmlpt/static/js/app.js"></script>${THIRD_PARTY_SCRIPTS}</body></html>`;
  // The column view (the portal template) links the same posts under the column path.
  const columnPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报_${escapeHtml(options.siteName)}</title></head><body>
<ul class="news_list">${articles
    .slice(0, 20)
    .map(
      (a) =>
        `<li><a href="${options.columnPath}content/post_${a["id"]}.html">${escapeHtml(String(a["title"]))}</a><span>${String(a["created_at"]).slice(0, 10)}</span></li>`,
    )
    .join("\n")}</ul>
<p>更多请访问 <a href="/gkmlpt/index#${options.columnId}">政府信息公开目录</a></p></body></html>`;

  return {
    label,
    family: "gkmlpt",
    entries: [`${origin}/gkmlpt/index#${options.columnId}`],
    reports,
    route(req) {
      if (req.path === "/gkmlpt/index") return html(index);
      if (req.path === options.columnPath || req.path === `${options.columnPath}index.html`)
        return html(columnPage);
      if (req.path === `/gkmlpt/api/all/${options.columnId}`) {
        if (req.query.get("sid") !== String(options.sid))
          return {
            status: 200,
            headers: { "content-type": "application/json" },
            body: '{"articles":[],"total":0}',
          };
        const page = Math.max(1, Number(req.query.get("page") ?? 1) || 1);
        const slice = articles.slice((page - 1) * perPage, page * perPage);
        return {
          status: 200,
          headers: { "content-type": "application/json;charset=UTF-8" },
          body: JSON.stringify({ articles: slice, total: articles.length + 7 }),
        };
      }
      return registry.get(req.path) ?? notFound();
    },
  };
}
