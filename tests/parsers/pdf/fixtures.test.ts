// End to end on PDFs rendered by LibreOffice from synthetic reports (scripts/fixtures/build.ts)
// and on hand-made hard cases: every figure must come out exactly as in the HTML the PDF was
// made from, and unreadable files must fail with a clear error, not hang or crash.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ParseError, parseDocument } from "../../../parsers/index.js";
import { pdfToIR } from "../../../parsers/formats/pdf.js";
import { projectRoot } from "../../../src/paths.js";
import { buildPdf, ucs2Hex } from "../../../scripts/fixtures/minimal-pdf.js";

const fixtures = join(projectRoot, "tests/fixtures/pdf");
/** The PDFs the demo publishes live in data/demo-documents (crawlers/simulator/documents.ts). */
const DEMO = new Set(["split-table-repeated-header", "split-table-no-header", "wrapped-labels", "rule-less"]);
const dirOf = (name: string) =>
  DEMO.has(name.replace(/\.\w+$/, "")) ? join(projectRoot, "data/demo-documents") : fixtures;
const read = (name: string) => new Uint8Array(readFileSync(join(dirOf(name), name)));

interface Truth {
  agency: string;
  year: number;
  template: string | null;
  values: Record<string, number>;
}

async function assertExact(file: string, truthFile: string): Promise<void> {
  const truth = JSON.parse(readFileSync(truthFile, "utf8")) as Truth;
  const result = await parseDocument(new Uint8Array(readFileSync(file)), { name: file });
  assert.equal(result.format, "pdf");
  assert.deepEqual([result.agency, result.year, result.template], [truth.agency, truth.year, truth.template]);
  assert.deepEqual(result.values, truth.values);
}

for (const name of [
  "synth-2021-editor",
  "synth-2021-word",
  "synth-2019-editor",
  "split-table-repeated-header",
  "split-table-no-header",
  "wrapped-labels",
  "rotated-pages",
]) {
  test(`PDF ${name}: every figure exact`, () =>
    assertExact(join(dirOf(name), `${name}.pdf`), join(dirOf(name), `${name}.truth.json`)));
}

test("a table broken across pages comes out as one table with cells on both pages", async () => {
  const ir = await pdfToIR(read("split-table-no-header.pdf"));
  const pagesOf = ir.blocks.map((b) =>
    b.kind === "table" ? new Set(b.rows.flatMap((row) => row.map((cell) => cell.loc?.page))) : new Set(),
  );
  assert.ok(
    pagesOf.some((pages) => pages.size >= 2),
    "one table block holds cells from two pages",
  );
  const withRepeat = await pdfToIR(read("split-table-repeated-header.pdf"));
  const table3 = withRepeat.blocks.find(
    (b) => b.kind === "table" && b.rows.some((row) => row.some((cell) => cell.text.includes("本年新收"))),
  );
  assert.ok(table3?.kind === "table");
  const headerRows = table3.rows.filter((row) => row.some((cell) => cell.text === "自然人" && !cell.spanned));
  assert.equal(headerRows.length, 1, "the repeated header row is dropped");
});

test("a table drawn without rules never yields a wrong figure", async () => {
  const truth = JSON.parse(readFileSync(join(dirOf("rule-less"), "rule-less.truth.json"), "utf8")) as Truth;
  const result = await parseDocument(read("rule-less.pdf"));
  for (const [code, value] of Object.entries(result.values)) assert.equal(value, truth.values[code], code);
});

test("a scanned PDF is recognised fast: template null and a document.scanned issue", async () => {
  const result = await parseDocument(read("scanned.pdf"));
  assert.equal(result.template, null);
  assert.deepEqual(result.values, {});
  assert.ok(
    result.issues.some((issue) => issue.code === "document.scanned" && /图片版|scan/.test(issue.message)),
  );
});

test("an encrypted PDF fails as encrypted; a truncated or corrupt one as corrupt", async () => {
  await assert.rejects(parseDocument(read("encrypted.pdf")), (error) => {
    assert.ok(error instanceof ParseError);
    assert.equal(error.code, "encrypted");
    return true;
  });
  const whole = read("synth-2021-editor.pdf");
  for (const broken of [
    whole.slice(0, Math.floor(whole.length * 0.4)),
    new TextEncoder().encode("%PDF-1.7\n%garbage"),
  ]) {
    await assert.rejects(pdfToIR(broken), (error) => {
      assert.ok(error instanceof ParseError, String(error));
      assert.ok(["corrupt", "empty"].includes(error.code), error.code);
      return true;
    });
  }
});

