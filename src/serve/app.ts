// Routes of the web application (Hono). Stable URLs: /search?q=…, /bodies/<id>, /reports/<id>
// (the store's reports.id), /reports/<id>.csv and .xlsx, /reports/<id>/original and
// /reports/<id>/pictures/<n> (the pictures an HTML report showed), /rank, /compare,
// /download/nianbao.db. Every table view has .csv and .xlsx twins. Responses carry a CSP that
// allows scripts from this server only (no inline script), and nothing else is fetched.
import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { asset } from "./assets.js";
import { page, type Html, type PageContext } from "./html.js";
import { t, type Lang } from "./i18n.js";
import { bodyPage, bodySheets, loadBody } from "./pages/body.js";
import {
  comparePage,
  compareIds,
  compareSheets,
  loadCompare,
  loadRank,
  MAX_COMPARED,
  rankPage,
  rankSheets,
} from "./pages/rank.js";
import { loadReport, reportPage, reportSheets } from "./pages/report.js";
import { runSearch, searchPage, searchSheets } from "./pages/search.js";
import { isPinyinQuery, loadPinyin, pinyinMatches } from "./pinyin.js";
import type { StoreReader } from "./queries.js";
import { imageTypeOf } from "../model/image-types.js";
import { sheetsToCsv, sheetsToXlsx, type Sheet } from "./sheets.js";

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // ECharts positions its tooltip with inline style attributes; no script can run from a style.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

const LANG_COOKIE = "nianbao_lang";

function languageOf(c: Context, search: URLSearchParams): Lang {
  const asked = search.get("lang") ?? getCookie(c, LANG_COOKIE);
  return asked === "en" ? "en" : "zh";
}

/** `report-12.csv` plus the readable name as RFC 6266 filename*, with nothing that could break the header. */
export function contentDisposition(readable: string, fallback: string): string {
  const safe = readable.replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, "_").slice(0, 120);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

export const ORIGINAL_TYPES: Record<string, { type: string; ext: string }> = {
  html: { type: "text/html", ext: "html" },
  pdf: { type: "application/pdf", ext: "pdf" },
  // A PDF of page images read by OCR (parsers/ocr/scan.ts): still the PDF the portal served.
  scan: { type: "application/pdf", ext: "pdf" },
  docx: { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: "docx" },
  doc: { type: "application/msword", ext: "doc" },
  odt: { type: "application/vnd.oasis.opendocument.text", ext: "odt" },
  ofd: { type: "application/ofd", ext: "ofd" },
  rtf: { type: "application/rtf", ext: "rtf" },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ext: "xlsx" },
  xls: { type: "application/vnd.ms-excel", ext: "xls" },
  text: { type: "text/plain", ext: "txt" },
  markdown: { type: "text/markdown", ext: "md" },
};

type Download = "csv" | "xlsx";

/** `12`, `12.csv`, `12.xlsx` → id and format; anything else is not a route. */
function idAndFormat(text: string): { id: number; format: Download | null } | null {
  const match = /^(\d{1,12})(?:\.(csv|xlsx))?$/.exec(text);
  if (!match) return null;
  return { id: Number(match[1]), format: (match[2] as Download | undefined) ?? null };
}

