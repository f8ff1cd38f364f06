// The identities decide which OCR readings are kept (parsers/ocr/verify.ts). A born-digital
// report's parse stands in for what the recognizer read from a scan; its figure cells get made-up
// OCR readings (misreads, alternatives, confidences), so this runs without an OCR engine.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseDocument } from "../../../parsers/index.js";
import {
  verifyOcrFigures,
  TABLE2_MIN_CONFIDENCE,
  TABLE2_ZERO_SHAPE_CONFIDENCE,
} from "../../../parsers/ocr/verify.js";
import type { DocumentIR, OcrCellReading } from "../../../src/model/ir.js";
import type { ParseResult } from "../../../src/model/contract.js";

const pdf = fileURLToPath(new URL("../../fixtures/pdf/synth-2019-editor.pdf", import.meta.url));
const born = await parseDocument(new Uint8Array(readFileSync(pdf)));

type Readings = Record<string, { text: string; confidence: number }[]>;

/** The born-digital result as if read from a scan: `readings` replace some cells' readings. */
function scan(readings: Readings = {}): { result: ParseResult; ir: DocumentIR } {
  const values = { ...born.values };
  const cells: OcrCellReading[] = [];
  for (const [code, source] of Object.entries(born.sources ?? {})) {
    if (source.derived === "sum_of_items" || !source.loc?.page || !source.loc.bbox) continue;
    const candidates = readings[code] ?? [{ text: source.raw, confidence: 95 }];
    const first = candidates[0]!.text;
    if (readings[code]) values[code] = first === "" ? 0 : Number(first);
    cells.push({ page: source.loc.page, box: source.loc.bbox, kind: "digits", candidates });
  }
  const ir: DocumentIR = { format: "scan", blocks: [], notes: [], ocr: { engine: "test", pages: 4, cells } };
  return { result: { ...born, values, format: "scan" }, ir };
}

function assertNoWrong(result: ParseResult): void {
  for (const [code, value] of Object.entries(result.values)) assert.equal(value, born.values[code], code);
}

test("confident readings that satisfy the identities are all kept, with their OCR origin", () => {
  const { result, ir } = scan();
  const out = verifyOcrFigures(result, ir);
  assert.deepEqual(out.values, born.values);
  assert.equal(out.ocr?.left_out, 0);
  assert.equal(out.sources?.["t3.new.natural"]?.ocr?.confidence, 95);
});

test("a misread figure is corrected when exactly one of its alternatives satisfies the identities", () => {
  const truth = born.values["t3.new.natural"]!;
  assert.ok(truth >= 10, "the fixture's figure must have two digits");
  const misread = String(truth).replace(/^./, (d) => String((Number(d) + 1) % 10));
  const { result, ir } = scan({
    "t3.new.natural": [
      { text: misread, confidence: 70 },
      { text: String(truth), confidence: 30 },
    ],
  });
  const out = verifyOcrFigures(result, ir);
  assert.equal(out.values["t3.new.natural"], truth);
  assert.equal(out.ocr?.corrected, 1);
  assert.equal(out.sources?.["t3.new.natural"]?.ocr?.first_reading, misread);
  assertNoWrong(out);
});

test("a misread with no consistent alternative is left out with an issue, never kept wrong", () => {
  const truth = born.values["t3.new.natural"]!;
  const { result, ir } = scan({ "t3.new.natural": [{ text: String(truth + 7), confidence: 96 }] });
  const out = verifyOcrFigures(result, ir);
  assert.equal(out.values["t3.new.natural"], undefined);
  assert.ok(out.issues.some((i) => i.code === "ocr.unconfirmed" && i.metric === "t3.new.natural"));
  assertNoWrong(out);
});

