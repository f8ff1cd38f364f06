// Runs the CLI in-process (runCli: main(argv, streams)) and keeps what it printed, how long it took
// and how much the process's peak memory grew: the hostile-input and fault suites assert all four.
import { runCli } from "../../cli/run.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Growth of the process's peak resident memory during the run (MB; 0 when the peak was higher before). */
  peakGrowthMb: number;
}

export async function nianbao(args: readonly string[], stdin = ""): Promise<CliResult> {
  const peakBefore = process.resourceUsage().maxRSS;
  const started = performance.now();
  const { code, stdout, stderr } = await runCli(args, stdin);
  const ms = performance.now() - started;
  const peakGrowthMb = (process.resourceUsage().maxRSS - peakBefore) / 1024;
  // In process the code is main's return value, never null (null is a killed child's).
  return { code: code!, stdout, stderr, ms, peakGrowthMb };
}

/** Every line of stderr is one `nianbao: …` message (progress lines of ingest are `status\tpath\t…`). */
export function errorLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line.startsWith("nianbao:"));
}
