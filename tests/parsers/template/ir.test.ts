// The recognizer on IR as the PDF/DOCX/HTML front-ends produce it: grids with rowspan copies marked
// `spanned`, a table continued on the next page with a page footer between the fragments, and a scan.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Block, Cell, DocumentIR } from "../../../parsers/ir.js";
import { recognize } from "../../../parsers/template/recognize.js";
import { COLUMNS, T2_LINES, T3, T4_CODES, T4_VALUES, differences, expectedValues } from "./fixture-report.js";

const cell = (text: string, page = 3, spanned = false): Cell => ({
  text,
  loc: { page, bbox: [0, 0, 10, 10] },
  ...(spanned ? { spanned } : {}),
});

/** Table 3 as a PDF grid: a 3-column label area expanded from rowspans (copies marked spanned). */
function t3Grid(rows: typeof T3, page: number): Cell[][] {
  let group = "";
  let sub = "";
  return rows.map((r) => {
    const [a = "", b = "", c = ""] = r.cells;
    const first = a || group;
    const second = b || (c ? sub : "");
    const out = [
      cell(first, page, !a && first !== ""),
      cell(second, page, !b && second !== ""),
      cell(c, page),
    ];
    if (a) group = a;
    if (b) sub = b;
    return [...out, ...r.values.map((v) => cell(String(v), page))];
  });
}

function reportIR(): DocumentIR {
  const t2: Cell[][] = T2_LINES.map((l) => l.split("\t").map((t) => cell(t, 2)));
  const blocks: Block[] = [
    { kind: "text", text: "洪泽区人民政府", loc: { page: 1 } },
    { kind: "text", text: "2023年政府信息公开工作年度报告", loc: { page: 1 } },
    { kind: "text", text: "二、主动公开政府信息情况", loc: { page: 2 } },
    { kind: "table", rows: t2 },
    { kind: "text", text: "三、收到和处理政府信息公开申请情况", loc: { page: 2 } },
    {
      kind: "table",
      rows: [
        [
          cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
          cell("申请人情况"),
          cell("总计"),
        ],
        [
          cell("自然人"),
          cell("商业企业"),
          cell("科研机构"),
          cell("社会公益组织"),
          cell("法律服务机构"),
          cell("其他"),
        ],
        ...t3Grid(T3.slice(0, 12), 3),
      ],
    },
    { kind: "text", text: "— 3 —", loc: { page: 3 } },
    { kind: "table", rows: t3Grid(T3.slice(12), 4) },
    { kind: "text", text: "四、政府信息公开行政复议、行政诉讼情况", loc: { page: 4 } },
    {
      kind: "table",
      rows: [
        [cell("行政复议"), cell("行政复议", 4, true), cell("行政诉讼")],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map((t) => cell(t, 4)),
        T4_VALUES.map((v) => cell(String(v), 4)),
      ],
    },
    { kind: "text", text: "五、存在的主要问题及改进情况", loc: { page: 5 } },
  ];
  return { format: "pdf", blocks, notes: [] };
}

describe("recognizer on front-end IR", () => {
  it("reads PDF-like grids with spanned label copies and a table split over two pages", () => {
    const result = recognize(reportIR());
    assert.equal(result.agency, "洪泽区人民政府");
    assert.equal(result.year, 2023);
    assert.deepEqual(differences(result, expectedValues()), []);
    // Provenance: each figure keeps the cell it came from.
    assert.deepEqual(result.sources?.["t3.unable.not_held.total"]?.loc?.page, 4);
    assert.equal(result.sources?.["t3.other.total"]?.derived, "sum_of_items");
    assert.equal(result.sources?.[T4_CODES[4]!]?.raw, String(T4_VALUES[4]));
    assert.ok(COLUMNS.every((c) => result.sources?.[`t3.new.${c}`]?.raw !== undefined));
  });

  it("propagates front-end notes and returns no template for a scan", () => {
    const ir: DocumentIR = {
      format: "pdf",
      blocks: [],
      notes: [{ code: "document.scanned", message: "5 pages of images and no text layer" }],
    };
    const result = recognize(ir);
    assert.equal(result.template, null);
    assert.deepEqual(result.values, {});
    assert.deepEqual(result.issues, [
      { code: "document.scanned", message: "5 pages of images and no text layer" },
    ]);
  });
});
