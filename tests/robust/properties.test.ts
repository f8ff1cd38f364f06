// Property-based: whatever layout, form, template and hazards the synthetic generator draws (fast-check
// picks the seeds, forms and templates, and shrinks a failure to the smallest case), the parser never
// prints a wrong figure: every figure it reads equals the truth, or it leaves the figure out.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseDocument } from "../../parsers/index.js";
import { renderCorpusDocument, FORMS, type Form } from "../../src/synth/index.js";

const RUNS = 40;

test(`random synthetic layouts never produce a wrong figure (${RUNS} cases)`, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.nat({ max: 100_000 }),
      fc.constantFrom<Form>(...FORMS),
      fc.constantFrom("2019", "2021", undefined),
      async (seed, index, form, template) => {
        const doc = renderCorpusDocument(index, {
          seed,
          forms: [form],
          ...(template ? { template: template as never } : {}),
        });
        const result = await parseDocument(doc.bytes, { name: doc.name });
        const wrong: string[] = [];
        for (const [code, value] of Object.entries(result.values)) {
          const truth = doc.truth.values[code];
          if (truth === undefined) {
            if (!doc.truth.undeterminable.includes(code)) wrong.push(`${code}=${value} (not in the report)`);
          } else if (truth !== value) wrong.push(`${code}=${value} (truth ${truth})`);
        }
        assert.deepEqual(wrong, [], `${doc.name} [${doc.truth.hazards.join(",")}]`);
      },
    ),
    { numRuns: RUNS, seed: 20261207 },
  );
});
