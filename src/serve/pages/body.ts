// A body's page: its reports by year with headline figures as small time-series charts, each
// report's source URL and the stored original.
import { html } from "hono/html";
import {
  chart,
  downloadLinks,
  externalLink,
  formatNumber,
  formatPercent,
  page,
  regionText,
  type Html,
  type PageContext,
} from "../html.js";
import { kindName, levelName, statusName, t, type Lang } from "../i18n.js";
import type { Body, Report, StoreReader } from "../queries.js";
import { codesOf, compute, fillColumnTotals, rate, withColumnParts } from "../rates.js";
import type { Sheet } from "../sheets.js";

const HEADLINE = [
  "t3.new.total",
  "t3.granted.total",
  "t3.partial.total",
  "t3.total.total",
  "t4.review.total",
  "t4.suit_direct.total",
  "t4.suit_after_review.total",
];

interface BodyRow {
  report: Report;
  applications: number | null;
  grantedShare: number | null;
  reviews: number | null;
  suits: number | null;
  /** The value uses table-3 totals summed from the printed columns (the report prints no 总计 column). */
  summedApplications: boolean;
  summedShare: boolean;
}

export interface BodyView {
  body: Body;
  aliases: string[];
  rows: BodyRow[];
}

export function loadBody(reader: StoreReader, id: number): BodyView | undefined {
  const body = reader.body(id);
  if (!body) return undefined;
  const reports = reader.bodyReports(id);
  const granted = rate("granted_share")!;
  const grantedCodes = codesOf(granted);
  const shown = [...HEADLINE, ...grantedCodes];
  const values = reader.values(
    reports.map((r) => r.id),
    withColumnParts(shown),
  );
  const rows = reports.map((report) => {
    const v = values.get(report.id) ?? new Map<string, number>();
    // A report printing no 总计 column: its totals are the sums of the printed columns (marked Σ).
    const summed = fillColumnTotals(v, shown);
    const direct = v.get("t4.suit_direct.total");
    const after = v.get("t4.suit_after_review.total");
    return {
      report,
      applications: v.get("t3.new.total") ?? null,
      grantedShare: compute(granted, v),
      reviews: v.get("t4.review.total") ?? null,
      suits: direct !== undefined && after !== undefined ? direct + after : null,
      summedApplications: summed.includes("t3.new.total"),
      summedShare: summed.some((code) => grantedCodes.includes(code)),
    };
  });
  return { body, aliases: reader.aliases(id), rows };
}

const sigma = (lang: Lang, shown: boolean): Html =>
  shown ? html`<sup class="summed" title="${t(lang, "columnSum")}">Σ</sup>` : html``;

