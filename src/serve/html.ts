// Page frame and small HTML helpers. Every value goes through Hono's `html` tagged template, which
// escapes strings (a report title with <script> renders as text); only fragments built by the same
// template are inserted unescaped. Pages carry no inline script: behaviour lives in /assets/app.js.
import { html } from "hono/html";
import { t, type Lang } from "./i18n.js";
import type { Label } from "./layout.js";

export type Html = ReturnType<typeof html>;

export interface PageContext {
  lang: Lang;
  /** The request's path and query, for the language switch and download links. */
  path: string;
  search: URLSearchParams;
}

export function label(ctx: PageContext, text: Label): string {
  return text[ctx.lang];
}

// One formatter per precision: creating an Intl.NumberFormat per call (toLocaleString) was most of
// a report page's time.
const numberFormats = new Map<number, Intl.NumberFormat>();

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return "—";
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    numberFormats.set(digits, format);
  }
  return format.format(value);
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${(value * 100).toFixed(1)}%`;
}

/** A link to a document's source: only http(s) URLs become links (a stored URL is document data). */
export function externalLink(url: string | null, text: string): Html {
  if (!url || !/^https?:\/\//i.test(url)) return html`${text}`;
  return html`<a href="${url}" rel="noopener noreferrer nofollow" target="_blank">${text}</a>`;
}

/**
 * A body's region: its name, or, for a body the store could not place, a short note in the page's
 * language with the store's full explanation (e.g. the candidate places of a shared name) on hover.
 */
export function regionText(lang: Lang, body: { regionName: string | null; regionNote: string | null }): Html {
  if (body.regionName) return html`${body.regionName}`;
  if (!body.regionNote) return html``;
  return html`<span class="muted" title="${body.regionNote}">${t(lang, "regionUnplaced")}</span>`;
}

/** The same page as CSV (zh or en headers) and XLSX. */
export function downloadLinks(ctx: PageContext, base: string): Html {
  const query = new URLSearchParams(ctx.search);
  query.delete("page");
  query.delete("lang");
  const withLang = (lang: Lang) => {
    const q = new URLSearchParams(query);
    q.set("lang", lang);
    return `?${q.toString()}`;
  };
  return html`<p class="downloads">
    ${t(ctx.lang, "download")}:
    <a href="${base}.csv${withLang("zh")}" download>${t(ctx.lang, "csvZh")}</a>
    <a href="${base}.csv${withLang("en")}" download>${t(ctx.lang, "csvEn")}</a>
    <a href="${base}.xlsx${withLang(ctx.lang)}" download>${t(ctx.lang, "xlsx")}</a>
  </p>`;
}

/** A chart drawn by app.js with ECharts from the JSON in its data attribute (escaped like any attribute). */
export function chart(spec: ChartSpec, className = "chart"): Html {
  return html`<div
    class="${className}"
    data-chart="${JSON.stringify(spec)}"
    role="img"
    aria-label="${spec.title}"
  ></div>`;
}

export interface ChartSpec {
  type: "line" | "bar";
  title: string;
  categories: (string | number)[];
  series: { name: string; data: (number | null)[] }[];
  percent?: boolean;
  horizontal?: boolean;
}

export function page(ctx: PageContext, title: string, body: Html, options: { charts?: boolean } = {}): Html {
  const next = `${ctx.path}${ctx.search.size ? `?${ctx.search.toString()}` : ""}`;
  const other: Lang = ctx.lang === "zh" ? "en" : "zh";
  return html`<!doctype html>
    <html lang="${ctx.lang === "zh" ? "zh-CN" : "en"}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${t(ctx.lang, "appName")}</title>
        <link rel="stylesheet" href="/assets/style.css" />
        ${options.charts ? html`<script src="/assets/echarts.min.js" defer></script>` : ""}
        <script src="/assets/app.js" defer></script>
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">${t(ctx.lang, "appName")}</a>
          <form class="quick" action="/search" method="get" role="search">
            <input
              type="search"
              name="q"
              placeholder="${t(ctx.lang, "searchPlaceholder")}"
              aria-label="${t(ctx.lang, "search")}"
              value="${ctx.path === "/search" ? (ctx.search.get("q") ?? "") : ""}"
            />
            <button type="submit">${t(ctx.lang, "search")}</button>
          </form>
          <nav>
            <a href="/rank">${t(ctx.lang, "rank")}</a>
            <a href="/compare">${t(ctx.lang, "compare")}</a>
            <a href="/download/nianbao.db">${t(ctx.lang, "downloadDb")}</a>
            <a class="lang" id="lang-switch" href="/lang/${other}?next=${encodeURIComponent(next)}"
              >${t(ctx.lang, "language")}</a
            >
          </nav>
        </header>
        <main>${body}</main>
        <footer><p>${t(ctx.lang, "tagline")}</p></footer>
        <div id="popup" class="popup" hidden role="dialog" aria-modal="false">
          <button type="button" class="popup-close" aria-label="${t(ctx.lang, "close")}">×</button>
          <div class="popup-body"></div>
        </div>
      </body>
    </html>`;
}
