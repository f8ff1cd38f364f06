// The crawl loop: hosts are worked in parallel, each strictly one request at a time through the
// polite client; every result is written to the SQLite frontier before the next request, so a crawl
// killed at any moment resumes where it stopped. Report documents are handed to the sink the crawl is
// given (src/ingest: parse and store); the crawler's own tables live in its CrawlState.
import { createHash } from "node:crypto";
import type { DocumentSink } from "../src/model/ingest.js";
import { MAX_RESOURCE_BYTES, type DocumentResource } from "../src/model/resources.js";
import { PoliteClient } from "./http/client.js";
import { contentDispositionFilename } from "./http/content-disposition.js";
import { decodeBytes } from "./http/decode.js";
import { detectChallenge } from "./http/antibot.js";
import type { HttpResponse } from "./http/fetch-once.js";
import { Frontier, requestKey, type CrawlRequest, type FrontierItem, type ItemResult } from "./frontier.js";
import { discoverFromApi, discoverFromListing, readPage, type ListingItem } from "./discovery/discover.js";
import { examineArticle } from "./discovery/article.js";
import { reportImagesToFetch } from "./discovery/page-images.js";
import {
  bestPublished,
  publishedFromLastModified,
  publishedInUrl,
  type Published,
} from "./discovery/published.js";
import { FAMILIES } from "./families/index.js";
import { acquireCrawlLock } from "./lock.js";
import type { CrawlState } from "./state.js";
import { summarizeRun, type SourceSummary } from "./summary.js";

/** Where a crawl keeps its frontier (crawlers/state.ts) and where it hands each document it fetched. */
export interface CrawlTarget {
  state: CrawlState;
  sink: DocumentSink;
}

export interface CrawlSource {
  id: string;
  name: string;
  entries: string[];
  /** Hosts (`host[:port]`) the crawler may request for this source; entry hosts are always allowed. */
  allowedHosts: string[];
  /** Region name or GB/T 2260 code of the portal, passed to the store as a hint. */
  region?: string;
}

export interface CrawlSettings {
  /** Contact put in the User-Agent, so portal operators can reach whoever runs the crawl. */
  contact: string;
  minDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  /** Tries per request, including the first. */
  maxAttempts: number;
  retryBaseMs: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
  /** Hosts worked at the same time (each still one request at a time). */
  parallelHosts: number;
  /** Fall back to http when a host's https fails (recorded as a "downgraded" event). */
  httpFallback: boolean;
  /** Listing chains deeper than this are not followed (guards against endless pagers). */
  maxDepth: number;
  maxRequests?: number;
  maxDurationMs?: number;
  sinceYear?: number;
}

export const DEFAULT_SETTINGS: CrawlSettings = {
  contact: "set NIANBAO_CONTACT or --contact",
  minDelayMs: 2_000,
  maxDelayMs: 60_000,
  timeoutMs: 20_000,
  maxBodyBytes: 50 * 1024 * 1024,
  maxRedirects: 5,
  maxAttempts: 3,
  retryBaseMs: 5_000,
  breakerThreshold: 5,
  breakerCooldownMs: 60_000,
  parallelHosts: 8,
  httpFallback: true,
  maxDepth: 40,
};

export type CrawlEvent =
  | { type: "run"; runId: number; resumed: boolean }
  | {
      type: "fetched";
      url: string;
      kind: string;
      status: number;
      ms: number;
      outcome: string;
      sourceId: string | null;
      /** Requests still pending in the frontier (the progress display's queue). */
      queued?: number;
    }
  | {
      type: "failed";
      url: string;
      kind: string;
      /** The failure class (http_404, network: dns, robots, ingest: …): never empty. */
      error: string;
      /** What the failure said in detail (the socket error, the parser's message), when there is more. */
      detail?: string;
      willRetry: boolean;
      sourceId: string | null;
      queued?: number;
    }
  | { type: "blocked"; host: string; reason: string }
  | { type: "downgraded"; host: string; reason: string }
  | { type: "stopped"; reason: string };

