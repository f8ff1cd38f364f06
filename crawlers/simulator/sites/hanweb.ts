// Hanweb (大汉) JCMS portal: /col/col<id>/index.html embeds the first 45 records (3 × 15) as CDATA
// `<li>` in a `<script type="text/xml"><datastore>`, then jpage() pages through
// /module/web/jpage/dataproxy.jsp (POST startrecord/endrecord/perpage + form, or GET). Articles at
// /art/Y/M/D/art_<col>_<id>.html; attachments via /module/download/downfile.jsp with Content-Disposition.
import { encode, escapeHtml, NEWS_TITLES, type SimReport } from "../content.js";
import {
  attachmentExt,
  attachmentResponse,
  expected,
  imageResponse,
  Registry,
  reportArticleBody,
  THIRD_PARTY_SCRIPTS,
} from "../publish.js";
import { html, notFound, type ExpectedReport, type SimSite } from "../site.js";
import { createHash } from "node:crypto";

export interface HanwebOptions {
  siteName: string;
  columnId: number;
  unitId: number;
  webId?: number;
  reports: SimReport[];
  news: number;
  perPage?: number;
  /** H22: downfile.jsp names the file in GBK bytes (`filename="…"`) instead of RFC 5987 UTF-8. */
  gbkFilenames?: boolean;
}

/** A Content-Disposition header naming `name`; GBK bytes travel as latin1 characters of the header. */
function contentDisposition(name: string, gbk: boolean): string {
  if (!gbk) return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
  return `attachment; filename="${Buffer.from(encode(name, "gbk")).toString("latin1")}"`;
}

interface Record {
  li: string;
  date: string;
}

const LI_VARIANTS = [
  (href: string, title: string, date: string) =>
    `<li><a href='${href}' title='${escapeHtml(title)}' target="_blank">${escapeHtml(title)}</a><span>${date}</span></li>`,
  (href: string, title: string) =>
    `<li class="cf"><a target="_blank" href="${href}" title="${escapeHtml(title)}">${escapeHtml(title)}</a></li>`,
  (href: string, title: string, date: string) =>
    `<li><a href="${href}" title="${escapeHtml(title)}"><span class="list_title">${escapeHtml(title.slice(0, 18))}...</span><i>${date}</i></a></li>`,
];

function hex32(seed: string): string {
  return createHash("md5").update(seed).digest("hex");
}

