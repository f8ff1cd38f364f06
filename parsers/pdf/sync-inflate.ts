// pdf.js inflates every Flate stream it reads (each page's content stream, once for the text and
// again for the operator list; every embedded font file) through the web `DecompressionStream`.
// On Node that is zlib on the libuv thread pool behind two Web Streams: each stream waits for a
// pool thread and crosses threads and stream queues several times: an eighth of the instructions
// of a real report's parse, and most of its idle waits (docs/BENCHMARKS.md). The streams are small (a page's content, a font
// subset) and their size is already bounded before pdf.js sees them (stream-bounds.ts), so they
// are inflated here in one synchronous zlib call instead: the same zlib with the same final flush,
// hence the same bytes out and the same errors for truncated or damaged data (pdf.js then falls
// back to its own decoder, as before). Each stream still gives the event loop one turn.
//
// pdf.js looks the class up on `globalThis` when it inflates, so the replacement is global. It is
// a real TransformStream for any other caller, handles "deflate" only and hands every other
// format to Node's own class.
import { inflateSync } from "node:zlib";

type DecompressionStreamClass = typeof DecompressionStream;

let installed = false;

/** Makes `new DecompressionStream("deflate")` inflate synchronously (idempotent). */
export function installSyncInflate(): void {
  const found: DecompressionStreamClass | undefined = globalThis.DecompressionStream;
  if (installed || found === undefined) return;
  const Native = found;
  installed = true;

  class SyncDeflateDecompressionStream extends TransformStream<ArrayBufferView | ArrayBuffer, Uint8Array> {
    constructor(format: ConstructorParameters<DecompressionStreamClass>[0]) {
      // Any other format: Node's own stream (a constructor may return another object).
      if (format !== "deflate") return new Native(format) as unknown as SyncDeflateDecompressionStream;
      const chunks: Buffer[] = [];
      super({
        transform(chunk) {
          chunks.push(toBuffer(chunk));
        },
        async flush(controller) {
          // One turn of the event loop per stream, as the thread pool gave: pdf.js yields to the
          // event loop nowhere else, and a document's deadline (a timer) must be able to fire.
          await new Promise((resolve) => setImmediate(resolve));
          const input = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          controller.enqueue(inflateSync(input));
        },
      });
    }
  }

  globalThis.DecompressionStream = SyncDeflateDecompressionStream as unknown as DecompressionStreamClass;
}

function toBuffer(chunk: ArrayBufferView | ArrayBuffer): Buffer {
  if (ArrayBuffer.isView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(chunk);
}
