// The geometry layer on its own: rules → grids with spans, text joining, page furniture, and
// tables continued across pages. Inputs are the shapes real producers draw (WPS: one stroked
// segment per cell edge; LibreOffice: thin filled rectangles; tables cut by page breaks).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Segment, TextRun } from "../../../parsers/pdf/geometry.js";
import { assembleBlocks } from "../../../parsers/pdf/assemble.js";
import { findLatticeTables } from "../../../parsers/pdf/lattice.js";
import { isPageNumber, removePageChrome } from "../../../parsers/pdf/page-chrome.js";
import type { PageLayout } from "../../../parsers/pdf/page-layout.js";
import { endsWithFullLine, fillTable } from "../../../parsers/pdf/table-cells.js";
import {
  appendContinuation,
  continuesTable,
  type TablePart,
} from "../../../parsers/pdf/table-continuation.js";
import { groupLines, joinLine, normalizeSpacing } from "../../../parsers/pdf/text-join.js";

const h = (at: number, from: number, to: number): Segment => ({ orientation: "h", at, from, to });
const v = (at: number, from: number, to: number): Segment => ({ orientation: "v", at, from, to });
const run = (text: string, x0: number, y0: number, x1: number, size = 10): TextRun => ({
  text,
  box: [x0, y0, x1, y0 + size],
  size,
  vertical: false,
});

/** Rules of a grid drawn WPS-style: every cell edge a separate segment, with tiny offsets. */
function cellEdges(xs: number[], ys: number[], skip: (edge: Segment) => boolean = () => false): Segment[] {
  const segments: Segment[] = [];
  for (const y of ys) for (let c = 0; c + 1 < xs.length; c++) segments.push(h(y + 0.3, xs[c]!, xs[c + 1]!));
  for (const x of xs) for (let r = 0; r + 1 < ys.length; r++) segments.push(v(x - 0.2, ys[r]!, ys[r + 1]!));
  return segments.filter((edge) => !skip(edge));
}

test("rules drawn per cell edge form one grid; a missing internal rule makes a spanning cell", () => {
  const xs = [50, 150, 200, 250];
  const ys = [100, 120, 140, 160];
  // Row 0: the header spans columns 1–2 (no rule at x=200 in row 0); column 0 spans rows 1–2.
  const segments = cellEdges(
    xs,
    ys,
    (e) =>
      (e.orientation === "v" && e.at < 201 && e.at > 199 && e.from === 100) ||
      (e.orientation === "h" && e.at > 140 && e.at < 141 && e.from === 50),
  );
  const [table, ...others] = findLatticeTables(segments);
  assert.equal(others.length, 0);
  assert.ok(table);
  assert.equal(table.ys.length - 1, 3);
  assert.equal(table.xs.length - 1, 3);
  assert.equal(table.slotCell[0]![1], table.slotCell[0]![2], "header spans two columns");
  assert.equal(table.slotCell[1]![0], table.slotCell[2]![0], "label spans two rows");
  assert.notEqual(table.slotCell[1]![1], table.slotCell[2]![1]);

  const block = fillTable(
    table,
    [
      run("申请人", 160, 105, 190),
      run("三、本年度", 60, 125, 110),
      run("办理结果", 60, 145, 100),
      run("21", 160, 125, 170),
      run("0", 210, 125, 215),
      run("3", 160, 145, 165),
    ],
    4,
  );
  assert.deepEqual(
    block.rows.map((row) => row.map((cell) => (cell.spanned ? "^" : "") + cell.text)),
    [
      ["", "申请人", "^申请人"],
      ["三、本年度办理结果", "21", "0"],
      ["^三、本年度办理结果", "3", ""],
    ],
  );
  assert.equal(block.rows[1]![1]!.loc?.page, 4);
  assert.deepEqual(block.rows[1]![1]!.loc?.bbox, [149.8, 120.3, 199.8, 140.3]);
});

