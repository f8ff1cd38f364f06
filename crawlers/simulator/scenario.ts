// Ready-made simulated portal sets: the default one (npm start / nianbao demo) with every family
// and some hazards, and helpers turning a running simulator into crawler sources.
import type { CrawlSource } from "../crawler.js";
import { escapeHtml, makeReports, type ReportForm, type SimReport } from "./content.js";
import { REAL_DOCUMENTS, realDocumentIdentities, realDocumentsAvailable, realReport } from "./documents.js";
import type { HostHazards } from "./hazards.js";
import { startSimulator, type Simulator, type SimulatorOptions, type SimulatorSpec } from "./server.js";
import { html, type SimSite } from "./site.js";
import { FAMILY_SITES } from "./sites/index.js";

const {
  trs: trsSite,
  hanweb: hanwebSite,
  fujian: fujianSite,
  gkmlpt: gkmlptSite,
  govcn: govcnSite,
} = FAMILY_SITES;

/** Cycles through forms so every family publishes inline pages and attachments. */
export function formCycle(forms: ReportForm[]): (i: number) => ReportForm {
  return (i) => forms[i % forms.length]!;
}

/** A host that copies report pages verbatim (mirror domains); crawlers must not follow it. */
export function mirrorSite(label: string, origin: string): SimSite {
  return {
    label,
    family: "mirror",
    entries: [`${origin}/`],
    reports: [],
    route: (req) =>
      html(
        `<html><head><meta charset="utf-8"><title>转载</title></head><body><h1>${escapeHtml(req.path)}</h1><p>本页转载自政府网站。</p></body></html>`,
      ),
  };
}

export interface DefaultScenarioOptions {
  seed?: string;
  /** Report forms to cycle through (the demo uses forms the parser reads: inline HTML and text). */
  forms?: ReportForm[];
  /** Multiplies the number of reports per site. */
  scale?: number;
  /**
   * Also publish real PDF, DOCX and DOC-named-.wps attachments (the test fixtures, documents.ts),
   * one or two per family (default: when the fixtures are present).
   */
  realDocuments?: boolean;
}

/**
 * The default simulated portals: TRS (UTF-8, with a site-wide aggregate and noisy listings), a TRS
 * GBK twin, Hanweb JCMS (datastore + dataproxy), the Fujian JSON platform, Guangdong gkmlpt, a
 * gov.cn-style site, plus hosts a crawler must not get anything from: an anti-bot host, a host whose
 * robots.txt disallows everything, and a mirror domain.
 */
