// Where a degraded scan loses its figures, stage by stage: the scans of `npm run bench -- ocr`
// made once and kept in a folder (re-runs read them), then per scan: the grids found per page
// (rows × columns, against the clean scan's), the cells by kind, the figures the recognizer read
// (right / wrong / missing, by table), and those the identity check kept.
//
//   npx tsx scripts/scans/diagnose.ts --dir /tmp/scans [--sources a,b] [--variants clean-200,normal-150]
//        [--only NAME-SUBSTRING] [--missing]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { projectRoot } from "../../src/paths.js";
import { createRng } from "../../src/synth/index.js";
import { imageToIR, scannedPdfToIR } from "../../parsers/ocr/scan.js";
import { tesseractEngine } from "../../parsers/ocr/tesseract.js";
import { verifyOcrFigures } from "../../parsers/ocr/verify.js";
import { recognize } from "../../parsers/template/recognize.js";
import { fixtureSources, makeScan, type Form } from "./make.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const next = process.argv[i + 1];
  return next === undefined || next.startsWith("--") ? "true" : next;
}

const dir = arg("dir") ?? "/tmp/nianbao-scans";
const sources = (arg("sources") ?? "synth-2019-editor,synth-2021-word").split(",");
const variants = (arg("variants") ?? "clean-200,normal-150,normal-200,normal-300,photo-200").split(",");
const only = arg("only");
mkdirSync(dir, { recursive: true });

const engine = await tesseractEngine();
const grids = new Map<string, string>();
const total = { truth: 0, read: 0, right: 0, kept: 0, wrong: 0 };
for (const source of fixtureSources(join(projectRoot, "tests/fixtures/pdf")).filter((s) =>
  sources.includes(s.name),
)) {
  for (const variant of variants) {
    const name = `${source.name} ${variant}`;
    if (only && !name.includes(only)) continue;
    const [level, dpiText] = variant.split("-") as [string, string];
    const form: Form = level === "clean" || level === "normal" ? "pdf" : (level as Form);
    const file = join(dir, `${source.name}-${variant}.bin`);
    if (!existsSync(file)) {
      const made = await makeScan(
        source,
        Number(dpiText),
        form,
        level === "clean",
        createRng(`${source.name}/${variant}`),
      );
      if (!made) continue;
      writeFileSync(file, made.bytes);
      writeFileSync(`${file}.json`, JSON.stringify(made.truth));
    }
    const bytes = new Uint8Array(readFileSync(file));
    const truth = (JSON.parse(readFileSync(`${file}.json`, "utf8")) as { values: Record<string, number> })
      .values;
    const t0 = performance.now();
    const ir = form === "pdf" ? await scannedPdfToIR(bytes, { engine }) : await imageToIR(bytes, { engine });
    const seconds = (performance.now() - t0) / 1000;
    const first = { ...recognize(ir), format: ir.format };
    const result = verifyOcrFigures(first, ir);
    const shape = ir.blocks
      .filter((b) => b.kind === "table")
      .map((b) => (b.kind === "table" ? `${b.rows.length}x${Math.max(...b.rows.map((r) => r.length))}` : ""))
      .join(" ");
    if (level === "clean") grids.set(source.name, shape);
    const byTable = (codes: string[]) => {
      const out: Record<string, number> = {};
      for (const c of codes) out[c.split(".")[0]!] = (out[c.split(".")[0]!] ?? 0) + 1;
      return JSON.stringify(out);
    };
    const codes = Object.keys(truth);
    const readRight = codes.filter((c) => first.values[c] === truth[c]);
    const readWrong = Object.keys(first.values).filter((c) => c in truth && first.values[c] !== truth[c]);
    const missing = codes.filter((c) => !(c in first.values));
    const kept = codes.filter((c) => result.values[c] === truth[c]);
    const keptWrong = Object.keys(result.values).filter((c) => result.values[c] !== truth[c]);
    const kinds: Record<string, number> = {};
    for (const c of ir.ocr?.cells ?? []) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
    total.truth += codes.length;
    total.read += readRight.length;
    total.kept += kept.length;
    total.wrong += keptWrong.length;
    console.log(
      `${name}: ${seconds.toFixed(1)} s; kept ${kept.length}/${codes.length}, wrong ${keptWrong.length}; ` +
        `recognizer right ${readRight.length} wrong ${readWrong.length} ${byTable(readWrong)} missing ${missing.length} ${byTable(missing)}`,
    );
    console.log(`  grids ${shape}${level !== "clean" ? `  (clean: ${grids.get(source.name) ?? "?"})` : ""}`);
    console.log(`  figure cells ${JSON.stringify(kinds)}`);
    if (arg("missing")) {
      for (const c of readWrong)
        console.log(
          `  misread ${c}: ${first.values[c]} (truth ${truth[c]}) ${JSON.stringify(first.sources?.[c]?.loc)}`,
        );
      const left = result.issues.filter((i) => i.code === "ocr.unconfirmed");
      for (const i of left) console.log(`  left out ${i.metric}: ${i.message}`);
      console.log(`  missing: ${missing.join(" ")}`);
    }
    for (const c of keptWrong) console.log(`  WRONG ${c}: ${result.values[c]} (truth ${truth[c]})`);
  }
}
console.log(
  `total: kept ${total.kept}/${total.truth} (${((100 * total.kept) / total.truth).toFixed(1)}%), wrong ${total.wrong}; recognizer right ${total.read}`,
);
