// Per-host politeness: one request at a time, a minimum spacing between request starts, an
// AutoThrottle-like adaptive delay (Scrapy: delay → mean(delay, latency); errors never lower it),
// pauses ordered by Retry-After, and a circuit breaker that opens after consecutive failures.
import PQueue from "p-queue";

export interface HostGateOptions {
  minDelayMs: number;
  maxDelayMs: number;
  /** Consecutive failures (network, timeout, 5xx) that open the breaker. */
  breakerThreshold: number;
  /** How long an open breaker keeps the host closed before one trial request. */
  breakerCooldownMs: number;
}

export type BreakerState = "closed" | "open" | "half-open";

const MAX_CRAWL_DELAY_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class HostState {
  readonly queue = new PQueue({ concurrency: 1 });
  delayMs: number;
  floorMs: number;
  nextStartAt = 0;
  lastStartAt = 0;
  consecutiveFailures = 0;
  breaker: BreakerState = "closed";
  /** Times the breaker opened in this run; the crawler gives up on the host after the second. */
  trips = 0;
  constructor(floorMs: number) {
    this.floorMs = floorMs;
    this.delayMs = floorMs;
  }
}

export class HostGate {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly options: HostGateOptions) {}

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = new HostState(this.options.minDelayMs);
      this.hosts.set(host, s);
    }
    return s;
  }

  /** robots.txt Crawl-delay raises the floor for that host (never lowers it below the configured one). */
  setCrawlDelay(host: string, seconds: number): void {
    const s = this.state(host);
    // Honoured even above maxDelayMs (that bounds AutoThrottle, not the site's wish); absurd values
    // (a day) are capped so a crawl cannot stall forever on one host.
    s.floorMs = Math.min(Math.max(this.options.minDelayMs, seconds * 1000), MAX_CRAWL_DELAY_MS);
    s.delayMs = Math.max(s.delayMs, s.floorMs);
    // robots.txt is read by this host's first request; the next one already waits for the new floor.
    if (s.lastStartAt) s.nextStartAt = Math.max(s.nextStartAt, s.lastStartAt + s.delayMs);
  }

  currentDelay(host: string): number {
    return this.state(host).delayMs;
  }

  breakerState(host: string): { state: BreakerState; trips: number } {
    const s = this.state(host);
    return { state: s.breaker, trips: s.trips };
  }

  /**
   * Runs `task` as this host's next request, waiting for its turn and spacing. The task gets the
   * start time the spacing is measured from, so whoever logs the request logs that very instant (a
   * second clock read can fall a millisecond later and show two starts closer than the floor).
   */
  schedule<T>(host: string, task: (startedAt: number) => Promise<T>): Promise<T> {
    const s = this.state(host);
    return s.queue.add(async () => {
      // A timer may fire a millisecond before the wall clock says it is due, and a back-off can
      // push the start later while this request sleeps: wait until the clock agrees.
      for (let wait = s.nextStartAt - Date.now(); wait > 0; wait = s.nextStartAt - Date.now())
        await sleep(wait);
      if (s.breaker === "open") s.breaker = "half-open";
      s.lastStartAt = Date.now();
      s.nextStartAt = s.lastStartAt + s.delayMs;
      return task(s.lastStartAt);
    }) as Promise<T>;
  }

  /** Feeds back one response: latency adapts the delay, success closes the breaker. */
  recordResponse(host: string, latencyMs: number, ok: boolean): void {
    const s = this.state(host);
    const proposed = (s.delayMs + latencyMs) / 2;
    if (ok) {
      s.delayMs = clamp(proposed, s.floorMs, this.options.maxDelayMs);
      s.consecutiveFailures = 0;
      s.breaker = "closed";
    } else {
      s.delayMs = clamp(Math.max(s.delayMs, proposed), s.floorMs, this.options.maxDelayMs);
    }
  }

  /** A failure (network, timeout, 5xx); returns true when it opened the breaker. */
  recordFailure(host: string): boolean {
    const s = this.state(host);
    s.consecutiveFailures += 1;
    if (s.breaker === "half-open" || s.consecutiveFailures >= this.options.breakerThreshold) {
      s.breaker = "open";
      s.trips += 1;
      s.consecutiveFailures = 0;
      this.pause(host, this.options.breakerCooldownMs);
      return true;
    }
    return false;
  }

  /** 429/503 with Retry-After, or a rate-limit page: no request to the host before `ms` from now; slow down. */
  backOff(host: string, ms: number): void {
    const s = this.state(host);
    s.delayMs = clamp(s.delayMs * 2, s.floorMs, this.options.maxDelayMs);
    this.pause(host, ms);
  }

  private pause(host: string, ms: number): void {
    const s = this.state(host);
    s.nextStartAt = Math.max(s.nextStartAt, Date.now() + ms);
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}