test("a table cut by the page bottom is closed by its vertical rules; a frame alone is no table", () => {
  const open = [h(100, 50, 250), h(120, 50, 250), v(50, 100, 160), v(150, 100, 160), v(250, 100, 160)];
  const [table] = findLatticeTables(open);
  assert.deepEqual(table?.ys, [100, 120, 160]);
  assert.equal(findLatticeTables([h(10, 10, 100), h(50, 10, 100), v(10, 10, 50), v(100, 10, 50)]).length, 0);
});

test("a text item spanning several ruled cells is split at the rules", () => {
  const xs = [0, 100, 130, 160];
  const ys = [0, 20];
  const [table] = findLatticeTables(cellEdges(xs, ys));
  // One item "合计 12 7" running over three cells, as some producers write a whole row.
  const block = fillTable(table!, [run("合计 12 7", 10, 5, 150)], 1);
  assert.deepEqual(
    block.rows[0]!.map((c) => c.text),
    ["合计", "12", "7"],
  );
});

test("text joining: no spaces between CJK, a tab across a column gap, spaces between Latin words", () => {
  assert.equal(
    normalizeSpacing("（二）部分公开（区分处理的，只计这一情 形，不"),
    "（二）部分公开（区分处理的，只计这一情形，不",
  );
  assert.equal(normalizeSpacing("总 计"), "总计");
  assert.equal(normalizeSpacing("2023 年"), "2023 年");
  const [line] = groupLines([
    run("行政许可", 80, 100, 128),
    run("9487", 300, 100.5, 324),
    run("Open", 330, 100, 350),
  ]);
  assert.equal(joinLine(line!), "行政许可\t9487 Open");
  const lines = groupLines([run("第一行", 0, 0, 30), run("第二行", 0, 14, 30)]);
  assert.equal(lines.length, 2);
});

test("page numbers and running headers are dropped only in the margins", () => {
  for (const text of ["- 3 -", "— 12 —", "第 3 页 共 5 页", "3/5", "Page 2 of 9", "3"])
    assert.ok(isPageNumber(text), text);
  for (const text of ["行政许可 9487", "2023", "第二十条第（一）项"])
    assert.ok(!isPageNumber(text) || text === "2023", text);
  const page = (n: number, lines: [string, number][]): PageLayout => ({
    page: n,
    width: 595,
    height: 842,
    items: lines.map(([text, y]) => ({ kind: "line", text, box: [100, y, 300, y + 10], size: 10 })),
  });
  const layouts = [
    page(1, [
      ["某某县人民政府文件", 20],
      ["正文第一段", 300],
      ["- 1 -", 800],
    ]),
    page(2, [
      ["某某县人民政府文件", 20],
      ["3", 400],
      ["- 2 -", 800],
    ]),
  ];
  removePageChrome(layouts);
  assert.deepEqual(
    layouts.map((l) => l.items.map((i) => (i.kind === "line" ? i.text : ""))),
    [["正文第一段"], ["3"]],
  );
});

function part(rows: string[][], xs: number[], ids?: number[][]): TablePart {
  return {
    block: { kind: "table", rows: rows.map((row) => row.map((text) => ({ text }))) },
    xs,
    ids: ids ?? rows.map((row, r) => row.map((_, c) => r * 100 + c)),
  };
}

test("a continued table drops its repeated header and mends a row split by the page break", () => {
  const xs = [0, 100, 150, 200];
  const first = part(
    [
      ["项目", "自然人", "总计"],
      ["1.属于国家秘密", "1", "1"],
      ["5.属于三类内", "", ""],
    ],
    xs,
  );
  const second = part(
    [
      ["项目", "自然人", "总计"],
      ["部事务信息", "", ""],
      ["6.属于四类过程性信息", "2", "2"],
    ],
    xs,
  );
  assert.ok(continuesTable(first, second));
  endsWithFullLine.add(first.block.rows[2]![0]!); // "5.属于三类内" ran to the cell's right edge
  appendContinuation(first, second);
  assert.deepEqual(
    first.block.rows.map((row) => row.map((c) => c.text)),
    [
      ["项目", "自然人", "总计"],
      ["1.属于国家秘密", "1", "1"],
      ["5.属于三类内部事务信息", "", ""],
      ["6.属于四类过程性信息", "2", "2"],
    ],
  );
});

