// TRS WCM static portal (and its GBK twin): per-department columns `…/zfxxgknb/` plus a city-wide
// aggregate, pages index.<ext>, index_1.<ext> … whose pager exists only in one of the three real script
// variants, articles at ./YYYYMM/tYYYYMMDD_<id>.<ext>, attachments ./P0<date><digits>.<ext>.
import { encode, escapeHtml, NEWS_TITLES, type SimReport } from "../content.js";
import {
  attachmentExt,
  attachmentResponse,
  expected,
  imageResponse,
  Registry,
  reportArticleBody,
  THIRD_PARTY_SCRIPTS,
  type AttachmentSpec,
} from "../publish.js";
import { html, notFound, trsDocPath, type ExpectedReport, type SimSite } from "../site.js";

export interface TrsColumn {
  /** Column path with trailing slash, e.g. /zfxxgk/bmzfxxgk/ptsmzj/zfxxgk/zfxxgknb/ */
  path: string;
  name: string;
  ext: "html" | "htm" | "shtml";
  pager: 1 | 2 | 3;
  reports: SimReport[];
  /** News items mixed into the listing. */
  news: number;
  /** Dead entries for old years (404), a soft 404, a deleted document (meta refresh), a mirror link. */
  noise?: { old404?: number; soft404?: boolean; deleted?: boolean; mirrorOrigin?: string };
}

export interface TrsOptions {
  siteName: string;
  columns: TrsColumn[];
  /** A site-wide column listing the reports of all columns again (H15 duplicates). */
  aggregatePath?: string;
  encoding?: "utf-8" | "gbk";
  pageSize?: number;
  /** Base of document ids (keeps ids distinct between sites). */
  idBase?: number;
}

interface ListEntry {
  href: string;
  title: string;
  date: string;
}

const PAGER_FUNCTION = `function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
  if(_nPageCount == null || _nPageCount<=1){ return; }
  var nCurrIndex = _nCurrIndex || 0;
  if(nCurrIndex == 0) document.write("<span>首页</span>&nbsp;");
  else document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">首页</a>&nbsp;");
  for(var i=0; i<_nPageCount; i++){
    if(i == nCurrIndex) document.write("<span class=\\"cur\\">"+(i+1)+"</span>&nbsp;");
    else if(i == 0) document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">"+(i+1)+"</a>&nbsp;");
    else document.write("<a href=\\""+_sPageName+"_" + i + "."+_sPageExt+"\\">"+(i+1)+"</a>&nbsp;");
  }
}`;

function pagerScript(variant: 1 | 2 | 3, count: number, current: number, ext: string, total: number): string {
  if (variant === 1) {
    // Inline script plus the pre-rendered links a browser-saved page shows (trs-listing-1.html).
    const links = [...Array(count).keys()]
      .map((i) =>
        i === current
          ? `<font style="color:#FF8008">${i + 1}</font>`
          : `<a href="index${i ? `_${i}` : ""}.${ext}">${i + 1}</a>`,
      )
      .join("&nbsp;|&nbsp;");
    return `<script language="JavaScript" type="text/javascript">
var currentPage = ${current};//所在页从0开始
var prevPage = currentPage-1//上一页
var nextPage = currentPage+1//下一页
var countPage = ${count}//共多少页
document.write("共计"+"&nbsp;<font style='color:#FF8008'>"+"${count}"+"&nbsp;</font>"+"页");
document.write("&nbsp;<a href=\\"index."+"${ext}\\">首页</a>&nbsp;|");
if(countPage>1&&currentPage!=(countPage-1))
document.write("&nbsp;<a href=\\"index"+"_" + nextPage + "."+"${ext}\\">&nbsp;<span class=greyfont>下一页</span>&nbsp;</a>&nbsp;");
</script>${links}`;
  }
  if (variant === 2) {
    return `<script language="javascript" src="/js/page.js"></script>
<script>createPageHTML(${count}, ${current}, "index", "${ext}");</script>`;
  }
  return `<div id="page_div"></div>
<script>function createPageHTML(id, count, cur, name, ext, total){ /* renders into #page_div */ }</script>
<script>createPageHTML('page_div', ${count}, ${current}, 'index', '${ext}', ${total});</script>`;
}

