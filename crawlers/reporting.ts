// How a crawl talks to its operator: a progress bar on a terminal, JSON lines (one object per line on
// stderr) for cron and log collectors, and the per-source summary table at the end.
import cliProgress from "cli-progress";
import type { CrawlEvent, CrawlResult } from "./crawler.js";
import type { SourceSummary } from "./summary.js";

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

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): CrawlReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "crawl {bar} {value} requests | {documents} documents | {failures} failures | {last}",
      barsize: 20,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let requests = 0;
  let documents = 0;
  let failures = 0;
  bar.start(1, 0, { documents, failures, last: "" });
  return {
    onEvent(event) {
      if (event.type === "fetched" || event.type === "failed") requests += 1;
      if (event.type === "fetched" && ["new", "updated", "unchanged", "not_modified"].includes(event.outcome))
        documents += 1;
      if (event.type === "failed" && !event.willRetry) failures += 1;
      const last =
        event.type === "blocked" ? `blocked ${event.host}` : "url" in event ? event.url.slice(-60) : "";
      bar.setTotal(Math.max(requests, 1));
      bar.update(requests, { documents, failures, last });
    },
    stop() {
      bar.stop();
    },
  };
}

export function chooseReporter(json: boolean): CrawlReporter {
  return !json && process.stderr.isTTY ? progressReporter() : jsonLogReporter();
}

function failuresText(s: SourceSummary): string {
  const parts = Object.entries(s.failures).map(([reason, n]) => `${reason}×${n}`);
  return parts.length ? parts.join(", ") : "-";
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
        `    failures: ${failuresText(s)}${s.blockedHosts.length ? `\n    BLOCKED: ${s.blockedHosts.join(", ")}` : ""}`,
    );
  }
  for (const b of result.blockedHosts) lines.push(`  blocked host ${b.host}: ${b.reason}`);
  for (const host of result.downgradedHosts) lines.push(`  https failed on ${host}: read over http`);
  return lines.join("\n");
}

/** Failures an operator should look at (not the normal 404s of old years or robots refusals). */
export function hasActionableFailures(result: CrawlResult): boolean {
  const normal = /^(http_404|http_410|soft_404|deleted|robots|host_not_allowed)$/;
  return (
    result.blockedHosts.length > 0 ||
    result.summary.some((s) => Object.keys(s.failures).some((reason) => !normal.test(reason)))
  );
}
