// Shared by the simulated families: a path → document registry (rendered lazily, then cached), and
// the way a report is laid out on an article page (inline tables, attachments, images).
import { readFileSync } from "node:fs";
import {
  encode,
  escapeHtml,
  reportBodyHtml,
  reportText,
  stubFile,
  TINY_PNG,
  type SimReport,
} from "./content.js";
import type { ExpectedReport, SimResponse } from "./site.js";

export const MEDIA_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  doc: "application/msword",
  wps: "application/kswps",
  xls: "application/vnd.ms-excel",
  ofd: "application/ofd",
  txt: "text/plain; charset=utf-8",
  png: "image/png",
};

export class Registry {
  private readonly makers = new Map<string, () => SimResponse>();
  private readonly cache = new Map<string, SimResponse>();

  set(path: string, make: () => SimResponse): void {
    this.makers.set(path, make);
  }

  has(path: string): boolean {
    return this.makers.has(path);
  }

  get(path: string): SimResponse | undefined {
    const cached = this.cache.get(path);
    if (cached) return cached;
    const make = this.makers.get(path);
    if (!make) return undefined;
    const made = make();
    this.cache.set(path, made);
    return made;
  }
}

/** An attachment of a report: where it lives and what it is. */
export interface AttachmentSpec {
  /** Absolute path on the host. */
  path: string;
  /** The href written on the article page (relative or absolute, per family). */
  href: string;
  ext: string;
  /** Link text (the file's display name). */
  name: string;
  headers?: Record<string, string>;
}

export function attachmentExt(report: SimReport): string | null {
  switch (report.form) {
    case "inline+pdf":
    case "pdf":
    case "viewer":
      return "pdf";
    case "text":
      return "txt";
    case "docx":
    case "doc":
    case "wps":
      return report.form;
    default:
      return null;
  }
}

export function attachmentResponse(
  report: SimReport,
  ext: string,
  headers: Record<string, string> = {},
): SimResponse {
  const bytes =
    ext === "txt"
      ? encode(reportText(report), "utf-8")
      : report.file
        ? readFileSync(report.file)
        : stubFile(ext as "pdf" | "docx" | "doc" | "wps", `${report.title} (${report.key})`);
  return {
    status: 200,
    headers: { "content-type": MEDIA_TYPES[ext] ?? "application/octet-stream", ...headers },
    body: bytes,
  };
}

/** The part of an article page that carries the report: inline tables, an image, or a short note. */
export function reportArticleBody(
  report: SimReport,
  attachment: AttachmentSpec | null,
  imageHref?: string,
): string {
  const parts: string[] = [];
  if (report.form === "inline" || report.form === "inline+pdf") parts.push(reportBodyHtml(report));
  else if (report.form === "image") {
    parts.push(
      `<p style="text-align:center"><img src="${imageHref ?? "./W020240101000000000001.png"}" alt=""></p>`,
    );
  } else {
    parts.push(`<p>\u3000\u3000现将${escapeHtml(report.title)}予以公布，全文见附件。</p>`);
  }
  if (attachment && report.form === "viewer") {
    const file = encodeURIComponent(attachment.path);
    parts.push(`<iframe src="/pdfjs/web/viewer.html?file=${file}" width="100%" height="800"></iframe>`);
  } else if (attachment) {
    parts.push(
      `<div class="fj"><h5>附件下载：</h5><p><a href="${attachment.href}" target="_blank">${escapeHtml(attachment.name)}</a></p></div>`,
    );
  }
  return parts.join("\n");
}

export function imageResponse(): SimResponse {
  return { status: 200, headers: { "content-type": "image/png" }, body: TINY_PNG };
}

/** The expected-report record for a report published at `articleUrl`. */
export function expected(
  host: string,
  report: SimReport,
  articleUrl: string,
  attachmentUrl: string | null,
): ExpectedReport {
  const inline = report.form === "inline" || report.form === "inline+pdf" || report.form === "image";
  return {
    host,
    agency: report.agency,
    year: report.year,
    title: report.title,
    form: report.form,
    articleUrl,
    documentUrls: [...(inline ? [articleUrl] : []), ...(attachmentUrl ? [attachmentUrl] : [])],
  };
}

/** Third-party widgets present on nearly every real portal page; a crawler must never fetch them. */
export const THIRD_PARTY_SCRIPTS = `<script id="_jiucuo_" sitecode="3503000001" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>
<script src="http://dcs.conac.cn/js/07/136/0000/40624487/CA071360000406244870001.js" type="text/javascript"></script>
<script src="http://s17.cnzz.com/stat.php?id=2896628&amp;web_id=2896628&amp;show=pic"></script>`;
