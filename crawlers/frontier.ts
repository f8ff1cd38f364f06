// The crawl frontier in SQLite: every known request with its state, so a crawl killed at any moment
// resumes where it stopped. Claiming work and recording results each run in one transaction.
import type { Database } from "better-sqlite3";

export type RequestKind = "listing" | "article" | "attachment" | "api";
export type ItemStatus = "pending" | "in_progress" | "done" | "failed" | "skipped" | "blocked";

/** A request to add to the frontier. POST bodies are form-encoded strings. */
export interface CrawlRequest {
  url: string;
  kind: RequestKind;
  method?: "GET" | "POST";
  body?: string;
  family?: string;
  sourceId?: string;
  parentId?: number;
  title?: string;
  depth?: number;
  /** "body": a directory's body page (its 年报 column is looked for); "body-section": its 信息公开 page. */
  role?: string | null;
  /** The directory body this request was found under (inherited by what it discovers). */
  publisher?: string | null;
  /** The publication date printed where the request was found (listing row, API record, article). */
  published?: { on: string; source: string };
}

export interface FrontierItem {
  id: number;
  url: string;
  method: "GET" | "POST";
  body: string | null;
  host: string;
  kind: RequestKind;
  family: string | null;
  sourceId: string | null;
  parentId: number | null;
  title: string | null;
  depth: number;
  attempts: number;
  etag: string | null;
  lastModified: string | null;
  sha256: string | null;
  /** The outcome recorded the last time this request was done (kept across runs). */
  outcome: string | null;
  role: string | null;
  publisher: string | null;
  published: { on: string; source: string } | null;
  /** A report page whose content pictures were looked for when it was last fetched. */
  picturesChecked: boolean;
}

/** What happened to one request; `outcome` is a short machine word (new, unchanged, listed, not_report …). */
export interface ItemResult {
  status: Exclude<ItemStatus, "pending" | "in_progress">;
  lastStatus?: number | null;
  outcome?: string | null;
  error?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  sha256?: string | null;
  documentId?: number | null;
  reportId?: number | null;
  /** A report page whose content pictures were looked for (fetched when it needs them). */
  picturesChecked?: boolean;
}

interface ItemRow {
  id: number;
  url: string;
  method: string;
  request_body: string | null;
  host: string;
  kind: string;
  family: string | null;
  source_id: string | null;
  parent_id: number | null;
  title: string | null;
  depth: number;
  attempts: number;
  etag: string | null;
  last_modified: string | null;
  sha256: string | null;
  outcome: string | null;
  role: string | null;
  publisher: string | null;
  published_on: string | null;
  published_source: string | null;
  pictures_checked: number;
}

/** The frontier key of a request: method, URL without fragment, and body. */
export function requestKey(url: string, method = "GET", body?: string): string {
  const u = new URL(url);
  u.hash = "";
  // A column's index page and its directory are the same page on every CMS seen (H15).
  if (!u.search) u.pathname = u.pathname.replace(/\/index\.(s?html?|jsp|php|aspx?)$/i, "/");
  return `${method} ${u.href}${body ? ` ${body}` : ""}`;
}

/** `host[:port]` of a URL, the unit of politeness. */
export function hostOf(url: string): string {
  return new URL(url).host;
}

export class Frontier {
  constructor(private readonly db: Database) {}

  /**
   * Resumes the last run if it did not finish (killed, or stopped by a limit); otherwise starts a new
   * run that revisits every known request of the given sources (conditionally, with stored validators).
   */
  startRun(sourceIds: string[], options: unknown): { runId: number; resumed: boolean } {
    return this.db.transaction(() => {
      const last = this.db.prepare("SELECT id, status FROM crawl_runs ORDER BY id DESC LIMIT 1").get() as
        { id: number; status: string } | undefined;
      if (last && (last.status === "running" || last.status === "limit" || last.status === "interrupted")) {
        this.db.prepare("UPDATE crawl_runs SET status = 'running' WHERE id = ?").run(last.id);
        this.db.prepare("UPDATE crawl_frontier SET status = 'pending' WHERE status = 'in_progress'").run();
        return { runId: last.id, resumed: true };
      }
      const runId = Number(
        this.db
          .prepare("INSERT INTO crawl_runs (started_at, status, options) VALUES (?, 'running', ?)")
          .run(new Date().toISOString(), JSON.stringify(options)).lastInsertRowid,
      );
      const revisit = this.db.prepare(
        `UPDATE crawl_frontier SET status = 'pending', attempts = 0, next_fetch_at = 0, run_id = ?,
           error = NULL WHERE source_id = ?`,
      );
      for (const id of sourceIds) revisit.run(runId, id);
      this.db.prepare("DELETE FROM crawl_hosts").run();
      return { runId, resumed: false };
    })();
  }

