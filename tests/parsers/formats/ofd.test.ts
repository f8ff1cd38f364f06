// OFD (GB/T 33190), as Fujian's portals publish reports: read natively (parsers/ofd) into the PDF
// front-end's page geometry. The fixtures are the PDF fixtures of the same name written as OFD by
// scripts/variants/ofd-from-pdf.ts in the two producer styles (`npx tsx scripts/variants/ofd-from-pdf.ts
// tests/fixtures/pdf/synth-2021-word.pdf tests/fixtures/ofd/synth-2021-word-glyphs.ofd glyphs`,
// and synth-2019-editor with `runs`); they have the PDFs' truth.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { ofdToIR } from "../../../parsers/formats/ofd.js";
import { parseDocument, ParseError, sniffFormat } from "../../../parsers/index.js";
import { expandDeltas } from "../../../parsers/ofd/page.js";
import { readOfdPackage, resolvePath } from "../../../parsers/ofd/package.js";
import { projectRoot } from "../../../src/paths.js";
import { writeOfd, type OfdPageInput } from "../../../scripts/variants/ofd.js";

const fixtures = join(projectRoot, "tests/fixtures");
interface Truth {
  agency: string;
  year: number;
  values: Record<string, number>;
}

for (const [ofd, pdf] of [
  ["synth-2021-word-glyphs", "synth-2021-word"],
  ["synth-2019-editor-runs", "synth-2019-editor"],
]) {
  test(`an OFD report (${ofd}) parses exactly`, async () => {
    const truth = JSON.parse(readFileSync(join(fixtures, `pdf/${pdf}.truth.json`), "utf8")) as Truth;
    const bytes = new Uint8Array(readFileSync(join(fixtures, `ofd/${ofd}.ofd`)));
    assert.equal(sniffFormat(bytes), "ofd");
    const result = await parseDocument(bytes, { name: "report.ofd" });
    assert.equal(result.format, "ofd");
    assert.equal(result.agency, truth.agency);
    assert.equal(result.year, truth.year);
    assert.deepEqual(result.values, truth.values);
  });
}

/** A minimal OFD package around page XML bodies (one document unless `documents` says more). */
function ofdOf(pagesPerDocument: string[][], extra: Record<string, Uint8Array> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = { ...extra };
  const bodies: string[] = [];
  pagesPerDocument.forEach((pages, d) => {
    bodies.push(`<ofd:DocBody><ofd:DocRoot>/Doc_${d}/Document.xml</ofd:DocRoot></ofd:DocBody>`);
    const refs = pages
      .map((_, i) => `<ofd:Page ID="${i + 1}" BaseLoc="Pages/Page_${i}/Content.xml"/>`)
      .join("");
    files[`Doc_${d}/Document.xml`] = strToU8(
      `<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>${refs}</ofd:Pages></ofd:Document>`,
    );
    pages.forEach((layer, i) => {
      files[`Doc_${d}/Pages/Page_${i}/Content.xml`] = strToU8(
        `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="9">${layer}</ofd:Layer></ofd:Content></ofd:Page>`,
      );
    });
  });
  files["OFD.xml"] = strToU8(
    `<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0">${bodies.join("")}</ofd:OFD>`,
  );
  return zipSync(files);
}

const line = (text: string, x: number, y: number, extra = "") =>
  `<ofd:TextObject ID="1" Boundary="${x} ${y} 150 6" Size="4"${extra}><ofd:TextCode X="0" Y="4">${text}</ofd:TextCode></ofd:TextObject>`;

test("OFD: pages of every document in OFD.xml, in order, and a CTM and DeltaX place the glyphs", async () => {
  const scaled = `<ofd:TextObject ID="2" Boundary="20 40 150 6" Size="8" CTM="0.5 0 0 0.5 0 0"><ofd:TextCode X="0" Y="8" DeltaX="g 3 8 40 8">一二三四五六</ofd:TextCode></ofd:TextObject>`;
  const ir = await ofdToIR(ofdOf([[line("第一份文件", 20, 20) + scaled], [line("第二份文件", 20, 20)]]));
  const texts = ir.blocks.map((b) => (b.kind === "text" ? b.text : "table"));
  // "g 3 8" = three advances of 8 (4 mm on the page at CTM 0.5); then 40 (20 mm): a column gap.
  assert.deepEqual(texts, ["第一份文件", "一二三四\t五六", "第二份文件"]);
  assert.equal(ir.blocks[2]?.loc?.page, 2);
});

test("OFD: a ruled table drawn as PathObjects becomes a grid", async () => {
  const rule = (x: number, y: number, d: string) =>
    `<ofd:PathObject ID="3" Boundary="${x} ${y} 100 100"><ofd:AbbreviatedData>${d}</ofd:AbbreviatedData></ofd:PathObject>`;
  const rules = [
    rule(20, 50, "M 0 0 L 120 0 M 0 10 L 120 10 M 0 20 L 120 20"),
    rule(20, 50, "M 0 0 L 0 20 M 80 0 L 80 20 M 120 0 L 120 20"),
  ].join("");
  const cells = [
    line("行政许可", 22, 52),
    line("12", 100, 52),
    line("行政处罚", 22, 62),
    line("0", 100, 62),
  ].join("");
  const ir = await ofdToIR(ofdOf([[rules + cells]]));
  const table = ir.blocks.find((b) => b.kind === "table");
  assert.ok(table?.kind === "table", "a table block");
  assert.deepEqual(
    table.rows.map((r) => r.map((c) => c.text)),
    [
      ["行政许可", "12"],
      ["行政处罚", "0"],
    ],
  );
});

