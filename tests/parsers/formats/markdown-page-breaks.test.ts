// A Markdown table cut by a page break: converters that write each PDF row as a fragment with its
// own rule keep the page's footer and running head, and the rule under a page's last row can land
// after them (lines cut from corpus 03-shanghai-stcsm-2024.md with a footer and head every 40 lines,
// scripts/variants/make.ts variant 03-shanghai-stcsm-2024~pages).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markdownStringToIR } from "../../../parsers/formats/markdown.js";
import type { TableBlock } from "../../../parsers/ir.js";

const rows = (text: string) =>
  markdownStringToIR(text)
    .blocks.filter((b): b is TableBlock => b.kind === "table")
    .map((t) => t.rows.map((r) => r.map((c) => c.text)));

const PAGE = [
  "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
  "|---|---|---|---|---|---|---|",
  "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
  "",
  "- 4 -",
  "",
  "上海市科委2024年政府信息公开工作年度报告",
  "|---|---|---|---|---|---|---|",
  "| 8 | 2 | 0 | 0 | 0 | 0 | 10 |",
];

describe("a Markdown rule printed after a page break", () => {
  it("is the rule of the row before the break, not a row of dashes", () => {
    const zeros = ["0", "0", "0", "0", "0", "0", "0"];
    assert.deepEqual(rows(PAGE.join("\n")), [[zeros, zeros], [["8", "2", "0", "0", "0", "0", "10"]]]);
  });

  it("stays a row when the document rules no row, cells differ or much text came between", () => {
    const dashes = ["---", "---", "---", "---", "---", "---", "---"];
    // No rule anywhere before: dashes may be zeros.
    const unruled = PAGE.filter((_, i) => i !== 1);
    assert.deepEqual(rows(unruled.join("\n"))[1]![0], dashes);
    // The row before has other cells.
    const other = [...PAGE];
    other[2] = "| 0 | 0 | 0 |";
    assert.deepEqual(rows(other.join("\n"))[1]![0], dashes);
    // More than a footer and a head between.
    const prose = [...PAGE.slice(0, 7), "正文一", "正文二", ...PAGE.slice(7)];
    assert.deepEqual(rows(prose.join("\n"))[1]![0], dashes);
  });
});
