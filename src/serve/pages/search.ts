// Search and browse: one box (names, printed aliases, region names, pinyin initials), filters by
// province / city / level / year / template / status, the store's coverage by year, and the
// matching bodies × years grid (each cell a report, coloured by status, or missing).
import { html } from "hono/html";
import { regionIndex } from "../../agencies/regions.js";
import { downloadLinks, page, regionText, type Html, type PageContext } from "../html.js";
import { LEVEL_CODES, STATUS_CODES, levelName, statusName, t, kindName } from "../i18n.js";
import { pinyinMatches } from "../pinyin.js";
import type { Body, BodyFilters, CoverageCell, StoreReader } from "../queries.js";
import type { Sheet } from "../sheets.js";

export const PAGE_SIZE = 50;
/** Downloads of a search hold every match, up to this many bodies. */
export const DOWNLOAD_LIMIT = 20_000;

export function filtersFrom(search: URLSearchParams): BodyFilters {
  const text = (name: string, pattern: RegExp) => {
    const value = search.get(name)?.trim();
    return value && pattern.test(value) ? value : undefined;
  };
  const year = text("year", /^\d{4}$/);
  return {
    q: search.get("q")?.trim().slice(0, 100) || undefined,
    province: text("province", /^\d{2}$/),
    city: text("city", /^\d{4}$/),
    level: LEVEL_CODES.includes(search.get("level") ?? "") ? search.get("level")! : undefined,
    year: year ? Number(year) : undefined,
    template: text("template", /^(2019|2021)$/),
    status: STATUS_CODES.includes(search.get("status") ?? "") ? search.get("status")! : undefined,
  };
}

export function regionLabel(code: string): string {
  const full = code.padEnd(6, "0");
  return regionIndex().byCode.get(full)?.name ?? code;
}

interface SearchResult {
  filters: BodyFilters;
  total: number;
  bodies: Body[];
  years: number[];
  coverage: Map<number, Map<number, CoverageCell>>;
  page: number;
}

export function runSearch(reader: StoreReader, search: URLSearchParams, all = false): SearchResult {
  const filters = filtersFrom(search);
  const pageNumber = Math.max(1, Math.min(100_000, Number(search.get("page")) || 1));
  const limit = all ? DOWNLOAD_LIMIT : PAGE_SIZE;
  const offset = all ? 0 : (pageNumber - 1) * PAGE_SIZE;
  const { total, bodies } = reader.searchBodies(
    filters,
    limit,
    offset,
    filters.q ? pinyinMatches(reader, filters.q) : [],
  );
  return {
    filters,
    total,
    bodies,
    years: reader.years(),
    coverage: reader.coverage(bodies.map((b) => b.id)),
    page: pageNumber,
  };
}

function select(
  name: string,
  current: string | undefined,
  options: { value: string; text: string }[],
  anyText: string,
  labelText: string,
): Html {
  return html`<label
    >${labelText}
    <select name="${name}" ${name === "province" ? html`data-autosubmit="1"` : ""}>
      <option value="">${anyText}</option>
      ${options.map((o) => html`<option value="${o.value}" ${o.value === current ? "selected" : ""}>${o.text}</option>`)}
    </select></label
  >`;
}

function filterForm(ctx: PageContext, reader: StoreReader, result: SearchResult): Html {
  const { lang } = ctx;
  const f = result.filters;
  const any = t(lang, "any");
  const provinces = reader.regionPrefixes(2).map((p) => ({ value: p, text: regionLabel(p) }));
  const cities = f.province
    ? reader
        .regionPrefixes(4, f.province)
        .filter((c) => !c.endsWith("00"))
        .map((c) => ({ value: c, text: regionLabel(c) }))
    : [];
  return html`<form class="filters" action="/search" method="get">
    <input
      type="search"
      name="q"
      value="${f.q ?? ""}"
      placeholder="${t(lang, "searchPlaceholder")}"
      aria-label="${t(lang, "search")}"
      id="search-q"
    />
    ${select("province", f.province, provinces, any, t(lang, "province"))}
    ${cities.length ? select("city", f.city, cities, any, t(lang, "city")) : ""}
    ${select(
      "level",
      f.level,
      LEVEL_CODES.map((v) => ({ value: v, text: levelName(lang, v) })),
      any,
      t(lang, "level"),
    )}
    ${select(
      "year",
      f.year?.toString(),
      result.years.map((y) => ({ value: String(y), text: String(y) })),
      any,
      t(lang, "year"),
    )}
    ${select(
      "template",
      f.template,
      ["2019", "2021"].map((v) => ({ value: v, text: v })),
      any,
      t(lang, "template"),
    )}
    ${select(
      "status",
      f.status,
      STATUS_CODES.map((v) => ({ value: v, text: statusName(lang, v) })),
      any,
      t(lang, "status"),
    )}
    <button type="submit" id="search-submit">${t(lang, "apply")}</button>
  </form>`;
}

