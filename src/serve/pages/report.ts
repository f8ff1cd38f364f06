// A report's page: the three tables laid out as the national template prints them, each figure
// with its provenance (hover: title; click: popup drawn by app.js from the cell's data attributes),
// identity failures marked by side (source or reading), missing figures with the reason, and the
// change from the body's previous-year report beside each figure.
import { html, raw } from "hono/html";
import type { TemplateId } from "../../model/contract.js";
import { metric } from "../../model/metrics.js";
import { downloadLinks, externalLink, formatNumber, page, type Html, type PageContext } from "../html.js";
import { levelName, statusName, t, unitName, type Lang } from "../i18n.js";
import {
  T3_APPLICANTS,
  T3_COLUMNS,
  T3_HEADER_NOTE,
  T3_LEGAL_PERSONS,
  T3_RESULTS_LABEL,
  T4_GROUPS,
  T4_OUTCOMES,
  table2Blocks,
  table3Rows,
  table4Codes,
  type Label,
} from "../layout.js";
import type { Figure, Finding, Picture, Report, Source, StoreReader } from "../queries.js";
import type { Sheet } from "../sheets.js";
import { WITNESS_LABELS, witnessesOf } from "../witness.js";

export interface ReportView {
  report: Report;
  previous: Report | undefined;
  figures: Map<string, Figure>;
  previousValues: Map<string, number>;
  findings: Finding[];
  findingsByMetric: Map<string, Finding[]>;
  sources: Source[];
  /** The pictures the page showed (an HTML report whose tables are pictures). */
  pictures: Picture[];
}

export function loadReport(reader: StoreReader, id: number): ReportView | undefined {
  const report = reader.report(id);
  if (!report) return undefined;
  const previous = reader.previousReport(report);
  const figures = new Map(reader.figures(id).map((figure) => [figure.metric, figure]));
  const previousValues = new Map<string, number>();
  if (previous)
    for (const figure of reader.figures(previous.id)) previousValues.set(figure.metric, figure.value);
  const findings = reader.findings(id);
  const findingsByMetric = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!finding.metric) continue;
    const list = findingsByMetric.get(finding.metric) ?? [];
    list.push(finding);
    findingsByMetric.set(finding.metric, list);
  }
  return {
    report,
    previous,
    figures,
    previousValues,
    findings,
    findingsByMetric,
    sources: reader.sources(report.documentId),
    pictures: reader.pictures(report.documentId),
  };
}

/** One picture of the page: a thumbnail linking to the picture, or why it could not be had. */
function pictureItem(reportId: number, picture: Picture, lang: Lang): Html {
  const label = t(lang, "picture", { n: picture.position });
  if (!picture.sha256)
    return html`<div class="picture missing">
      ${label}: ${picture.error ?? "—"} <span class="muted">${picture.url}</span>
    </div>`;
  const href = `/reports/${reportId}/pictures/${picture.position}`;
  return html`<a class="picture" href="${href}" title="${picture.url}"
    ><img src="${href}" alt="${label}" loading="lazy" /><span
      >${label} · ${formatNumber(picture.size ?? 0)} B</span
    ></a
  >`;
}

function metricLabel(code: string, lang: Lang): string {
  const m = metric(code);
  return m ? (lang === "zh" ? m.label_zh : m.label_en) : code;
}

function locationText(figure: Figure, lang: Lang): string {
  const parts: string[] = [];
  if (figure.page !== null) parts.push(t(lang, "page", { n: figure.page }));
  if (figure.line !== null) parts.push(t(lang, "line", { n: figure.line }));
  if (figure.path) parts.push(figure.path);
  return parts.join(" · ");
}

/**
 * Why a figure is missing: the store's findings about it, else what the report's own shape says (no
 * figure of its table, or of its table-3 column, was read: the document does not print it or it could
 * not be read), else the general rule (not determined by the document, never guessed).
 */
