// Writes a synthetic corpus in the layout ../shared/tools/score.mjs reads:
//   DIR/docs/NAME.ext and DIR/truth/NAME.json
// Usage: npx tsx scripts/synth-corpus.ts --out DIR [--n 1000] [--seed S] [--forms html,text,markdown]
//        [--template 2019|2021] [--clean] [--prose-only-share 0.05]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { FORMS, generateCorpus, type Form } from "../src/synth/index.js";

const { values: args } = parseArgs({
  options: {
    out: { type: "string" },
    n: { type: "string", default: "1000" },
    seed: { type: "string", default: "nianbao" },
    forms: { type: "string" },
    template: { type: "string" },
    clean: { type: "boolean", default: false },
    "prose-only-share": { type: "string", default: "0" },
  },
});
if (!args.out) {
  console.error(
    "usage: synth-corpus.ts --out DIR [--n 1000] [--seed S] [--forms html,text,markdown] [--template 2019|2021] [--clean] [--prose-only-share 0.05]",
  );
  process.exit(2);
}
const forms = (args.forms?.split(",").map((f) => f.trim()) ?? [...FORMS]) as Form[];
const unknown = forms.filter((f) => !FORMS.includes(f));
if (unknown.length) {
  console.error(`unknown form(s): ${unknown.join(", ")} (known: ${FORMS.join(", ")})`);
  process.exit(2);
}
const template = args.template;
if (template !== undefined && template !== "2019" && template !== "2021") {
  console.error("--template must be 2019 or 2021");
  process.exit(2);
}
const n = Number(args.n);
if (!Number.isInteger(n) || n < 0) {
  console.error("--n must be a whole number");
  process.exit(2);
}

const proseOnlyShare = Number(args["prose-only-share"]);
if (!(proseOnlyShare >= 0 && proseOnlyShare <= 1)) {
  console.error("--prose-only-share must be between 0 and 1");
  process.exit(2);
}

const docsDir = join(args.out, "docs");
const truthDir = join(args.out, "truth");
mkdirSync(docsDir, { recursive: true });
mkdirSync(truthDir, { recursive: true });
let count = 0;
for (const doc of generateCorpus({
  n,
  seed: args.seed,
  forms,
  template,
  report: args.clean ? { clean: true } : undefined,
  proseOnlyShare,
})) {
  writeFileSync(join(docsDir, doc.name), doc.bytes);
  const base = doc.name.replace(/\.[^.]+$/, "");
  writeFileSync(join(truthDir, `${base}.json`), JSON.stringify(doc.truth, null, 1) + "\n");
  count++;
}
console.log(`wrote ${count} documents to ${docsDir} and their truth to ${truthDir}`);
