// A portal built unlike the simulated CMS families, with the traps real portals set for a crawler:
//   * a directory of bodies (部门信息公开) is the only way to each body's 年报 column;
//   * every page's chrome carries other families' scripts (a Fujian search widget's fjdzapp, a
//     gkmlpt menu link, Hanweb's jpage.js), which must not lead to an API call;
//   * listings are plain (dated <li> rows, 下一页 to list_N.html) and articles have bare numeric ids
//     (…/nb/10234.html), which a pager rule reading "a number in the file name" takes for pages;
//   * articles carry 上一篇/下一篇 lines and a 相关链接 box pointing at other articles of the directory;
//   * a report can be revised: a second article for the same agency-year published later.
// Each body publishes its reports inline (with 发布日期) or as a text attachment.
import { escapeHtml, NEWS_TITLES, type SimReport } from "../content.js";
import {
  attachmentResponse,
  expected,
  Registry,
  reportArticleBody,
  THIRD_PARTY_SCRIPTS,
} from "../publish.js";
import { html, notFound, type ExpectedReport, type SimSite } from "../site.js";

export interface PlainBody {
  /** The body's name as the directory lists it (the report's agency for bodies that publish). */
  name: string;
  /** Path segment of the body's pages: /bmxxgk/<code>/. */
  code: string;
  /** Reports with the date each was published (overrides the report's own). */
  reports: {
    report: SimReport;
    published: string;
    form?: "inline" | "text";
    revisionOf?: string;
    /** Listed, but the article answers 404 (a report the crawl fails on). */
    broken?: boolean;
  }[];
  /** News items mixed into the body's 年报 column. */
  news?: number;
}

export interface PlainOptions {
  siteName: string;
  bodies: PlainBody[];
  /** Rows per listing page. */
  pageSize?: number;
}

const CHROME_SCRIPTS = `<script src="/js/jquery.min.js"></script>
<script src="/module/web/jpage/jpage.js"></script>
<script>/* site search widget (shared with the provincial platform) */
var searchConfig = { api: "/fjdzapp/search", channelid: "229105", columnId: 2811 };
var PageInfo = { siteid: "77", chnlid: "38159" };</script>`;

const NAV = `<div class="nav"><a href="/">首页</a> <a href="/gkmlpt/index">政府信息公开目录</a> <a href="/bmxxgk/">部门信息公开</a> <a href="/hdjl/">互动交流</a></div>`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${CHROME_SCRIPTS}</head><body>
${NAV}
${body}
<div class="footer">主办单位：示范省人民政府办公厅</div>${THIRD_PARTY_SCRIPTS}</body></html>`;
}

interface Row {
  href: string;
  title: string;
  date: string;
}

export function plainSite(label: string, origin: string, options: PlainOptions): SimSite {
  const host = new URL(origin).host;
  const pageSize = options.pageSize ?? 4;
  const registry = new Registry();
  const reports: ExpectedReport[] = [];
  let nextId = 10_000;
  const brokenPaths = new Set<string>();

  registry.set("/bmxxgk/", () =>
    html(
      page(
        `部门信息公开_${options.siteName}`,
        `<div class="bmlist"><h3>部门信息公开</h3><ul>${options.bodies
          .map((b) => `<li><a href="/bmxxgk/${b.code}/">${escapeHtml(b.name)}</a></li>`)
          .join("")}</ul></div>`,
      ),
    ),
  );

  for (const body of options.bodies) {
    const base = `/bmxxgk/${body.code}/`;
    registry.set(base, () =>
      html(
        page(
          `${body.name}_${options.siteName}`,
          `<h2>${escapeHtml(body.name)}</h2><ul class="menu"><li><a href="${base}jgzn/">机构职能</a></li>