test("two misreads in one row are corrected together when one set of alternatives is consistent", () => {
  const row = Object.keys(born.values).filter((c) => c.startsWith("t3.new.") && !c.endsWith(".total"));
  const [a, b] = row.filter((c) => born.values[c]! > 0);
  assert.ok(a && b);
  const va = String(born.values[a]!);
  const vb = String(born.values[b]!);
  const { result, ir } = scan({
    [a]: [
      { text: "1" + va, confidence: 60 },
      { text: va, confidence: 40 },
    ],
    [b]: [
      { text: "1" + vb, confidence: 60 },
      { text: vb, confidence: 40 },
    ],
  });
  const out = verifyOcrFigures(result, ir);
  assert.equal(out.values[a], born.values[a]);
  assert.equal(out.values[b], born.values[b]);
  assert.equal(out.ocr?.corrected, 2);
  assertNoWrong(out);
});

test(`a table 2 figure (no identity) is kept only when read with confidence ${TABLE2_MIN_CONFIDENCE} or more`, () => {
  const code = Object.keys(born.values).find((c) => c.startsWith("t2.") && born.values[c]! > 0)!;
  const raw = born.sources![code]!.raw;
  const low = verifyOcrFigures(
    ...(Object.values(scan({ [code]: [{ text: raw, confidence: 70 }] })) as [ParseResult, DocumentIR]),
  );
  assert.equal(low.values[code], undefined);
  assert.ok(low.issues.some((i) => i.code === "ocr.unconfirmed" && i.metric === code));
  const high = verifyOcrFigures(
    ...(Object.values(scan({ [code]: [{ text: raw, confidence: 93 }] })) as [ParseResult, DocumentIR]),
  );
  assert.equal(high.values[code], born.values[code]);
});

test("a cell read as blank while grey was seen in it is not taken for a printed 0", () => {
  const code = Object.keys(born.values).find(
    (c) => c.startsWith("t3.") && born.values[c] === 0 && !c.endsWith(".total"),
  )!;
  const sure = verifyOcrFigures(
    ...(Object.values(scan({ [code]: [{ text: "", confidence: 100 }] })) as [ParseResult, DocumentIR]),
  );
  assert.equal(sure.values[code], 0);
  const doubtful = verifyOcrFigures(
    ...(Object.values(scan({ [code]: [{ text: "", confidence: 50 }] })) as [ParseResult, DocumentIR]),
  );
  assert.equal(doubtful.values[code], undefined);
  assert.ok(
    doubtful.issues.some((i) => i.code === "ocr.unconfirmed" && i.metric === code && /blank/.test(i.message)),
  );
  assertNoWrong(doubtful);
});

test("a confidently read total is never changed to fit a misread part whose true value was not among its readings", () => {
  // Table 4 has row sums only: upheld misread 4 → 9 with no alternative, and the total's second
  // reading happens to be 12 (= 9 + 1 + 1 + 1). Taking it would make two wrong figures that agree.
  const upheld = born.values["t4.review.upheld"]!;
  const total = born.values["t4.review.total"]!;
  const misread = upheld + 5;
  const { result, ir } = scan({
    "t4.review.upheld": [{ text: String(misread), confidence: 80 }],
    "t4.review.total": [
      { text: String(total), confidence: 95 },
      { text: String(total + 5), confidence: 20 },
    ],
  });
  const out = verifyOcrFigures(result, ir);
  assert.equal(out.values["t4.review.upheld"], undefined);
  assert.equal(out.values["t4.review.total"], undefined);
  assert.equal(out.ocr?.corrected, 0);
  assertNoWrong(out);
});

