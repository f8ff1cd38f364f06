// Parsing ahead of the writes: `nianbao ingest` starts parsing the next few documents in the worker
// pool while the store writes the current one, yet writes them in input order (same document ids
// whatever --jobs is). The store calls `parse` and gets the parse already under way for those bytes.
import type Database from "better-sqlite3";
import type { ParseResult } from "../model/contract.js";
import { sha256Hex } from "./blobs.js";
import type { ParseFunction } from "./index.js";

export class ParseAhead {
  private readonly started = new Map<Uint8Array, Promise<ParseResult>>();
  private readonly known: Database.Statement<[string], unknown>;

  constructor(
    db: Database.Database,
    private readonly parseNow: ParseFunction,
  ) {
    this.known = db.prepare("SELECT 1 FROM documents WHERE sha256 = ?").pluck();
  }

  /** Starts parsing unless the store already holds these bytes (then it would not parse them). */
  prefetch(bytes: Uint8Array, name: string): void {
    if (this.known.get(sha256Hex(bytes)) !== undefined) return;
    const parsing = this.parseNow(bytes, { name });
    // Its failure is the store's to record when it asks for the result; not an unhandled rejection.
    parsing.catch(() => undefined);
    this.started.set(bytes, parsing);
  }

  /** The store's parse function: the prefetched parse for these bytes, or a fresh one. */
  readonly parse: ParseFunction = (bytes, options) => {
    const parsing = this.started.get(bytes);
    if (!parsing) return this.parseNow(bytes, options);
    this.started.delete(bytes);
    return parsing;
  };

  /** Forgets bytes the store did not ask about (they turned out to be stored meanwhile). */
  discard(bytes: Uint8Array): void {
    this.started.delete(bytes);
  }
}
