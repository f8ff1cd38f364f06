// A pool of worker threads running parseDocument, so parsing (pdf.js, the recognizer: 10 ms to
// seconds of synchronous work per document) never blocks the caller's event loop and uses every
// core. Each document has a deadline: a worker that overruns it is terminated and replaced.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ParseResult } from "../../src/model/contract.js";
import { ParseError } from "../errors.js";
import type { ParseOptions } from "../index.js";
import type { ParseReply, ParseRequest } from "./messages.js";

/** Longer than the parsers' own budgets (PDF 30 s + 1 s/page, LibreOffice 60 s): a last resort. */
export const DEFAULT_PARSE_TIMEOUT_MS = 180_000;

/**
 * Each worker's V8 heap is capped: a document that needs more fails alone ("too_large") instead of
 * taking the process down. Input bytes are capped by parsers/read.ts and inflated PDF streams by
 * parsers/pdf/stream-bounds.ts, so a document's memory is bounded by this heap plus those buffers.
 */
export const WORKER_HEAP_MB = 1024;

export interface ParsePoolOptions {
  /** Worker threads (default: min(2, available cores)). */
  size?: number;
  /** Per-document deadline; the worker is terminated and replaced when it is missed. */
  timeoutMs?: number;
}

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

interface Task {
  id: number;
  bytes: Uint8Array;
  options: ParseOptions;
  timeoutMs: number;
  resolve(result: ParseResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

/**
 * Compiled (dist/), the worker is plain JS. From sources (this file ends in .ts, run by tsx) a
 * worker does not inherit tsx's loader, and Node 20 ignores `--import` in a worker's execArgv, so a
 * small bootstrap registers tsx's ESM hooks inside the worker before importing worker.ts.
 */
function spawnWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./worker.js", import.meta.url), { resourceLimits });
  const tsxApi = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const worker = JSON.stringify(new URL("./worker.ts", import.meta.url).href);
  return new Worker(`import(${tsxApi}).then(({ register }) => { register(); return import(${worker}); });`, {
    eval: true,
    resourceLimits,
  });
}

export class ParsePool {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ParsePoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;
  }

  /**
   * Parses one document in a worker; rejects with ParseError (code kept) like parseDocument.
   * `timeoutMs` overrides the pool's deadline for this document.
   */
  parse = (
    bytes: Uint8Array,
    options: ParseOptions = {},
    timeoutMs = this.timeoutMs,
  ): Promise<ParseResult> => {
    if (this.closed) return Promise.reject(new Error("the parse pool is closed"));
    return new Promise<ParseResult>((resolve, reject) => {
      const { name, declaredCharset, resources } = options;
      const clean = {
        ...(name !== undefined && { name }),
        ...(declaredCharset !== undefined && { declaredCharset }),
        ...(resources?.length && { resources }),
      };
      this.queue.push({ id: this.nextId++, bytes, options: clean, timeoutMs, resolve, reject });
      this.dispatch();
    });
  };

  /** Stops every worker; queued and running documents are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error("the parse pool was closed"));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.task?.reject(new Error("the parse pool was closed"));
      slot.task = null;
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => s.task === null);
      if (!slot && this.slots.length < this.size) slot = this.addSlot();
      if (!slot) return;
      this.run(slot, this.queue.shift()!);
    }
  }

  private run(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const seconds = Math.round(task.timeoutMs / 100) / 10;
      this.replace(
        slot,
        new ParseError("timeout", `not parsed within ${seconds} s; the parse worker was stopped`),
      );
    }, task.timeoutMs);
    // Slow readers (OCR's engine processes) stop a little before the worker would be replaced.
    const deadline = Date.now() + Math.max(0, task.timeoutMs - 1000);
    const request: ParseRequest = { id: task.id, bytes: task.bytes, options: { ...task.options, deadline } };
    slot.worker.postMessage(request);
  }

  private addSlot(): Slot {
    const slot: Slot = { worker: spawnWorker(), task: null, timer: null };
    slot.worker.on("message", (reply: ParseReply) => this.settle(slot, reply));
    slot.worker.on("error", (error: NodeJS.ErrnoException) =>
      this.replace(
        slot,
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new ParseError("too_large", `parsing needed more than ${WORKER_HEAP_MB} MB of memory; stopped`)
          : new Error(`parse worker failed: ${error.message}`),
      ),
    );
    slot.worker.on("exit", (code) => {
      if (this.slots.includes(slot)) this.replace(slot, new Error(`parse worker exited (code ${code})`));
    });
    // An idle worker must not keep the process alive (a forgotten close() never hangs an exit).
    slot.worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private settle(slot: Slot, reply: ParseReply): void {
    const task = slot.task;
    if (!task || task.id !== reply.id) return;
    this.release(slot);
    if ("result" in reply) task.resolve(reply.result);
    else if (reply.error.name === "ParseError")
      task.reject(new ParseError(reply.error.code, reply.error.message));
    else task.reject(new Error(reply.error.message));
    this.dispatch();
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    slot.worker.unref();
  }

  /** Fails the slot's document, drops its worker (terminated) and lets a fresh one take the queue. */
  private replace(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    const task = slot.task;
    this.release(slot);
    void slot.worker.terminate();
    task?.reject(error);
    if (!this.closed) this.dispatch();
  }
}
