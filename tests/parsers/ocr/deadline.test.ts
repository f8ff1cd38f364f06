// A scan whose time is up fails as a timeout (ParseError "timeout", exit code of a failed document),
// wherever the deadline falls: in the orientation check, between pages, or in an engine pass. The
// signal's own DOMException ("The operation was aborted") reached the CLI as an internal error
// (exit 70) when the deadline passed during the orientation check of a 300 dpi scan.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ParseError } from "../../../parsers/errors.js";
import type { GrayImage } from "../../../parsers/ocr/image.js";
import { readScanPages } from "../../../parsers/ocr/page-reader.js";
import {
  pageOrientation,
  recognizeBatch,
  stopIfOutOfTime,
  type OcrEngine,
} from "../../../parsers/ocr/tesseract.js";

const timedOut = (error: unknown) => error instanceof ParseError && error.code === "timeout";

const engine: OcrEngine = {
  name: "stand-in",
  read: async (images) => images.map(() => ({ text: "", lines: [], confidence: 0, chars: [] })),
};

const page = (): GrayImage => {
  const width = 600;
  const height = 800;
  const data = new Uint8Array(width * height).fill(255);
  for (let x = 100; x < 500; x++) data[400 * width + x] = 0;
  return { width, height, data, dpi: 72 };
};

test("out of time, the orientation check fails as a timeout, not as the signal's abort", async () => {
  const signal = AbortSignal.abort();
  await assert.rejects(pageOrientation(new Uint8Array([80, 53, 10]), 100, { signal }), timedOut);
  await assert.rejects(readScanPages([page()], { engine, signal }), timedOut);
});

test("stopIfOutOfTime throws only once the signal is aborted", () => {
  stopIfOutOfTime(undefined);
  stopIfOutOfTime(new AbortController().signal);
  assert.throws(() => stopIfOutOfTime(AbortSignal.abort()), timedOut);
});

test("a tesseract run killed by its own time limit fails as a timeout, not as the engine failing", async (t) => {
  // A stand-in tesseract that never answers (the engine's command is read at each run).
  const dir = mkdtempSync(join(tmpdir(), "nianbao-slow-tesseract-"));
  const slow = join(dir, "tesseract");
  writeFileSync(slow, "#!/bin/sh\nexec sleep 30\n", { mode: 0o755 });
  const before = process.env.NIANBAO_TESSERACT;
  process.env.NIANBAO_TESSERACT = slow;
  t.after(() => {
    if (before === undefined) delete process.env.NIANBAO_TESSERACT;
    else process.env.NIANBAO_TESSERACT = before;
    rmSync(dir, { recursive: true, force: true });
  });
  await assert.rejects(
    recognizeBatch(
      [new Uint8Array([80, 53, 10, 49, 32, 49, 10, 50, 53, 53, 10, 255])],
      { language: "eng", psm: 7 },
      { timeoutMs: 300 },
    ),
    (error: unknown) => timedOut(error) && /took over/.test((error as Error).message),
  );
});
