// Scores the parser in-process on generated reports (src/synth) against their truth: right, wrong and
// missing figures, metadata, and which hazards the failing documents hold. Used by synthetic.test.ts;
// run alone for a breakdown: npx tsx tests/parsers/template/synthetic-score.ts [n] [seed] [forms]
import { parseDocument } from "../../../parsers/index.js";
import { generateCorpus, type Form } from "../../../src/synth/index.js";

export interface SyntheticScore {
  docs: number;
  right: number;
  wrong: number;
  missing: number;
  metaWrong: number;
  failures: { name: string; hazards: string[]; wrong: string[]; missing: string[]; meta?: string }[];
}

export async function scoreSynthetic(n: number, seed: string, forms?: Form[]): Promise<SyntheticScore> {
  const score: SyntheticScore = { docs: 0, right: 0, wrong: 0, missing: 0, metaWrong: 0, failures: [] };
  for (const doc of generateCorpus({ n, seed, ...(forms ? { forms } : {}) })) {
    const result = await parseDocument(doc.bytes, { name: doc.name });
    const truth = doc.truth;
    const wrong: string[] = [];
    const missing: string[] = [];
    for (const [code, expected] of Object.entries(truth.values)) {
      const got = result.values[code];
      if (got === undefined) missing.push(code);
      else if (got !== expected) wrong.push(`${code}=${got} (truth ${expected})`);
      else score.right++;
    }
    for (const code of Object.keys(result.values)) {
      if (!(code in truth.values) && !truth.undeterminable.includes(code))
        wrong.push(`${code}=${result.values[code]} (not in truth)`);
    }
    const metaOk =
      result.agency === truth.agency && result.year === truth.year && result.template === truth.template;
    score.docs++;
    score.wrong += wrong.length;
    score.missing += missing.length;
    if (!metaOk) score.metaWrong++;
    if (wrong.length || missing.length || !metaOk) {
      score.failures.push({
        name: doc.name,
        hazards: truth.hazards,
        wrong,
        missing,
        ...(metaOk
          ? {}
          : {
              meta: `got ${result.agency}/${result.year}/${result.template} want ${truth.agency}/${truth.year}/${truth.template}`,
            }),
      });
    }
  }
  return score;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 300);
  const seed = process.argv[3] ?? "template-eval";
  const forms = process.argv[4]?.split(",") as Form[] | undefined;
  const s = await scoreSynthetic(n, seed, forms);
  const cells = s.right + s.wrong + s.missing;
  for (const f of s.failures.slice(0, 40)) {
    console.log(`${f.name} [${f.hazards.join(",")}] ${f.meta ?? ""}`);
    if (f.wrong.length) console.log(`   wrong ${f.wrong.length}: ${f.wrong.slice(0, 6).join("; ")}`);
    if (f.missing.length) console.log(`   missing ${f.missing.length}: ${f.missing.slice(0, 6).join(" ")}`);
  }
  console.log(
    `docs ${s.docs}, meta wrong ${s.metaWrong}; cells ${cells}: right ${s.right} (${((100 * s.right) / cells).toFixed(2)}%), wrong ${s.wrong} (${((100 * s.wrong) / cells).toFixed(3)}%), missing ${s.missing}`,
  );
}