test("in a PDF whose other pages have a text layer, only the OCR'd pages' figures are checked", () => {
  // Page 3 was OCR'd; figures of the text pages have no OCR cell and stay as read.
  const { result, ir } = scan();
  const ocrPage = 3;
  const cells = ir.ocr!.cells.filter((c) => c.page === ocrPage);
  // One figure of the OCR'd page has no cell behind it (the recognizer read it from elsewhere): out.
  const unmapped = Object.keys(born.values).find(
    (c) => born.sources?.[c]?.loc?.page === ocrPage && born.sources[c]?.derived !== "sum_of_items",
  )!;
  const cell = cells.find((c) => c.box === born.sources?.[unmapped]?.loc?.bbox)!;
  const mixed: DocumentIR = {
    ...ir,
    format: "pdf",
    ocr: { engine: "test", pages: 1, cells: cells.filter((c) => c !== cell), pageNumbers: [ocrPage] },
  };
  const out = verifyOcrFigures({ ...result, format: "pdf" }, mixed);
  assert.equal(out.values[unmapped], undefined);
  assert.ok(out.issues.some((i) => i.code === "ocr.unconfirmed" && i.metric === unmapped));
  const textPages = Object.keys(born.values).filter((c) => {
    const page = born.sources?.[c]?.loc?.page;
    return page !== undefined && page !== ocrPage;
  });
  assert.ok(textPages.length > 50);
  for (const code of textPages) {
    assert.equal(out.values[code], born.values[code], code);
    assert.equal(out.sources?.[code]?.ocr, undefined, code);
  }
  assert.equal(out.ocr?.figures, cells.length - 1);
  assert.equal(out.ocr?.left_out, 1);
});

test("a row's figures shifted into the next columns (an unreadable cell skipped) are left out, never kept", () => {
  // Seen on a real report's scan: the (七)总计 row's "legal" cell read as nothing; the recognizer
  // took the blank cell left of the figures as the first figure and shifted the others one column
  // right. The row's identity held and the columns' could not be checked (terms not read).
  const COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"];
  const fixed = ["new", "carried_over", "total", "carried_forward", "granted"];
  const rows = [...new Set(Object.keys(born.values).map((c) => /^t3\.(.+)\.[a-z_]+$/.exec(c)?.[1]))].filter(
    (r): r is string => !!r && !fixed.includes(r),
  );
  const row = rows.find(
    (r) =>
      born.values[`t3.${r}.other`] === 0 &&
      born.values[`t3.${r}.natural`]! > 0 &&
      born.values[`t3.${r}.natural`] !== born.values[`t3.${r}.commercial`],
  );
  assert.ok(row, "the fixture needs a table-3 row with figures and other = 0");
  const { result, ir } = scan();
  const cells = ir.ocr!.cells;
  const sources = { ...result.sources! };
  // Unread: granted and carried_forward (so no column identity can be checked).
  for (const r of ["granted", "carried_forward"])
    for (const col of COLUMNS) {
      delete result.values[`t3.${r}.${col}`];
      delete sources[`t3.${r}.${col}`];
    }
  const at = (col: string) => born.sources![`t3.${row}.${col}`]!.loc!;
  const first = at("natural");
  const blank = {
    page: first.page!,
    box: [first.bbox![0] - 60, first.bbox![1], first.bbox![0], first.bbox![3]] as [
      number,
      number,
      number,
      number,
    ],
  };
  cells.push({ ...blank, kind: "blank", candidates: [{ text: "", confidence: 100 }] });
  // natural <- the blank cell (0); each next column <- the cell and value of the one before it.
  for (let i = COLUMNS.length - 2; i >= 0; i--) {
    const code = `t3.${row}.${COLUMNS[i]}`;
    if (i === 0) {
      result.values[code] = 0;
      sources[code] = { ...sources[code]!, raw: "", loc: { page: blank.page, bbox: blank.box } };
    } else {
      const from = `t3.${row}.${COLUMNS[i - 1]}`;
      result.values[code] = born.values[from]!;
      sources[code] = { ...sources[from]!, loc: at(COLUMNS[i - 1]!) };
    }
  }
  const out = verifyOcrFigures({ ...result, sources }, ir);
  assertNoWrong(out);
  assert.ok(
    out.issues.some(
      (i) => i.metric === `t3.${row}.commercial` && /not in the commercial column/.test(i.message),
    ),
  );
});

