// The parse worker pool: results equal the in-thread parser's, ParseError keeps its code across the
// thread boundary, and a document overrunning its deadline costs its worker, not the pool.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { parseDocument, ParseError } from "../../parsers/index.js";
import { ParsePool } from "../../parsers/pool/index.js";
import { projectRoot } from "../../src/paths.js";

const fixture = (path: string) => readFileSync(join(projectRoot, path));
const pool = new ParsePool({ size: 2 });
after(() => pool.close());

test("a PDF and a DOCX parsed in workers give exactly the in-thread result", async () => {
  for (const path of [
    "tests/fixtures/pdf/synth-2019-editor.pdf",
    "data/demo-documents/synth-2021-word.docx",
  ]) {
    const bytes = fixture(path);
    const [inWorker, inThread] = await Promise.all([
      pool.parse(bytes, { name: path }),
      parseDocument(bytes, { name: path }),
    ]);
    assert.deepEqual(inWorker, inThread);
    const truth = JSON.parse(fixture(path.replace(/\.\w+$/, ".truth.json")).toString()) as {
      values: Record<string, number>;
    };
    assert.deepEqual(inWorker.values, truth.values, path);
  }
});

test("a ParseError crosses the thread boundary with its code and message", async () => {
  const bytes = fixture("tests/fixtures/pdf/encrypted.pdf");
  const inThread = await parseDocument(bytes).then(
    () => assert.fail("an encrypted PDF must not parse"),
    (error: unknown) => error as ParseError,
  );
  await assert.rejects(pool.parse(bytes, { name: "encrypted.pdf" }), (error) => {
    assert.ok(error instanceof ParseError);
    assert.equal(error.code, "encrypted");
    assert.equal(error.message, inThread.message);
    return true;
  });
  await assert.rejects(
    pool.parse(new Uint8Array(0)),
    (error) => error instanceof ParseError && error.code === "empty",
  );
});

test("a document overrunning its deadline is failed as a timeout and the pool keeps working", async () => {
  const single = new ParsePool({ size: 1 });
  try {
    // A fresh worker cannot even load pdf.js within 1 ms: this document is "stuck" for the pool.
    await assert.rejects(single.parse(fixture("tests/fixtures/pdf/synth-2021-word.pdf"), {}, 1), (error) => {
      assert.ok(error instanceof ParseError);
      assert.equal(error.code, "timeout");
      return true;
    });
    const html = fixture("tests/fixtures/formats/portal-layout.html");
    assert.deepEqual(await single.parse(html), await parseDocument(html));
  } finally {
    await single.close();
  }
});

test("a closed pool refuses work instead of hanging", async () => {
  const closed = new ParsePool({ size: 1 });
  await closed.close();
  await assert.rejects(closed.parse(fixture("tests/fixtures/formats/portal-layout.html")), /closed/);
});
