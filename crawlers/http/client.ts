// The polite HTTP client: every hop of a redirect chain is checked against the host allow-list and
// robots.txt and goes through that host's gate; challenge pages are recognised, never solved.
import { createRequire } from "node:module";
import type { Dispatcher } from "undici";
import { detectChallenge, type ChallengeKind } from "./antibot.js";
import { createAgent, fetchOnce, FetchError, type HttpRequest, type HttpResponse } from "./fetch-once.js";
import { HostGate, type HostGateOptions } from "./host-gate.js";

export interface ClientOptions extends HostGateOptions {
  userAgent: string;
  /** The token matched against robots.txt `User-agent:` lines. */
  robotsAgent: string;
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  isAllowedHost: (host: string) => boolean;
  /**
   * When https fails (bad certificate, refused handshake), try the same URL over http and keep using
   * http for that host (portals.md §4: http-only hosts, self-signed certificates). Reported once.
   */
  httpFallback?: boolean;
  onDowngrade?: (info: { host: string; reason: string }) => void;
  /** Called before each request leaves (for counting and logging). */
  /** Called as each request leaves; `at` is the start time the host's spacing is measured from. */
  onRequest?: (info: { method: string; url: string; host: string; at: number }) => void;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchOutcome =
  | { kind: "response"; response: HttpResponse; finalUrl: string; redirects: string[]; downgraded: boolean }
  | {
      kind: "refused";
      reason: "host_not_allowed" | "robots" | "robots_unavailable" | "redirect_limit" | "redirect_loop";
      url: string;
    }
  | { kind: "error"; reason: FetchError["reason"]; message: string; url: string }
  | { kind: "challenge"; challenge: ChallengeKind; status: number; url: string };

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS with a default-export typing that NodeNext cannot call; load it plainly.
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, text: string) => Robots;
interface RobotsEntry {
  robots: Robots | null;
  /** robots.txt answered 5xx: RFC 9309 says assume complete disallow. */
  unreachable: boolean;
  /**
   * robots.txt could not be fetched at all (DNS, refused, reset, TLS, timeout): the host was not
   * reached, which is a network failure of the request, not a refusal. Not cached, so a retry asks again.
   */
  failure?: FetchError;
}

