// Documented exit codes, shared by every command (README "Exit codes"), and the one place that maps
// an error to its code: the stages below the CLI throw their own errors and know nothing of exit codes.
import { StoreError } from "../db/errors.js";

export const EXIT = {
  /** Everything asked for was done. */
  OK: 0,
  /** The command ran but some inputs failed (e.g. a document could not be parsed); the rest were done. */
  PARTIAL: 1,
  /** Wrong usage: unknown option, missing argument. */
  USAGE: 2,
  /** An input could not be read at all (missing file, unreadable, unsupported format). */
  INPUT: 3,
  /** The store is locked by another process, or is not a nianbao database. */
  STORE: 4,
  /** A crawl stopped early on a limit (--max-requests, --max-duration); resumable. */
  LIMIT: 5,
  /** A crawl reached nothing of at least one source: DNS, refused, reset, TLS or timeout on every request. */
  NETWORK: 6,
  /**
   * Another crawl is running on this store (an overlapping cron run): nothing was done, try later.
   * 75 is sysexits' EX_TEMPFAIL, which cron wrappers and systemd read as "temporary, not an error".
   */
  BUSY: 75,
  /** An internal error (a bug): please report it. */
  INTERNAL: 70,
} as const;

/** An error whose message is meant for the user, ending the command with the given exit code. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.INPUT,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** The exit code a failure ends the command with: the user's own, the store's, or a bug's. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UserError) return error.exitCode;
  if (error instanceof StoreError) return EXIT.STORE;
  return EXIT.INTERNAL;
}
