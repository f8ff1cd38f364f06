// ODT (OpenDocument text, as LibreOffice and WPS save a report): converted to DOCX with LibreOffice
// and read like one. The fixture is tests/fixtures/docx/synth-2021-editor.docx saved as ODT by
// LibreOffice (`soffice --headless --convert-to odt`); it has the DOCX's truth. Runs only where
// soffice is installed (scripts/install-system-deps.sh).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseDocument } from "../../../parsers/index.js";
import { findSoffice } from "../../../parsers/ole/soffice.js";
import { projectRoot } from "../../../src/paths.js";
import { readTruth } from "../fixture-truth.js";

const dir = join(projectRoot, "tests/fixtures/docx");

test(
  "an ODT report parses exactly through LibreOffice",
  { skip: !findSoffice() && "LibreOffice (soffice) is not installed; run scripts/install-system-deps.sh" },
  async () => {
    const truth = readTruth(join(dir, "synth-2021-editor.truth.json"));
    const bytes = new Uint8Array(readFileSync(join(dir, "synth-2021-editor.odt")));
    const result = await parseDocument(bytes, { name: "report.odt" });
    assert.equal(result.format, "odt");
    assert.equal(result.agency, truth.agency);
    assert.equal(result.year, truth.year);
    assert.deepEqual(result.values, truth.values);
  },
);