test("a table-2 figure that is not what its cell read, or stands in a cell many rows tall, is left out", () => {
  // Seen on a real report's scan where a seal broke table 2's grid into slivers and one merged
  // region: the recognizer took a figure from text that fell in a blank cell; the region is a
  // third of the page tall.
  const code = Object.keys(born.values).find((c) => c.startsWith("t2.") && born.values[c]! > 0)!;
  const other = scan({ [code]: [{ text: "", confidence: 100 }] });
  other.result.values[code] = born.values[code]!;
  const out = verifyOcrFigures(other.result, other.ir);
  assert.equal(out.values[code], undefined);
  assert.ok(out.issues.some((i) => i.metric === code && /not what its cell read/.test(i.message)));

  const tall = scan();
  const cell = tall.ir.ocr!.cells.find((c) => c.box === born.sources![code]!.loc!.bbox)!;
  cell.box = [cell.box[0], cell.box[1] - 150, cell.box[2], cell.box[3] + 150];
  const sources = {
    ...tall.result.sources!,
    [code]: { ...tall.result.sources![code]!, loc: { page: cell.page, bbox: cell.box } },
  };
  const out2 = verifyOcrFigures({ ...tall.result, sources }, tall.ir);
  assert.equal(out2.values[code], undefined);
  assert.ok(out2.issues.some((i) => i.metric === code && /points tall/.test(i.message)));
});

test(`a table 2 zero whose cell holds a zero's shape needs only confidence ${TABLE2_ZERO_SHAPE_CONFIDENCE}`, () => {
  // Zeros of real reports' table 2 read at 48–89 were left out; the cell's shape (one ring, its
  // hole centred, nothing else in the cell) is a second witness beside the engine's reading.
  const code = Object.keys(born.values).find((c) => c.startsWith("t2.") && born.values[c] === 0)!;
  const withShape = (confidence: number, zero: boolean) => {
    const { result, ir } = scan({ [code]: [{ text: "0", confidence }] });
    const cell = ir.ocr!.cells.find(
      (c) => c.candidates[0]!.text === "0" && c.candidates[0]!.confidence === confidence,
    )!;
    if (zero) cell.zero = true;
    return verifyOcrFigures(result, ir).values[code];
  };
  assert.equal(withShape(60, true), 0);
  assert.equal(withShape(60, false), undefined);
  assert.equal(withShape(30, true), undefined);
  // A figure other than 0 gains nothing from the flag.
  const other = Object.keys(born.values).find((c) => c.startsWith("t2.") && born.values[c]! > 0)!;
  const { result, ir } = scan({ [other]: [{ text: born.sources![other]!.raw, confidence: 60 }] });
  for (const cell of ir.ocr!.cells) cell.zero = true;
  assert.equal(verifyOcrFigures(result, ir).values[other], undefined);
});

test("misreads are not 'corrected' to zeros that only all-zero identities confirm", () => {
  // 拒绝… a row printing 9 … 9 read as 8 … 6, each with 0 among its alternatives: taking both for 0
  // makes the row hold (0 = 0 + … + 0); with the columns' identities unchecked nothing else speaks.
  const row = "t3.denied.security";
  assert.equal(born.values[`${row}.natural`], 9);
  assert.equal(born.values[`${row}.total`], 9);
  const { result, ir } = scan({
    [`${row}.natural`]: [
      { text: "8", confidence: 40 },
      { text: "0", confidence: 10 },
    ],
    [`${row}.total`]: [
      { text: "6", confidence: 30 },
      { text: "0", confidence: 5 },
    ],
  });
  // The columns' totals were not read: their identities cannot be checked.
  for (const col of ["natural", "total"]) delete result.values[`t3.total.${col}`];
  const out = verifyOcrFigures(result, ir);
  assert.equal(out.values[`${row}.natural`], undefined);
  assert.equal(out.values[`${row}.total`], undefined);
  assertNoWrong(out);
});