function listingPage(
  site: string,
  column: { name: string; ext: string; pager: 1 | 2 | 3 },
  entries: ListEntry[],
  page: number,
  count: number,
  total: number,
): string {
  const rows = entries
    .map(
      (e) => `<tr valign="top"><td width="25"><img src="../../images/ico2.jpg"></td>
<td width="550"><a href="${e.href}" title="${escapeHtml(e.title)}">${escapeHtml(e.title.length > 28 ? `${e.title.slice(0, 26)}…` : e.title)}</a></td>
<td>${e.date}</td></tr>`,
    )
    .join("\n");
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=CHARSET">
<title>${escapeHtml(column.name)}_${escapeHtml(site)}</title>
<link href="../../images/gl.css" type="text/css" rel="stylesheet">
</head>
<body>
<table width="1006" id="memu" align="center"><tr><td class="td1"><a href="/">首页</a></td><td class="td3"><a href="../">信息公开</a></td><td class="td3"><a href="/zwdt/">政务动态</a></td></tr></table>
<table width="752" class="bor"><tr><td class="pos">您现在的位置是：<a href="/" class="CurrChnlCls">首页</a>&nbsp;&gt;&gt;&nbsp;<a href="./" class="CurrChnlCls">${escapeHtml(column.name)}</a></td></tr>
<tr><td valign="top"><table width="682" class="gl_list">
${rows}
</table></td></tr>
<tr><td class="page">${pagerScript(column.pager, count, page, column.ext, total)}</td></tr></table>
<div class="footer">主办：${escapeHtml(site)} <a href="/wzdt/">网站地图</a> 网站标识码：3503000001</div>
${THIRD_PARTY_SCRIPTS}
</body></html>`;
}

function articlePage(site: string, columnName: string, report: SimReport, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset=CHARSET">
<meta name="SiteName" content="${escapeHtml(site)}">
<meta name="ColumnName" content="${escapeHtml(columnName)}">
<meta name="ArticleTitle" content="${escapeHtml(report.title)}">
<meta name="PubDate" content="${report.published} 09:43">
<meta name="ContentSource" content="${escapeHtml(report.agency)}">
<title>
    ${escapeHtml(report.title)}
    _
    ${escapeHtml(columnName)}
    _
    ${escapeHtml(site)}
</title>
</head>
<body>
<div class="header"><em class="sitenamebox">${escapeHtml(site)}</em></div>
<div class="position">当前位置：<a href="../../">首页</a> &gt; <a href="../">${escapeHtml(columnName)}</a></div>
<div class="xl-top"><h1>${escapeHtml(report.title)}</h1><span>发布时间：${report.published} 09:43</span> <span>来源：${escapeHtml(report.agency)}</span></div>
<div class="xl_article">
<div class="TRS_Editor">${body}</div>
</div>
<script>var pro = window.location.protocol; if(pro == "http:"){ window.location.href = window.location.href.replace("http://","https://"); }</script>
${THIRD_PARTY_SCRIPTS}
</body></html>`;
}