export function createApp(reader: StoreReader): Hono {
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    // A stored original keeps its own, stricter policy (a sandbox).
    if (!c.res.headers.has("Content-Security-Policy")) c.header("Content-Security-Policy", CSP);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("X-Frame-Options", "DENY");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
  });

  const context = (c: Context): PageContext => {
    const url = new URL(c.req.url);
    return { lang: languageOf(c, url.searchParams), path: url.pathname, search: url.searchParams };
  };

  const htmlResponse = (c: Context, body: Html, status: 200 | 400 | 404 | 500 = 200) => {
    c.header("Cache-Control", "no-store");
    return c.html(body, status);
  };

  const errorPage = (c: Context, status: 400 | 404 | 500) => {
    const ctx = context(c);
    const key = status === 404 ? "notFound" : status === 400 ? "badRequest" : "serverError";
    return htmlResponse(
      c,
      page(
        ctx,
        t(ctx.lang, key),
        html`<h1>${t(ctx.lang, key)}</h1>
          <p><a href="/">${t(ctx.lang, "home")}</a></p>`,
      ),
      status,
    );
  };

  const sendSheets = async (
    c: Context,
    sheets: Sheet[],
    format: Download,
    readable: string,
    fallback: string,
  ) => {
    const lang = languageOf(c, new URL(c.req.url).searchParams);
    c.header("Content-Disposition", contentDisposition(`${readable}.${format}`, `${fallback}.${format}`));
    c.header("Cache-Control", "no-store");
    if (format === "csv") {
      c.header("Content-Type", "text/csv; charset=utf-8");
      return c.body(sheetsToCsv(sheets, lang));
    }
    c.header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return c.body(new Uint8Array(await sheetsToXlsx(sheets, lang)));
  };

  // --- search -----------------------------------------------------------------------------------
  // A query of pinyin initials asked before the server has loaded pinyin-pro waits for it (once).
  app.use(async (c, next) => {
    const q = new URL(c.req.url).searchParams;
    const text = q.get("q") ?? q.get("add");
    if (text && isPinyinQuery(text)) await loadPinyin();
    await next();
  });

  app.get("/", (c) => {
    const ctx = context(c);
    return htmlResponse(c, searchPage(ctx, reader, runSearch(reader, ctx.search), true));
  });
  app.get("/search", (c) => {
    const ctx = context(c);
    return htmlResponse(c, searchPage(ctx, reader, runSearch(reader, ctx.search), false));
  });
  for (const format of ["csv", "xlsx"] as const)
    app.get(`/search.${format}`, (c) =>
      sendSheets(
        c,
        searchSheets(runSearch(reader, context(c).search, true)),
        format,
        "nianbao-bodies",
        "bodies",
      ),
    );

  // --- bodies and reports -----------------------------------------------------------------------
  app.get("/bodies/:file", (c) => {
    const parsed = idAndFormat(c.req.param("file"));
    if (!parsed) return errorPage(c, 404);
    const view = loadBody(reader, parsed.id);
    if (!view) return errorPage(c, 404);
    if (parsed.format)
      return sendSheets(c, bodySheets(view), parsed.format, view.body.name, `body-${parsed.id}`);
    return htmlResponse(c, bodyPage(context(c), view));
  });

  app.get("/reports/:file", (c) => {
    const parsed = idAndFormat(c.req.param("file"));
    if (!parsed) return errorPage(c, 404);
    const view = loadReport(reader, parsed.id);
    if (!view) return errorPage(c, 404);
    if (parsed.format)
      return sendSheets(
        c,
        reportSheets(view, parsed.format),
        parsed.format,
        `${view.report.agency}-${view.report.year}`,
        `report-${parsed.id}`,
      );
    return htmlResponse(c, reportPage(context(c), view));
  });

  app.get("/reports/:id/original", (c) => {
    const parsed = idAndFormat(c.req.param("id"));
    if (!parsed || parsed.format) return errorPage(c, 404);
    const report = reader.report(parsed.id);
    const bytes = report ? reader.blob(report.sha256) : null;
    if (!report || !bytes) return errorPage(c, 404);
    const kind = (report.format === "image" ? imageTypeOf(bytes) : ORIGINAL_TYPES[report.format ?? ""]) ?? {
      type: "application/octet-stream",
      ext: "bin",
    };
    // Served as a download, sandboxed and never sniffed: an original is hostile input.
    c.header("Content-Type", kind.type);
    c.header(
      "Content-Disposition",
      contentDisposition(`${report.agency}-${report.year}.${kind.ext}`, `report-${report.id}.${kind.ext}`),
    );
    c.header("Cache-Control", "private, max-age=3600");
    const response = c.body(new Uint8Array(bytes));
    response.headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
    return response;
  });

  // A picture of an HTML report (its tables, read by OCR): shown in the page as the image type its
  // bytes prove; anything else the portal served is only a sandboxed download.
  app.get("/reports/:id/pictures/:position", (c) => {
    const parsed = idAndFormat(c.req.param("id"));
    const position = /^\d{1,4}$/.test(c.req.param("position")) ? Number(c.req.param("position")) : NaN;
    if (!parsed || parsed.format || !Number.isInteger(position)) return errorPage(c, 404);
    const report = reader.report(parsed.id);
    const picture = report
      ? reader.pictures(report.documentId).find((p) => p.position === position)
      : undefined;
    const bytes = picture?.sha256 ? reader.blob(picture.sha256) : null;
    if (!report || !bytes) return errorPage(c, 404);
    const image = imageTypeOf(bytes);
    const name = `report-${report.id}-picture-${position}.${image?.ext ?? "bin"}`;
    c.header("Content-Type", image?.type ?? "application/octet-stream");
    c.header("Content-Disposition", image ? `inline; filename="${name}"` : `attachment; filename="${name}"`);
    c.header("Cache-Control", "private, max-age=3600");
    const response = c.body(new Uint8Array(bytes));
    response.headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
    return response;
  });

  // --- rank and compare -------------------------------------------------------------------------
  const rankRoute = (format: Download | null) => (c: Context) => {
    const ctx = context(c);
    const view = loadRank(reader, ctx.search);
    if (!view) return errorPage(c, 400);
    if (format)
      return sendSheets(
        c,
        rankSheets(view),
        format,
        `nianbao-rank-${view.measure.key}-${view.year ?? ""}`,
        "rank",
      );
    return htmlResponse(c, rankPage(ctx, reader, view));
  };
  app.get("/rank", rankRoute(null));
  app.get("/rank.csv", rankRoute("csv"));
  app.get("/rank.xlsx", rankRoute("xlsx"));

  const compareRoute = (format: Download | null) => (c: Context) => {
    const ctx = context(c);
    const add = ctx.search.get("add")?.trim();
    if (add && !format) {
      // "Add a body by name": the best match joins the comparison (a redirect keeps URLs stable).
      const ids = compareIds(ctx.search);
      const found = reader.searchBodies({ q: add.slice(0, 100) }, 1, 0, pinyinMatches(reader, add)).bodies[0];
      if (found && !ids.includes(found.id) && ids.length < MAX_COMPARED) ids.push(found.id);
      const q = new URLSearchParams();
      for (const id of ids) q.append("id", String(id));
      q.set("metric", ctx.search.get("metric") ?? "granted_share");
      return c.redirect(`/compare?${q.toString()}`, 303);
    }
    const view = loadCompare(reader, ctx.search);
    if (!view) return errorPage(c, 400);
    if (format)
      return sendSheets(c, compareSheets(view), format, `nianbao-compare-${view.measure.key}`, "compare");
    return htmlResponse(c, comparePage(ctx, view));
  };
  app.get("/compare", compareRoute(null));
  app.get("/compare.csv", compareRoute("csv"));
  app.get("/compare.xlsx", compareRoute("xlsx"));

  // --- the whole database -----------------------------------------------------------------------
  app.get("/download/nianbao.db", async (c) => {
    // A consistent copy through SQLite's backup API (the live file may have a WAL beside it).
    const dir = await mkdtemp(join(tmpdir(), "nianbao-serve-"));
    const copy = join(dir, "nianbao.db");
    try {
      await reader.db.backup(copy);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const stream = createReadStream(copy);
    stream.on("close", () => void rm(dir, { recursive: true, force: true }));
    c.header("Content-Type", "application/vnd.sqlite3");
    c.header("Content-Disposition", contentDisposition("nianbao.db", "nianbao.db"));
    c.header("Cache-Control", "no-store");
    return c.body(Readable.toWeb(stream) as ReadableStream);
  });

  // --- language and assets ----------------------------------------------------------------------
  app.get("/lang/:lang", (c) => {
    const lang: Lang = c.req.param("lang") === "en" ? "en" : "zh";
    setCookie(c, LANG_COOKIE, lang, { path: "/", sameSite: "Lax", httpOnly: true, maxAge: 365 * 24 * 3600 });
    const next = c.req.query("next") ?? "/";
    // Only a path on this server: never "//host" or a scheme.
    const target = /^\/(?![/\\])[^\s]*$/.test(next) ? next : "/";
    return c.redirect(target, 303);
  });

  app.get("/assets/:name", (c) => {
    const found = asset(c.req.param("name"));
    if (!found) return errorPage(c, 404);
    if (c.req.header("if-none-match") === found.etag) return c.body(null, 304);
    c.header("Content-Type", found.type);
    c.header("ETag", found.etag);
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(new Uint8Array(found.body));
  });

  // Browsers ask for it on every site; there is none.
  app.get("/favicon.ico", (c) => c.body(null, 204));

  app.notFound((c) => errorPage(c, 404));
  app.onError((error, c) => {
    console.error(`nianbao serve: ${c.req.method} ${new URL(c.req.url).pathname}: ${error.message}`);
    return errorPage(c, 500);
  });
  return app;
}