test("a PDF that takes longer than its budget fails as a timeout, and the next one still parses", async () => {
  await assert.rejects(pdfToIR(read("synth-2021-word.pdf"), { timeoutMs: 1, perPageMs: 0 }), (error) => {
    assert.ok(error instanceof ParseError, String(error));
    assert.equal(error.code, "timeout");
    return true;
  });
  const ir = await pdfToIR(read("synth-2021-word.pdf"));
  assert.ok(ir.blocks.some((b) => b.kind === "table"));
});

test("a PDF whose CJK font is not embedded (STSong-Light, UniGB-UCS2-H) still yields its text and table", async () => {
  // Hand-drawn: a 2×2 ruled table with rules as thin filled rectangles (as LibreOffice draws them).
  const rule = (x: number, y: number, w: number, hgt: number) => `${x} ${y} ${w} ${hgt} re f\n`;
  let content = "";
  for (const y of [700, 680, 660]) content += rule(100, y, 200, 0.5);
  for (const x of [100, 200, 300]) content += rule(x, 660, 0.5, 40.5);
  const text = (x: number, y: number, s: string) => `BT /F1 10 Tf ${x} ${y} Td ${ucs2Hex(s)} Tj ET\n`;
  content += text(100, 760, "某县人民政府2023年政府信息公开工作年度报告");
  content += text(110, 686, "行政许可") + text(240, 686, "9487");
  content += text(110, 666, "行政处罚") + text(240, 666, "12");
  content += text(290, 40, "- 1 -");
  const ir = await pdfToIR(buildPdf([{ content }]));
  const texts = ir.blocks.filter((b) => b.kind === "text").map((b) => (b.kind === "text" ? b.text : ""));
  assert.deepEqual(texts, ["某县人民政府2023年政府信息公开工作年度报告"], "page number dropped");
  const table = ir.blocks.find((b) => b.kind === "table");
  assert.ok(table?.kind === "table");
  assert.deepEqual(
    table.rows.map((row) => row.map((cell) => cell.text)),
    [
      ["行政许可", "9487"],
      ["行政处罚", "12"],
    ],
  );
  assert.equal(table.rows[0]![1]!.loc?.page, 1);
});

test("a table ruled between columns but not between its rows gets one grid row per line of figures", async () => {
  const line = (x0: number, y0: number, x1: number, y1: number) => `${x0} ${y0} m ${x1} ${y1} l S\n`;
  let content = "0.5 w\n";
  for (const y of [700, 680, 620]) content += line(100, y, 400, y); // top, under the header, bottom
  for (const x of [100, 250, 320, 400]) content += line(x, 620, x, 700);
  const text = (x: number, y: number, s: string) => `BT /F1 10 Tf ${x} ${y} Td ${ucs2Hex(s)} Tj ET\n`;
  content += text(110, 686, "信息内容") + text(260, 686, "自然人") + text(330, 686, "总计");
  [
    ["行政许可", "5", "5"],
    ["行政处罚", "12", "13"],
    ["行政强制", "0", "1"],
  ].forEach(([label, a, b], i) => {
    const y = 664 - i * 18;
    content += text(110, y, label!) + text(270, y, a!) + text(340, y, b!);
  });
  const ir = await pdfToIR(buildPdf([{ content }]));
  const table = ir.blocks.find((b) => b.kind === "table");
  assert.ok(table?.kind === "table");
  assert.deepEqual(
    table.rows.map((row) => row.map((cell) => cell.text)),
    [
      ["信息内容", "自然人", "总计"],
      ["行政许可", "5", "5"],
      ["行政处罚", "12", "13"],
      ["行政强制", "0", "1"],
    ],
  );
});

// The shared corpus sits beside the checkout (../shared).
const corpus = join(projectRoot, "..", "shared", "corpus");
const realPdfs = ["01-hongze-gov-2023", "02-hongze-gov-2024"];
for (const name of realPdfs) {
  const file = join(corpus, "docs", `${name}.pdf`);
  test(
    `real WPS-made PDF ${name} parses exactly`,
    { skip: !existsSync(file) && "needs ../shared/corpus (the shared corpus beside the checkout)" },
    () => assertExact(file, join(corpus, "truth", `${name}.json`)),
  );
}

test(
  "a WPS vertical label drawn glyph by glyph comes out whole (三、本年度办理结果)",
  {
    skip:
      !existsSync(join(corpus, "docs", "01-hongze-gov-2023.pdf")) &&
      "needs ../shared/corpus (the shared corpus beside the checkout)",
  },
  async () => {
    const ir = await pdfToIR(new Uint8Array(readFileSync(join(corpus, "docs", "01-hongze-gov-2023.pdf"))));
    const labels = ir.blocks.flatMap((b) => (b.kind === "table" ? b.rows.map((row) => row[0]?.text) : []));
    assert.ok(labels.includes("三、本年度办理结果"), labels.slice(0, 30).join(" | "));
  },
);
