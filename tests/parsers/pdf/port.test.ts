// pdf.js's two halves talk through our in-process port (parsers/pdf/port.ts), which hands an
// operator-list or text-content chunk over without structured-cloning the objects in it. What the main half receives
// must be what pdf.js's own port gives (a structured clone), and must not change when the worker
// half reuses its arrays for the next chunk.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { PDFDocumentProxy } from "pdfjs-dist/types/src/display/api.js";
import { readOperators } from "../../../parsers/pdf/operators.js";
import { pdfjs } from "../../../parsers/pdf/pdfjs.js";
import { InProcessPort, inProcessWorker } from "../../../parsers/pdf/port.js";
import { projectRoot } from "../../../src/paths.js";

const fixture = (name: string) => new Uint8Array(readFileSync(join(projectRoot, "tests/fixtures/pdf", name)));

async function operatorLists(bytes: Uint8Array, worker?: ReturnType<typeof inProcessWorker>) {
  const task = pdfjs.getDocument({
    data: bytes,
    verbosity: 0,
    disableFontFace: false,
    ...(worker ? { worker } : {}),
  });
  const doc: PDFDocumentProxy = await task.promise;
  try {
    const lists = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const text = await page.getTextContent();
      const { fnArray, argsArray } = await page.getOperatorList();
      const viewport = page.getViewport({ scale: 1 }).transform as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      lists.push({
        items: JSON.stringify(text.items).replace(/g_d\d+_/g, "g_d_"),
        styles: Object.keys(text.styles).length,
        fnArray: [...fnArray],
        // Font names carry the document's number ("g_d3_f1"), which differs between the two loads.
        args: JSON.stringify(argsArray, (_key, value: unknown) =>
          ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value,
        ).replace(/g_d\d+_/g, "g_d_"),
        geometry: readOperators(fnArray, argsArray, viewport),
      });
    }
    return lists;
  } finally {
    await task.destroy();
    worker?.destroy();
  }
}

test("text and operator lists through the in-process port equal those through pdf.js's cloning port", async () => {
  for (const name of ["synth-2021-word.pdf", "rotated-pages.pdf"]) {
    const cloned = await operatorLists(fixture(name));
    const shared = await operatorLists(fixture(name), inProcessWorker());
    assert.ok(
      cloned.some((list) => list.fnArray.length > 100),
      `${name} has operators`,
    );
    assert.deepEqual(shared, cloned, name);
  }
});

test("a chunk is received as sent, whatever the sender does with its arrays afterwards", async () => {
  const port = new InProcessPort();
  const received: unknown[] = [];
  port.addEventListener("message", (event) => received.push(event.data));
  const glyphs = [{ unicode: "一", width: 1000 }];
  const chunk = { fnArray: [1, 2], argsArray: [null, [glyphs]], lastChunk: false, length: 2 };
  port.postMessage({ stream: 4, chunk });
  chunk.fnArray.length = 0; // what pdf.js's OperatorList.flush does right after sending
  chunk.argsArray.length = 0;
  const text: { items: object[]; styles: Record<string, object> } = {
    items: [{ str: "总计" }],
    styles: { g_d0_f1: { vertical: false } },
  };
  port.postMessage({ stream: 4, chunk: text });
  text.items = []; // what pdf.js's text extraction does right after sending
  text.styles = {};
  const other = { nested: { list: [1, 2, 3] } };
  port.postMessage(other);
  other.nested.list.push(4);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(received, [
    { stream: 4, chunk: { fnArray: [1, 2], argsArray: [null, [glyphs]], lastChunk: false, length: 2 } },
    { stream: 4, chunk: { items: [{ str: "总计" }], styles: { g_d0_f1: { vertical: false } } } },
    { nested: { list: [1, 2, 3] } },
  ]);
});
