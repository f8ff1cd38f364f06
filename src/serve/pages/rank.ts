// Compare and rank: one metric or derived rate across bodies for a year and region (sortable, bar
// chart), and two to five bodies side by side over the years (line chart).
import { html } from "hono/html";
import { METRICS } from "../../model/metrics.js";
import {
  chart,
  downloadLinks,
  formatNumber,
  formatPercent,
  page,
  type Html,
  type PageContext,
} from "../html.js";
import { LEVEL_CODES, levelName, t, type Lang } from "../i18n.js";
import type { Body, StoreReader } from "../queries.js";
import { RATES, codesOf, compute, fillColumnTotals, measureFor, type Rate } from "../rates.js";
import type { Sheet } from "../sheets.js";
import { regionLabel } from "./search.js";

const DEFAULT_MEASURE = "granted_share";
/** Bars drawn in the chart; the table lists every body. */
const CHART_BARS = 30;

function formatMeasure(measure: Rate, value: number | null): string {
  if (measure.percent) return formatPercent(value);
  return formatNumber(value, measure.denominator.length ? 2 : 4);
}

function measureSelect(ctx: PageContext, current: string): Html {
  const sections: [string, string][] = [
    ["t3", ctx.lang === "zh" ? "表三 申请" : "Table 3"],
    ["t4", ctx.lang === "zh" ? "表四 复议诉讼" : "Table 4"],
    ["t2", ctx.lang === "zh" ? "表二 主动公开" : "Table 2"],
  ];
  return html`<label
    >${t(ctx.lang, "metric")}
    <select name="metric" id="metric-select">
      <optgroup label="${t(ctx.lang, "rates")}">
        ${RATES.map((r) => html`<option value="${r.key}" ${r.key === current ? "selected" : ""}>${r.label[ctx.lang]}</option>`)}
      </optgroup>
      ${sections.map(
        ([section, name]) =>
          html`<optgroup label="${name}">
            ${METRICS.filter((m) => m.section === section).map(
              (m) =>
                html`<option value="${m.code}" ${m.code === current ? "selected" : ""}>
                  ${ctx.lang === "zh" ? m.label_zh : m.label_en}
                </option>`,
            )}
          </optgroup>`,
      )}
    </select></label
  >`;
}

// --- rank ----------------------------------------------------------------------------------------

export interface RankView {
  measure: Rate;
  year: number | null;
  years: number[];
  region: string;
  level: string;
  order: "desc" | "asc";
  /** Rates only: bodies whose denominator is below this are left out (5 of 13 is no 38 %). */
  min: number;
  /** How many bodies `min` left out. */
  belowMin: number;
  rows: {
    reportId: number;
    agencyId: number;
    agency: string;
    regionName: string | null;
    value: number | null;
    values: Map<string, number>;
    /** A table-3 total it uses is the sum of the printed columns (the report prints no 总计 column). */
    summed: boolean;
  }[];
}

/** The sum of the codes' values, or null when one is missing. */
function sumOf(values: Map<string, number>, codes: string[]): number | null {
  let sum = 0;
  for (const code of codes) {
    const value = values.get(code);
    if (value === undefined) return null;
    sum += value;
  }
  return sum;
}

export function loadRank(reader: StoreReader, search: URLSearchParams): RankView | undefined {
  const measure = measureFor(search.get("metric") || DEFAULT_MEASURE);
  if (!measure) return undefined;
  const years = reader.years();
  const asked = Number(search.get("year"));
  const year = years.includes(asked) ? asked : (years.at(-1) ?? null);
  const region = /^\d{2,9}$/.test(search.get("region") ?? "") ? search.get("region")! : "";
  const level = LEVEL_CODES.includes(search.get("level") ?? "") ? search.get("level")! : "";
  const order = search.get("order") === "asc" ? "asc" : "desc";
  const min = measure.denominator.length
    ? Math.min(1e9, Math.max(0, Math.floor(Number(search.get("min")) || 0)))
    : 0;
  const direct = [...new Set([...measure.numerator, ...measure.denominator])];
  const found =
    year === null
      ? []
      : reader.rank({ year, codes: direct, region: region || undefined, level: level || undefined });
  // Only reports lacking a figure need the columns a missing 总计 may be summed from (few, usually).
  const parts = codesOf(measure).filter((code) => !direct.includes(code));
  const lacking = found.filter((row) => direct.some((code) => !row.values.has(code)));
  if (parts.length && lacking.length) {
    const more = reader.values(
      lacking.map((row) => row.reportId),
      parts,
    );
    for (const row of lacking)
      for (const [code, value] of more.get(row.reportId) ?? []) row.values.set(code, value);
  }
  const all = found.map((row) => {
    const summed = fillColumnTotals(row.values, direct);
    return { ...row, value: compute(measure, row.values), summed: summed.length > 0 };
  });
  const rows = min > 0 ? all.filter((row) => (sumOf(row.values, measure.denominator) ?? -1) >= min) : all;
  rows.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return order === "desc" ? b.value - a.value : a.value - b.value;
  });
  return { measure, year, years, region, level, order, min, belowMin: all.length - rows.length, rows };
}

