// A large, cheap TRS-style column for load tests: many small report pages (real report section
// headings, no tables) behind a createPageHTML pager, so a crawl of thousands of documents measures
// the crawler and not the report generator.
import { escapeHtml } from "../content.js";
import { html, notFound, type ExpectedReport, type SimSite } from "../site.js";

export interface BulkOptions {
  documents: number;
  pageSize?: number;
}

const BODY = [
  "一、总体情况",
  "二、主动公开政府信息情况",
  "三、收到和处理政府信息公开申请情况",
  "四、政府信息公开行政复议、行政诉讼情况",
  "五、存在的主要问题及改进情况",
  "六、其他需要报告的事项",
]
  .map((h) => `<p>${h}</p><p>\u3000\u3000本年度依法推进政府信息公开工作。</p>`)
  .join("\n");

export function bulkSite(label: string, origin: string, options: BulkOptions): SimSite {
  const pageSize = options.pageSize ?? 20;
  const host = new URL(origin).host;
  const docs = Array.from({ length: options.documents }, (_, i) => {
    const year = 2019 + (i % 6);
    const title = `${label}第${i + 1}局${year}年政府信息公开工作年度报告`;
    return { path: `/xxgk/zfxxgknb/${year + 1}01/t${year + 1}0115_${100000 + i}.html`, title };
  });
  const pages = Math.max(1, Math.ceil(docs.length / pageSize));
  const reports: ExpectedReport[] = docs.map((d, i) => ({
    host,
    agency: `${label}第${i + 1}局`,
    year: 2019 + (i % 6),
    title: d.title,
    form: "inline",
    articleUrl: `${origin}${d.path}`,
    documentUrls: [`${origin}${d.path}`],
  }));
  const byPath = new Map(docs.map((d) => [d.path, d]));
  return {
    label,
    family: "trs",
    entries: [`${origin}/xxgk/zfxxgknb/`],
    reports,
    route(req) {
      const m = /^\/xxgk\/zfxxgknb\/(?:index(?:_(\d+))?\.html)?$/.exec(req.path);
      if (m) {
        const page = Number(m[1] ?? 0);
        if (page >= pages) return notFound();
        const rows = docs
          .slice(page * pageSize, (page + 1) * pageSize)
          .map(
            (d) =>
              `<li><a href=".${d.path.slice("/xxgk/zfxxgknb".length)}">${escapeHtml(d.title)}</a><span>2024-01-15</span></li>`,
          )
          .join("\n");
        return html(`<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>${rows}</ul>
<script>createPageHTML(${pages}, ${page}, "index", "html");</script></body></html>`);
      }
      const doc = byPath.get(req.path);
      if (!doc) return notFound();
      return html(`<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="${escapeHtml(doc.title)}"><title>${escapeHtml(doc.title)}</title></head>
<body><h1>${escapeHtml(doc.title)}</h1><div class="TRS_Editor"><p>根据《中华人民共和国政府信息公开条例》，编制本政府信息公开工作年度报告。</p>${BODY}</div></body></html>`);
    },
  };
}