test("a table-2 figure on a page put back square from a photo needs a surer reading", () => {
  const code = Object.keys(born.values).find((c) => c.startsWith("t2.") && born.values[c]! > 100)!;
  const reading = { [code]: [{ text: String(born.values[code]), confidence: 93 }] };
  const onScan = scan(reading);
  assert.equal(verifyOcrFigures(onScan.result, onScan.ir).values[code], born.values[code]);
  const onPhoto = scan(reading);
  const page = onPhoto.ir.ocr!.cells.find((c) => c.candidates[0]!.confidence === 93)!.page;
  onPhoto.ir.ocr!.photoPages = [page];
  const out = verifyOcrFigures(onPhoto.result, onPhoto.ir);
  assert.equal(out.values[code], undefined);
  assert.ok(out.issues.some((i) => i.metric === code && /below 95/.test(i.message)));
});

test("a row whose only part equals its total is no witness when both are doubtful readings alike", () => {
  // 拒绝… a row printing 9 … 9: on a faint scan the same print misreads alike in both cells (95 read
  // 90 in the part and the total), and the row holds. With the columns' identities unchecked, two
  // doubtful readings that agree prove nothing; a sure reading of either one does.
  const row = "t3.denied.security";
  assert.equal(born.values[`${row}.natural`], 9);
  assert.equal(born.values[`${row}.total`], 9);
  const alike = (natural: number, total: number) => {
    const { result, ir } = scan({
      [`${row}.natural`]: [{ text: "8", confidence: natural }],
      [`${row}.total`]: [{ text: "8", confidence: total }],
    });
    for (const col of ["natural", "total"]) delete result.values[`t3.total.${col}`];
    return verifyOcrFigures(result, ir);
  };
  const doubtful = alike(34, 39);
  assert.equal(doubtful.values[`${row}.natural`], undefined);
  assert.equal(doubtful.values[`${row}.total`], undefined);
  assert.ok(
    doubtful.issues.some((i) => i.metric === `${row}.natural` && /another doubtful reading/.test(i.message)),
  );
  assertNoWrong(doubtful);
  // A sure reading of the same figure: the row's identity stands (here it vouches for 8, as read).
  const sure = alike(34, 96);
  assert.equal(sure.values[`${row}.natural`], 8);
  assert.equal(sure.values[`${row}.total`], 8);
});

test("two new readings held by one identity are a guess: the row is left out, never made to hold", () => {
  // 复议后起诉 printed "0 0 0 0 0", its 结果纠正 misread "2" with no other reading; the 尚未审结 and
  // 总计 zeros read doubtfully, with 6 and 8 among their alternatives: taking both makes the row's one
  // identity hold (0 + 2 + 0 + 6 = 8), three wrong figures.
  const row = "t4.suit_after_review";
  for (const col of ["upheld", "corrected", "other", "pending", "total"])
    assert.equal(born.values[`${row}.${col}`], 0);
  const { result, ir } = scan({
    [`${row}.corrected`]: [{ text: "2", confidence: 35 }],
    [`${row}.pending`]: [
      { text: "0", confidence: 5 },
      { text: "6", confidence: 3 },
    ],
    [`${row}.total`]: [
      { text: "0", confidence: 7 },
      { text: "8", confidence: 4 },
    ],
  });
  const out = verifyOcrFigures(result, ir);
  for (const col of ["corrected", "pending", "total"])
    assert.equal(out.values[`${row}.${col}`], undefined, col);
  assert.equal(out.ocr?.corrected, 0);
  assertNoWrong(out);
});

test("one new reading held by one identity is a repair", () => {
  const row = "t4.review";
  const { result, ir } = scan({
    [`${row}.total`]: [
      { text: "1", confidence: 40 },
      { text: String(born.values[`${row}.total`]), confidence: 20 },
    ],
  });
  const out = verifyOcrFigures(result, ir);
  assert.equal(out.values[`${row}.total`], born.values[`${row}.total`]);
  assert.equal(out.ocr?.corrected, 1);
  assertNoWrong(out);
});
