// DOC/WPS: OLE2 files converted with LibreOffice. The conversion test runs only where soffice is
// installed (scripts/install-system-deps.sh); the refusal paths run everywhere.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ParseError, parseDocument } from "../../../parsers/index.js";
import { oleToIR } from "../../../parsers/formats/ole.js";
import { findSoffice } from "../../../parsers/ole/soffice.js";
import { oleKind } from "../../../parsers/ole/streams.js";
import { projectRoot } from "../../../src/paths.js";
import { readTruth } from "../fixture-truth.js";

// The Word 97 file the demo publishes as .wps (data/demo-documents).
const dir = join(projectRoot, "data/demo-documents");
const docBytes = () => new Uint8Array(readFileSync(join(dir, "synth-2021-editor.doc")));
const soffice = findSoffice();

/** An OLE2 header followed by a directory naming the given streams (enough for sniffing). */
function fakeOle(...streams: string[]): Uint8Array {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return new Uint8Array(
    Buffer.concat([header, Buffer.alloc(504), ...streams.map((s) => Buffer.from(s, "utf16le"))]),
  );
}

test(
  "a DOC report (and the same bytes named .wps) parses exactly through LibreOffice",
  { skip: !soffice && "LibreOffice (soffice) is not installed; run scripts/install-system-deps.sh" },
  async () => {
    const truth = readTruth(join(dir, "synth-2021-editor.truth.json"));
    const result = await parseDocument(docBytes(), { name: "report.wps" });
    assert.equal(result.format, "doc");
    assert.equal(result.agency, truth.agency);
    assert.deepEqual(result.values, truth.values);
  },
);

test("without LibreOffice the message says how to install it", async () => {
  const saved = process.env.NIANBAO_SOFFICE;
  process.env.NIANBAO_SOFFICE = "/nonexistent/soffice";
  try {
    await assert.rejects(oleToIR(docBytes()), (error) => {
      assert.ok(error instanceof ParseError);
      assert.equal(error.code, "converter_missing");
      assert.match(error.message, /apt-get install .*libreoffice-writer/);
      return true;
    });
  } finally {
    if (saved === undefined) delete process.env.NIANBAO_SOFFICE;
    else process.env.NIANBAO_SOFFICE = saved;
  }
});

test("encrypted Office files and spreadsheets are refused before any conversion", async () => {
  assert.equal(oleKind(docBytes()), "word");
  await assert.rejects(oleToIR(fakeOle("EncryptedPackage", "EncryptionInfo")), (error) => {
    assert.ok(error instanceof ParseError);
    assert.equal(error.code, "encrypted");
    return true;
  });
  await assert.rejects(oleToIR(fakeOle("Workbook")), (error) => {
    assert.ok(error instanceof ParseError);
    assert.equal(error.code, "unsupported_format");
    return true;
  });
  await assert.rejects(oleToIR(new TextEncoder().encode("not an OLE file at all")), (error) => {
    assert.ok(error instanceof ParseError);
    assert.equal(error.code, "corrupt");
    return true;
  });
});

test(
  "a damaged DOC fails with a ParseError instead of hanging",
  { skip: !soffice && "LibreOffice (soffice) is not installed" },
  async () => {
    const whole = docBytes();
    const damaged = new Uint8Array(whole.slice(0, 2048));
    await assert.rejects(oleToIR(damaged, { timeoutMs: 30_000 }), (error) => {
      assert.ok(error instanceof ParseError, String(error));
      assert.ok(["converter_failed", "corrupt", "timeout"].includes(error.code), error.code);
      return true;
    });
  },
);
