// Fujian provincial platform: column pages are avalon.js shells (ms-repeat, recordCount, PageInfo with
// chnlid); the list comes from POST /fjdzapp/search answering JSON shaped like the real one (dotted
// dates, files[] with _href). Article pages carry the inline tables and often the PDF too; a deleted
// document answers with a meta refresh to its parent directory.
import { escapeHtml, type SimReport } from "../content.js";
import {
  attachmentExt,
  attachmentResponse,
  expected,
  Registry,
  reportArticleBody,
  THIRD_PARTY_SCRIPTS,
} from "../publish.js";
import { html, notFound, trsDocPath, type ExpectedReport, type SimSite } from "../site.js";

export interface FujianOptions {
  siteName: string;
  columnPath: string;
  channelId: number;
  chnlId: number;
  reports: SimReport[];
  /** Listed documents that were deleted (meta refresh to the parent). */
  deleted?: number;
  /** The shell page does not name the document library (the crawler must find it by trying). */
  hideChannelId?: boolean;
}

interface Doc {
  docid2: number;
  doctitle: string;
  url: string;
  reltime: string;
  files: { appdesc: string; appfile: string; fileext: string; _src: string; _href: string }[];
}

export function fujianSite(label: string, origin: string, options: FujianOptions): SimSite {
  const host = new URL(origin).host;
  const registry = new Registry();
  const docs: Doc[] = [];
  const reports: ExpectedReport[] = [];
  let nextId = 1_890_000;
  const dotted = (date: string) => `${date.replace(/-/g, ".")} 09:43:00`;

  const articlePage = (report: SimReport, docid: number, body: string) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta name="SiteName" content="${escapeHtml(options.siteName)}"><meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="${escapeHtml(report.title)}"><meta name="PubDate" content="${report.published} 09:43">
<meta name="ContentSource" content="${escapeHtml(report.agency)}">
<title>${escapeHtml(report.title)} _ 政府信息公开年报 _ ${escapeHtml(options.siteName)}</title></head>
<body ms-controller="windowRoot">
<div class="xl-top"><h1>${escapeHtml(report.title)}</h1><div class="lips"><span>发布时间：${report.published} 09:43</span></div></div>
<div class="xl_article"><div class=TRS_Editor><div class="TRS_PreAppend">${body}</div></div></div>
<script>var PageInfo = { docid: '${docid}', chnlid: '${options.chnlId}', siteid: '77', title: "${escapeHtml(report.title)}", chnlname: "政府信息公开年报", sitename: "${escapeHtml(options.siteName)}" };</script>
${THIRD_PARTY_SCRIPTS}
</body></html>`;

  for (const report of options.reports) {
    const docid = nextId++;
    const { month, file } = trsDocPath(report.published, docid);
    const articlePath = `${options.columnPath}${month}/${file}.htm`;
    const ext = attachmentExt(report);
    const files: Doc["files"] = [];
    let attachment = null;
    let attachmentUrl: string | null = null;
    if (ext) {
      const appfile = `P0${month}${report.published.slice(8, 10)}${docid}.${ext}`;
      const path = `${options.columnPath}${month}/${appfile}`;
      attachmentUrl = `${origin}${path}`;
      attachment = { path, href: `./${appfile}`, ext, name: `${report.title}.${ext}` };
      files.push({
        appdesc: `${report.title}.${ext}`,
        appfile,
        fileext: ext,
        _src: `/protect/P0${month}/${appfile}`,
        _href: attachmentUrl,
      });
      registry.set(path, () => attachmentResponse(report, ext));
    }
    registry.set(articlePath, () => html(articlePage(report, docid, reportArticleBody(report, attachment))));
    docs.push({
      docid2: docid,
      doctitle: report.title,
      url: `${origin}${articlePath}`,
      reltime: report.published,
      files,
    });
    reports.push(expected(host, report, `${origin}${articlePath}`, attachmentUrl));
  }
  for (let i = 0; i < (options.deleted ?? 0); i++) {
    const docid = nextId++;
    const { month, file } = trsDocPath("2020-02-21", docid);
    const path = `${options.columnPath}${month}/${file}.htm`;
    registry.set(path, () =>
      html(
        `<html><head><meta http-equiv="refresh" content="0;url=${options.columnPath}"></head><body></body></html>`,
      ),
    );
    docs.push({
      docid2: docid,
      doctitle: `${options.siteName}2011年度政府信息公开工作年度报告`,
      url: `${origin}${path}`,
      reltime: "2020-02-21",
      files: [],
    });
  }
  docs.sort((a, b) => b.reltime.localeCompare(a.reltime));

  const shell = `<!DOCTYPE html>
<html><head><meta charset="UTF-8"><meta name="ColumnName" content="政府信息公开年报"><title>政府信息公开年报_${escapeHtml(options.siteName)}</title>
<script src="/images/pts.min.js"></script></head>
<body ms-controller="windowRoot">
<div class="list" ms-controller="docList"><ul><li ms-repeat="docs"><a ms-attr-href="el.url" ms-attr-title="el.doctitle">{{el.doctitle}}</a><span>{{el.docreltime}}</span></li></ul></div>
<script>
var PageInfo = { chnlid: '${options.chnlId}', siteid: '77', chnlname: "政府信息公开年报", sitename: "${escapeHtml(options.siteName)}" };
require(["list"], function (listModel) {
  listModel({ $id: "docList", url: "/fjdzapp/search", ${options.hideChannelId ? "" : `channelid: '${options.channelId}', `}classsql: "chnlid=${options.chnlId}", prepage: 15, recordCount: '${docs.length}' });
});
</script>
${THIRD_PARTY_SCRIPTS}
</body></html>`;

  function search(form: URLSearchParams): string {
    const ok =
      form.get("channelid") === String(options.channelId) &&
      form.get("classsql") === `chnlid=${options.chnlId}`;
    const prepage = Math.min(Number(form.get("prepage") ?? 15) || 15, 100);
    const page = Math.max(1, Number(form.get("page") ?? 1) || 1);
    const list = ok ? docs : [];
    const slice = list.slice((page - 1) * prepage, page * prepage);
    return JSON.stringify({
      error: false,
      page,
      prepage,
      pageCount: Math.ceil(list.length / prepage),
      recordCount: list.length,
      data: slice.map((d) => ({
        docid2: d.docid2,
        chnl: "政府信息公开年报",
        chnldocurl: d.url,
        docpuburl: d.url,
        url: d.url,
        doctitle: d.doctitle,
        docreltime: dotted(d.reltime),
        pubdate: dotted(d.reltime),
        puborg: options.siteName,
        files: d.files.map((f) => ({ ...f, appdocid: d.docid2, docpuburl: d.url })),
        rels: [],
      })),
    });
  }

  return {
    label,
    family: "fujian",
    entries: [`${origin}${options.columnPath}`],
    reports,
    route(req) {
      if (req.path === options.columnPath || req.path === `${options.columnPath}index.htm`)
        return html(shell);
      if (req.path === "/fjdzapp/search") {
        if (req.method !== "POST") return { status: 405, body: "method not allowed" };
        return {
          status: 200,
          headers: { "content-type": "application/json;charset=UTF-8" },
          body: search(new URLSearchParams(req.body)),
        };
      }
      return registry.get(req.path) ?? notFound();
    },
  };
}
