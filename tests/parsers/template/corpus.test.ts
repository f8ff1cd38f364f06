// Every text, HTML and Markdown document of the shared corpus parses exactly (figures, agency, year,
// template), in process. Skipped when the shared corpus is not on this machine.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseDocument } from "../../../parsers/index.js";
import { projectRoot } from "../../../src/paths.js";

// The shared corpus sits beside the checkout (../shared).
const CORPUS = join(projectRoot, "..", "shared", "corpus");
const docs = existsSync(CORPUS)
  ? readdirSync(join(CORPUS, "docs")).filter((f) => /\.(txt|html?|md)$/.test(f))
  : [];

describe(
  "shared corpus (text, HTML, Markdown)",
  { skip: docs.length === 0 && "needs ../shared/corpus (the shared corpus beside the checkout)" },
  () => {
    for (const doc of docs) {
      it(`parses ${doc} exactly`, async () => {
        const truth = JSON.parse(
          readFileSync(join(CORPUS, "truth", doc.replace(/\.[^.]+$/, ".json")), "utf8"),
        );
        const result = await parseDocument(readFileSync(join(CORPUS, "docs", doc)), { name: doc });
        assert.equal(result.agency, truth.agency);
        assert.equal(result.year, truth.year);
        assert.equal(result.template, truth.template);
        assert.deepEqual(result.values, truth.values);
      });
    }
  },
);