export function bodyPage(ctx: PageContext, view: BodyView): Html {
  const { lang } = ctx;
  const { body, rows } = view;
  const years = rows.map((row) => row.report.year);
  const charts = html`<div class="charts">
    ${chart({
      type: "line",
      title: t(lang, "applications"),
      categories: years,
      series: [{ name: t(lang, "applications"), data: rows.map((r) => r.applications) }],
    })}
    ${chart({
      type: "line",
      title: t(lang, "grantedShare"),
      categories: years,
      series: [{ name: t(lang, "grantedShare"), data: rows.map((r) => r.grantedShare) }],
      percent: true,
    })}
    ${chart({
      type: "line",
      title: t(lang, "reviewsSuits"),
      categories: years,
      series: [
        { name: t(lang, "reviews"), data: rows.map((r) => r.reviews) },
        { name: t(lang, "suits"), data: rows.map((r) => r.suits) },
      ],
    })}
  </div>`;
  const table = html`<div class="scroll">
    <table class="data" id="body-reports">
      <thead>
        <tr>
          <th>${t(lang, "year")}</th>
          <th>${t(lang, "template")}</th>
          <th>${t(lang, "status")}</th>
          <th class="num">${t(lang, "applications")}</th>
          <th class="num">${t(lang, "grantedShare")}</th>
          <th class="num">${t(lang, "reviews")}</th>
          <th class="num">${t(lang, "suits")}</th>
          <th>${t(lang, "source")}</th>
          <th>${t(lang, "original")}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              <th scope="row"><a href="/reports/${row.report.id}">${row.report.year}</a></th>
              <td>${row.report.template ?? "—"}</td>
              <td class="st-${row.report.status}">${statusName(lang, row.report.status)}</td>
              <td class="num">
                ${formatNumber(row.applications)}${sigma(lang, row.summedApplications && row.applications !== null)}
              </td>
              <td class="num">
                ${formatPercent(row.grantedShare)}${sigma(lang, row.summedShare && row.grantedShare !== null)}
              </td>
              <td class="num">${formatNumber(row.reviews)}</td>
              <td class="num">${formatNumber(row.suits)}</td>
              <td class="url">
                ${row.report.url ? externalLink(row.report.url, row.report.url) : html`<span class="muted">${t(lang, "noSource")}</span>`}
              </td>
              <td>
                <a href="/reports/${row.report.id}/original">${row.report.format ?? t(lang, "open")}</a>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
  const content = html` <nav class="crumbs"><a href="/">${t(lang, "home")}</a> › ${body.name}</nav>
    <h1 id="body-name">${body.name}</h1>
    <p class="meta-line">
      ${regionText(lang, body)} ${body.regionCode ? html`(${body.regionCode})` : ""} ·
      ${levelName(lang, body.level)} · ${kindName(lang, body.kind)} ·
      <a href="/compare?id=${body.id}">${t(lang, "compare")}</a> ·
      <a href="/rank?region=${body.regionCode?.slice(0, 4) ?? ""}">${t(lang, "rank")}</a>
    </p>
    ${view.aliases.length > 1 ? html`<p class="muted">${t(lang, "aliases")}: ${view.aliases.join(" / ")}</p>` : ""}
    <section>
      <h2>${t(lang, "headline")}</h2>
      ${charts}
    </section>
    <section>
      <h2>${t(lang, "reportsByYear")}</h2>
      ${downloadLinks(ctx, `/bodies/${body.id}`)}${table}
    </section>`;
  return page(ctx, body.name, content, { charts: true });
}

export function bodySheets(view: BodyView): Sheet[] {
  return [
    {
      name: { zh: "历年报告", en: "reports by year" },
      columns: [
        { key: "body", label: { zh: "机构", en: "body" } },
        { key: "year", label: { zh: "年度", en: "year" }, type: "count" },
        { key: "report_id", label: { zh: "报告编号", en: "report_id" }, type: "count" },
        { key: "template", label: { zh: "模板", en: "template" } },
        { key: "status", label: { zh: "状态", en: "status" } },
        { key: "applications", label: { zh: "新收申请", en: "applications received" }, type: "count" },
        { key: "granted_share", label: { zh: "公开率", en: "granted share" }, type: "percent" },
        { key: "reviews", label: { zh: "行政复议", en: "reviews" }, type: "count" },
        { key: "suits", label: { zh: "行政诉讼", en: "lawsuits" }, type: "count" },
        { key: "summed", label: { zh: "总计由各列相加", en: "totals_summed_from_columns" } },
        { key: "url", label: { zh: "来源网址", en: "source URL" } },
        { key: "sha256", label: { zh: "文件 SHA-256", en: "document SHA-256" } },
      ],
      rows: view.rows.map((row) => ({
        body: view.body.name,
        year: row.report.year,
        report_id: row.report.id,
        template: row.report.template,
        status: row.report.status,
        applications: row.applications,
        granted_share: row.grantedShare,
        reviews: row.reviews,
        suits: row.suits,
        summed: row.summedApplications || row.summedShare ? "Σ" : null,
        url: row.report.url,
        sha256: row.report.sha256,
      })),
    },
  ];
}
