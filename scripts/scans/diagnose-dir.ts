// Where the scans of a folder (scripts/scans/real.ts or make.ts output: DIR/docs/NAME.pdf with
// DIR/truth/NAME.json) lose their figures: the tables the scan's grid gave (rows × columns) beside
// the born-digital rendering's (DIR/SOURCE.born-digital.pdf when real.ts wrote it), the figures the
// recognizer read (right / wrong / missing by table) and those the identity check kept.
//
//   npx tsx scripts/scans/diagnose-dir.ts --dir /tmp/real [--only NAME-SUBSTRING] [--missing] [--tables]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import type { DocumentIR } from "../../parsers/ir.js";
import { pdfToIR } from "../../parsers/formats/pdf.js";
import { scannedPdfToIR } from "../../parsers/ocr/scan.js";
import { tesseractEngine } from "../../parsers/ocr/tesseract.js";
import { verifyOcrFigures } from "../../parsers/ocr/verify.js";
import { recognize } from "../../parsers/template/recognize.js";
import { args } from "./make.js";

const a = args();
const dir = a.get("dir");
if (!dir) throw new Error("usage: diagnose-dir.ts --dir DIR [--only SUBSTRING] [--missing]");
const only = a.get("only")?.split(",");
const engine = await tesseractEngine();

function shapes(ir: DocumentIR): string {
  return ir.blocks
    .filter((b) => b.kind === "table")
    .map((b) => {
      if (b.kind !== "table") return "";
      const page = b.loc?.page ? `p${b.loc.page}:` : "";
      return `${page}${b.rows.length}x${Math.max(...b.rows.map((r) => r.length))}`;
    })
    .join(" ");
}

const byTable = (codes: string[]) => {
  const out: Record<string, number> = {};
  for (const c of codes) out[c.split(".")[0]!] = (out[c.split(".")[0]!] ?? 0) + 1;
  return JSON.stringify(out);
};

const total = { truth: 0, kept: 0, wrong: 0, read: 0 };
const bornShapes = new Map<string, string>();
for (const file of readdirSync(join(dir, "docs")).sort()) {
  const name = basename(file, extname(file));
  if (only && !only.some((o) => name.includes(o))) continue;
  const truth = (
    JSON.parse(readFileSync(join(dir, "truth", `${name}.json`), "utf8")) as {
      values: Record<string, number>;
    }
  ).values;
  const source = name.replace(/-\d+dpi-.*$/, "");
  const born = join(dir, `${source}.born-digital.pdf`);
  if (!bornShapes.has(source) && existsSync(born))
    bornShapes.set(source, shapes(await pdfToIR(new Uint8Array(readFileSync(born)))));
  const t0 = performance.now();
  let ir: DocumentIR;
  try {
    ir = await scannedPdfToIR(new Uint8Array(readFileSync(join(dir, "docs", file))), { engine });
  } catch (error) {
    console.log(`${name}: FAILED ${(error as Error).message}`);
    continue;
  }
  const seconds = (performance.now() - t0) / 1000;
  const first = { ...recognize(ir), format: ir.format };
  const result = verifyOcrFigures(first, ir);
  const codes = Object.keys(truth);
  const readRight = codes.filter((c) => first.values[c] === truth[c]);
  const readWrong = Object.keys(first.values).filter((c) => c in truth && first.values[c] !== truth[c]);
  const missing = codes.filter((c) => !(c in first.values));
  const kept = codes.filter((c) => result.values[c] === truth[c]);
  const keptWrong = Object.keys(result.values).filter((c) => c in truth && result.values[c] !== truth[c]);
  const lost = codes.filter((c) => result.values[c] !== truth[c]);
  total.truth += codes.length;
  total.kept += kept.length;
  total.wrong += keptWrong.length;
  total.read += readRight.length;
  console.log(
    `${name}: ${seconds.toFixed(1)} s; kept ${kept.length}/${codes.length}, wrong ${keptWrong.length}; ` +
      `recognizer right ${readRight.length} wrong ${readWrong.length} ${byTable(readWrong)} missing ${missing.length} ${byTable(missing)}; lost ${byTable(lost)}`,
  );
  console.log(`  grids ${shapes(ir)}`);
  if (bornShapes.has(source)) console.log(`  born  ${bornShapes.get(source)}`);
  if (a.get("tables"))
    for (const b of ir.blocks)
      if (b.kind === "table") {
        console.log(`  table p${b.loc?.page ?? "?"}`);
        for (const row of b.rows)
          console.log(`    | ${row.map((c) => c.text.replace(/\s+/g, " ")).join(" | ")}`);
      }
  if (a.get("missing")) {
    for (const c of readWrong)
      console.log(
        `  misread ${c}: ${first.values[c]} (truth ${truth[c]}) ${JSON.stringify(first.sources?.[c]?.loc)}`,
      );
    for (const i of result.issues.filter((i) => i.code === "ocr.unconfirmed"))
      console.log(`  left out ${i.metric}: ${i.message}`);
    console.log(`  missing: ${missing.join(" ")}`);
  }
  for (const c of keptWrong) console.log(`  WRONG ${c}: ${result.values[c]} (truth ${truth[c]})`);
}
console.log(
  `total: kept ${total.kept}/${total.truth} (${((100 * total.kept) / total.truth).toFixed(2)}%), wrong ${total.wrong}; recognizer right ${total.read}`,
);
