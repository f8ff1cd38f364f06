// A stored original is served with its own media type and extension (src/serve/app.ts), for every
// format the parser reads from a file of that kind.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ORIGINAL_TYPES } from "../../src/serve/app.js";

test("originals of the newer formats keep their media type and extension", () => {
  assert.deepEqual(ORIGINAL_TYPES.ofd, { type: "application/ofd", ext: "ofd" });
  assert.deepEqual(ORIGINAL_TYPES.rtf, { type: "application/rtf", ext: "rtf" });
  assert.deepEqual(ORIGINAL_TYPES.xlsx, {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ext: "xlsx",
  });
  assert.deepEqual(ORIGINAL_TYPES.xls, { type: "application/vnd.ms-excel", ext: "xls" });
  // A scanned report (format "scan") is the image-only PDF it was read from, not an octet stream.
  assert.deepEqual(ORIGINAL_TYPES.scan, { type: "application/pdf", ext: "pdf" });
});
