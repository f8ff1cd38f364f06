// The message port between pdf.js's two halves, both on this thread. pdf.js on Node runs its
// worker half in-process ("fake worker") over a LoopbackPort that structured-clones every message.
// Most of that traffic is two kinds of stream chunks: operator lists (a report page's list is
// thousands of operators, each text-showing one carrying an array of glyph objects: unicode,
// width, font char…) and text content items. Cloning them object by object was a tenth of a real
// report's parse, plus the garbage it left (docs/BENCHMARKS.md). This port hands those chunks over
// as copies of their arrays only, the objects in them shared; every other message is
// structured-cloned as before.
//
// Why sharing is safe: once the worker half has sent a chunk it never writes the objects in it
// again. An operator list truncates its own `fnArray`/`argsArray` for the next chunk (hence the
// copies of those two arrays), and the arguments are fresh arrays per operator or glyph arrays
// from the font's cache, which are never written; the buffers it lists for transfer (each path's
// coordinates, inline images) belong to its own operators and are dropped with the chunk. Text
// content reuses the chunk object itself, giving it new `items`/`styles` after each send (hence
// the copy of the chunk), and every item is a fresh object. The main half and our readers
// (text-runs.ts, operators.ts) only read what they receive.
//
// The port is wired through pdf.js's public API: `new PDFWorker({ port })` on the main side and
// the worker module's exported `WorkerMessageHandler.initializeFromPort(port)` on the other, as a
// web page does with a real MessagePort.
import type { PDFWorker as PDFWorkerType } from "pdfjs-dist/types/src/display/api.js";
import { pdfjs, WorkerMessageHandler } from "./pdfjs.js";

/** What structuredClone takes to transfer (buffers of decoded images). */
type Transfer = NonNullable<Parameters<typeof structuredClone>[1]>["transfer"];

type Listener = (this: InProcessPort, event: { data: unknown }) => void;

/** The chunk of a pdf.js stream message (`{ stream, streamId, chunk, … }`), when it has one. */
function chunkOf(message: unknown): Record<string, unknown> | undefined {
  const chunk = (message as { chunk?: unknown } | null)?.chunk;
  return chunk && typeof chunk === "object" ? (chunk as Record<string, unknown>) : undefined;
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
  const chunk = chunkOf(message);
  // An operator-list chunk: { fnArray, argsArray, lastChunk, separateAnnots, length }.
  if (chunk && Array.isArray(chunk.fnArray) && Array.isArray(chunk.argsArray)) {
    return {
      ...(message as object),
      chunk: { ...chunk, fnArray: chunk.fnArray.slice(), argsArray: chunk.argsArray.slice() },
    };
  }
  // A text-content chunk: { items, styles, lang }.
  if (chunk && Array.isArray(chunk.items) && chunk.styles && typeof chunk.styles === "object") {
    return { ...(message as object), chunk: { ...chunk, items: chunk.items.slice() } };
  }
  return structuredClone(message, transfer && transfer.length > 0 ? { transfer } : undefined);
}

/** A pdf.js worker whose other half runs on this thread behind an InProcessPort (one per document). */
export function inProcessWorker(): PDFWorkerType {
  const port = new InProcessPort();
  WorkerMessageHandler.initializeFromPort(port);
  return new pdfjs.PDFWorker({ port: port as never });
}
