// Progress for long batch commands: a bar on a terminal (stderr), plain lines otherwise, so cron
// logs stay readable.
import cliProgress from "cli-progress";

export interface Progress {
  /** One document done: `status` and a line to print when not on a terminal (or on failure). */
  tick(status: string, line: string): void;
  stop(): void;
}

export function createProgress(total: number, label: string): Progress {
  const counts: Record<string, number> = {};
  if (!process.stderr.isTTY) {
    return {
      tick(status, line) {
        counts[status] = (counts[status] ?? 0) + 1;
        process.stdout.write(line + "\n");
      },
      stop() {},
    };
  }
  // A MultiBar with one bar, because only MultiBar can print a line above the bar.
  const bars = new cliProgress.MultiBar(
    {
      format: `${label} {bar} {value}/{total} {summary}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(total, 0, { summary: "" });
  const summary = () =>
    Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(" · ");
  return {
    tick(status, line) {
      counts[status] = (counts[status] ?? 0) + 1;
      // Failures stay visible above the bar; successes only move it.
      if (status === "failed") bars.log(line + "\n");
      bar.increment(1, { summary: summary() });
    },
    stop() {
      bars.stop();
    },
  };
}