<li><a href="${base}zcwj/">政策文件</a></li><li><a href="${base}nb/">政府信息公开年报</a></li></ul>`,
        ),
      ),
    );
    const rows: Row[] = [];
    const articles: { path: string; title: string; date: string; content: () => string }[] = [];
    for (const entry of body.reports) {
      const id = nextId++;
      const path = `${base}nb/${id}.html`;
      const report = { ...entry.report, published: entry.published };
      const title = entry.revisionOf ? `${report.title}（修订）` : report.title;
      let attachmentUrl: string | null = null;
      let attachment = null;
      if (entry.form === "text") {
        const file = `${base}nb/${id}.txt`;
        attachmentUrl = `${origin}${file}`;
        attachment = { path: file, href: `${id}.txt`, ext: "txt", name: `${title}.txt` };
        registry.set(file, () => attachmentResponse({ ...report, form: "text" }, "txt"));
      }
      const form = entry.form === "text" ? "text" : "inline";
      rows.push({ href: path, title, date: entry.published });
      if (entry.broken) {
        brokenPaths.add(path);
        articles.push({ path, title, date: entry.published, content: () => "" });
        continue;
      }
      articles.push({
        path,
        title,
        date: entry.published,
        content: () => reportArticleBody({ ...report, form }, attachment),
      });
      reports.push(expected(host, { ...report, form }, `${origin}${path}`, attachmentUrl));
    }
    for (let n = 0; n < (body.news ?? 0); n++) {
      const id = nextId++;
      const path = `${base}nb/${id}.html`;
      const title = NEWS_TITLES[n % NEWS_TITLES.length]!;
      const date = `2024-0${(n % 9) + 1}-1${n % 10}`;
      articles.push({ path, title, date, content: () => `<p>${escapeHtml(title)}。</p>` });
      rows.push({ href: path, title, date });
    }
    rows.sort((a, b) => b.date.localeCompare(a.date));
    // Articles: 上一篇/下一篇 by listing order, and a 相关链接 box of the body's other articles (same
    // directory, bare numeric ids: the pager trap) and another body's column.
    const ordered = rows.map((r) => articles.find((a) => a.path === r.href)!);
    ordered.forEach((article, i) => {
      if (brokenPaths.has(article.path)) return;
      const prev = ordered[i - 1];
      const next = ordered[i + 1];
      const relatedRows = ordered.filter((a) => a !== article).slice(0, 3);
      registry.set(article.path, () =>
        html(
          page(
            `${article.title}_${body.name}`,
            `<div class="article"><h2 class="title">${escapeHtml(article.title)}</h2>
<div class="info">发布日期：${article.date}\u3000来源：${escapeHtml(body.name)}</div>
<div class="content">${article.content()}</div>
<div class="pn"><p>上一篇：${prev ? `<a href="${prev.path.split("/").pop()}">${escapeHtml(prev.title)}</a>` : "没有了"}</p>
<p>下一篇：${next ? `<a href="${next.path.split("/").pop()}">${escapeHtml(next.title)}</a>` : "没有了"}</p></div>
<div class="xglj"><h4>相关链接</h4><ul>${relatedRows
              .map((a) => `<li><a href="${a.path.split("/").pop()}">${escapeHtml(a.title)}</a></li>`)
              .join("")}<li><a href="/bmxxgk/">部门信息公开</a></li></ul></div></div>`,
          ),
        ),
      );
    });
    const pages = Math.max(1, Math.ceil(rows.length / pageSize));
    for (let p = 1; p <= pages; p++) {
      const path = p === 1 ? `${base}nb/` : `${base}nb/list_${p}.html`;
      const items = rows
        .slice((p - 1) * pageSize, p * pageSize)
        .map(
          (r) =>
            `<li><a href="${r.href.split("/").pop()}">${escapeHtml(r.title)}</a><span>${r.date}</span></li>`,
        )
        .join("\n");
      const nextLink = p < pages ? `<a href="list_${p + 1}.html">下一页</a>` : "";
      registry.set(path, () =>
        html(
          page(
            `政府信息公开年报_${body.name}`,
            `<div class="list"><h3>政府信息公开年报</h3><ul>${items}</ul><div class="page">共${pages}页 ${nextLink}</div></div>`,
          ),
        ),
      );
    }
  }

  return {
    label,
    family: "generic",
    entries: [`${origin}/bmxxgk/`],
    reports,
    route: (req) => (req.method === "GET" ? (registry.get(req.path) ?? notFound()) : notFound()),
  };
}
