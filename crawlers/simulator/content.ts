// Report content for the simulated portals, made by the project's synthetic report generator
// (src/synth) so every served report has known figures. The simulator wraps the report body in each
// family's own page chrome and can also serve it as a tab-separated text attachment.
import * as cheerio from "cheerio/slim";
import iconv from "iconv-lite";
import {
  createReport,
  createRng,
  pickHtmlOptions,
  pickTextOptions,
  renderHtml,
  renderText,
  type ReportOptions,
  type SynthReport,
} from "../../src/synth/index.js";

/**
 * How a report is published on its article page. "viewer": the PDF is shown in an iframe through a
 * pdf.js viewer (`/pdfjs/web/viewer.html?file=…`) and the page has no link to it.
 */
export type ReportForm =
  "inline" | "inline+pdf" | "text" | "pdf" | "viewer" | "docx" | "doc" | "wps" | "image";

export interface SimReport {
  /** Stable key (seed) of the report. */
  key: string;
  agency: string;
  year: number;
  /** The title as listings show it (one line). */
  title: string;
  /** Publication date YYYY-MM-DD. */
  published: string;
  form: ReportForm;
  synth: SynthReport;
  /** A real document served as the attachment (documents.ts); otherwise a stand-in is served. */
  file?: string;
}

/** Makes `count` reports with distinct agency-year pairs, deterministically from `seed`. */
export function makeReports(
  seed: string,
  count: number,
  forms: (i: number) => ReportForm,
  since = 2019,
): SimReport[] {
  const seen = new Set<string>();
  const out: SimReport[] = [];
  for (let i = 0; out.length < count && i < count * 20; i++) {
    const synth = createReport(`${seed}-${i}`);
    const identity = `${synth.agency.name}|${synth.year}`;
    if (seen.has(identity) || synth.year < since) continue;
    seen.add(identity);
    out.push({
      key: `${seed}-${i}`,
      agency: synth.agency.name,
      year: synth.year,
      title:
        synth.title.text.replace(/\n/g, "") + (forms(out.length) === "image" && i % 2 ? "（图片版）" : ""),
      published: synth.published,
      form: forms(out.length),
      synth,
    });
  }
  return out;
}

/** The report's article body (headings, prose, tables) as HTML, without any page chrome. */
export function reportBodyHtml(report: SimReport): string {
  const rng = createRng(`${report.key}-html`);
  const options = { ...pickHtmlOptions(rng), chrome: false, encoding: "utf-8" as const };
  const html = new TextDecoder().decode(renderHtml(report.synth, options, rng, report.key).bytes);
  return cheerio.load(html)("body").html() ?? "";
}

/** The report copied out as text, in one of the real copy-out styles (tabs, aligned columns …). */
export function reportText(report: SimReport): string {
  const rng = createRng(`${report.key}-text`);
  return new TextDecoder().decode(renderText(report.synth, pickTextOptions(rng), rng, report.key).bytes);
}

export function encode(text: string, charset: "utf-8" | "gbk"): Uint8Array {
  return charset === "gbk" ? new Uint8Array(iconv.encode(text, "gbk")) : new TextEncoder().encode(text);
}

/** Minimal files with the right magic bytes for attachment forms the simulator cannot render for real. */
export function stubFile(
  form: "pdf" | "docx" | "doc" | "wps" | "xls" | "ofd",
  label: string,
  padTo = 0,
): Uint8Array {
  const head: Record<typeof form, number[]> = {
    pdf: [...Buffer.from("%PDF-1.4\n")],
    docx: [0x50, 0x4b, 0x03, 0x04],
    ofd: [0x50, 0x4b, 0x03, 0x04],
    doc: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    wps: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    xls: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  };
  const body = Buffer.concat([Buffer.from(head[form]), Buffer.from(`\n${label}\n`)]);
  return padTo > body.length ? Buffer.concat([body, Buffer.alloc(padTo - body.length, 0x20)]) : body;
}

/** A 1×1 PNG: the tables of an image-only report. */
export const TINY_PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

export const NEWS_TITLES = [
  "召开2024年度政务公开工作推进会",
  "一图读懂2023年政府信息公开工作年度报告",
  "关于做好2023年政府信息公开工作年度报告编制工作的通知",
  "石狮市2023年政府信息公开工作年度报告公布情况",
  "开展政务公开业务培训",
  "2023年政务公开工作要点",
  "关于公布2022年度行政规范性文件清理结果的公告",
  "局领导带队开展安全生产检查",
];

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** One body's report for one year (a series of one body over years), with the clean national layout. */
export function bodyReport(
  key: string,
  agency: NonNullable<ReportOptions["agency"]>,
  year: number,
  form: ReportForm = "inline",
): SimReport {
  const synth = createReport(key, { agency, year, clean: true });
  return {
    key,
    agency: agency.name,
    year,
    title: synth.title.text.replace(/\n/g, ""),
    published: synth.published,
    form,
    synth,
  };
}