export function hanwebSite(label: string, origin: string, options: HanwebOptions): SimSite {
  const host = new URL(origin).host;
  const perPage = options.perPage ?? 15;
  const group = perPage * 3;
  const webId = options.webId ?? 1;
  const registry = new Registry();
  const records: Record[] = [];
  const reports: ExpectedReport[] = [];
  const variant = LI_VARIANTS[options.columnId % LI_VARIANTS.length]!;
  let nextId = 4_000_000;

  const articleShell = (title: string, published: string, body: string) => `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="${escapeHtml(title)}"><meta name="pubdate" content="${published}">
<title>${escapeHtml(title)}</title></head><body>
<div class="xxgk_table"><table><tr><td>信息索引号</td><td>11330782051348517D/${published.slice(0, 4)}-${nextId}</td><td>发布机构</td><td>${escapeHtml(title.replace(/\d{4}.*$/, "") || "办公室")}</td></tr>
<tr><td>成文日期</td><td>${published}</td><td>公开方式</td><td>主动公开</td></tr></table></div>
<div class="title">${escapeHtml(title)}</div>
<DIV id=zoom><!--<$[信息内容]>begin--><!--ZJEG_RSS.content.begin--><META name=ContentStart>${body}<META name=ContentEnd><!--ZJEG_RSS.content.end--><!--<$[信息内容]>end--></DIV>
${THIRD_PARTY_SCRIPTS}
</body></html>`;

  for (const report of options.reports) {
    const id = nextId++;
    const [y, m, d] = report.published.split("-").map(Number);
    const articlePath = `/art/${y}/${m}/${d}/art_${options.columnId}_${id}.html`;
    const ext = attachmentExt(report);
    let attachmentUrl: string | null = null;
    let attachment = null;
    if (ext) {
      const filename = `${hex32(report.key)}.${ext}`;
      const showname = `${report.title}.${ext}`;
      const query = `classid=0&filename=${filename}&showname=${encodeURIComponent(showname)}`;
      attachmentUrl = `${origin}/module/download/downfile.jsp?${query}`;
      attachment = {
        path: "/module/download/downfile.jsp",
        href: `/module/download/downfile.jsp?${query}`,
        ext,
        name: showname,
      };
      registry.set(`/module/download/downfile.jsp?filename=${filename}`, () =>
        attachmentResponse(report, ext, {
          "content-disposition": contentDisposition(showname, options.gbkFilenames ?? false),
        }),
      );
    }
    const imagePath = `/picture/0/${id}.png`;
    if (report.form === "image") registry.set(imagePath, imageResponse);
    registry.set(articlePath, () =>
      html(articleShell(report.title, report.published, reportArticleBody(report, attachment, imagePath))),
    );
    records.push({ li: variant(articlePath, report.title, report.published), date: report.published });
    reports.push(expected(host, report, `${origin}${articlePath}`, attachmentUrl));
  }
  for (let i = 0; i < options.news; i++) {
    const id = nextId++;
    const date = `202${i % 5}-0${1 + (i % 9)}-0${1 + (i % 9)}`;
    const [y, m, d] = date.split("-").map(Number);
    const path = `/art/${y}/${m}/${d}/art_${options.columnId}_${id}.html`;
    const title = NEWS_TITLES[i % NEWS_TITLES.length]!;
    registry.set(path, () => html(articleShell(title, date, `<p>${title}</p>`)));
    records.push({ li: variant(path, title, date), date });
  }
  records.sort((a, b) => b.date.localeCompare(a.date));

  const datastoreRecords = (from: number, to: number) =>
    records
      .slice(from, to)
      .map((r) => `<record><![CDATA[${r.li}]]></record>`)
      .join("\n");
  const colPath = `/col/col${options.columnId}/index.html`;
  const nextgroup = `/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=${webId}&path=/&columnid=${options.columnId}&unitid=${options.unitId}&webname=${encodeURIComponent(options.siteName)}&permissiontype=0`;
  const columnPage = `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>政府信息公开年报 ${escapeHtml(options.siteName)}</title>
<script type="text/javascript" src="/module/jslib/jquery/jquery.js"></script><script type="text/javascript" src="/module/jslib/jpage/jquery.page.js"></script>
</head><body>
<div class="bt-position">当前位置：<a href="/">首页</a> &gt; <a href="/col/col1/index.html">政府信息公开</a> &gt; 政府信息公开年报</div>
<div class="list-box">
<div id="${options.unitId}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="${nextgroup}"></a>]]></nextgroup>
<recordset>
${datastoreRecords(0, group)}
</recordset></datastore></script></div>
</div>
<script>
var param_${options.unitId} = {col:1,appid:1,webid:${webId},path:'/',columnid:${options.columnId},sourceContentType:1,unitid:'${options.unitId}',webname:'${options.siteName}',permissiontype:0};
$(document).ready(function(){
  $('#${options.unitId}').jpage({totalRecord:${records.length},perPage:${perPage},proxyUrl:'/module/web/jpage/dataproxy.jsp',ajaxParam:param_${options.unitId}});
});
</script>
${THIRD_PARTY_SCRIPTS}
</body></html>`;

  function dataproxy(params: URLSearchParams): string {
    const unit = params.get("unitid");
    const column = params.get("columnid");
    const ok = unit === String(options.unitId) && column === String(options.columnId);
    const start = Number(params.get("startrecord") ?? 0);
    const end = Number(params.get("endrecord") ?? 0);
    const pageNo = Number(params.get("page") ?? 0);
    const [from, to] = start
      ? [start - 1, end]
      : [(Math.max(pageNo, 1) - 1) * group, Math.max(pageNo, 1) * group];
    const total = ok ? records.length : 0;
    return `<datastore><totalrecord>${total}</totalrecord><totalpage>${Math.ceil(total / perPage)}</totalpage>
<recordset>
${ok ? datastoreRecords(from, to) : ""}
</recordset>
</datastore>`;
  }

  return {
    label,
    family: "hanweb",
    entries: [`${origin}${colPath}`],
    reports,
    route(req) {
      if (req.path === colPath) return html(columnPage);
      if (req.path === "/module/web/jpage/dataproxy.jsp") {
        const params = new URLSearchParams(req.query);
        for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
        return {
          status: 200,
          headers: { "content-type": "text/xml;charset=UTF-8" },
          body: dataproxy(params),
        };
      }
      if (req.path === "/module/download/downfile.jsp") {
        return registry.get(`${req.path}?filename=${req.query.get("filename")}`) ?? notFound();
      }
      return registry.get(req.path) ?? notFound();
    },
  };
}