test("OFD: DeltaX expansion is bounded by the characters, whatever 'g N' says", () => {
  assert.deepEqual(expandDeltas("1 g 3 2.5 4", 5), [1, 2.5, 2.5, 2.5, 4]);
  const start = performance.now();
  assert.equal(expandDeltas("g 1000000000 1", 3).length, 3);
  assert.ok(performance.now() - start < 50);
  assert.equal(
    resolvePath("Doc_0/Document.xml", "Pages/Page_0/Content.xml"),
    "Doc_0/Pages/Page_0/Content.xml",
  );
  assert.equal(resolvePath("Doc_0/Document.xml", "/Doc_0/./Pages/../Res/x.xml"), "Doc_0/Res/x.xml");
});

function rejects(bytes: Uint8Array, code: string, message: RegExp) {
  return assert.rejects(ofdToIR(bytes), (error) => {
    assert.ok(error instanceof ParseError);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n/);
    return true;
  });
}

test("OFD: hostile packages fail with a one-line ParseError", async () => {
  await rejects(
    zipSync({ "OFD.xml": strToU8("<ofd:OFD><ofd:DocBody>") }),
    "corrupt",
    /not well-formed|no OFD.xml|lists no pages/,
  );
  await rejects(zipSync({ "Doc_0/Document.xml": strToU8("<Document/>") }), "corrupt", /no OFD\.xml/);
  await rejects(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "corrupt", /damaged or truncated/);
  const bomb = ofdOf([[line("x", 0, 0)]], {
    "Doc_0/Pages/Page_9/Content.xml": new Uint8Array(8 * 1024 * 1024),
  });
  await rejects(bomb, "too_large", /zip bomb/);
  const deep = "<ofd:PageBlock>".repeat(200) + "</ofd:PageBlock>".repeat(200);
  await rejects(ofdOf([[deep]]), "corrupt", /not well-formed/);
  const many = Array.from(
    { length: 60_001 },
    (_, i) => `<ofd:TextCode X="${i}" Y="4">一</ofd:TextCode>`,
  ).join("");
  await rejects(
    ofdOf([[`<ofd:TextObject ID="1" Boundary="0 0 1 1" Size="4">${many}</ofd:TextObject>`]]),
    "too_large",
    /characters/,
  );
});

test("OFD: a page that is only an image is reported as not read; one with text on it, as a double layer", async () => {
  const image = `<ofd:ImageObject ID="5" Boundary="0 0 210 297" CTM="210 0 0 297 0 0" ResourceID="6"/>`;
  const ir = await ofdToIR(ofdOf([[image]]));
  assert.equal(ir.notes[0]?.code, "document.scanned");
  const layered = await ofdToIR(ofdOf([[image + line("某某局2023年政府信息公开工作年度报告", 20, 20)]]));
  assert.deepEqual(
    layered.notes.map((n) => n.code),
    ["ofd.text_over_image"],
  );
});

test("OFD writer and reader agree on positioned text in both producer styles", async () => {
  const page: OfdPageInput = {
    width: 595,
    height: 842,
    runs: [
      {
        text: "某某局2023年政府信息公开工作年度报告",
        x: 100,
        baseline: 80,
        size: 16,
        width: 16 * 19 + 8 * 4,
      },
      { text: "收到申请25件", x: 72, baseline: 120, size: 12, width: 12 * 5 + 6 * 2 },
    ],
    segments: [],
  };
  for (const style of ["glyphs", "runs"] as const) {
    const ir = await ofdToIR(writeOfd([page], style, "某某局2023年政府信息公开工作年度报告"));
    assert.deepEqual(
      ir.blocks.map((b) => (b.kind === "text" ? b.text : "")),
      ["某某局2023年政府信息公开工作年度报告", "收到申请25件"],
      style,
    );
    assert.equal(ir.title, "某某局2023年政府信息公开工作年度报告"); // from DocInfo/Title
  }
});

test("OFD: a scanned page's image is found through DocumentRes for OCR", async () => {
  const png = Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
    "hex",
  );
  const page: OfdPageInput = {
    width: 595,
    height: 842,
    runs: [],
    segments: [],
    image: { bytes: png, format: "PNG" },
  };
  const bytes = writeOfd([page], "glyphs");
  const ofd = readOfdPackage(bytes);
  assert.equal(ofd.pages[0]!.media.get("1000"), "Doc_0/Res/Image_0.png");
  // The picture is handed to OCR's image reader, which cannot decode it: said, and the page reported as not read.
  const ir = await ofdToIR(bytes, { signal: AbortSignal.timeout(20_000) });
  const codes = ir.notes.map((n) => n.code);
  assert.ok(codes.includes("document.scanned"), codes.join());
  if (codes.includes("ofd.image_unread")) assert.match(ir.notes[0]!.message, /page 1 is not read: .*decoded/);
  assert.equal(ir.ocr, undefined);
});