export function defaultScenario(options: DefaultScenarioOptions = {}): SimulatorSpec {
  const seed = options.seed ?? "nianbao-sim";
  const forms = formCycle(
    options.forms ?? ["inline", "inline", "text", "inline", "inline+pdf", "inline", "text", "image"],
  );
  const scale = options.scale ?? 1;
  const real = options.realDocuments ?? realDocumentsAvailable();
  const reserved = real ? realDocumentIdentities() : new Set<string>();
  const take = (() => {
    // Generated reports never share an agency-year with a real document.
    const pool = makeReports(seed, Math.round(100 * scale) + reserved.size, forms).filter(
      (r) => !reserved.has(`${r.agency}|${r.year}`),
    );
    let at = 0;
    return (n: number): SimReport[] => pool.slice(at, (at += Math.round(n * scale)));
  })();
  const withReal = (reports: SimReport[], ...added: SimReport[]) => (real ? [...reports, ...added] : reports);
  const D = REAL_DOCUMENTS;
  const trsReports = [
    withReal(take(8), realReport(D.pdfRepeatedHeader, "pdf")),
    withReal(take(7), realReport(D.docx2021, "docx")),
  ];
  const gbkReports = withReal(take(6), realReport(D.pdfWrappedLabels, "pdf"));
  const hanwebReports = withReal(take(36), realReport(D.docx2019, "docx"));
  const fujianReports = withReal(take(12), realReport(D.wps, "wps"));
  const gkmlptReports = withReal(take(14), realReport(D.pdfSplitTable, "pdf"));
  const govcnReports = withReal(take(10), realReport(D.pdfRuleLess, "pdf"));
  const blockedReports = take(3);
  return {
    sites: [
      {
        label: "trs",
        hazards: { robots: { disallow: ["/search/", "/was5/"] }, flaky: {}, broken: [] },
        factory: (origin, originOf) =>
          trsSite("trs", origin, {
            siteName: "示范市人民政府",
            columns: [
              {
                path: "/zfxxgk/bmzfxxgk/sswj/zfxxgk/zfxxgknb/",
                name: "政府信息公开年报",
                ext: "htm",
                pager: 1,
                reports: trsReports[0]!,
                news: 4,
                noise: { old404: 2, soft404: true, mirrorOrigin: originOf("mirror") },
              },
              {
                path: "/zfxxgk/bmzfxxgk/scjgj/zfxxgk/zfxxgknb/",
                name: "政府信息公开年报",
                ext: "html",
                pager: 2,
                reports: trsReports[1]!,
                news: 5,
                noise: { deleted: true },
              },
            ],
            aggregatePath: "/zfxxgk/zfxxgkndbg/",
          }),
      },
      {
        label: "trs-gbk",
        factory: (origin) =>
          trsSite("trs-gbk", origin, {
            siteName: "示范县人民政府〔GBK〕",
            columns: [
              {
                path: "/xxgk/xxgknb/",
                name: "信息公开年报",
                ext: "shtml",
                pager: 3,
                reports: gbkReports,
                news: 3,
              },
            ],
            encoding: "gbk",
            idBase: 2_000_000,
          }),
      },
      {
        label: "hanweb",
        factory: (origin) =>
          hanwebSite("hanweb", origin, {
            siteName: "示范区人民政府",
            columnId: 1229134035,
            unitId: 212860,
            reports: hanwebReports,
            news: 24,
            gbkFilenames: true,
          }),
      },
      {
        label: "fujian",
        factory: (origin) =>
          fujianSite("fujian", origin, {
            siteName: "示范市民族宗教事务局",
            columnPath: "/zfxxgk/bmzfxxgk/ptsmzj/zfxxgk/zfxxgknb/",
            channelId: 229105,
            chnlId: 38159,
            reports: fujianReports,
            deleted: 1,
          }),
      },
      {
        label: "gkmlpt",
        factory: (origin) =>
          gkmlptSite("gkmlpt", origin, {
            siteName: "示范市龙岗区",
            columnId: 2811,
            sid: 755031,
            columnPath: "/xxgk/xxgknb/qzfgzbm/",
            reports: gkmlptReports,
          }),
      },
      {
        label: "govcn",
        factory: (origin) =>
          govcnSite("govcn", origin, {
            siteName: "示范部",
            columnPath: "/zfxxgkndbg/",
            reports: govcnReports,
          }),
      },
      {
        label: "blocked",
        hazards: { challenge: "ruishu-412" },
        factory: (origin) =>
          trsSite("blocked", origin, {
            siteName: "示范省药品监督管理局",
            columns: [
              {
                path: "/xxgk/ndbg/",
                name: "年度报告",
                ext: "html",
                pager: 1,
                reports: blockedReports,
                news: 0,
              },
            ],
            idBase: 3_000_000,
          }),
      },
      {
        label: "robots",
        hazards: { robots: "disallow-all" },
        factory: (origin) =>
          govcnSite("robots", origin, {
            siteName: "示范区（禁止抓取）",
            columnPath: "/zfxxgk/zfxxgknb/",
            reports: [],
          }),
      },
      { label: "mirror", factory: (origin) => mirrorSite("mirror", origin) },
    ],
  };
}

/** Labels of default-scenario hosts from which nothing can or may be fetched. */
export const OFF_LIMITS = new Set(["blocked", "robots", "mirror"]);

export async function startDefaultSimulator(
  options: DefaultScenarioOptions = {},
  serverOptions: SimulatorOptions = {},
): Promise<Simulator> {
  return startSimulator(defaultScenario(options), serverOptions);
}

/** Crawler sources for a running simulator: one per site, except the mirror (a non-government host). */
export function simulatorSources(
  sim: Simulator,
  hazardsOverride?: Record<string, HostHazards>,
): CrawlSource[] {
  for (const [label, hazards] of Object.entries(hazardsOverride ?? {})) sim.setHazards(label, hazards);
  return sim.sites
    .filter((s) => s.family !== "mirror")
    .map((s) => ({
      id: `sim-${s.label}`,
      name: `simulated ${s.family} portal (${s.label})`,
      entries: s.entries,
      allowedHosts: [new URL(s.entries[0]!).host],
    }));
}
