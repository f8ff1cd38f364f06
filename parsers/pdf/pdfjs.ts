// The one place pdf.js is loaded. Its legacy build (the modern one needs newer runtimes) bundles
// core-js polyfills, and some of them *replace* built-ins Node already has with JavaScript
// versions for the whole process: on Node 20, Array.prototype.push (2–3× slower) and
// JSON.stringify (about 6× slower), only for spec corner cases pdf.js never meets (pushing past
// 2^53 elements, JSON.rawJSON). After the first PDF every push and every JSON output of the
// process — recognizer, CLI, store — would pay for them. So the built-ins are recorded before
// pdf.js and its worker are evaluated, and any that were replaced are put back; the polyfills
// that *add* what Node lacks (Promise.withResolvers, Map.prototype.getOrInsertComputed…) stay.
//
// The worker module is loaded here too, on the same thread: pdf.js then uses it directly as its
// "fake worker" (`globalThis.pdfjsWorker`) instead of importing it later, after the restore.
//
// Its Flate streams are inflated synchronously (see sync-inflate.ts).
import { installSyncInflate } from "./sync-inflate.js";

type Descriptors = Map<PropertyKey, PropertyDescriptor>;

const TypedArray = Object.getPrototypeOf(Uint8Array) as object;
const BUILT_INS: object[] = [
  Object,
  Object.prototype,
  Function.prototype,
  Array,
  Array.prototype,
  String,
  String.prototype,
  Number,
  Number.prototype,
  Math,
  JSON,
  Reflect,
  Promise,
  Promise.prototype,
  Map.prototype,
  Set.prototype,
  RegExp.prototype,
  ArrayBuffer.prototype,
  TypedArray,
  (TypedArray as { prototype: object }).prototype,
  Uint8Array,
  Uint8Array.prototype,
];

function functionsOf(target: object): Descriptors {
  const found: Descriptors = new Map();
  for (const key of Reflect.ownKeys(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor && typeof descriptor.value === "function") found.set(key, descriptor);
  }
  return found;
}

const before = BUILT_INS.map(functionsOf);
const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
// @ts-expect-error: the worker module has no type declarations; it registers itself on globalThis.
const workerModule = (await import("pdfjs-dist/legacy/build/pdf.worker.mjs")) as {
  WorkerMessageHandler: { initializeFromPort(port: unknown): void };
};

/** Built-ins the polyfills replaced and were put back (for the test that guards this). */
export const restoredBuiltIns: string[] = [];
BUILT_INS.forEach((target, i) => {
  for (const [key, original] of before[i]!) {
    const now = Object.getOwnPropertyDescriptor(target, key);
    if (now?.value === original.value) continue;
    Object.defineProperty(target, key, original);
    restoredBuiltIns.push(String(key));
  }
});

installSyncInflate();

/** The worker half's entry point (see port.ts, which runs it behind our own in-process port). */
export const WorkerMessageHandler = workerModule.WorkerMessageHandler;

export { pdfjs };