test("a short label above the break is a row of its own, not half of a split row", () => {
  const first = part([["规章", "", "", ""]], [0, 100, 150, 200, 250]);
  const second = part([["行政规范性文件", "28", "", "66"]], [0, 100, 150, 200, 250]);
  appendContinuation(first, second);
  assert.deepEqual(
    first.block.rows.map((row) => row[0]!.text),
    ["规章", "行政规范性文件"],
  );
});

test("a blank data row after the break is kept: only same-shaped fragments are mended", () => {
  const xs = [0, 100, 150, 200];
  // The header spans columns 1–2; the first row on the new page has three separate cells.
  const first = part([["复议", "行政诉讼", "行政诉讼"]], xs, [[0, 1, 1]]);
  const second = part([["", "", ""]], xs, [[0, 1, 2]]);
  appendContinuation(first, second);
  assert.equal(first.block.rows.length, 2);
});

test("parts drawn with different column rules are put on their union, labels carried over the break", () => {
  const first = part(
    [
      ["三、本年度办理结果", "（四）无法提供", "1.本机关不掌握", "10"],
      ["三、本年度办理结果", "（四）无法提供", "2.没有现成信息", "3"],
    ],
    [0, 40, 100, 180, 220],
    [
      [0, 1, 2, 3],
      [0, 1, 4, 5],
    ],
  );
  const second = part(
    [
      ["", "", "3.补正后申请内容仍不明确", "0"],
      ["", "（五）不予处理", "1.信访举报投诉类申请", "1"],
    ],
    [0, 40, 100, 180, 220],
    [
      [0, 1, 2, 3],
      [0, 4, 5, 6],
    ],
  );
  appendContinuation(first, second);
  assert.deepEqual(
    first.block.rows.slice(2).map((row) => row.map((c) => c.text)),
    [
      ["三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确", "0"],
      ["三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请", "1"],
    ],
  );

  const coarse = part([["第二十条第（八）项", "x"]], [0, 100, 300]);
  const fine = part([["信息内容", "本年收费金额", "备注"]], [0, 100, 200, 300]);
  assert.ok(continuesTable(coarse, fine));
  appendContinuation(coarse, fine);
  assert.deepEqual(
    coarse.block.rows.map((row) => row.map((c) => (c.spanned ? "^" : "") + c.text)),
    [
      ["第二十条第（八）项", "x", "^x"],
      ["信息内容", "本年收费金额", "备注"],
    ],
  );
});

test("a table continued after a 续表 caption on the next page stays one table", () => {
  const xs = [0, 100, 200];
  const table = (page: number, rows: string[][]): PageLayout["items"][number] => ({
    kind: "table",
    block: { kind: "table", rows: rows.map((row) => row.map((text) => ({ text, loc: { page } }))) },
    box: [0, 100, 200, 300],
    xs,
    ids: rows.map((row, r) => row.map((_, c) => r * 10 + c)),
  });
  const { blocks } = assembleBlocks([
    {
      page: 1,
      width: 595,
      height: 842,
      items: [
        table(1, [
          ["项目", "数量"],
          ["行政许可", "550"],
        ]),
      ],
    },
    {
      page: 2,
      width: 595,
      height: 842,
      items: [
        { kind: "line", text: "续表", box: [0, 60, 40, 70], size: 10 },
        table(2, [["行政处罚", "4119"]]),
      ],
    },
  ]);
  assert.equal(blocks.length, 1);
  assert.ok(blocks[0]?.kind === "table");
  assert.deepEqual(
    blocks[0].rows.map((row) => row[0]!.text),
    ["项目", "行政许可", "行政处罚"],
  );
});
