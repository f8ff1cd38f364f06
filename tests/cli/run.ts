// Runs the CLI in this process through `main(argv, streams)`: the same code path as the installed
// command minus the process start (about 1 s of tsx compile each time). A few tests still spawn the
// real entry point (bin), for what only a process shows: its exit status and its own stdout/stderr.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

/** `nianbao ARGS` in-process; `input` is its standard input. */
export async function runCli(args: readonly string[], input?: Buffer | string): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  const stdin = Readable.from(input === undefined ? [] : [Buffer.from(input)]);
  const code = await main(["node", "nianbao", ...args], {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** `nianbao ARGS` as a child process from the sources (src/cli/bin.ts through tsx). */
export function spawnCli(
  args: readonly string[],
  options: { input?: Buffer | string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(PROJECT_ROOT, "src/cli/bin.ts"), ...args],
      {
        cwd: options.cwd ?? PROJECT_ROOT,
        env: { ...process.env, NIANBAO_DEBUG: "", ...options.env },
      },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
    child.stdin.end(options.input ?? "");
  });
}
