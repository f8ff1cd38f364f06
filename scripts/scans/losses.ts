// Why each figure of a scan set is missing: every truth figure the parse does not give, with the
// class of its loss — the table not found, its row lost by the recognizer (and why), its cell
// unread, or read and then refused by the identity check (and why). Sets are real.ts / make.ts
// output (DIR/docs/NAME.pdf|tif with DIR/truth/NAME.json). Each scan's IR is kept in --ir so that a
// recognizer or verifier change is scored again in seconds (the page reader is not re-run then).
//
//   npx tsx scripts/scans/losses.ts --dir DIR [--ir IRDIR] [--only SUBSTRING] [--list]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { ParseIssue, ParseResult } from "../../src/model/contract.js";
import type { DocumentIR } from "../../parsers/ir.js";
import { imageToIR, scannedPdfToIR } from "../../parsers/ocr/scan.js";
import { tesseractEngine } from "../../parsers/ocr/tesseract.js";
import { verifyOcrFigures } from "../../parsers/ocr/verify.js";
import { identitiesFor } from "../../parsers/template/identities.js";
import { recognize } from "../../parsers/template/recognize.js";
import { args } from "./make.js";

const a = args();
const dir = a.get("dir");
if (!dir) throw new Error("usage: losses.ts --dir DIR [--ir IRDIR] [--only SUBSTRING] [--list]");
const irDir = a.get("ir");
const only = a.get("only");
const list = process.argv.includes("--list");
if (irDir) mkdirSync(irDir, { recursive: true });

async function irOf(name: string, file: string): Promise<DocumentIR> {
  const cached = irDir ? join(irDir, `${name}.ir.json`) : null;
  if (cached && existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8")) as DocumentIR;
  const bytes = new Uint8Array(readFileSync(join(dir!, "docs", file)));
  const engine = await tesseractEngine();
  const ir = file.endsWith(".pdf")
    ? await scannedPdfToIR(bytes, { engine })
    : await imageToIR(bytes, { engine });
  if (cached) writeFileSync(cached, JSON.stringify(ir));
  return ir;
}

/** The row a code belongs to: "t3.denied.secret.total" → "t3.denied.secret". */
const rowOf = (code: string) => code.split(".").slice(0, -1).join(".");
const tableOf = (code: string) => code.split(".")[0]!;

function issueFor(issues: ParseIssue[], code: string): ParseIssue | undefined {
  return (
    issues.find((i) => i.metric === code) ??
    issues.find((i) => i.metric !== undefined && rowOf(i.metric) === rowOf(code))
  );
}

/** The class of a verifier's refusal, from its message. */
function refusal(message: string): string {
  const reasons: [RegExp, string][] = [
    [/identities need were not read/, "refused: identity uncheckable (a term missing)"],
    [/covering it do not hold|covering it does not hold/, "refused: identity fails"],
    [/not in the .* column/, "refused: cell not in its column"],
    [/confidence \d+ is below/, "refused: table 2 below the confidence floor"],
    [/looks blank but holds grey/, "refused: blank with grey"],
    [/doubtful reading of the same number/, "refused: echo"],
    [/is not what its cell read/, "refused: not what its cell read"],
    [/outside the figure cells/, "refused: outside the figure cells"],
    [/points tall/, "refused: tall cell"],
  ];
  return reasons.find(([re]) => re.test(message))?.[1] ?? `refused: ${message.slice(0, 60)}`;
}

/** Why the recognizer gave no figure for a code. */
function recognizerLoss(first: ParseResult, code: string): string {
  if (!first.template) return "table not found (no template)";
  const table = tableOf(code);
  if (!Object.keys(first.values).some((c) => tableOf(c) === table)) return `table not found (${table})`;
  const rowRead = Object.keys(first.values).some((c) => rowOf(c) === rowOf(code));
  if (rowRead) return "cell missing in a read row";
  const issue = issueFor(first.issues, code);
  if (!issue) return "row lost: no issue (label not matched?)";
  const m = /could not read (\d+) figures from "([^"]*)"/.exec(issue.message);
  if (m) {
    const items = m[2]!.split(" ").filter(Boolean).length;
    return items < Number(m[1])
      ? "row lost: a cell short (unread or merged)"
      : "row lost: figures unreadable";
  }
  return `row lost: ${issue.code}`;
}

const totals = new Map<string, number>();
let truthCount = 0;
let right = 0;
let wrong = 0;
for (const file of readdirSync(join(dir, "docs")).sort()) {
  const name = basename(file, extname(file));
  if (only && !name.includes(only)) continue;
  const truthPath = join(dir, "truth", `${name}.json`);
  if (!existsSync(truthPath)) continue;
  const truth = (JSON.parse(readFileSync(truthPath, "utf8")) as { values: Record<string, number> }).values;
  let ir: DocumentIR;
  try {
    ir = await irOf(name, file);
  } catch (error) {
    console.log(`${name}: FAILED ${(error as Error).message}`);
    continue;
  }
  const first = { ...recognize(ir), format: ir.format };
  const result = verifyOcrFigures(first, ir);
  const lines: string[] = [];
  let r = 0;
  let w = 0;
  for (const [code, value] of Object.entries(truth)) {
    const got = result.values[code];
    if (got === value) {
      r++;
      continue;
    }
    if (got !== undefined) {
      w++;
      lines.push(`  WRONG ${code}=${got} (truth ${value})`);
      continue;
    }
    const read = first.values[code];
    const sourceError =
      first.template !== null &&
      identitiesFor(first.template).some((i) => i.terms.includes(code) && i.evaluate(truth) !== null);
    const why = sourceError
      ? "source error (an identity fails in the report itself)"
      : read === undefined
        ? recognizerLoss(first, code)
        : read !== value
          ? "misread, refused"
          : refusal(
              result.issues.find((i) => i.metric === code && i.code === "ocr.unconfirmed")?.message ?? "?",
            );
    totals.set(why, (totals.get(why) ?? 0) + 1);
    const issue = issueFor(result.issues, code);
    lines.push(
      `  ${code}=${value} read ${read ?? "-"}: ${why}${issue ? ` | ${issue.message.slice(0, 160)}` : ""}`,
    );
  }
  truthCount += Object.keys(truth).length;
  right += r;
  wrong += w;
  console.log(`${name}: ${r}/${Object.keys(truth).length} right, ${w} wrong`);
  if (list || w > 0) for (const line of lines) if (list || line.includes("WRONG")) console.log(line);
}
console.log(
  `TOTAL ${right}/${truthCount} (${((100 * right) / Math.max(1, truthCount)).toFixed(2)} %), ${wrong} wrong`,
);
for (const [why, n] of [...totals].sort((x, y) => y[1] - x[1]))
  console.log(`  ${String(n).padStart(5)}  ${why}`);