export function rankPage(ctx: PageContext, reader: StoreReader, view: RankView): Html {
  const { lang } = ctx;
  const { measure } = view;
  const provinces = reader.regionPrefixes(2);
  const cities =
    view.region.length >= 2
      ? reader.regionPrefixes(4, view.region.slice(0, 2)).filter((c) => !c.endsWith("00"))
      : [];
  const sortLink = (order: "asc" | "desc") => {
    const q = new URLSearchParams(ctx.search);
    q.set("order", order);
    return `/rank?${q.toString()}`;
  };
  const ranked = view.rows.filter((r) => r.value !== null);
  const bars = ranked.slice(0, CHART_BARS);
  const body = html` <h1>${t(lang, "rankTitle")}</h1>
    <form class="filters" action="/rank" method="get" id="rank-form">
      ${measureSelect(ctx, measure.key)}
      <label
        >${t(lang, "year")}
        <select name="year">
          ${view.years.map((y) => html`<option ${y === view.year ? "selected" : ""}>${y}</option>`)}
        </select></label
      >
      <label
        >${t(lang, "region")}
        <select name="region" data-autosubmit="1">
          <option value="">${t(lang, "any")}</option>
          ${provinces.map((p) => html`<option value="${p}" ${p === view.region ? "selected" : ""}>${regionLabel(p)}</option>`)}
          ${cities.map((c) => html`<option value="${c}" ${c === view.region ? "selected" : ""}>— ${regionLabel(c)}</option>`)}
        </select></label
      >
      <label
        >${t(lang, "level")}
        <select name="level">
          <option value="">${t(lang, "any")}</option>
          ${LEVEL_CODES.map((v) => html`<option value="${v}" ${v === view.level ? "selected" : ""}>${levelName(lang, v)}</option>`)}
        </select></label
      >
      ${
        measure.denominator.length
          ? html`<label
              >${t(lang, "minBase")}
              <input type="number" name="min" min="0" step="1" value="${view.min || ""}" class="min-base"
            /></label>`
          : ""
      }
      <label
        >${t(lang, "sort")}
        <select name="order">
          <option value="desc" ${view.order === "desc" ? "selected" : ""}>${t(lang, "descending")}</option>
          <option value="asc" ${view.order === "asc" ? "selected" : ""}>${t(lang, "ascending")}</option>
        </select></label
      >
      <button type="submit">${t(lang, "apply")}</button>
    </form>
    <p class="formula">
      ${measure.label[lang]}${measure.denominator.length ? html` = ${measure.formula[lang]}` : ""} ·
      ${view.year ?? ""} · ${view.region ? regionLabel(view.region) : t(lang, "any")} ·
      ${ranked.length}/${view.rows.length}${view.belowMin ? html` · ${t(lang, "belowMin", { n: view.min, count: view.belowMin })}` : ""}
    </p>
    ${
      bars.length
        ? chart(
            {
              type: "bar",
              horizontal: true,
              title: measure.label[lang],
              categories: bars.map((r) => r.agency),
              series: [{ name: measure.label[lang], data: bars.map((r) => r.value) }],
              percent: measure.percent,
            },
            "chart bars",
          )
        : ""
    }
    ${downloadLinks(ctx, "/rank")}
    <div class="scroll">
      <table class="data" id="rank-table">
        <thead>
          <tr>
            <th>#</th>
            <th>${t(lang, "body")}</th>
            <th>${t(lang, "region")}</th>
            <th class="num">
              <a href="${sortLink(view.order === "desc" ? "asc" : "desc")}"
                >${measure.label[lang]} ${view.order === "desc" ? "↓" : "↑"}</a
              >
            </th>
            ${
              measure.denominator.length
                ? html`<th class="num">${t(lang, "numerator")}</th>
                    <th class="num">${t(lang, "denominator")}</th>`
                : ""
            }
          </tr>
        </thead>
        <tbody>
          ${view.rows.map((row, i) => {
            const sum = (codes: string[]) =>
              codes.reduce<number | null>(
                (s, c) => (s === null || !row.values.has(c) ? null : s + row.values.get(c)!),
                0,
              );
            return html`<tr>
              <td class="num">${row.value === null ? "" : i + 1}</td>
              <th scope="row"><a href="/reports/${row.reportId}">${row.agency}</a></th>
              <td>${row.regionName ?? ""}</td>
              <td class="num" ${row.value === null ? html`title="${t(lang, "notComputable")}"` : ""}>
                ${formatMeasure(measure, row.value)}${row.summed && row.value !== null ? html`<sup class="summed" title="${t(lang, "columnSum")}">Σ</sup>` : ""}
              </td>
              ${
                measure.denominator.length
                  ? html`<td class="num">${formatNumber(sum(measure.numerator))}</td>
                      <td class="num">${formatNumber(sum(measure.denominator))}</td>`
                  : ""
              }
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${view.rows.some((row) => row.summed && row.value !== null) ? html`<p class="muted">${t(lang, "columnSum")}</p>` : ""}`;
  return page(ctx, t(lang, "rankTitle"), body, { charts: true });
}

export function rankSheets(view: RankView): Sheet[] {
  const { measure } = view;
  const sum = (values: Map<string, number>, codes: string[]) =>
    codes.reduce<number | null>((s, c) => (s === null || !values.has(c) ? null : s + values.get(c)!), 0);
  return [
    {
      name: { zh: "排名", en: "ranking" },
      columns: [
        { key: "rank", label: { zh: "名次", en: "rank" }, type: "count" },
        { key: "body", label: { zh: "机构", en: "body" } },
        { key: "region", label: { zh: "地区", en: "region" } },
        { key: "year", label: { zh: "年度", en: "year" }, type: "count" },
        { key: "value", label: measure.label, type: measure.percent ? "percent" : "number" },
        { key: "numerator", label: { zh: "分子", en: "numerator" }, type: "count" },
        { key: "denominator", label: { zh: "分母", en: "denominator" }, type: "count" },
        { key: "summed", label: { zh: "总计由各列相加", en: "totals_summed_from_columns" } },
        { key: "report_id", label: { zh: "报告编号", en: "report_id" }, type: "count" },
      ],
      rows: view.rows.map((row, i) => ({
        rank: row.value === null ? null : i + 1,
        body: row.agency,
        region: row.regionName,
        year: view.year,
        value: row.value,
        numerator: sum(row.values, measure.numerator),
        denominator: measure.denominator.length ? sum(row.values, measure.denominator) : null,
        summed: row.summed && row.value !== null ? "Σ" : null,
        report_id: row.reportId,
      })),
    },
  ];
}

// --- compare -------------------------------------------------------------------------------------

export const MAX_COMPARED = 5;

export interface CompareView {
  measure: Rate;
  bodies: Body[];
  years: number[];
  /** body id → year → value */
  values: Map<number, Map<number, number | null>>;
  /** "bodyId:year" whose value uses a table-3 total summed from the printed columns. */
  summed: Set<string>;
}

export function compareIds(search: URLSearchParams): number[] {
  const ids = search
    .getAll("id")
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0);
  return [...new Set(ids)].slice(0, MAX_COMPARED);
}

export function loadCompare(reader: StoreReader, search: URLSearchParams): CompareView | undefined {
  const measure = measureFor(search.get("metric") || DEFAULT_MEASURE);
  if (!measure) return undefined;
  const bodies = reader.bodies(compareIds(search));
  const series = reader.series(
    bodies.map((b) => b.id),
    codesOf(measure),
  );
  const yearSet = new Set<number>();
  const values = new Map<number, Map<number, number | null>>();
  const summed = new Set<string>();
  for (const body of bodies) {
    const byYear = new Map<number, number | null>();
    for (const [year, figures] of series.get(body.id) ?? []) {
      yearSet.add(year);
      if (fillColumnTotals(figures, [...measure.numerator, ...measure.denominator]).length)
        summed.add(`${body.id}:${year}`);
      byYear.set(year, compute(measure, figures));
    }
    values.set(body.id, byYear);
  }
  return { measure, bodies, years: [...yearSet].sort((a, b) => a - b), values, summed };
}

export function comparePage(ctx: PageContext, view: CompareView, lang: Lang = ctx.lang): Html {
  const { measure } = view;
  const withoutBody = (id: number) => {
    const q = new URLSearchParams(ctx.search);
    const rest = q.getAll("id").filter((v) => v !== String(id));
    q.delete("id");
    for (const v of rest) q.append("id", v);
    return `/compare?${q.toString()}`;
  };
  const body = html` <h1>${t(lang, "compareTitle")}</h1>
    <p class="muted">${t(lang, "compareHint")}</p>
    <form class="filters" action="/compare" method="get" id="compare-form">
      ${view.bodies.map((b) => html`<input type="hidden" name="id" value="${b.id}" />`)}
      ${measureSelect(ctx, measure.key)}
      <label
        >${t(lang, "addBody")} <input type="search" name="add" placeholder="${t(lang, "searchPlaceholder")}"
      /></label>
      <button type="submit">${t(lang, "apply")}</button>
    </form>
    <ul class="chips">
      ${view.bodies.map((b) => html`<li><a href="/bodies/${b.id}">${b.name}</a> <a class="remove" href="${withoutBody(b.id)}" aria-label="${t(lang, "remove")}">×</a></li>`)}
    </ul>
    ${
      view.bodies.length
        ? html`<p class="formula">
              ${measure.label[lang]}${measure.denominator.length ? html` = ${measure.formula[lang]}` : ""}
            </p>
            ${chart(
              {
                type: "line",
                title: measure.label[lang],
                categories: view.years,
                series: view.bodies.map((b) => ({
                  name: b.name,
                  data: view.years.map((y) => view.values.get(b.id)?.get(y) ?? null),
                })),
                percent: measure.percent,
              },
              "chart wide",
            )}
            ${downloadLinks(ctx, "/compare")}
            <div class="scroll">
              <table class="data" id="compare-table">
                <thead>
                  <tr>
                    <th>${t(lang, "body")}</th>
                    ${view.years.map((y) => html`<th class="num">${y}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${view.bodies.map(
                    (b) =>
                      html`<tr>
                        <th scope="row">${b.name}</th>
                        ${view.years.map((y) => {
                          const value = view.values.get(b.id)?.get(y) ?? null;
                          const summed = value !== null && view.summed.has(`${b.id}:${y}`);
                          return html`<td class="num">
                            ${formatMeasure(measure, value)}${summed ? html`<sup class="summed" title="${t(lang, "columnSum")}">Σ</sup>` : ""}
                          </td>`;
                        })}
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            ${view.summed.size ? html`<p class="muted">${t(lang, "columnSum")}</p>` : ""}`
        : ""
    }`;
  return page(ctx, t(lang, "compareTitle"), body, { charts: true });
}

export function compareSheets(view: CompareView): Sheet[] {
  return [
    {
      name: { zh: "机构对比", en: "comparison" },
      columns: [
        { key: "body", label: { zh: "机构", en: "body" } },
        ...view.years.map((y) => ({
          key: `y${y}`,
          label: { zh: `${y}年`, en: String(y) },
          type: (view.measure.percent ? "percent" : "number") as "percent" | "number",
        })),
      ],
      rows: view.bodies.map((b) => {
        const record: Sheet["rows"][number] = { body: b.name };
        for (const y of view.years) record[`y${y}`] = view.values.get(b.id)?.get(y) ?? null;
        return record;
      }),
    },
  ];
}
