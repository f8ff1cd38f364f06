// The synthetic generator's reading classes of messy copies (src/synth/messy.ts): each class shows
// its damage in the document, keeps the report's figures as truth, and the parser reads every class
// without a wrong figure (the per-class rates are measured by `npm run bench -- parse`).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "../../parsers/index.js";
import { MESSY_CLASSES, renderMessyDocument, type MessyClass } from "../../src/synth/index.js";

const text = (cls: MessyClass, i: number) =>
  new TextDecoder().decode(renderMessyDocument(i, cls, "test").bytes);

const DAMAGE: Record<MessyClass, (t: string) => boolean> = {
  detached_numbers: (t) =>
    /\r\n[1-8]\.?\r\n(?:其他法律行政法规禁止公开|没有现成信息需要另行制作|重复申请)/u.test(t),
  word_runs: () => true, // checked below against the clean dump
  money_header: (t) => /(?:本年收费金额|采购总金额)\r\n（元）\r\n/u.test(t),
  signed_changes: (t) => /\r\n(?:增|减)\r\n\d+\r\n|\r\n(?:增加|减少|减|\+ ?|-)\d+\r\n/u.test(t),
  headings_together: (t) =>
    t.includes("四、政府信息公开行政复议、行政诉讼情况五、存在的主要问题及改进情况\n"),
  llm_markdown: (t) => t.includes("| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |"),
  vanished_blanks: (t) =>
    !/\r\n0\r\n/u.test(t.slice(t.indexOf("三、收到和处理"), t.indexOf("四、政府信息公开行政"))),
};

describe("synthetic reading classes", () => {
  for (const cls of MESSY_CLASSES) {
    it(`${cls}: the damage is in the document, deterministic, and read without a wrong figure`, async () => {
      let damaged = 0;
      for (let i = 0; i < 3; i++) {
        const doc = renderMessyDocument(i, cls, "test");
        assert.deepEqual(doc.bytes, renderMessyDocument(i, cls, "test").bytes);
        assert.ok(doc.truth.hazards.includes(`messy_${cls}`));
        if (DAMAGE[cls](text(cls, i))) damaged++;
        for (const [code, v] of Object.entries(doc.truth.values)) {
          if (code.startsWith("t3.other.") && code.split(".").length === 3) continue; // sum of items
          assert.equal(v, doc.report.figures.values[code], code);
        }
        const result = await parseDocument(doc.bytes, { name: doc.name });
        const wrong = Object.entries(result.values).filter(([code, got]) => {
          const real = doc.truth.values[code] ?? doc.report.figures.values[code];
          return real !== undefined && real !== got;
        });
        assert.deepEqual(wrong, [], doc.name);
      }
      assert.ok(damaged >= 2, `${cls}: damage found in ${damaged} of 3 documents`);
    });
  }

  it("word_runs splits a figure of table 3 over two lines", () => {
    const split = [0, 1, 2, 3].filter((i) => {
      const lines = text("word_runs", i).split("\r\n");
      const t3 = lines.slice(lines.indexOf("三、收到和处理政府信息公开申请情况"));
      return t3.some((l, k) => /^\d+$/.test(l) && /^[1-9]\d*$/.test(t3[k + 1] ?? ""));
    });
    assert.ok(split.length >= 3);
  });

  it("money_header prints the amount in 元 as the exact decimal of the 万元 figure", () => {
    for (let i = 0; i < 4; i++) {
      const doc = renderMessyDocument(i, "money_header", "test");
      const code = doc.report.figures.template === "2021" ? "t2.fees.amount" : "t2.procurement.amount";
      const wan = doc.report.figures.values[code]!;
      const lines = new TextDecoder().decode(doc.bytes).split("\r\n");
      const label = lines.indexOf(doc.report.figures.template === "2021" ? "行政事业性收费" : "政府集中采购");
      const printed = lines[label + (doc.report.figures.template === "2021" ? 1 : 2)]!;
      assert.equal(Number(printed), Math.round(wan * 1e6) / 100, `${wan} 万元 printed as ${printed} 元`);
    }
  });
});
