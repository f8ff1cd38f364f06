// A county portal that publishes its reports as pictures (图片版): the article page holds the
// report's prose and headings, and its tables are PNG images drawn from the synthetic report
// (src/synth/table-images.ts, at run time, cached), among the portal's own logo, icons, share
// buttons and badge — which a crawler must not fetch. A report can name images the server no
// longer has (404): the page must be stored all the same, the missing pictures said in issues.
import { escapeHtml, reportBodyHtml, TINY_PNG, type SimReport } from "../content.js";
import { expected, Registry, THIRD_PARTY_SCRIPTS } from "../publish.js";
import { html, notFound, type ExpectedReport, type SimResponse, type SimSite } from "../site.js";
import { tablesAsImages, type TablesAsImagesOptions } from "../../../src/synth/table-images.js";

export interface PicturesOptions {
  siteName: string;
  reports: {
    report: SimReport;
    /** Which of the report's tables are pictures (as tablesAsImages' `only`); default all. */
    pictures?: TablesAsImagesOptions["only"];
    /** The server lost the pictures: they answer 404. */
    missingPictures?: boolean;
  }[];
}

/** The portal's chrome pictures: fetched by a browser, never by the crawler. */
const CHROME_IMAGES = [
  "/images/logo.png",
  "/images/top-icon01.png",
  "/images/share-wx.png",
  "/images/conac.png",
];

function page(siteName: string, title: string, body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}_${escapeHtml(siteName)}</title></head><body>
<div class="header"><a href="/"><img src="/images/logo.png" alt="${escapeHtml(siteName)}"></a><img src="/images/top-icon01.png"></div>
<div class="nav"><a href="/">首页</a> <a href="/nb/">政府信息公开年报</a></div>
${body}
<div class="share">分享到：<img src="/images/share-wx.png"></div>
<div class="footer"><img src="/images/conac.png"> 主办单位：${escapeHtml(siteName)}</div>${THIRD_PARTY_SCRIPTS}</body></html>`;
}

export function picturesSite(label: string, origin: string, options: PicturesOptions): SimSite {
  const host = new URL(origin).host;
  const registry = new Registry();
  /** Article pages and each article's pictures (by their name prefix), made asynchronously. */
  const articles = new Map<string, () => Promise<SimResponse>>();
  const pictures = new Map<string, (ref: string) => Promise<SimResponse>>();
  const reports: ExpectedReport[] = [];
  const rows: string[] = [];
  for (const path of CHROME_IMAGES)
    registry.set(path, () => ({ status: 200, headers: { "content-type": "image/png" }, body: TINY_PNG }));

  options.reports.forEach((entry, i) => {
    const id = 2001 + i;
    const path = `/nb/${id}.html`;
    const report: SimReport = { ...entry.report, form: "image" };
    // The page with its tables drawn, made once on first request (sharp renders asynchronously).
    let made: ReturnType<typeof tablesAsImages> | null = null;
    const drawn = () =>
      (made ??= tablesAsImages(reportBodyHtml(report), {
        prefix: `W0${id}`,
        ...(entry.pictures ? { only: entry.pictures } : {}),
        draw: !entry.missingPictures,
      }));
    pictures.set(`W0${id}`, async (ref) => {
      const { images } = await drawn();
      const index = images.findIndex((image) => image.ref === ref);
      if (index < 0 || entry.missingPictures) return notFound();
      return { status: 200, headers: { "content-type": "image/png" }, body: images[index]!.png };
    });
    const articlePage = async (): Promise<SimResponse> => {
      const body = (await drawn()).html;
      return html(
        page(
          options.siteName,
          report.title,
          `<div class="article"><h1>${escapeHtml(report.title)}</h1>
<div class="info">发布日期：${report.published}</div>
<div class="TRS_Editor">${body}</div></div>`,
        ),
      );
    };
    articles.set(path, articlePage);
    rows.push(
      `<li><a href="${id}.html">${escapeHtml(report.title)}</a><span>${report.published}</span></li>`,
    );
    reports.push(expected(host, report, `${origin}${path}`, null));
  });
  registry.set("/nb/", () =>
    html(
      page(
        options.siteName,
        "政府信息公开年报",
        `<div class="list"><h3>政府信息公开年报</h3><ul>${rows.join("\n")}</ul></div>`,
      ),
    ),
  );

  return {
    label,
    family: "generic",
    entries: [`${origin}/nb/`],
    reports,
    route: async (req) => {
      if (req.method !== "GET") return notFound();
      const article = articles.get(req.path);
      if (article) return article();
      const picture = /^\/nb\/(W0\d+)table-\d+\.png$/.exec(req.path);
      if (picture) return pictures.get(picture[1]!)?.(req.path.slice("/nb/".length)) ?? notFound();
      return registry.get(req.path) ?? notFound();
    },
  };
}
