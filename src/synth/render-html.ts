// Renders a report as a real-looking HTML page: an editor table (TRS_Editor, <p> in cells), a
// Word-pasted table (MsoNormalTable, <p class=MsoNormal><span style=…> in every cell, &nbsp;
// padding, two <p> in one cell), or a bare <table border=1>; optionally inside portal chrome
// (meta tags, breadcrumbs, an 索引号/发布机构 metadata table, footer) and GBK-encoded.
import iconv from "iconv-lite";
import { NATIONAL_HEADINGS, pre2019StatisticsRows, SHANGHAI_HEADINGS } from "./prose.js";
import { createRng, type Rng } from "./random.js";
import { reportHazards, truthFor, type SynthReport } from "./report.js";
import type { LayoutCell, LayoutTable } from "./layout.js";
import type { RenderedDocument } from "./document.js";

export type HtmlStyle = "editor" | "word" | "bare";

export interface HtmlOptions {
  style: HtmlStyle;
  chrome: boolean;
  encoding: "utf-8" | "gbk";
  /**
   * Table 2 as one table per 第二十条 item, as many Word reports have it. Default: drawn from the
   * report's seed (a quarter of reports), without disturbing the other choices.
   */
  splitTable2?: boolean;
}

export function pickHtmlOptions(rng: Rng): HtmlOptions {
  return {
    style: rng.weighted<HtmlStyle>([
      ["editor", 45],
      ["word", 40],
      ["bare", 15],
    ]),
    chrome: rng.chance(0.7),
    encoding: rng.chance(0.15) ? "gbk" : "utf-8",
  };
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const spanAttrs = (cell: LayoutCell): string =>
  (cell.colspan ? ` colspan="${cell.colspan}"` : "") + (cell.rowspan ? ` rowspan="${cell.rowspan}"` : "");

/** Wraps digit runs of Word prose in <span lang=EN-US>, as Word does for Latin text. */
const wordDigits = (text: string): string =>
  escapeHtml(text).replace(/[0-9][0-9.%]*/g, (d) => `<span lang="EN-US">${d}</span>`);

function cellHtml(cell: LayoutCell, style: HtmlStyle, rng: Rng): string {
  const lines = cell.lines && rng.chance(0.6) ? cell.lines : [cell.text];
  const attrs = spanAttrs(cell);
  switch (style) {
    case "bare":
      return `<td${attrs}>${escapeHtml(cell.text)}</td>`;
    case "editor": {
      const align = cell.kind === "value" ? ` style="text-align: center;"` : ` align="center"`;
      // Editors let authors break long labels by hand: "（二）部分公开<br>（区分处理的，…）".
      const breakAt =
        cell.kind === "label" && cell.text.length > 12 && rng.chance(0.2) ? cell.text.indexOf("（", 2) : -1;
      const shown =
        breakAt > 0
          ? [`${escapeHtml(cell.text.slice(0, breakAt))}<br>${escapeHtml(cell.text.slice(breakAt))}`]
          : lines.map(escapeHtml);
      const body = shown.map((l) => `<p${align}>${l}</p>`).join("\n");
      return `<td width="${rng.int(40, 300)}"${attrs}${cell.kind === "value" && rng.chance(0.1) ? ' valign="top"' : ""}>\n${body}\n</td>`;
    }
    case "word": {
      const border =
        "border-top: medium none; border-left: medium none; border-bottom: windowtext 1pt solid; border-right: windowtext 1pt solid";
      const font =
        cell.kind === "value"
          ? "font-family: Arial; color: black"
          : "font-size: 12pt; font-family: 仿宋_GB2312";
      const pad = cell.kind !== "header" && rng.chance(cell.kind === "label" ? 0.5 : 0.1) ? "&nbsp;" : "";
      const body =
        lines.length === 1 && lines[0] === ""
          ? `<p class="MsoNormal" align="center"><span lang="EN-US">&nbsp;</span></p>`
          : lines
              .map(
                (l) =>
                  `<p class="MsoNormal" style="text-align: center; mso-pagination: widow-orphan" align="center"><span style="${font}"${
                    cell.kind === "value" ? ' lang="EN-US"' : ""
                  }><font face="仿宋_GB2312">${escapeHtml(l)}${pad}</font></span></p>`,
              )
              .join("");
      return `<td style="${border}; padding: 0cm 5.4pt; width: ${rng.int(30, 160)}.${rng.int(0, 9)}pt; mso-border-alt: solid windowtext .5pt" valign="middle" width="${rng.int(40, 220)}"${attrs}>${body}</td>`;
    }
  }
}

function tableHtml(table: LayoutTable, style: HtmlStyle, rng: Rng): string {
  const open =
    style === "word"
      ? `<table class="MsoNormalTable" style="border-collapse: collapse; mso-yfti-tbllook: 1184; mso-padding-alt: 0cm 5.4pt 0cm 5.4pt" border="1" cellspacing="0" cellpadding="0">`
      : style === "editor"
        ? `<table width="100%" border="1" bordercolor="#000000" cellpadding="2" cellspacing="0">`
        : `<table border=1>`;
  const rows = table.rows.map((row) => `<tr>${row.map((c) => cellHtml(c, style, rng)).join("\n")}</tr>`);
  // Word closes its tables with a row of empty zero-height cells that fixes the column grid.
  if (style === "word" && rng.chance(0.5)) {
    const spacers = Array.from(
      { length: table.width },
      () => `<td style="border: none" width="${rng.int(20, 90)}"></td>`,
    );
    rows.push(`<![if !supportMisalignedColumns]>\n<tr height="0">${spacers.join("")}</tr>\n<![endif]>`);
  }
  return `${open}\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`;
}

/** Two ideographic spaces: the first-line indent real editors type. */
const INDENT = "\u3000\u3000";

function paragraph(text: string, style: HtmlStyle, heading = false): string {
  if (style === "word") {
    const font = heading
      ? "font-family: 黑体; mso-hansi-font-family: 宋体"
      : "font-family: 仿宋_GB2312; color: black";
    return `<p class="MsoNormal" style="line-height: 28pt; text-indent: 32pt; mso-char-indent-count: 2.0"><span style="${font}">${wordDigits(text)}</span></p>`;
  }
  if (heading)
    return style === "editor"
      ? `<p>${INDENT}<font face="黑体">${escapeHtml(text)}</font></p>`
      : `<h3>${escapeHtml(text)}</h3>`;
  return `<p>${INDENT}${escapeHtml(text)}</p>`;
}

/** A pre-2019 report: its sections, and sometimes the old statistics table (not the national one). */
function proseOnlyParts(report: SynthReport, style: HtmlStyle, rng: Rng): string[] {
  const parts = report.prose.intro.map((p) => paragraph(p, style));
  for (const section of report.prose.overview) {
    if (section.heading) parts.push(paragraph(section.heading, style, true));
    parts.push(...section.paragraphs.map((p) => paragraph(p, style)));
  }
  if (rng.chance(0.3)) {
    const rows = pre2019StatisticsRows(rng).map(
      (cells) => `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`,
    );
    parts.push(
      paragraph("附表：政府信息公开情况统计表", style, true),
      `<table border="1" cellspacing="0">\n${rows.join("\n")}\n</table>`,
    );
  }
  return parts;
}

const splitsTable2 = (report: SynthReport, options: HtmlOptions): boolean =>
  options.splitTable2 ?? createRng(`${report.seed}:t2-split`).chance(0.25);

/** Table 2 cut at each 第二十条 heading row into separate tables. */
function table2Pieces(table: LayoutTable): LayoutTable[] {
  const pieces: LayoutTable[] = [];
  for (const row of table.rows) {
    const isHeading = row.length === 1 && row[0]!.text.startsWith("第二十条");
    if (isHeading || pieces.length === 0) pieces.push({ ...table, rows: [] });
    pieces[pieces.length - 1]!.rows.push(row);
  }
  return pieces;
}

function articleBody(report: SynthReport, options: HtmlOptions, rng: Rng): string {
  const { style } = options;
  if (report.kind === "prose_only")
    return `<div class="TRS_Editor">\n${proseOnlyParts(report, style, rng).join("\n")}\n</div>`;
  const headings = report.sectionStyle === "shanghai" ? SHANGHAI_HEADINGS : NATIONAL_HEADINGS;
  const parts: string[] = [];
  for (const p of report.prose.intro) parts.push(paragraph(p, style));
  if (headings.overview) parts.push(paragraph(headings.overview, style, true));
  for (const section of report.prose.overview) {
    if (section.heading) parts.push(paragraph(section.heading, style, true));
    for (const p of section.paragraphs) parts.push(paragraph(p, style));
  }
  parts.push(paragraph(headings.t2, style, true));
  if (splitsTable2(report, options))
    parts.push(...table2Pieces(report.tables.t2).map((t) => tableHtml(t, style, rng)));
  else parts.push(tableHtml(report.tables.t2, style, rng));
  parts.push(paragraph(headings.t3, style, true), tableHtml(report.tables.t3, style, rng));
  parts.push(paragraph(headings.t4, style, true), tableHtml(report.tables.t4, style, rng));
  parts.push(
    paragraph(headings.problems, style, true),
    ...report.prose.problems.map((p) => paragraph(p, style)),
  );
  parts.push(
    paragraph(headings.other, style, true),
    ...report.prose.otherMatters.map((p) => paragraph(p, style)),
  );
  const container = rng.pick([
    '<div class="TRS_Editor">',
    '<div id="zoom">',
    '<div class="view TRS_UEDITOR trs_paper_default">',
    '<div id="UCAP-CONTENT">',
  ]);
  return `${container}\n${parts.join("\n")}\n</div>`;
}

function titleHtml(report: SynthReport): string {
  const [first, second] = report.title.text.split("\n");
  return second === undefined
    ? `<h1 class="article-title">${escapeHtml(first!)}</h1>`
    : `<div class="article-title"><p>${escapeHtml(first!)}</p><p>${escapeHtml(second)}</p></div>`;
}

function metadataCard(report: SynthReport, rng: Rng): string {
  const index = `${rng.int(10000000, 99999999)}${rng.pick(["", "X"])}/${report.year + 1}-${String(rng.int(1, 99999)).padStart(5, "0")}`;
  const rows = [
    ["索引号", index, "发布机构", report.agency.shortName],
    ["信息名称", report.title.text.replace("\n", ""), "文号", ""],
    ["发文日期", report.published, "公开方式", "主动公开"],
  ];
  const trs = rows.map(
    ([a, b, c, d]) =>
      `<tr><th>${a}：</th><td>${escapeHtml(b!)}</td><th>${c}：</th><td>${escapeHtml(d!)}</td></tr>`,
  );
  return `<table class="xxgk-table" cellspacing="0" cellpadding="0">\n${trs.join("\n")}\n</table>`;
}

function page(report: SynthReport, options: HtmlOptions, rng: Rng): string {
  const charsetMeta =
    options.encoding === "gbk"
      ? `<meta http-equiv="Content-Type" content="text/html; charset=${rng.pick(["gb2312", "gbk", "GBK"])}">`
      : `<meta charset="UTF-8">`;
  const flatTitle = report.title.text.replace("\n", "");
  const site = report.agency.city ?? report.agency.province;
  const head = options.chrome
    ? `${charsetMeta}
<meta name="SiteName" content="${escapeHtml(site)}人民政府">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="${escapeHtml(flatTitle)}">
<meta name="PubDate" content="${report.published} 10:${rng.int(10, 59)}">
<meta name="ContentSource" content="${escapeHtml(report.agency.shortName)}">
<title>${escapeHtml(flatTitle)}_政府信息公开年报_${escapeHtml(report.agency.name)}</title>`
    : `${charsetMeta}\n<title>${escapeHtml(flatTitle)}</title>`;
  const body = options.chrome
    ? `<div class="header"><em class="sitenamebox">${escapeHtml(site)}人民政府</em><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="../">政府信息公开年报</a></div>
${metadataCard(report, rng)}
${titleHtml(report)}
<div class="info">发布时间：${report.published} &nbsp; 来源：${escapeHtml(report.agency.shortName)} &nbsp; 浏览次数：${rng.int(10, 9999)}</div>
${articleBody(report, options, rng)}
<div class="fj">附件：<a href="./P0${rng.int(10000000, 99999999)}.pdf">${escapeHtml(flatTitle)}.pdf</a></div>
<div class="tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
<div class="footer"><p>主办单位：${escapeHtml(site)}人民政府办公室 &nbsp; 网站标识码：${rng.int(1000000000, 9999999999)}</p><p>ICP备案号：闽ICP备${rng.int(10000000, 99999999)}号 &nbsp; <a href="/wzdt/">网站地图</a></p></div>`
    : `${titleHtml(report)}\n${articleBody(report, options, rng)}`;
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n${head}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

export function renderHtml(
  report: SynthReport,
  options: HtmlOptions,
  rng: Rng,
  name: string,
): RenderedDocument {
  const html = page(report, options, rng);
  const bytes =
    options.encoding === "gbk" ? new Uint8Array(iconv.encode(html, "gbk")) : new TextEncoder().encode(html);
  const hazards = [
    ...reportHazards(report),
    `html_${options.style}`,
    ...(options.chrome ? ["portal_chrome"] : []),
    ...(options.encoding === "gbk" ? ["gbk_encoding"] : []),
    ...(report.kind === "tables" && splitsTable2(report, options) ? ["t2_split_tables"] : []),
  ];
  return {
    name: `${name}.html`,
    bytes,
    mediaType: `text/html; charset=${options.encoding === "gbk" ? "GBK" : "UTF-8"}`,
    form: "html",
    truth: truthFor(report, hazards),
    report,
  };
}