function missingReason(view: ReportView, code: string, lang: Lang): string {
  const reasons = (view.findingsByMetric.get(code) ?? []).filter((f) => !f.code.startsWith("identity."));
  if (reasons.length) return reasons.map((f) => f.message).join(" / ");
  const table = code.slice(0, 3);
  const codes = [...view.figures.keys()];
  if (!codes.some((c) => c.startsWith(table))) return t(lang, "missingTable");
  if (table === "t3.") {
    const column = code.slice(code.lastIndexOf("."));
    if (!codes.some((c) => c.startsWith("t3.") && c.endsWith(column))) return t(lang, "missingColumn");
  }
  return t(lang, "missingReason");
}

function sideOf(findings: Finding[]): "source" | "parse" | null {
  if (findings.length === 0) return null;
  return findings.some((f) => f.sourceInconsistent) ? "source" : "parse";
}

function delta(value: number, previous: number | undefined): Html {
  if (previous === undefined) return html``;
  const change = value - previous;
  // An unchanged zero says nothing; an unchanged figure says "same as last year".
  if (change === 0) return value === 0 ? html`` : html`<span class="d same">=</span>`;
  const text = `${change > 0 ? "+" : "−"}${formatNumber(Math.abs(change), 4)}`;
  return html`<span class="d ${change > 0 ? "up" : "down"}">${text}</span>`;
}

