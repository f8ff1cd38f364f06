// Progress for long batch commands: a bar on a terminal (stderr), plain lines otherwise, so cron
// logs stay readable.
import cliProgress from "cli-progress";
import { cli, isTerminal } from "./io.js";

export interface Progress {
  /** One document done: `status` and a line to print when not on a terminal (or on failure). */
  tick(status: string, line: string): void;
  stop(): void;
}

export function createProgress(total: number, label: string): Progress {
  const counts: Record<string, number> = {};
  const { stdout, stderr } = cli();
  if (!isTerminal(stderr)) {
    return {
      tick(status, line) {
        counts[status] = (counts[status] ?? 0) + 1;
        stdout.write(line + "\n");
      },
      stop() {},
    };
  }
  const failures: string[] = [];
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {bar} {value}/{total} {summary}`,
      stream: stderr as NodeJS.WriteStream,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { summary: "" });
  const summary = () =>
    Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(" · ");
  return {
    tick(status, line) {
      counts[status] = (counts[status] ?? 0) + 1;
      // Failures are listed once the bar is gone; successes only move it.
      if (status === "failed") failures.push(line);
      bar.increment(1, { summary: summary() });
    },
    stop() {
      bar.stop();
      for (const line of failures) stderr.write(line + "\n");
    },
  };
}
