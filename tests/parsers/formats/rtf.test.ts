// RTF (Rich Text, as Word/WPS save a report; Beijing's district portals publish .rtf): converted to
// DOCX with LibreOffice and read like one. The fixture is tests/fixtures/docx/synth-2021-editor.docx
// saved as RTF by LibreOffice (`soffice --headless --convert-to rtf`), gzipped (162 KB of RTF, 6 KB
// gzipped); it has the DOCX's truth. Runs only where soffice is installed.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { parseDocument, sniffFormat } from "../../../parsers/index.js";
import { findSoffice } from "../../../parsers/ole/soffice.js";
import { projectRoot } from "../../../src/paths.js";
import { readTruth } from "../fixture-truth.js";

const dir = join(projectRoot, "tests/fixtures/docx");

test("RTF is sniffed by its {\\rtf start, whatever the code page", () => {
  assert.equal(
    sniffFormat(Buffer.from("{\\rtf1\\ansi\\ansicpg936\\deff0 {\\fonttbl}\\'c4\\'b3}", "latin1")),
    "rtf",
  );
  assert.equal(sniffFormat(gunzipSync(readFileSync(join(dir, "synth-2021-editor.rtf.gz")))), "rtf");
});

test(
  "an RTF report parses exactly through LibreOffice",
  { skip: !findSoffice() && "LibreOffice (soffice) is not installed; run scripts/install-system-deps.sh" },
  async () => {
    const truth = readTruth(join(dir, "synth-2021-editor.truth.json"));
    const bytes = new Uint8Array(gunzipSync(readFileSync(join(dir, "synth-2021-editor.rtf.gz"))));
    const result = await parseDocument(bytes, { name: "report.rtf" });
    assert.equal(result.format, "rtf");
    assert.equal(result.agency, truth.agency);
    assert.equal(result.year, truth.year);
    assert.deepEqual(result.values, truth.values);
  },
);
