// The per-source summary printed at the end of a crawl, computed from the frontier rows of the run.
import type { Database } from "better-sqlite3";

export interface SourceSummary {
  sourceId: string;
  name: string;
  /** Listing pages and API answers read. */
  pages: number;
  /** Article pages read (reports or not). */
  articles: number;
  reportsNew: number;
  reportsUpdated: number;
  /** Documents already held: same bytes, or a 304 to a conditional request. */
  reportsUnchanged: number;
  /** Failures by reason (http_404, network: dns, robots, blocked: …, ingest_failed …). */
  failures: Record<string, number>;
  /** Requests of this source that got an HTTP answer (any status): 0 means the portal was never reached. */
  answered: number;
  blockedHosts: string[];
}

interface Row {
  kind: string;
  last_status: number | null;
  status: string;
  outcome: string | null;
  error: string | null;
  host: string;
  n: number;
}

function reasonOf(error: string): string {
  if (error.startsWith("ingest:")) return "ingest_failed";
  if (error.startsWith("too_large")) return "too_large";
  if (error.startsWith("bad_api_answer")) return "bad_api_answer";
  if (error.startsWith("network:")) return error.replace(/\s*\(.*$/, "");
  return error;
}

/** Sources whose portal answered nothing in this run, every request lost to the network (DNS, refused, …). */
export function unreachableSources(summary: SourceSummary[]): SourceSummary[] {
  return summary.filter(
    (s) => s.answered === 0 && Object.keys(s.failures).some((reason) => reason.startsWith("network:")),
  );
}

export function summarizeRun(
  db: Database,
  runId: number,
  sources: { id: string; name: string }[],
): SourceSummary[] {
  const rows = db
    .prepare(
      `SELECT source_id, kind, status, outcome, error, host, last_status IS NOT NULL AS last_status,
         COUNT(*) AS n FROM crawl_frontier
       WHERE run_id = ? GROUP BY source_id, kind, status, outcome, error, host, last_status IS NOT NULL`,
    )
    .all(runId) as (Row & { source_id: string | null })[];
  return sources.map((source) => {
    const summary: SourceSummary = {
      sourceId: source.id,
      name: source.name,
      pages: 0,
      articles: 0,
      reportsNew: 0,
      reportsUpdated: 0,
      reportsUnchanged: 0,
      failures: {},
      answered: 0,
      blockedHosts: [],
    };
    for (const row of rows.filter((r) => r.source_id === source.id)) {
      if (row.last_status) summary.answered += row.n;
      if (row.status === "done") {
        if (row.kind === "listing" || row.kind === "api") summary.pages += row.n;
        if (row.kind === "article") summary.articles += row.n;
        const document =
          row.kind === "attachment" || (row.kind === "article" && row.outcome !== "not_report");
        if (document && row.outcome === "new") summary.reportsNew += row.n;
        if (document && row.outcome === "updated") summary.reportsUpdated += row.n;
        if (document && (row.outcome === "unchanged" || row.outcome === "not_modified"))
          summary.reportsUnchanged += row.n;
      }
      if (row.error && row.status !== "pending") {
        const reason = reasonOf(row.error);
        summary.failures[reason] = (summary.failures[reason] ?? 0) + row.n;
      }
      if (row.status === "blocked" && !summary.blockedHosts.includes(row.host))
        summary.blockedHosts.push(row.host);
    }
    return summary;
  });
}
