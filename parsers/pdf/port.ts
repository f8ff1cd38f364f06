// The message port between pdf.js's two halves, both on this thread. pdf.js on Node runs its
// worker half in-process ("fake worker") over a LoopbackPort that structured-clones every message.
// The operator lists are the bulk of that traffic: a report page's list is thousands of operators,
// and each text-showing operator carries an array of glyph objects (unicode, width, font char…),
// which the clone copies one by one (a tenth of a report's parse, most of it GC later,
// docs/BENCHMARKS.md). This port hands an operator-list chunk over as a copy of its two arrays
// only, the arguments themselves shared; every other message is structured-cloned as before.
//
// Why sharing the arguments is safe: once the worker half has sent a chunk it truncates its own
// `fnArray`/`argsArray` for the next one (hence the copies) and never touches the sent arguments
// again (they are fresh arrays per operator, or glyph arrays from the font's cache, which are
// never written); the main half and our operator reader (operators.ts) only read them. A chunk
// that transfers buffers (decoded images) is cloned as before, so transfer semantics are unchanged.
//
// The port is wired through pdf.js's public API: `new PDFWorker({ port })` on the main side and
// the worker module's exported `WorkerMessageHandler.initializeFromPort(port)` on the other, as a
// web page does with a real MessagePort.
import type { PDFWorker as PDFWorkerType } from "pdfjs-dist/types/src/display/api.js";
import { pdfjs, WorkerMessageHandler } from "./pdfjs.js";

/** What structuredClone takes to transfer (buffers of decoded images). */
type Transfer = NonNullable<Parameters<typeof structuredClone>[1]>["transfer"];

type Listener = (this: InProcessPort, event: { data: unknown }) => void;

interface OperatorListChunk {
  fnArray: unknown[];
  argsArray: unknown[];
}

/** A chunk of an operator list as pdf.js streams it (`{ …, chunk: { fnArray, argsArray, … } }`). */
function operatorListChunk(message: unknown): OperatorListChunk | undefined {
  const chunk = (message as { chunk?: Partial<OperatorListChunk> } | null)?.chunk;
  if (!chunk || !Array.isArray(chunk.fnArray) || !Array.isArray(chunk.argsArray)) return undefined;
  return chunk as OperatorListChunk;
}

/** Both ends of the channel, as pdf.js's LoopbackPort: listeners are called on a later microtask. */
export class InProcessPort {
  readonly #listeners = new Map<Listener, (() => void) | null>();
  readonly #deferred = Promise.resolve();

  postMessage(message: unknown, transfer?: Transfer): void {
    const event = { data: copyMessage(message, transfer) };
    void this.#deferred.then(() => {
      for (const [listener] of this.#listeners) listener.call(this, event);
    });
  }

  addEventListener(_type: string, listener: Listener, options: { signal?: AbortSignal } | null = null): void {
    let removeAbort: (() => void) | null = null;
    const signal = options?.signal;
    if (signal instanceof AbortSignal) {
      if (signal.aborted) return;
      const onAbort = () => this.removeEventListener(_type, listener);
      removeAbort = () => signal.removeEventListener("abort", onAbort);
      signal.addEventListener("abort", onAbort);
    }
    this.#listeners.set(listener, removeAbort);
  }

  removeEventListener(_type: string, listener: Listener): void {
    this.#listeners.get(listener)?.();
    this.#listeners.delete(listener);
  }

  terminate(): void {
    for (const [, removeAbort] of this.#listeners) removeAbort?.();
    this.#listeners.clear();
  }
}

function copyMessage(message: unknown, transfer?: Transfer): unknown {
  const chunk = operatorListChunk(message);
  if (chunk && !(transfer && transfer.length > 0)) {
    return {
      ...(message as object),
      chunk: { ...chunk, fnArray: chunk.fnArray.slice(), argsArray: chunk.argsArray.slice() },
    };
  }
  return structuredClone(message, transfer && transfer.length > 0 ? { transfer } : undefined);
}

/** A pdf.js worker whose other half runs on this thread behind an InProcessPort (one per document). */
export function inProcessWorker(): PDFWorkerType {
  const port = new InProcessPort();
  WorkerMessageHandler.initializeFromPort(port);
  return new pdfjs.PDFWorker({ port: port as never });
}
