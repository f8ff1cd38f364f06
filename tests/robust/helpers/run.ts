// Runs the CLI in-process (main(argv, streams)) and keeps what it printed, how long it took and how
// much the process's peak memory grew: the hostile-input and fault suites assert all four.
import { PassThrough, Readable } from "node:stream";
import { main } from "../../../src/cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Growth of the process's peak resident memory during the run (MB; 0 when the peak was higher before). */
  peakGrowthMb: number;
}

export async function nianbao(args: readonly string[], stdin = ""): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let errText = "";
  stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
  stderr.on("data", (d: Buffer) => (errText += d.toString("utf8")));
  const peakBefore = process.resourceUsage().maxRSS;
  const started = performance.now();
  const code = await main(["node", "nianbao", ...args], { stdout, stderr, stdin: Readable.from([stdin]) });
  const ms = performance.now() - started;
  const peakGrowthMb = (process.resourceUsage().maxRSS - peakBefore) / 1024;
  return { code, stdout: out, stderr: errText, ms, peakGrowthMb };
}

/** Every line of stderr is one `nianbao: …` message (progress lines of ingest are `status\tpath\t…`). */
export function errorLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line.startsWith("nianbao:"));
}