function yearSummary(ctx: PageContext, reader: StoreReader): Html {
  const { lang } = ctx;
  const summary = reader.summary();
  const rows = reader.yearSummary();
  return html`<section class="coverage-summary">
    <h2>${t(lang, "coverage")}</h2>
    <p>
      ${t(lang, "storeSummary", { bodies: summary.bodies, reports: summary.reports })}${summary.failedDocuments ? html` · ${t(lang, "failedDocuments")}: ${summary.failedDocuments}` : ""}
    </p>
    <div class="scroll">
      <table class="data">
        <thead>
          <tr>
            <th>${t(lang, "year")}</th>
            ${[...STATUS_CODES, "missing"].map((s) => html`<th><span class="sw st-${s}"></span>${statusName(lang, s)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => {
            const present = STATUS_CODES.reduce((sum, s) => sum + (row.counts[s] ?? 0), 0);
            return html`<tr>
              <th scope="row"><a href="/search?year=${row.year}">${row.year}</a></th>
              ${STATUS_CODES.map(
                (s) =>
                  html`<td class="num">
                    <a href="/search?year=${row.year}&amp;status=${s}">${row.counts[s] ?? 0}</a>
                  </td>`,
              )}
              <td class="num">${summary.bodies - present}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    <p class="muted">${t(lang, "coverageNote")}</p>
  </section>`;
}

function pager(ctx: PageContext, result: SearchResult): Html {
  const pages = Math.ceil(result.total / PAGE_SIZE);
  if (pages <= 1) return html``;
  const link = (n: number) => {
    const q = new URLSearchParams(ctx.search);
    q.set("page", String(n));
    return `/search?${q.toString()}`;
  };
  return html`<nav class="pager">
    ${result.page > 1 ? html`<a href="${link(result.page - 1)}">${t(ctx.lang, "previous")}</a>` : ""}
    <span>${result.page} / ${pages}</span>
    ${result.page < pages ? html`<a href="${link(result.page + 1)}" rel="next">${t(ctx.lang, "next")}</a>` : ""}
  </nav>`;
}

export function searchPage(ctx: PageContext, reader: StoreReader, result: SearchResult, home: boolean): Html {
  const { lang } = ctx;
  const rows = result.bodies.map((body) => {
    const cells = result.coverage.get(body.id);
    return html`<tr>
      <td><input type="checkbox" name="id" value="${body.id}" aria-label="${body.name}" /></td>
      <th scope="row"><a class="body-link" href="/bodies/${body.id}">${body.name}</a></th>
      <td>${regionText(lang, body)}</td>
      <td>${levelName(lang, body.level)} ${kindName(lang, body.kind)}</td>
      ${result.years.map((year) => {
        const cell = cells?.get(year);
        return cell
          ? html`<td class="cov st-${cell.status}">
              <a href="/reports/${cell.reportId}" title="${year} ${statusName(lang, cell.status)}"
                >${String(year).slice(2)}</a
              >
            </td>`
          : html`<td class="cov st-missing" title="${year} ${statusName(lang, "missing")}"></td>`;
      })}
    </tr>`;
  });
  const body = html` ${home ? html`<h1>${t(lang, "tagline")}</h1>` : html`<h1>${t(lang, "search")}</h1>`}
    ${filterForm(ctx, reader, result)} ${home ? yearSummary(ctx, reader) : ""}
    <section>
      <h2>${home ? t(lang, "allBodies") : html`${result.total} ${t(lang, "results")}`}</h2>
      ${downloadLinks(ctx, "/search")}
      ${
        result.bodies.length === 0
          ? html`<p class="notice">${t(lang, "noResults")}</p>`
          : html`<form action="/compare" method="get">
              <div class="scroll">
                <table class="data results" id="results">
                  <thead>
                    <tr>
                      <th></th>
                      <th>${t(lang, "body")}</th>
                      <th>${t(lang, "region")}</th>
                      <th>${t(lang, "level")}</th>
                      ${result.years.map((y) => html`<th class="cov">${y}</th>`)}
                    </tr>
                  </thead>
                  <tbody>
                    ${rows}
                  </tbody>
                </table>
              </div>
              <button type="submit">${t(lang, "compareSelected")}</button>
            </form>`
      }
      ${pager(ctx, result)}
      <p class="legend">
        ${[...STATUS_CODES, "missing"].map((s) => html`<span class="sw st-${s}"></span>${statusName(lang, s)} `)}
      </p>
    </section>`;
  return page(ctx, home ? t(lang, "appName") : `${t(lang, "search")} ${result.filters.q ?? ""}`, body);
}

export function searchSheets(result: SearchResult): Sheet[] {
  const rows = result.bodies.map((body) => {
    const record: Sheet["rows"][number] = {
      id: body.id,
      name: body.name,
      region_code: body.regionCode,
      region: body.regionName,
      level: body.level,
      kind: body.kind,
      reports: body.reportCount,
    };
    const cells = result.coverage.get(body.id);
    for (const year of result.years) record[`y${year}`] = cells?.get(year)?.status ?? "missing";
    return record;
  });
  return [
    {
      name: { zh: "机构", en: "bodies" },
      columns: [
        { key: "id", label: { zh: "机构编号", en: "body_id" }, type: "count" },
        { key: "name", label: { zh: "机构", en: "body" } },
        { key: "region_code", label: { zh: "行政区划代码", en: "region_code" } },
        { key: "region", label: { zh: "地区", en: "region" } },
        { key: "level", label: { zh: "层级", en: "level" } },
        { key: "kind", label: { zh: "类型", en: "kind" } },
        { key: "reports", label: { zh: "报告数", en: "reports" }, type: "count" },
        ...result.years.map((year) => ({ key: `y${year}`, label: { zh: `${year}年`, en: String(year) } })),
      ],
      rows,
    },
  ];
}