export interface CrawlResult {
  runId: number;
  resumed: boolean;
  /** Why the crawl stopped before the frontier was empty, or null when it finished. */
  stoppedBy: "max-requests" | "max-duration" | "signal" | null;
  requests: number;
  summary: SourceSummary[];
  blockedHosts: { host: string; reason: string }[];
  /** Hosts read over http because their https failed. */
  downgradedHosts: string[];
  /** Families confirmed on each host in this run, with the evidence and the page that showed it. */
  families: { host: string; family: string; why: string; url: string }[];
}

export interface CrawlHooks {
  onEvent?: (event: CrawlEvent) => void;
  /** Called as each HTTP request leaves (robots.txt included), with its send time. */
  onRequest?: (request: { method: string; url: string; host: string; at: number }) => void;
  signal?: AbortSignal;
}

export const USER_AGENT_TOKEN = "nianbao";

export function userAgent(contact: string): string {
  // Header values must be ASCII: the contact is percent-encoded if it holds anything else.
  const safe = /^[\x20-\x7e]*$/.test(contact) ? contact : encodeURIComponent(contact);
  return `${USER_AGENT_TOKEN}/0.1 (open-government annual report research crawler; +${safe})`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function crawl(
  target: CrawlTarget,
  sources: CrawlSource[],
  partial: Partial<CrawlSettings> = {},
  hooks: CrawlHooks = {},
): Promise<CrawlResult> {
  const settings: CrawlSettings = { ...DEFAULT_SETTINGS, ...partial };
  const lock = acquireCrawlLock(target.state.db);
  try {
    return await new CrawlRun(target, sources, settings, hooks).run();
  } finally {
    lock.release();
  }
}

class CrawlRun {
  private readonly frontier: Frontier;
  private readonly client: PoliteClient;
  private readonly allowedHosts: Set<string>;
  private readonly regions: Map<string, string>;
  private readonly started = Date.now();
  private stoppedBy: CrawlResult["stoppedBy"] = null;
  /** Families confirmed on each host by a page's structure: only these get API requests there. */
  private readonly hostFamilies = new Map<string, Set<string>>();
  private readonly familyEvidence: CrawlResult["families"] = [];
  private readonly downgraded: string[] = [];
  private runId = 0;

  constructor(
    private readonly target: CrawlTarget,
    private readonly sources: CrawlSource[],
    private readonly settings: CrawlSettings,
    private readonly hooks: CrawlHooks,
  ) {
    this.frontier = new Frontier(target.state.db);
    this.regions = new Map(sources.flatMap((s) => (s.region ? [[s.id, s.region] as const] : [])));
    this.allowedHosts = new Set(
      sources.flatMap((s) => [
        ...s.allowedHosts.map((h) => h.toLowerCase()),
        ...s.entries.map((e) => new URL(e).host),
      ]),
    );
    this.client = new PoliteClient({
      ...settings,
      userAgent: userAgent(settings.contact),
      robotsAgent: USER_AGENT_TOKEN,
      isAllowedHost: (host) => this.allowedHosts.has(host.toLowerCase()),
      onRequest: (request) => this.hooks.onRequest?.(request),
      onDowngrade: ({ host, reason }) => {
        this.downgraded.push(host);
        this.emit({ type: "downgraded", host, reason });
      },
    });
  }

  private emit(event: CrawlEvent): void {
    if (!this.hooks.onEvent) return;
    if (event.type === "fetched" || event.type === "failed") event.queued = this.frontier.pendingCount();
    this.hooks.onEvent(event);
  }

  async run(): Promise<CrawlResult> {
    const { runId, resumed } = this.frontier.startRun(
      this.sources.map((s) => s.id),
      { sources: this.sources.map((s) => s.id), settings: this.settings },
    );
    this.runId = runId;
    this.emit({ type: "run", runId, resumed });
    this.frontier.add(this.seeds(), runId);
    try {
      await this.loop();
    } finally {
      await this.client.close();
    }
    this.frontier.finishRun(
      runId,
      this.stoppedBy ? (this.stoppedBy === "signal" ? "interrupted" : "limit") : "finished",
    );
    if (this.stoppedBy) this.emit({ type: "stopped", reason: this.stoppedBy });
    return {
      runId,
      resumed,
      stoppedBy: this.stoppedBy,
      requests: this.client.requestCount,
      summary: summarizeRun(this.target.state.db, runId, this.sources),
      blockedHosts: this.frontier.blockedHosts(),
      downgradedHosts: this.downgraded,
      families: this.familyEvidence,
    };
  }

  private seeds(): CrawlRequest[] {
    const seeds: CrawlRequest[] = [];
    for (const source of this.sources) {
      for (const entry of source.entries) {
        // A family may read an entry before its page is fetched (gkmlpt: /gkmlpt/index#2811 names the
        // column; an entry that is the API itself is only that request).
        const implied = FAMILIES.flatMap((f) => ("seed" in f ? f.seed(entry) : []));
        for (const request of implied) seeds.push({ ...request, sourceId: source.id });
        const entryIsApi = implied.some((r) => r.url === entry.replace(/#.*$/, ""));
        if (!entryIsApi) seeds.push({ url: entry, kind: "listing", sourceId: source.id, depth: 0 });
      }
    }
    return seeds;
  }

  private shouldStop(): boolean {
    if (this.stoppedBy) return true;
    if (this.hooks.signal?.aborted) this.stoppedBy = "signal";
    else if (this.settings.maxRequests !== undefined && this.client.requestCount >= this.settings.maxRequests)
      this.stoppedBy = "max-requests";
    else if (
      this.settings.maxDurationMs !== undefined &&
      Date.now() - this.started >= this.settings.maxDurationMs
    )
      this.stoppedBy = "max-duration";
    return this.stoppedBy !== null;
  }

  private async loop(): Promise<void> {
    const active = new Map<string, Promise<void>>();
    for (;;) {
      if (this.shouldStop()) break;
      for (const host of this.frontier.readyHosts(Date.now())) {
        if (active.size >= this.settings.parallelHosts) break;
        if (active.has(host)) continue;
        active.set(
          host,
          this.workHost(host).finally(() => active.delete(host)),
        );
      }
      if (active.size === 0) {
        const due = this.frontier.nextDueAt();
        if (due === null) break;
        await sleep(Math.min(Math.max(due - Date.now(), 5), 1_000));
        continue;
      }
      // Wake when a host finishes, or soon, so hosts that became ready (new links, retries) start.
      await Promise.race([...active.values(), sleep(100)]);
    }
    await Promise.all(active.values());
  }

  private async workHost(host: string): Promise<void> {
    while (!this.shouldStop()) {
      const item = this.frontier.claim(host, Date.now());
      if (!item) return;
      await this.process(item);
    }
  }

  private record(item: FrontierItem, result: ItemResult, discovered: CrawlRequest[] = []): void {
    const kept = discovered.filter((r) => {
      try {
        return this.allowedHosts.has(new URL(r.url).host) && (r.depth ?? 0) <= this.settings.maxDepth;
      } catch {
        return false;
      }
    });
    // Validators of a failed answer (a soft 404's ETag) must not make the next run skip the page.
    // A document the parser failed on was fetched fine: its validators stand, so an unchanged copy
    // costs a 304 next run (re-reading it is `nianbao reparse`'s job, with a newer parser).
    const stored =
      result.status === "done" || result.error?.startsWith("ingest:")
        ? result
        : { ...result, etag: null, lastModified: null, sha256: null };
    this.frontier.complete(item, stored, kept, this.runId);
  }

  private async process(item: FrontierItem): Promise<void> {
    const headers: Record<string, string> = {};
    if (item.method === "POST") {
      headers["content-type"] = "application/x-www-form-urlencoded; charset=UTF-8";
      headers["x-requested-with"] = "XMLHttpRequest";
    }
    const outcome = await this.client.fetch(
      { url: item.url, method: item.method, body: item.body ?? undefined, headers },
      { etag: item.etag, lastModified: item.lastModified },
    );
    switch (outcome.kind) {
      case "refused":
        this.record(item, { status: "skipped", error: outcome.reason });
        return this.emit({
          type: "failed",
          url: item.url,
          kind: item.kind,
          error: outcome.reason,
          willRetry: false,
          sourceId: item.sourceId,
        });
      case "challenge": {
        const reason = `blocked: challenge (${outcome.challenge}, HTTP ${outcome.status})`;
        this.record(item, { status: "blocked", lastStatus: outcome.status, error: reason });
        this.frontier.blockHost(item.host, reason, this.runId);
        return this.emit({ type: "blocked", host: item.host, reason });
      }
      case "error":
        // DNS, refused, reset, TLS, timeout: the host was not reached (robots.txt included).
        return this.failTransient(item, `network: ${outcome.reason}`, null, true, 0, outcome.message);
      case "response":
        return this.handleResponse(item, outcome.response, outcome.finalUrl);
    }
  }

  /** Network errors, timeouts, 5xx, 429: retried with exponential backoff and jitter, then recorded. */
  private failTransient(
    item: FrontierItem,
    error: string,
    status: number | null,
    countsForBreaker: boolean,
    retryAfterMs = 0,
    detail?: string,
  ): void {
    // Only a URL's first failure counts towards the breaker: one page that always times out must
    // not close a host whose other pages answer.
    if (countsForBreaker && item.attempts === 1 && this.client.gate.recordFailure(item.host)) {
      if (this.client.gate.breakerState(item.host).trips >= 2) {
        const reason = "blocked: circuit open (repeated failures)";
        this.record(item, { status: "failed", lastStatus: status, error });
        this.frontier.blockHost(item.host, reason, this.runId);
        this.emit({
          type: "failed",
          url: item.url,
          kind: item.kind,
          error,
          detail,
          willRetry: false,
          sourceId: item.sourceId,
        });
        return this.emit({ type: "blocked", host: item.host, reason });
      }
    }
    const willRetry = item.attempts < this.settings.maxAttempts;
    if (willRetry) {
      const backoff = this.settings.retryBaseMs * 2 ** (item.attempts - 1) * (0.5 + Math.random());
      this.frontier.retryLater(item, Date.now() + Math.max(backoff, retryAfterMs), error, status);
    } else {
      this.record(item, { status: "failed", lastStatus: status, error });
      // A host whose name does not resolve, or that refuses connections through every retry, will
      // not answer its other requests in this run either: they are stopped with the same reason.
      if (/^network: (dns|refused)$/.test(error))
        this.frontier.blockHost(item.host, `${error} (host unreachable)`, this.runId);
    }
    this.emit({
      type: "failed",
      url: item.url,
      kind: item.kind,
      error,
      ...(detail ? { detail } : {}),
      willRetry,
      sourceId: item.sourceId,
    });
  }

  private async handleResponse(item: FrontierItem, res: HttpResponse, finalUrl: string): Promise<void> {
    const { status } = res;
    if (status === 304) {
      // A report page stored before the crawler brought pictures with a page: fetched once more in
      // full (its validators set aside), so that the tables it shows as pictures reach the store.
      if (lacksPictureCheck(item)) return this.process({ ...item, etag: null, lastModified: null });
      // Unchanged since the last run: what it was then (a report, or not) still holds.
      const outcome =
        item.outcome === "not_report"
          ? "not_report"
          : item.kind.match(/listing|api/)
            ? "listed"
            : "not_modified";
      return this.done(item, res, { status: "done", lastStatus: 304, outcome });
    }
    if (status === 429 || status === 503) {
      const retryAfter = parseRetryAfter(res.headers["retry-after"]) ?? this.settings.retryBaseMs;
      this.client.gate.backOff(item.host, retryAfter);
      return this.failTransient(item, `http_${status}`, status, status === 503, retryAfter);
    }
    if (status >= 500) return this.failTransient(item, `http_${status}`, status, true);
    if (status >= 400)
      return this.done(item, res, { status: "failed", lastStatus: status, error: `http_${status}` });
    if (status >= 300)
      return this.done(item, res, {
        status: "failed",
        lastStatus: status,
        error: `http_${status}_without_location`,
      });

    const validators = {
      etag: res.headers["etag"] ?? null,
      lastModified: res.headers["last-modified"] ?? null,
    };
    const base: ItemResult = { status: "done", lastStatus: status, ...validators };
    if (item.kind === "attachment") return this.ingest(item, res, finalUrl, base);
    if (res.truncated && item.kind === "article") {
      return this.done(item, res, {
        ...base,
        status: "failed",
        error: `too_large (over ${this.settings.maxBodyBytes} bytes)`,
      });
    }
    const decoded = decodeBytes(res.body, res.headers["content-type"]);
    // Some challenge pages arrive as 200 with a plain status; check the decoded text too.
    const challenge = detectChallenge({
      status,
      headers: res.headers,
      bodyHead: decoded.text.slice(0, 8192),
    });
    if (challenge) {
      const reason = `blocked: challenge (${challenge}, HTTP ${status})`;
      this.record(item, { status: "blocked", lastStatus: status, error: reason });
      this.frontier.blockHost(item.host, reason, this.runId);
      return this.emit({ type: "blocked", host: item.host, reason });
    }
    if (item.kind === "api") {
      let found;
      try {
        found = discoverFromApi(
          decoded.text,
          { url: item.url, body: item.body, family: item.family },
          item.depth,
          { sinceYear: this.settings.sinceYear },
        );
      } catch (error) {
        return this.done(item, res, {
          ...base,
          status: "failed",
          error: `bad_api_answer: ${(error as Error).message}`,
        });
      }
      this.frontier.recordItems(this.runId, item.sourceId, withKeys(found.items));
      return this.done(item, res, { ...base, outcome: `listed:${found.families.join("+")}` }, found.requests);
    }
    return this.handlePage(item, res, finalUrl, base, decoded.text, decoded.charset);
  }

  /**
   * Any HTML page, whatever it was reached as: a page that holds a report is stored; a page that holds
   * a list (dated items, a pager, records, a directory) is read as a listing; anything else offers at
   * most its report attachments and linked reports.
   */
  private async handlePage(
    item: FrontierItem,
    res: HttpResponse,
    finalUrl: string,
    base: ItemResult,
    text: string,
    charset: string,
  ): Promise<void> {
    // Keep the entry's fragment when no redirect happened: it can name the column (gkmlpt).
    const pageUrl = finalUrl === item.url.replace(/#.*$/, "") ? item.url : finalUrl;
    const page = readPage(text, pageUrl);
    const verdict = examineArticle(page, item.title ?? "", item.depth, {
      asArticle: item.kind === "article",
    });
    if (verdict.kind !== "page")
      return this.done(item, res, { ...base, status: "failed", error: verdict.kind });
    const published = bestPublished(
      verdict.release,
      item.published as Published | null,
      verdict.written,
      publishedInUrl(finalUrl),
      publishedFromLastModified(res.headers["last-modified"]),
    );
    // Attachments of an article were published with it.
    const neighbours = [...verdict.attachments, ...verdict.related].map((r) => ({
      ...r,
      family: item.family ?? undefined,
      ...(r.kind === "attachment" && published ? { published } : {}),
    }));
    if (verdict.isReport) {
      // A report whose tables are pictures: its content images go to the sink with the page.
      const images = await reportImagesToFetch(page, res.body, charset);
      return this.ingest(item, res, finalUrl, base, neighbours, verdict.title, published, images);
    }
    const host = item.host;
    const confirmed = this.hostFamilies.get(host) ?? new Set<string>();
    const found = discoverFromListing(page, pageUrl, item.depth, {
      sinceYear: this.settings.sinceYear,
      confirmedOnHost: confirmed,
      role: item.role,
    });
    for (const s of found.sightings) {
      if (!s.confirmed || confirmed.has(s.family)) continue;
      confirmed.add(s.family);
      this.hostFamilies.set(host, confirmed);
      this.familyEvidence.push({ host, family: s.family, why: s.why, url: pageUrl });
    }
    // A listing that yields nothing at all (no item, no link, no pager) was misread (a wrong
    // charset, a page changed to script-only) or replaced: a failure to look at, never a page done.
    if (item.kind === "listing" && !found.items.length && !found.requests.length && !neighbours.length)
      return this.done(item, res, {
        ...base,
        status: "failed",
        error: `empty_listing: no report links found on a listing page (read as ${charset})`,
      });
    if (item.kind === "listing" || found.holdsList) {
      this.frontier.recordItems(this.runId, item.sourceId, withKeys(found.items));
      this.frontier.recordBodies(item.sourceId, pageUrl, found.bodies);
      const requests = [...found.requests, ...neighbours.filter((r) => r.kind === "attachment")];
      return this.done(item, res, { ...base, outcome: `listed:${found.families.join("+")}` }, requests);
    }
    return this.done(item, res, { ...base, outcome: "not_report" }, neighbours);
  }

  private done(
    item: FrontierItem,
    res: HttpResponse,
    result: ItemResult,
    discovered: CrawlRequest[] = [],
  ): void {
    this.record(item, result, discovered);
    if (result.status === "done") {
      this.emit({
        type: "fetched",
        url: item.url,
        kind: item.kind,
        status: res.status,
        ms: Math.round(res.elapsedMs),
        outcome: result.outcome ?? "ok",
        sourceId: item.sourceId,
      });
    } else {
      this.emit({
        type: "failed",
        url: item.url,
        kind: item.kind,
        error: result.error ?? "failed",
        willRetry: false,
        sourceId: item.sourceId,
      });
    }
  }

  private async ingest(
    item: FrontierItem,
    res: HttpResponse,
    finalUrl: string,
    base: ItemResult,
    discovered: CrawlRequest[] = [],
    title?: string,
    pagePublished?: Published | null,
    /** A report page's content pictures to fetch with it; undefined for a file (an attachment). */
    images?: string[],
  ): Promise<void> {
    // An attachment's date: where it was linked (its article, listing or API record), else its URL,
    // else Last-Modified.
    const published =
      pagePublished ??
      bestPublished(
        item.published as Published | null,
        publishedInUrl(finalUrl),
        publishedFromLastModified(res.headers["last-modified"]),
      );
    if (res.truncated) {
      return this.done(
        item,
        res,
        { ...base, status: "failed", error: `too_large (over ${this.settings.maxBodyBytes} bytes)` },
        discovered,
      );
    }
    const sha256 = createHash("sha256").update(res.body).digest("hex");
    const picturesChecked = images !== undefined ? true : undefined;
    // An unchanged page goes to the store again only to bring pictures it was stored without.
    if (sha256 === item.sha256 && (item.picturesChecked || !images?.length))
      return this.done(item, res, { ...base, sha256, outcome: "unchanged", picturesChecked }, discovered);
    const resources = await this.fetchImages(images ?? [], finalUrl);
    let outcome;
    try {
      outcome = await this.target.sink.ingestDocument({
        ...(resources.length > 0 ? { resources } : {}),
        bytes: res.body,
        sha256,
        url: finalUrl,
        fetchedAt: new Date().toISOString(),
        etag: res.headers["etag"],
        lastModified: res.headers["last-modified"],
        contentType: res.headers["content-type"],
        sourceId: item.sourceId ?? undefined,
        title: title ?? item.title ?? undefined,
        regionHint: this.regions.get(item.sourceId ?? ""),
        filename: contentDispositionFilename(res.headers["content-disposition"]),
        ...(published ? { publishedOn: published.on, publishedSource: published.source } : {}),
      });
    } catch (error) {
      // A store failure on one document must not stop an unattended crawl.
      outcome = {
        status: "failed" as const,
        documentId: null,
        reportId: null,
        sha256,
        error: (error as Error).message,
      };
    }
    this.done(
      item,
      res,
      {
        ...base,
        // A document the store could not read is a failure to look at, not a page done with.
        status: outcome.status === "failed" ? "failed" : "done",
        sha256,
        outcome: outcome.status,
        error: outcome.status === "failed" ? `ingest: ${outcome.error ?? "failed"}` : null,
        documentId: outcome.documentId,
        reportId: outcome.reportId,
        picturesChecked,
      },
      discovered,
    );
  }

  /**
   * The report images of a page, each fetched through the polite client like any request (allowed
   * hosts, robots.txt, the host's spacing, the size cap); data: URIs are the page's own bytes and
   * are read by the parser. One that cannot be had is handed over with why, so the parse says so
   * and the page is stored all the same.
   */
  private async fetchImages(refs: string[], pageUrl: string): Promise<DocumentResource[]> {
    const resources: DocumentResource[] = [];
    for (const ref of refs) {
      let url: URL;
      try {
        url = new URL(ref, pageUrl);
      } catch {
        resources.push({ ref, url: ref, error: "not a URL" });
        continue;
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        resources.push({ ref, url: url.href, error: `not fetched (${url.protocol} URL)` });
        continue;
      }
      if (this.shouldStop()) {
        resources.push({ ref, url: url.href, error: `not fetched (the crawl stopped: ${this.stoppedBy})` });
        continue;
      }
      resources.push({ ref, ...(await this.fetchImage(url.href)) });
    }
    return resources;
  }

  private async fetchImage(url: string): Promise<Omit<DocumentResource, "ref">> {
    const outcome = await this.client.fetch({ url, method: "GET", headers: { accept: "image/*,*/*;q=0.8" } });
    switch (outcome.kind) {
      case "refused":
        return { url, error: outcome.reason };
      case "challenge":
        return { url, error: `blocked: challenge (${outcome.challenge}, HTTP ${outcome.status})` };
      case "error":
        return { url, error: `network: ${outcome.reason}` };
    }
    const res = outcome.response;
    if (res.status !== 200) return { url: outcome.finalUrl, error: `http_${res.status}` };
    if (res.truncated || res.body.length > MAX_RESOURCE_BYTES)
      return { url: outcome.finalUrl, error: `too_large (over ${MAX_RESOURCE_BYTES} bytes)` };
    const contentType = res.headers["content-type"];
    return { url: outcome.finalUrl, bytes: res.body, ...(contentType ? { contentType } : {}) };
  }
}

/** Outcomes of a request whose document went to the store. */
const STORED_OUTCOMES = new Set(["new", "updated", "unchanged", "not_modified"]);

/**
 * A report page stored by a crawler that did not look for its table pictures (before frontier
 * migration 004): answered 304, it is fetched once more in full. Files (attachments) have none.
 */
function lacksPictureCheck(item: FrontierItem): boolean {
  return (
    item.kind !== "attachment" &&
    !item.picturesChecked &&
    STORED_OUTCOMES.has(item.outcome ?? "") &&
    (item.etag !== null || item.lastModified !== null)
  );
}

/** Listing items with the frontier key of the request each queued item became. */
function withKeys(items: ListingItem[]): (ListingItem & { requestKey?: string })[] {
  return items.map((i) => (i.verdict === "queued" ? { ...i, requestKey: requestKey(i.url) } : i));
}

/** Retry-After as seconds or an HTTP date, in ms (capped at 10 minutes). */
export function parseRetryAfter(value: string | undefined): number | null {
  if (!value) return null;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 600_000) : null;
}
