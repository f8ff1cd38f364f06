// Where a command writes and what it ends with. `main(argv, streams)` runs the CLI in-process (tests
// call it without spawning a process), so commands never touch process.stdout, process.stderr or
// process.exitCode directly: they use the streams of the run they belong to. An AsyncLocalStorage
// carries the run through every await, so command modules keep their plain signatures.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Readable, Writable } from "node:stream";

export interface CliStreams {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
}

export interface CliRun extends CliStreams {
  /** The exit code a command chose; main() returns it (0 when unset). */
  exitCode: number | undefined;
}

const runs = new AsyncLocalStorage<CliRun>();

/** The process's own streams: what a command uses when not run through main(). */
function processRun(): CliRun {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, exitCode: undefined };
}

let outside: CliRun | null = null;

/** The current run's streams and exit code. */
export function cli(): CliRun {
  return runs.getStore() ?? (outside ??= processRun());
}

/** One line on the run's standard output. */
export function out(line: string): void {
  cli().stdout.write(line + "\n");
}

/** One line on the run's standard error. */
export function err(line: string): void {
  cli().stderr.write(line + "\n");
}

/** Sets the exit code of the current run. */
export function setExitCode(code: number): void {
  cli().exitCode = code;
}

/** True when the stream is an interactive terminal (progress bars only go there). */
export function isTerminal(stream: Writable): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

export function withRun<T>(run: CliRun, step: () => Promise<T>): Promise<T> {
  return runs.run(run, step);
}

/**
 * `nianbao parse … | head` closes the pipe early: the process then stops quietly (exit 0), not with
 * a stack trace. Only for the process's own stdout; a stream given to main() is the caller's affair.
 */
export function exitQuietlyOnClosedPipe(exitCode: number): void {
  const { stdout } = cli();
  if (stdout !== process.stdout || stdout.listenerCount("error") > 0) return;
  stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(exitCode);
    throw error;
  });
}