/** https failures after which the same URL is tried over http (http-only hosts, broken certificates). */
function fallsBackToHttp(reason: FetchError["reason"]): boolean {
  return reason === "tls" || reason === "reset" || reason === "refused";
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

export class PoliteClient {
  readonly gate: HostGate;
  private readonly agent: Dispatcher;
  private readonly robots = new Map<string, Promise<RobotsEntry>>();
  /** Hosts whose https failed and that are read over http for the rest of the run. */
  private readonly httpOnly = new Set<string>();
  requestCount = 0;

  constructor(private readonly options: ClientOptions) {
    this.gate = new HostGate(options);
    this.agent = createAgent(options.timeoutMs);
  }

  async close(): Promise<void> {
    await (this.agent as unknown as { close(): Promise<void> }).close();
  }

  /** What robots.txt says about the URL (fetching robots.txt first if needed), or why it could not be read. */
  async robotsVerdict(url: string): Promise<"allowed" | "robots" | "robots_unavailable" | FetchError> {
    const entry = await this.robotsFor(new URL(url));
    if (entry.failure) return entry.failure;
    if (entry.unreachable) return "robots_unavailable";
    return (entry.robots?.isAllowed(url, this.options.robotsAgent) ?? true) ? "allowed" : "robots";
  }

  async fetch(req: HttpRequest, validators: Validators = {}): Promise<FetchOutcome> {
    let current: HttpRequest = req;
    const seen = new Set<string>();
    const redirects: string[] = [];
    for (let hop = 0; ; hop++) {
      const url = new URL(current.url);
      url.hash = "";
      if (url.protocol === "https:" && this.httpOnly.has(url.host)) url.protocol = "http:";
      if (!this.options.isAllowedHost(url.host))
        return { kind: "refused", reason: "host_not_allowed", url: url.href };
      const robots = await this.robotsVerdict(url.href);
      if (robots instanceof FetchError)
        return {
          kind: "error",
          reason: robots.reason,
          message: `robots.txt: ${robots.message}`,
          url: url.href,
        };
      if (robots !== "allowed") return { kind: "refused", reason: robots, url: url.href };
      const key = `${current.method ?? "GET"} ${url.href}`;
      if (seen.has(key)) return { kind: "refused", reason: "redirect_loop", url: url.href };
      seen.add(key);
      const headers: Record<string, string> = {
        "user-agent": this.options.userAgent,
        accept: "text/html,application/xhtml+xml,application/json,application/xml;q=0.9,*/*;q=0.8",
        "accept-language": "zh-CN,zh;q=0.9",
        ...current.headers,
      };
      if (hop === 0 && (current.method ?? "GET") === "GET") {
        if (validators.etag) headers["if-none-match"] = validators.etag;
        if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
      }
      let response: HttpResponse;
      try {
        response = await this.send(url, { ...current, headers });
      } catch (error) {
        if (
          error instanceof FetchError &&
          fallsBackToHttp(error.reason) &&
          url.protocol === "https:" &&
          this.options.httpFallback &&
          !this.httpOnly.has(url.host)
        ) {
          this.httpOnly.add(url.host);
          this.options.onDowngrade?.({ host: url.host, reason: `${error.reason}: ${error.message}` });
          seen.delete(key);
          current = { ...current, url: url.href.replace(/^https:/, "http:") };
          continue;
        }
        if (error instanceof FetchError)
          return { kind: "error", reason: error.reason, message: error.message, url: url.href };
        throw error;
      }
      const location = response.headers["location"];
      const challenge = detectChallenge({
        status: response.status,
        headers: response.headers,
        bodyHead: Buffer.from(response.body.subarray(0, 8192)).toString("latin1"),
        location,
      });
      if (challenge) return { kind: "challenge", challenge, status: response.status, url: url.href };
      if (REDIRECT.has(response.status) && location) {
        if (hop >= this.options.maxRedirects)
          return { kind: "refused", reason: "redirect_limit", url: url.href };
        const next = new URL(location, url);
        redirects.push(next.href);
        const keepBody = response.status === 307 || response.status === 308;
        current = keepBody ? { ...current, url: next.href } : { url: next.href, method: "GET" };
        continue;
      }
      return {
        kind: "response",
        response,
        finalUrl: url.href,
        redirects,
        downgraded: this.httpOnly.has(url.host),
      };
    }
  }

  private send(url: URL, req: HttpRequest): Promise<HttpResponse> {
    return this.gate.schedule(url.host, async (startedAt) => {
      this.requestCount += 1;
      this.options.onRequest?.({ method: req.method ?? "GET", url: url.href, host: url.host, at: startedAt });
      const started = performance.now();
      try {
        const response = await fetchOnce(
          { ...req, url: url.href },
          { timeoutMs: this.options.timeoutMs, maxBodyBytes: this.options.maxBodyBytes },
          this.agent,
        );
        const ok = response.status < 400;
        this.gate.recordResponse(url.host, response.elapsedMs, ok);
        return response;
      } catch (error) {
        // A name that does not resolve or a port that refuses never loaded the server: only a
        // timeout or a dropped connection counts as the slowest answer for AutoThrottle.
        const quick = error instanceof FetchError && (error.reason === "dns" || error.reason === "refused");
        this.gate.recordResponse(
          url.host,
          quick ? performance.now() - started : this.options.timeoutMs,
          false,
        );
        throw error;
      }
    });
  }

  private robotsFor(url: URL): Promise<RobotsEntry> {
    const origin = url.origin;
    let entry = this.robots.get(origin);
    if (!entry) {
      entry = this.loadRobots(url);
      this.robots.set(origin, entry);
      // A host not reached is asked again next time (the request's retry), not refused for the run.
      void entry.then(
        (e) => {
          if (e.failure && this.robots.get(origin) === entry) this.robots.delete(origin);
        },
        () => this.robots.delete(origin),
      );
    }
    return entry;
  }

  private async loadRobots(url: URL): Promise<RobotsEntry> {
    const robotsUrl = new URL("/robots.txt", url).href;
    let response: HttpResponse;
    try {
      response = await this.send(new URL(robotsUrl), {
        url: robotsUrl,
        headers: { "user-agent": this.options.userAgent, accept: "text/plain,*/*;q=0.5" },
      });
    } catch (error) {
      if (
        error instanceof FetchError &&
        fallsBackToHttp(error.reason) &&
        url.protocol === "https:" &&
        this.options.httpFallback
      ) {
        // The host's https is broken: everything on it, robots.txt first, is read over http.
        this.httpOnly.add(url.host);
        this.options.onDowngrade?.({ host: url.host, reason: `${error.reason}: ${error.message}` });
        const plain = new URL(url.href);
        plain.protocol = "http:";
        return this.robotsFor(plain);
      }
      if (error instanceof FetchError) return { robots: null, unreachable: false, failure: error };
      throw error;
    }
    if (response.status >= 500) return { robots: null, unreachable: true };
    if (response.status >= 400 || response.status >= 300) return { robots: null, unreachable: false };
    const text = new TextDecoder("utf-8").decode(response.body);
    // An HTML page served as robots.txt (soft 404s) has no rules; robots-parser ignores it anyway.
    const robots = robotsParser(robotsUrl, text);
    const delay = robots.getCrawlDelay(this.options.robotsAgent);
    if (typeof delay === "number" && delay > 0) this.gate.setCrawlDelay(url.host, delay);
    return { robots, unreachable: false };
  }
}
