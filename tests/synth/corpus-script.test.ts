// scripts/synth-corpus.ts writes the layout score.mjs reads: docs/NAME.ext + truth/NAME.json.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { renderCorpusDocument } from "../../src/synth/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("scripts/synth-corpus.ts", () => {
  it("writes every document with its truth, identical to the in-process generator", () => {
    const out = mkdtempSync(join(tmpdir(), "synth-corpus-"));
    try {
      execFileSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "scripts/synth-corpus.ts",
          "--out",
          out,
          "--n",
          "6",
          "--seed",
          "t",
          "--forms",
          "html,text",
        ],
        { cwd: root, stdio: "pipe" },
      );
      const docs = readdirSync(join(out, "docs")).sort();
      const truths = readdirSync(join(out, "truth")).sort();
      assert.equal(docs.length, 6);
      assert.deepEqual(
        truths,
        docs.map((d) => d.replace(/\.(html|txt)$/, ".json")),
      );
      assert.deepEqual(
        docs.map((d) => d.split(".").pop()),
        ["html", "txt", "html", "txt", "html", "txt"],
      );
      const expected = renderCorpusDocument(3, { seed: "t", forms: ["html", "text"] });
      assert.equal(docs[3], expected.name);
      assert.deepEqual(new Uint8Array(readFileSync(join(out, "docs", docs[3]!))), expected.bytes);
      assert.deepEqual(JSON.parse(readFileSync(join(out, "truth", truths[3]!), "utf8")), expected.truth);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("refuses an unknown form", () => {
    assert.throws(
      () =>
        execFileSync(
          process.execPath,
          ["--import", "tsx", "scripts/synth-corpus.ts", "--out", "/nonexistent", "--forms", "pdf"],
          {
            cwd: root,
            stdio: "pipe",
          },
        ),
      /unknown form/,
    );
  });
});
