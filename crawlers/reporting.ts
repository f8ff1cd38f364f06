// How a crawl talks to its operator: a progress bar on a terminal, JSON lines (one object per line on
// stderr) for cron and log collectors, and the per-source summary table at the end.
import type { CrawlEvent, CrawlResult } from "./crawler.js";
import { unreachableSources, type SourceSummary } from "./summary.js";

export interface CrawlReporter {
  onEvent(event: CrawlEvent): void;
  stop(): void;
}

export function jsonLogReporter(stream: NodeJS.WritableStream = process.stderr): CrawlReporter {
  return {
    onEvent(event) {
      stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
    },
    stop() {},
  };
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 90) return `${Math.round(seconds)}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)}min`;
  return `${(seconds / 3600).toFixed(1)}h`;
}

/**
 * One status line on a terminal: requests done, the queue (pending requests in the frontier), and an
 * estimate of the time left from the rate of the last minute. The queue grows as listings reveal
 * pages, so the estimate is a floor that moves, said as such ("≥").
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): CrawlReporter {
  let requests = 0;
  let documents = 0;
  let failures = 0;
  let queued = 0;
  let last = "";
  const recent: number[] = [];
  const started = Date.now();
  const draw = () => {
    const now = Date.now();
    while (recent.length && recent[0]! < now - 60_000) recent.shift();
    const window = Math.min(60_000, now - started) / 1000;
    const rate = recent.length / Math.max(window, 1);
    const eta = queued === 0 ? "0s" : rate > 0 ? `≥${duration(queued / rate)}` : "?";
    const line =
      `crawl ${requests} done | ${queued} queued | ${documents} documents | ${failures} failures | ` +
      `left ${eta} | ${last}`;
    stream.write(
      `\r${line.slice(0, Math.max(20, (stream.columns ?? 120) - 1)).padEnd(Math.min(line.length, 119))}`,
    );
  };
  return {
    onEvent(event) {
      if (event.type === "fetched" || event.type === "failed") {
        requests += 1;
        recent.push(Date.now());
        if (event.queued !== undefined) queued = event.queued;
      }
      if (event.type === "fetched" && ["new", "updated", "unchanged", "not_modified"].includes(event.outcome))
        documents += 1;
      if (event.type === "failed" && !event.willRetry) failures += 1;
      last =
        event.type === "blocked"
          ? `blocked ${event.host}`
          : event.type === "failed"
            ? `${event.error}: ${event.url.slice(-50)}`
            : "url" in event
              ? event.url.slice(-60)
              : last;
      draw();
    },
    stop() {
      stream.write("\n");
    },
  };
}

/** A progress bar when `stream` (default stderr) is a terminal and JSON was not asked for. */
export function chooseReporter(json: boolean, stream: NodeJS.WritableStream = process.stderr): CrawlReporter {
  const terminal = (stream as { isTTY?: boolean }).isTTY === true;
  return !json && terminal ? progressReporter(stream as NodeJS.WriteStream) : jsonLogReporter(stream);
}

function failuresText(s: SourceSummary): string {
  const parts = Object.entries(s.failures).map(([reason, n]) => `${reason}×${n}`);
  return parts.length ? parts.join(", ") : "-";
}

function skippedText(s: SourceSummary): string {
  const parts = Object.entries(s.items.skipped).map(([reason, n]) => `${n} ${reason}`);
  return parts.length ? parts.join(", ") : "0";
}

/** The end-of-crawl summary, one block per source. */
export function formatSummary(result: CrawlResult): string {
  const lines: string[] = [];
  lines.push(
    `crawl run ${result.runId}${result.resumed ? " (resumed)" : ""}: ${result.requests} requests` +
      (result.stoppedBy ? `, stopped by ${result.stoppedBy} (run again to resume)` : ", finished"),
  );
  for (const s of result.summary) {
    lines.push(
      `  ${s.sourceId}  ${s.name}\n` +
        `    pages ${s.pages}, articles ${s.articles}; documents new ${s.reportsNew}, updated ${s.reportsUpdated}, unchanged ${s.reportsUnchanged}\n` +
        `    listing items: seen ${s.items.seen}, stored ${s.items.stored}, failed ${s.items.failed}` +
        `${s.items.pending ? `, pending ${s.items.pending}` : ""}; skipped ${skippedText(s)}\n` +
        `    failures: ${failuresText(s)}${s.blockedHosts.length ? `\n    BLOCKED: ${s.blockedHosts.join(", ")}` : ""}`,
    );
  }
  for (const b of result.blockedHosts) lines.push(`  blocked host ${b.host}: ${b.reason}`);
  for (const f of result.families) lines.push(`  ${f.host}: ${f.family} family confirmed (${f.why})`);
  for (const s of unreachableSources(result.summary))
    lines.push(`  NOT REACHED ${s.sourceId}: network failure on every request (${failuresText(s)})`);
  for (const host of result.downgradedHosts) lines.push(`  https failed on ${host}: read over http`);
  return lines.join("\n");
}

/** Failures an operator should look at (not the normal 404s of old years or robots.txt refusals). */
export function hasActionableFailures(result: CrawlResult): boolean {
  const normal = /^(http_404|http_410|soft_404|deleted|robots|host_not_allowed)$/;
  return (
    result.blockedHosts.length > 0 ||
    result.summary.some((s) => Object.keys(s.failures).some((reason) => !normal.test(reason)))
  );
}
