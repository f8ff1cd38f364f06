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
  /**
   * The items its listings showed in this run (dated rows, records, API records; a listing answered
   * 304 is not re-read) and what became of them: stored (the item or a document it offered reached
   * the store), skipped by reason, failed, or still pending (a stopped run).
   */
  items: { seen: number; stored: number; skipped: Record<string, number>; failed: number; pending: number };
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
  if (error.startsWith("empty_listing")) return "empty_listing";
  if (error.startsWith("network:")) return error.replace(/\s*\(.*$/, "");
  return error;
}

/** Outcomes of a request whose document reached the store (or was already there). */
const STORED_OUTCOMES = ["new", "updated", "unchanged", "not_modified"];
const STORED = `(${STORED_OUTCOMES.map((o) => `'${o}'`).join(", ")})`;

function listingItems(db: Database, runId: number, sourceId: string): SourceSummary["items"] {
  const rows = db
    .prepare(
      `SELECT i.verdict, i.title, f.status, f.outcome, f.error,
         EXISTS (SELECT 1 FROM crawl_frontier c WHERE c.parent_id = f.id AND c.outcome IN ${STORED}
           AND c.status = 'done') AS child_stored,
         EXISTS (SELECT 1 FROM crawl_frontier c WHERE c.parent_id = f.id AND c.status IN ('failed', 'blocked')
           AND c.kind = 'attachment') AS child_failed
       FROM crawl_items i LEFT JOIN crawl_frontier f ON f.request_key = i.request_key
       WHERE i.run_id = ? AND i.source_id = ?`,
    )
    .all(runId, sourceId) as {
    verdict: string;
    title: string | null;
    status: string | null;
    outcome: string | null;
    error: string | null;
    child_stored: number;
    child_failed: number;
  }[];
  // An API record's attachments are requested beside its article (titled like it), not under it.
  const attachmentTitles = (condition: string) =>
    new Set(
      db
        .prepare(
          `SELECT DISTINCT title FROM crawl_frontier WHERE source_id = ? AND kind = 'attachment'
             AND title IS NOT NULL AND ${condition}`,
        )
        .pluck()
        .all(sourceId) as string[],
    );
  const storedAttachmentTitles = attachmentTitles(`status = 'done' AND outcome IN ${STORED}`);
  const failedAttachmentTitles = attachmentTitles(`status IN ('failed', 'blocked')`);
  const items: SourceSummary["items"] = { seen: rows.length, stored: 0, skipped: {}, failed: 0, pending: 0 };
  const skip = (reason: string) => (items.skipped[reason] = (items.skipped[reason] ?? 0) + 1);
  for (const row of rows) {
    if (row.verdict.startsWith("skipped: ")) skip(row.verdict.slice("skipped: ".length));
    else if (row.status === null) skip("not queued (host not allowed or too deep)");
    else if (row.status === "pending" || row.status === "in_progress") items.pending += 1;
    else if (
      row.status === "failed" ||
      row.status === "blocked" ||
      row.child_failed ||
      (row.title !== null && failedAttachmentTitles.has(row.title))
    )
      items.failed += 1;
    else if (
      (row.status === "done" && STORED_OUTCOMES.includes(row.outcome ?? "")) ||
      row.child_stored ||
      (row.title !== null && storedAttachmentTitles.has(row.title))
    )
      items.stored += 1;
    else if (row.status === "skipped") skip(row.error ?? "skipped");
    else skip("not a report (by its content)");
  }
  return items;
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
      items: listingItems(db, runId, source.id),
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