export function trsSite(label: string, origin: string, options: TrsOptions): SimSite {
  const host = new URL(origin).host;
  const encoding = options.encoding ?? "utf-8";
  const pageSize = options.pageSize ?? 10;
  const registry = new Registry();
  const listings = new Map<
    string,
    { column: TrsColumn | { name: string; ext: "html"; pager: 1 | 2 | 3 }; entries: ListEntry[] }
  >();
  const reports: ExpectedReport[] = [];
  const aggregateEntries: ListEntry[] = [];
  let nextId = options.idBase ?? 1_000_000;

  const page = (text: string, status = 200) => {
    const withCharset = text.replace("CHARSET", encoding === "gbk" ? "gb2312" : "utf-8");
    // GBK pages declare their charset only in <meta>, never in the header (H6).
    return encoding === "gbk"
      ? { status, headers: { "content-type": "text/html" }, body: encode(withCharset, "gbk") }
      : html(withCharset, status);
  };

  for (const column of options.columns) {
    const entries: ListEntry[] = [];
    for (const report of column.reports) {
      const id = nextId++;
      const { month, file } = trsDocPath(report.published, id);
      const articlePath = `${column.path}${month}/${file}.${column.ext}`;
      const ext = attachmentExt(report);
      let attachment: AttachmentSpec | null = null;
      if (ext) {
        const name = `P0${month}${report.published.slice(8, 10)}${String(id).padStart(12, "0")}.${ext}`;
        attachment = {
          path: `${column.path}${month}/${name}`,
          href: `./${name}`,
          ext,
          name: `${report.title}.${ext}`,
        };
        registry.set(attachment.path, () => attachmentResponse(report, ext));
      }
      const imageName = `W0${month}${String(id).padStart(12, "0")}.png`;
      if (report.form === "image") registry.set(`${column.path}${month}/${imageName}`, imageResponse);
      registry.set(articlePath, () =>
        page(
          articlePage(
            options.siteName,
            column.name,
            report,
            reportArticleBody(report, attachment, `./${imageName}`),
          ),
        ),
      );
      entries.push({ href: `./${month}/${file}.${column.ext}`, title: report.title, date: report.published });
      aggregateEntries.push({ href: `${origin}${articlePath}`, title: report.title, date: report.published });
      reports.push(
        expected(host, report, `${origin}${articlePath}`, attachment ? `${origin}${attachment.path}` : null),
      );
    }
    for (let i = 0; i < column.news; i++) {
      const id = nextId++;
      const date = `202${i % 5}-0${1 + (i % 9)}-1${i % 10}`;
      const { month, file } = trsDocPath(date, id);
      const title = NEWS_TITLES[(i + column.path.length) % NEWS_TITLES.length]!;
      const path = `${column.path}${month}/${file}.${column.ext}`;
      registry.set(path, () =>
        page(
          `<html><head><meta charset="CHARSET"><title>${title}</title></head><body><h1>${title}</h1><p>\u3000\u3000近日召开会议，部署相关工作。</p></body></html>`,
        ),
      );
      entries.push({ href: `./${month}/${file}.${column.ext}`, title, date });
    }
    const noise = column.noise ?? {};
    for (let i = 0; i < (noise.old404 ?? 0); i++) {
      const year = 2015 + i;
      const { month, file } = trsDocPath(`${year + 1}-01-20`, nextId++);
      entries.push({
        href: `./${month}/${file}.${column.ext}`,
        title: `${options.siteName}${year}年政府信息公开工作年度报告`,
        date: `${year + 1}-01-20`,
      });
    }
    if (noise.soft404) {
      const { month, file } = trsDocPath("2019-02-01", nextId++);
      registry.set(`${column.path}${month}/${file}.${column.ext}`, () =>
        page(`<html><body>非法请求 404！</body></html>`),
      );
      entries.push({
        href: `./${month}/${file}.${column.ext}`,
        title: `${options.siteName}2018年政府信息公开工作年度报告`,
        date: "2019-02-01",
      });
    }
    if (noise.deleted) {
      const { month, file } = trsDocPath("2018-02-01", nextId++);
      registry.set(`${column.path}${month}/${file}.${column.ext}`, () =>
        page(
          `<html><head><meta http-equiv="refresh" content="0;url=../"></head><body>内容已删除</body></html>`,
        ),
      );
      entries.push({
        href: `./${month}/${file}.${column.ext}`,
        title: `${options.siteName}2017年政府信息公开工作年度报告`,
        date: "2018-02-01",
      });
    }
    if (noise.mirrorOrigin) {
      entries.push({
        href: `${noise.mirrorOrigin}${column.path}202401/t20240120_1.html`,
        title: `${options.siteName}2023年政府信息公开工作年度报告（转载）`,
        date: "2024-01-21",
      });
    }
    entries.sort((a, b) => b.date.localeCompare(a.date));
    listings.set(column.path, { column, entries });
  }
  if (options.aggregatePath) {
    aggregateEntries.sort((a, b) => b.date.localeCompare(a.date));
    listings.set(options.aggregatePath, {
      column: { name: "政府信息公开年度报告", ext: "html", pager: 1 },
      entries: aggregateEntries,
    });
  }

  const entries = [...listings.keys()].map((p) => `${origin}${p}`);
  return {
    label,
    family: "trs",
    entries,
    reports,
    route(req) {
      if (req.path === "/js/page.js")
        return { status: 200, headers: { "content-type": "application/javascript" }, body: PAGER_FUNCTION };
      const doc = registry.get(req.path);
      if (doc) return doc;
      const m = /^(.*\/)(?:index(?:_(\d+))?\.(s?html?))?$/.exec(req.path);
      if (m) {
        const listing = listings.get(m[1]!);
        if (listing && (!m[3] || m[3] === listing.column.ext)) {
          const pageIndex = Number(m[2] ?? 0);
          const count = Math.max(1, Math.ceil(listing.entries.length / pageSize));
          if (pageIndex >= count) return notFound();
          const slice = listing.entries.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
          return page(
            listingPage(options.siteName, listing.column, slice, pageIndex, count, listing.entries.length),
          );
        }
      }
      // H2: a column path without its trailing slash is redirected to the slash form.
      if (listings.has(`${req.path}/`)) return { status: 301, headers: { location: `${req.path}/` } };
      return notFound();
    },
  };
}