  finishRun(runId: number, status: "finished" | "limit" | "interrupted"): void {
    this.db
      .prepare("UPDATE crawl_runs SET status = ?, finished_at = ? WHERE id = ?")
      .run(status, new Date().toISOString(), runId);
  }

  /** Adds requests not yet known; returns how many were new. */
  add(requests: CrawlRequest[], runId: number): number {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO crawl_frontier
         (request_key, url, method, request_body, host, kind, family, source_id, parent_id, title, depth, run_id,
          updated_at, role, publisher, published_on, published_source)
       VALUES (@key, @url, @method, @body, @host, @kind, @family, @sourceId, @parentId, @title, @depth, @runId,
          @now, @role, @publisher, @publishedOn, @publishedSource)`,
    );
    let added = 0;
    const now = new Date().toISOString();
    for (const r of requests) {
      const method = r.method ?? "GET";
      const url = new URL(r.url);
      // Fragments are never sent, but a listing's may carry data (gkmlpt: /gkmlpt/index#<column>).
      if (r.kind !== "listing") url.hash = "";
      added += insert.run({
        key: requestKey(r.url, method, r.body),
        url: url.href,
        method,
        body: r.body ?? null,
        host: url.host,
        kind: r.kind,
        family: r.family ?? null,
        sourceId: r.sourceId ?? null,
        parentId: r.parentId ?? null,
        title: r.title ?? null,
        depth: r.depth ?? 0,
        runId,
        now,
        role: r.role ?? null,
        publisher: r.publisher ?? null,
        publishedOn: r.published?.on ?? null,
        publishedSource: r.published?.source ?? null,
      }).changes;
    }
    return added;
  }

  /** Hosts with work that may start now. */
  readyHosts(now: number): string[] {
    return (
      this.db
        .prepare("SELECT DISTINCT host FROM crawl_frontier WHERE status = 'pending' AND next_fetch_at <= ?")
        .all(now) as { host: string }[]
    ).map((r) => r.host);
  }

  /** The earliest time a pending request becomes due, or null when nothing is pending. */
  nextDueAt(): number | null {
    const row = this.db
      .prepare("SELECT MIN(next_fetch_at) AS due FROM crawl_frontier WHERE status = 'pending'")
      .get() as { due: number | null };
    return row.due;
  }

  /** Takes the next due request of a host: listings and API pages first, so discovery runs ahead. */
  claim(host: string, now: number): FrontierItem | undefined {
    return this.db.transaction(() => {
      const row = this.db
        .prepare(
          `SELECT * FROM crawl_frontier WHERE status = 'pending' AND host = ? AND next_fetch_at <= ?
           ORDER BY CASE kind WHEN 'listing' THEN 0 WHEN 'api' THEN 0 WHEN 'article' THEN 1 ELSE 2 END, depth, id
           LIMIT 1`,
        )
        .get(host, now) as ItemRow | undefined;
      if (!row) return undefined;
      this.db
        .prepare("UPDATE crawl_frontier SET status = 'in_progress', attempts = attempts + 1 WHERE id = ?")
        .run(row.id);
      return toItem({ ...row, attempts: row.attempts + 1 });
    })();
  }

  /** Records a result and the requests it discovered, atomically. */
  complete(item: FrontierItem, result: ItemResult, discovered: CrawlRequest[], runId: number): number {
    return this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE crawl_frontier SET status = @status, last_status = @lastStatus, outcome = @outcome, error = @error,
             etag = COALESCE(@etag, etag), last_modified = COALESCE(@lastModified, last_modified),
             sha256 = COALESCE(@sha256, sha256), document_id = COALESCE(@documentId, document_id),
             report_id = COALESCE(@reportId, report_id), run_id = @runId, fetched_at = @now, updated_at = @now,
             pictures_checked = MAX(pictures_checked, @picturesChecked)
           WHERE id = @id`,
        )
        .run({
          id: item.id,
          status: result.status,
          lastStatus: result.lastStatus ?? null,
          outcome: result.outcome ?? null,
          error: result.error ?? null,
          etag: result.etag ?? null,
          lastModified: result.lastModified ?? null,
          sha256: result.sha256 ?? null,
          documentId: result.documentId ?? null,
          reportId: result.reportId ?? null,
          picturesChecked: result.picturesChecked ? 1 : 0,
          runId,
          now: new Date().toISOString(),
        });
      return this.add(
        discovered.map((d) => ({
          sourceId: item.sourceId ?? undefined,
          parentId: item.id,
          publisher: item.publisher,
          ...d,
        })),
        runId,
      );
    })();
  }

  /** Puts a request back to be tried again at `at` (epoch ms). */
  retryLater(item: FrontierItem, at: number, error: string, lastStatus: number | null): void {
    this.db
      .prepare(
        `UPDATE crawl_frontier SET status = 'pending', next_fetch_at = ?, error = ?, last_status = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(at, error, lastStatus, new Date().toISOString(), item.id);
  }

  /** Stops all pending work on a host and remembers why (challenge page, broken circuit). */
  blockHost(host: string, reason: string, runId: number): void {
    this.db.transaction(() => {
      const now = new Date().toISOString();
      this.db
        .prepare(
          `INSERT INTO crawl_hosts (host, state, reason, run_id, updated_at) VALUES (?, 'blocked', ?, ?, ?)
           ON CONFLICT (host) DO UPDATE SET state = 'blocked', reason = excluded.reason, run_id = excluded.run_id,
             updated_at = excluded.updated_at`,
        )
        .run(host, reason, runId, now);
      this.db
        .prepare(
          `UPDATE crawl_frontier SET status = 'blocked', error = ?, run_id = ?, updated_at = ?
           WHERE host = ? AND status IN ('pending', 'in_progress')`,
        )
        .run(reason, runId, now, host);
    })();
  }

  blockedHosts(): { host: string; reason: string }[] {
    return this.db.prepare("SELECT host, reason FROM crawl_hosts WHERE state = 'blocked'").all() as {
      host: string;
      reason: string;
    }[];
  }

  /** Records a listing's items and what became of each (first sighting in a run wins). */
  recordItems(
    runId: number,
    sourceId: string | null,
    items: { url: string; title: string; date: string | null; verdict: string; requestKey?: string }[],
  ): void {
    if (!sourceId || !items.length) return;
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO crawl_items (run_id, source_id, url, request_key, title, listed_on, verdict)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const i of items)
        insert.run(runId, sourceId, i.url, i.requestKey ?? null, i.title, i.date, i.verdict);
    })();
  }

  /** Records the bodies a directory page lists (expected publishers). */
  recordBodies(sourceId: string | null, directoryUrl: string, bodies: { name: string; url: string }[]): void {
    if (!sourceId || !bodies.length) return;
    const now = new Date().toISOString();
    const upsert = this.db.prepare(
      `INSERT INTO crawl_bodies (source_id, name, url, directory_url, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, name) DO UPDATE SET url = excluded.url, directory_url = excluded.directory_url,
         last_seen_at = excluded.last_seen_at`,
    );
    this.db.transaction(() => {
      for (const b of bodies) upsert.run(sourceId, b.name, b.url, directoryUrl, now, now);
    })();
  }

  pendingCount(): number {
    return (
      this.db
        .prepare("SELECT COUNT(*) AS n FROM crawl_frontier WHERE status IN ('pending', 'in_progress')")
        .get() as { n: number }
    ).n;
  }
}

function toItem(row: ItemRow): FrontierItem {
  return {
    id: row.id,
    url: row.url,
    method: row.method === "POST" ? "POST" : "GET",
    body: row.request_body,
    host: row.host,
    kind: row.kind as RequestKind,
    family: row.family,
    sourceId: row.source_id,
    parentId: row.parent_id,
    title: row.title,
    depth: row.depth,
    attempts: row.attempts,
    etag: row.etag,
    lastModified: row.last_modified,
    sha256: row.sha256,
    outcome: row.outcome,
    role: row.role,
    publisher: row.publisher,
    published: row.published_on ? { on: row.published_on, source: row.published_source ?? "listing" } : null,
    picturesChecked: row.pictures_checked === 1,
  };
}
