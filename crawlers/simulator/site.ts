// What every simulated portal provides: routes answering requests, the entry URLs a user would
// register, and the reports a perfect crawler must find there (the test oracle).
import type { ReportForm } from "./content.js";

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Wait before answering (slow servers). */
  delayMs?: number;
  /** Send the body slowly, in small pieces over this many ms (a trickling server). */
  trickleMs?: number;
}

/** One report a crawler must find, and the URLs of the documents that carry it. */
export interface ExpectedReport {
  host: string;
  agency: string;
  year: number;
  title: string;
  form: ReportForm;
  /** The article page URL (absolute). */
  articleUrl: string;
  /** Documents that hold the report: the article itself when inline, and/or attachments. */
  documentUrls: string[];
}

export interface SimSite {
  /** Virtual host label, e.g. "trs", "hanweb". */
  label: string;
  family: string;
  /** Column URLs a user would register (absolute). */
  entries: string[];
  reports: ExpectedReport[];
  /** Hazards that depend on the site's own URLs (set by its factory; merged over the spec's). */
  hazards?: import("./hazards.js").HostHazards;
  route(req: SimRequest): SimResponse | Promise<SimResponse>;
}

export const html = (body: string, status = 200, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { "content-type": "text/html; charset=UTF-8", ...headers },
  body,
});

export const notFound = (): SimResponse =>
  html(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>404</title></head><body><h1>页面不存在</h1><p>您访问的页面不存在或已删除。</p></body></html>`,
    404,
  );

/** A TRS-style publication path piece: 202401/t20240116_1898820 for a date and a document id. */
export function trsDocPath(published: string, id: number): { month: string; file: string } {
  const [y, m, d] = published.split("-");
  return { month: `${y}${m}`, file: `t${y}${m}${d}_${id}` };
}