function figureCell(ctx: PageContext, view: ReportView, code: string | null): Html {
  if (code === null) return html`<td class="na"></td>`;
  const { lang } = ctx;
  const figure = view.figures.get(code);
  const findings = view.findingsByMetric.get(code) ?? [];
  const side = sideOf(findings.filter((f) => f.code.startsWith("identity.") || f.scope === "cross_year"));
  const previous = view.previousValues.get(code);
  const known = figure?.extra.known;
  const classes = [
    "fig",
    figure ? "" : "missing",
    side ? `bad-${side}` : "",
    typeof known === "string" && /^[a-z_]+$/.test(known) ? `known-${known}` : "",
    figure?.extra.ocr_confidence !== undefined ? "ocr" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const findingText = findings
    .map((f) => `${f.message} (${t(lang, f.sourceInconsistent ? "sourceSide" : "parseSide")})`)
    .join("\n");
  const m = metric(code);
  const unit = m ? unitName(lang, m.unit) : "";
  if (!figure) {
    const reason = missingReason(view, code, lang);
    return html`<td
      class="${classes}"
      id="m-${code}"
      tabindex="0"
      data-code="${code}"
      data-label="${metricLabel(code, lang)}"
      data-missing="${reason}"
      data-findings="${findingText}"
      data-prev="${previous ?? ""}"
      title="${t(lang, "missingFigure")}: ${reason}"
    >
      <span class="v">—</span>
    </td>`;
  }
  const location = locationText(figure, lang);
  const w = witnessesOf(figure, lang);
  const title = [`${t(lang, "raw")}: ${figure.raw ?? ""}`, location].filter(Boolean).join(" · ");
  // Attributes app.js shows in the popup; empty ones are left out (a report has some 200 cells).
  const optional = [
    ["raw", figure.raw],
    ["loc", location],
    ["known", w.knownText],
    ["holds", w.holds],
    ["fails", w.fails],
    ["unchecked", w.unchecked],
    ["prose", w.prose],
    ["ocr", w.ocr],
    ["how", w.other],
    ["derived", w.derived],
    ["prev", previous],
    ["findings", findingText],
  ] as const;
  return html`<td
    class="${classes}"
    id="m-${code}"
    tabindex="0"
    data-code="${code}"
    data-label="${metricLabel(code, lang)}"
    data-value="${figure.value}"
    data-unit="${unit}"
    ${optional.map(([name, value]) => (value === undefined || value === null || value === "" ? "" : html` data-${raw(name)}="${value}"`))}
    title="${title}"
  >
    <span class="v">${formatNumber(figure.value, 4)}</span>${delta(figure.value, previous)}
  </td>`;
}

const l = (ctx: PageContext, text: Label) => text[ctx.lang];

function table2(ctx: PageContext, view: ReportView, template: TemplateId): Html {
  return html`${table2Blocks(template).map(
    (block) =>
      html`<table class="tpl t2">
        <thead>
          <tr>
            <th colspan="${block.columns.length + 1}">${l(ctx, block.title)}</th>
          </tr>
          <tr>
            <th>${ctx.lang === "zh" ? "信息内容" : "Item"}</th>
            ${block.columns.map((c) => html`<th>${l(ctx, c)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${block.rows.map(
            (row) =>
              html`<tr>
                <th scope="row">${l(ctx, row.label)}</th>
                ${row.codes.map((code) => figureCell(ctx, view, code))}
              </tr>`,
          )}
        </tbody>
      </table>`,
  )}`;
}

function table3(ctx: PageContext, view: ReportView, template: TemplateId): Html {
  const rows = table3Rows(template);
  const resultCount = rows.filter((row) => row.section === "results").length;
  let firstResult = true;
  const body = rows.map((row, index) => {
    const cells = row.codes.map((code) => figureCell(ctx, view, code));
    if (row.section !== "results")
      return html`<tr>
        <th scope="row" colspan="3">${l(ctx, row.label)}</th>
        ${cells}
      </tr>`;
    const lead = firstResult
      ? html`<th scope="rowgroup" rowspan="${resultCount}">${l(ctx, T3_RESULTS_LABEL)}</th>`
      : "";
    firstResult = false;
    if (!row.group)
      return html`<tr>
        ${lead}
        <th scope="row" colspan="2">${l(ctx, row.label)}</th>
        ${cells}
      </tr>`;
    const groupStart = index === 0 || rows[index - 1]!.group?.zh !== row.group.zh;
    const groupSize = rows.filter((other) => other.group?.zh === row.group!.zh).length;
    const groupCell = groupStart
      ? html`<th scope="rowgroup" rowspan="${groupSize}">${l(ctx, row.group)}</th>`
      : "";
    return html`<tr>
      ${lead}${groupCell}
      <th scope="row">${l(ctx, row.label)}</th>
      ${cells}
    </tr>`;
  });
  return html`<table class="tpl t3">
    <thead>
      <tr>
        <th rowspan="3" colspan="3" class="note">${l(ctx, T3_HEADER_NOTE)}</th>
        <th colspan="7">${l(ctx, T3_APPLICANTS)}</th>
      </tr>
      <tr>
        <th rowspan="2">${l(ctx, T3_COLUMNS[0]!)}</th>
        <th colspan="5">${l(ctx, T3_LEGAL_PERSONS)}</th>
        <th rowspan="2">${l(ctx, T3_COLUMNS[6]!)}</th>
      </tr>
      <tr>
        ${T3_COLUMNS.slice(1, 6).map((c) => html`<th>${l(ctx, c)}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${body}
    </tbody>
  </table>`;
}

function table4(ctx: PageContext, view: ReportView): Html {
  const codes = table4Codes();
  return html`<table class="tpl t4">
    <thead>
      <tr>
        <th colspan="5" rowspan="2">${l(ctx, T4_GROUPS[0]!.label)}</th>
        <th colspan="10">${l(ctx, T4_GROUPS[1]!.parent)}</th>
      </tr>
      <tr>
        <th colspan="5">${l(ctx, T4_GROUPS[1]!.label)}</th>
        <th colspan="5">${l(ctx, T4_GROUPS[2]!.label)}</th>
      </tr>
      <tr>
        ${T4_GROUPS.map(() => T4_OUTCOMES.map((o) => html`<th>${l(ctx, o.label)}</th>`))}
      </tr>
    </thead>
    <tbody>
      <tr>
        ${codes.flat().map((code) => figureCell(ctx, view, code))}
      </tr>
    </tbody>
  </table>`;
}

function findingsList(ctx: PageContext, view: ReportView): Html {
  if (view.findings.length === 0) return html`<p class="muted">${t(ctx.lang, "noFindings")}</p>`;
  return html`<ul class="findings">
    ${view.findings.map(
      (f) =>
        html`<li class="${f.sourceInconsistent ? "bad-source" : "bad-parse"}">
          <code>${f.code}</code>
          ${f.metric ? html`<a href="#m-${f.metric}">${metricLabel(f.metric, ctx.lang)}</a>` : ""} —
          ${f.message}
          <em>(${t(ctx.lang, f.sourceInconsistent ? "sourceSide" : "parseSide")})</em>
          ${f.otherReportId !== null ? html` <a href="/reports/${f.otherReportId}">${t(ctx.lang, "previousReport")}</a>` : ""}
        </li>`,
    )}
  </ul>`;
}

export function reportTitle(report: Report, lang: Lang): string {
  return lang === "zh"
    ? `${report.agency} ${report.year}年度报告`
    : `${report.agency}, ${report.year} report`;
}

export function reportPage(ctx: PageContext, view: ReportView): Html {
  const { report } = view;
  const { lang } = ctx;
  const template = report.template;
  const tables = template
    ? html` <section>
          <h2>${t(lang, "table2")}</h2>
          <div class="scroll">${table2(ctx, view, template)}</div>
        </section>
        <section>
          <h2>${t(lang, "table3")}</h2>
          <div class="scroll">${table3(ctx, view, template)}</div>
        </section>
        <section>
          <h2>${t(lang, "table4")}</h2>
          <div class="scroll">${table4(ctx, view)}</div>
        </section>`
    : html`<p class="notice">${t(lang, "noTables")}</p>`;
  const body = html` <nav class="crumbs">
      <a href="/">${t(lang, "home")}</a> › <a href="/bodies/${report.agencyId}">${report.agency}</a> ›
      ${report.year}
    </nav>
    <h1 id="report-title">${reportTitle(report, lang)}</h1>
    <dl class="meta" id="report-meta" data-sha256="${report.sha256}">
      <dt>${t(lang, "documentTitle")}</dt>
      <dd class="doc-title">${report.title ?? "—"}</dd>
      <dt>${t(lang, "printedAs")}</dt>
      <dd>${report.agencyPrinted ?? "—"}</dd>
      <dt>${t(lang, "region")}</dt>
      <dd>
        ${report.regionName ?? "—"} ${report.regionCode ? html`(${report.regionCode})` : ""}
        ${levelName(lang, report.level)}
      </dd>
      <dt>${t(lang, "template")}</dt>
      <dd>
        ${template ?? "—"} · ${statusName(lang, report.status)} · ${t(lang, "figures")} ${report.figureCount}
        · ${t(lang, "issues")} ${report.issueCount}
      </dd>
      <dt>${t(lang, "source")}</dt>
      <dd>
        ${view.sources.length ? view.sources.map((s) => html`<div>${s.url ? externalLink(s.url, s.url) : (s.path ?? "")} <span class="muted">${s.fetchedAt}</span></div>`) : t(lang, "noSource")}
      </dd>
      ${
        report.ocrFigures !== null
          ? html`<dt>OCR</dt>
              <dd id="report-ocr">
                ${t(lang, "ocrSummary", { read: report.ocrFigures, left: report.ocrLeftOut ?? 0 })}
              </dd>`
          : ""
      }
      <dt>${t(lang, "original")}</dt>
      <dd>
        <a href="/reports/${report.id}/original">${report.format ?? report.mediaType ?? "file"}</a> ·
        ${formatNumber(report.size)} B
      </dd>
      ${
        view.pictures.length
          ? html`<dt>${t(lang, "pictures")}</dt>
              <dd id="report-pictures">${view.pictures.map((p) => pictureItem(report.id, p, lang))}</dd>`
          : ""
      }
      <dt>${t(lang, "documentHash")}</dt>
      <dd><code class="hash">${report.sha256}</code></dd>
      <dt>${t(lang, "previousReport")}</dt>
      <dd>${view.previous ? html`<a href="/reports/${view.previous.id}">${view.previous.year}</a>` : "—"}</dd>
    </dl>
    <p class="legend">
      <span class="sw bad-source"></span>${t(lang, "legendSource")}
      <span class="sw bad-parse"></span>${t(lang, "legendParse")}
      <span class="sw missing"></span>${t(lang, "legendMissing")} ·
      ${[...view.figures.values()].some((f) => f.extra.known === "reconstructed" || f.extra.known === "prose") ? html`<i class="indirect">1</i> ${t(lang, "legendIndirect")} ·` : ""}
      ${[...view.figures.values()].some((f) => f.extra.ocr_confidence !== undefined) ? html`<span class="sw ocr"></span>${t(lang, "legendOcr")} ·` : ""}
      <span class="d up">+n</span> ${t(lang, "changeFromPrevious")}
    </p>
    ${downloadLinks(ctx, `/reports/${report.id}`)} ${tables}
    <section>
      <h2>${t(lang, "findings")}</h2>
      ${findingsList(ctx, view)}
    </section>`;
  return page(ctx, reportTitle(report, lang), body);
}

// --- downloads -------------------------------------------------------------------------------

const col = (key: string, zh: string, en: string, type?: Sheet["columns"][number]["type"]) => ({
  key,
  label: { zh, en },
  type,
});

function longSheet(view: ReportView): Sheet {
  const { report } = view;
  const template = report.template;
  const rows: Sheet["rows"] = [];
  const extraKeys = new Set<string>();
  for (const figure of view.figures.values()) for (const key of Object.keys(figure.extra)) extraKeys.add(key);
  const push = (table: string, rowLabel: Label, columnLabel: Label, code: string | null) => {
    if (!code) return;
    const figure = view.figures.get(code);
    const previous = view.previousValues.get(code);
    const m = metric(code);
    const row: Sheet["rows"][number] = {
      agency: report.agency,
      year: report.year,
      table,
      row_zh: rowLabel.zh,
      column_zh: columnLabel.zh,
      metric: code,
      label_en: m?.label_en ?? "",
      value: figure?.value ?? null,
      unit: m?.unit ?? "",
      previous: previous ?? null,
      change: figure && previous !== undefined ? figure.value - previous : null,
      raw: figure?.raw ?? null,
      page: figure?.page ?? null,
      line: figure?.line ?? null,
      path: figure?.path ?? null,
      derived: figure?.derived ?? null,
      missing: figure ? null : missingReason(view, code, "zh"),
    };
    if (m?.unit === "10k_yuan") row["value:unit"] = "10k_yuan";
    for (const key of extraKeys) row[`extra_${key}`] = figure?.extra[key] ?? null;
    rows.push(row);
  };
  if (template) {
    for (const block of table2Blocks(template))
      for (const r of block.rows) r.codes.forEach((code, i) => push("t2", r.label, block.columns[i]!, code));
    for (const r of table3Rows(template))
      r.codes.forEach((code, i) =>
        push("t3", r.group ? { zh: `${r.group.zh}/${r.label.zh}`, en: "" } : r.label, T3_COLUMNS[i]!, code),
      );
    table4Codes().forEach((codes, g) =>
      codes.forEach((code, i) => push("t4", T4_GROUPS[g]!.label, T4_OUTCOMES[i]!.label, code)),
    );
  }
  // Figures of a code outside the printed layout (none in a well-formed store) are kept too.
  const placed = new Set(rows.map((row) => row.metric));
  for (const code of view.figures.keys())
    if (!placed.has(code)) push(code.slice(0, 2), { zh: "", en: "" }, { zh: "", en: "" }, code);
  return {
    name: { zh: "全部数据及来源", en: "figures and provenance" },
    columns: [
      col("agency", "机构", "agency"),
      col("year", "年度", "year", "count"),
      col("table", "表", "table"),
      col("row_zh", "项目", "row (as printed)"),
      col("column_zh", "列", "column (as printed)"),
      col("metric", "指标代码", "metric"),
      col("label_en", "英文名称", "label"),
      col("value", "数值", "value", "count"),
      col("unit", "单位", "unit"),
      col("previous", "上年数值", "previous year", "count"),
      col("change", "较上年", "change", "count"),
      col("raw", "原文", "printed text"),
      col("page", "页", "page", "count"),
      col("line", "行", "line", "count"),
      col("path", "DOM 路径", "DOM path"),
      col("derived", "推导方式", "derived"),
      ...[...extraKeys].map((key) => {
        const label = WITNESS_LABELS[key];
        return col(`extra_${key}`, label?.zh ?? key, label?.en ?? key);
      }),
      col("missing", "缺失原因", "why missing"),
    ],
    rows,
  };
}

function gridSheets(view: ReportView): Sheet[] {
  const template = view.report.template;
  if (!template) return [];
  const value = (code: string | null) => (code ? (view.figures.get(code)?.value ?? null) : null);
  const t2rows: Sheet["rows"] = [];
  for (const block of table2Blocks(template))
    for (const row of block.rows)
      row.codes.forEach((code, i) => {
        if (!code) return;
        const unit = metric(code)?.unit ?? "count";
        t2rows.push({
          item: block.title.zh,
          row: row.label.zh,
          column: block.columns[i]!.zh,
          metric: code,
          value: value(code),
          unit: unit === "10k_yuan" ? "万元" : "件",
          ...(unit === "10k_yuan" ? { "value:unit": "10k_yuan" } : {}),
        });
      });
  const t3rows = table3Rows(template).map((row) => {
    const record: Sheet["rows"][number] = {
      row: row.group ? `${row.group.zh}/${row.label.zh}` : row.label.zh,
      row_en: row.group ? `${row.group.en}: ${row.label.en}` : row.label.en,
    };
    row.codes.forEach((code, i) => (record[`c${i}`] = value(code)));
    return record;
  });
  const t4rows = table4Codes().map((codes, g) => {
    const record: Sheet["rows"][number] = {
      group: `${T4_GROUPS[g]!.parent.zh}${T4_GROUPS[g]!.label.zh}`,
      group_en: `${T4_GROUPS[g]!.parent.en} ${T4_GROUPS[g]!.label.en}`.trim(),
    };
    codes.forEach((code, i) => (record[`c${i}`] = value(code)));
    return record;
  });
  return [
    {
      name: { zh: "表二 主动公开", en: "Table 2 proactive" },
      columns: [
        col("item", "项", "item"),
        col("row", "信息内容", "row"),
        col("column", "指标", "column"),
        col("metric", "指标代码", "metric"),
        col("value", "数值", "value", "count"),
        col("unit", "单位", "unit"),
      ],
      rows: t2rows,
    },
    {
      name: { zh: "表三 申请办理", en: "Table 3 applications" },
      columns: [
        col("row", "项目", "row (as printed)"),
        col("row_en", "项目（英文）", "row"),
        ...T3_COLUMNS.map((c, i) => col(`c${i}`, c.zh, c.en, "count")),
      ],
      rows: t3rows,
    },
    {
      name: { zh: "表四 复议诉讼", en: "Table 4 review litigation" },
      columns: [
        col("group", "类别", "group (as printed)"),
        col("group_en", "类别（英文）", "group"),
        ...T4_OUTCOMES.map((o, i) => col(`c${i}`, o.label.zh, o.label.en, "count")),
      ],
      rows: t4rows,
    },
  ];
}

export function reportSheets(view: ReportView, format: "csv" | "xlsx"): Sheet[] {
  return format === "csv" ? [longSheet(view)] : [...gridSheets(view), longSheet(view)];
}
