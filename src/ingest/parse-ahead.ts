// Parsing ahead of the writes: `nianbao ingest` starts parsing the next few documents in the worker
// pool while the current one is written, yet writes them in input order (same document ids whatever
// --jobs is). The pipeline's parse then takes the parse already under way for those bytes.
import type { ParseResult } from "../model/contract.js";
import type { ParseFunction, ParseRequest } from "./pipeline.js";

export class ParseAhead {
  private readonly started = new Map<Uint8Array, Promise<ParseResult>>();

  constructor(
    private readonly parseNow: ParseFunction,
    /** True when the store already holds these bytes (then they would not be parsed). */
    private readonly isStored: (bytes: Uint8Array) => boolean,
  ) {}

  /** Starts parsing unless the store already holds these bytes. */
  prefetch(bytes: Uint8Array, request: ParseRequest): void {
    if (this.started.has(bytes) || this.isStored(bytes)) return;
    const parsing = this.parseNow(bytes, request);
    // Its failure is the pipeline's to record when it asks for the result; not an unhandled rejection.
    parsing.catch(() => undefined);
    this.started.set(bytes, parsing);
  }

  /** The prefetched parse for these bytes, or a fresh one. */
  readonly parse: ParseFunction = (bytes, request) => {
    const parsing = this.started.get(bytes);
    if (!parsing) return this.parseNow(bytes, request);
    this.started.delete(bytes);
    return parsing;
  };

  /** Forgets bytes that will not be parsed (they turned out to be stored meanwhile). */
  discard(bytes: Uint8Array): void {
    this.started.delete(bytes);
  }
}
