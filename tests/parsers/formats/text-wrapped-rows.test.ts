// A tab-separated row hard-wrapped onto a second line (parsers/text/wrapped-rows.ts), as
// scripts/variants/damage.ts `wrap` makes of corpus 00-wolong-commerce-2023.txt (rows wider than 40
// display columns cut at the last tab before that).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { textStringToIR } from "../../../parsers/formats/text.js";
import type { TableBlock } from "../../../parsers/ir.js";
import { differences, expectedValues, parseText, reportText } from "../template/fixture-report.js";

const rows = (text: string) =>
  textStringToIR(text)
    .blocks.filter((b): b is TableBlock => b.kind === "table")
    .flatMap((t) => t.rows.map((r) => r.map((c) => c.text)));

const HEADER = "\t\t自然人\t法人或其他组织\t\t\t\t\t\t总计";

/** Every tab row wider than `width` characters cut at its last tab before that. */
function hardWrap(text: string, width: number): string {
  return text
    .split("\n")
    .map((line) => {
      const cut = line.length > width ? line.lastIndexOf("\t", width) : -1;
      return cut > 0 && line.includes("\t") ? `${line.slice(0, cut)}\n${line.slice(cut + 1)}` : line;
    })
    .join("\n");
}

describe("tab rows hard-wrapped onto a second line", () => {
  it("puts the wrapped figures back on their row", () => {
    const text = [HEADER, "一、本年新收政府信息公开申请数量\t\t0\t0\t0", "0\t0\t0\t0\t"].join("\n");
    assert.deepEqual(rows(text).at(-1), [
      "一、本年新收政府信息公开申请数量",
      "",
      "0",
      "0",
      "0",
      "0",
      "0",
      "0",
      "0",
      "",
    ]);
  });

  it("reads a whole report whose long rows were wrapped", async () => {
    const result = await parseText(hardWrap(reportText(), 30));
    assert.deepEqual(differences(result, expectedValues()), []);
  });

  it("leaves a label-less run of figure rows and rows wider than the header apart", () => {
    const run = [HEADER, "一、本年新收政府信息公开申请数量\t\t0\t0\t0", "0\t0\t0\t0", "1\t0\t0\t1"].join(
      "\n",
    );
    assert.equal(rows(run).length, 4);
    const wide = ["a\tb\tc", "规章\t0\t0", "0\t0"].join("\n");
    assert.equal(rows(wide).length, 3);
  });
});
