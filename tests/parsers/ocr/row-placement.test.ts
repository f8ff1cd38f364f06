// Table 3's rows named by their place on a scan whose labels OCR could not all read
// (parsers/ocr/row-placement.ts), on the table as the page reader gives it: the 150 dpi scan of a real
// report read half its labels as nonsense (了生电四请 for 2.重复申请, ，色员 for （七）总计), and the
// recognizer could place none of those rows. No OCR engine needed: the IR is built here.
import assert from "node:assert/strict";
import { test } from "node:test";
import { placeRowsByPosition } from "../../../parsers/ocr/row-placement.js";
import { verifyOcrFigures } from "../../../parsers/ocr/verify.js";
import { recognize } from "../../../parsers/template/recognize.js";
import type { Cell, DocumentIR, OcrCellReading } from "../../../src/model/ir.js";

const COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"];

/** Table 3's rows as printed (（六） as one row): key, the three label cells. */
const ROWS: [string, string, string, string][] = [
  ["new", "一、本年新收政府信息公开申请数量", "", ""],
  ["carried_over", "二、上年结转政府信息公开申请数量", "", ""],
  ["granted", "三、本年度办理结果", "（一）予以公开", ""],
  ["partial", "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""],
  ["denied.state_secret", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"],
  ["denied.law_forbidden", "三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"],
  ["denied.security", "三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"],
  ["denied.third_party", "三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"],
  ["denied.internal", "三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"],
  ["denied.process", "三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"],
  ["denied.enforcement", "三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"],
  ["denied.query", "三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"],
  ["unable.not_held", "三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"],
  ["unable.needs_creation", "三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"],
  ["unable.unclear", "三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"],
  ["rejected.petition", "三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"],
  ["rejected.repeat", "三、本年度办理结果", "（五）不予处理", "2.重复申请"],
  ["rejected.publication", "三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"],
  ["rejected.mass", "三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"],
  ["rejected.confirm", "三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"],
  ["other", "三、本年度办理结果", "（六）其他处理", ""],
  ["total", "三、本年度办理结果", "（七）总计", ""],
  ["carried_forward", "四、结转下年度继续办理", "", ""],
];

/** Natural persons and companies per row; the other applicant columns print 0. */
const FIGURES: Record<string, [number, number]> = {
  new: [21, 3],
  carried_over: [2, 0],
  granted: [5, 1],
  partial: [4, 0],
  "denied.state_secret": [1, 0],
  "denied.process": [1, 1],
  "denied.enforcement": [1, 0],
  "unable.not_held": [3, 1],
  "unable.needs_creation": [3, 0],
  "rejected.petition": [1, 0],
  "rejected.repeat": [2, 0],
  other: [1, 0],
};

/** The truth: every figure of table 3. */
function truth(): Record<string, number> {
  const values: Record<string, number> = {};
  const outcomes = ROWS.slice(2, -2).map((r) => r[0]);
  const row = (key: string, pair: [number, number]) => {
    COLUMNS.forEach((col, i) => (values[`t3.${key}.${col}`] = i < 2 ? pair[i]! : 0));
    values[`t3.${key}.total`] = pair[0] + pair[1];
  };
  for (const [key] of ROWS) row(key, FIGURES[key] ?? [0, 0]);
  const sum = (i: 0 | 1) => outcomes.reduce((s, k) => s + (FIGURES[k]?.[i] ?? 0), 0);
  row("total", [sum(0), sum(1)]);
  const flow = (i: 0 | 1) => FIGURES.new![i] + FIGURES.carried_over![i] - sum(i);
  row("carried_forward", [flow(0), flow(1)]);
  return values;
}

/** Label read for some rows instead of theirs (garbled the way a blurred 150 dpi scan reads). */
const GARBLED: Record<string, string> = {
  "denied.law_forbidden": "2.其他法稚行收赴公开",
  "denied.internal": "5.属开二类内部事务们息",
  "unable.unclear": "种止各再帮内站人不明确",
  "rejected.petition": "长于报投是条中请",
  "rejected.repeat": "了生电四请",
  "rejected.publication": ".入水共作入开届上卫生",
  "rejected.mass": "素匹正当理伯大妹反起理法",
  "rejected.confirm": "克求中下机基坑法茂生蒜出届已",
  other: "只位处到",
  total: "，色员",
};

interface Options {
  /** Labels read per row key (default: the template's, GARBLED for some). */
  labels?: Record<string, string>;
  /** Row keys whose row the grid lost. */
  without?: string[];
  /** Figure cells read as nothing ("?"), by code. */
  unread?: string[];
  /** Rows whose first figure cell spans the leaf label column too (their label in the columns before). */
  figureInLeaf?: string[];
  /** Figure cells read as another number (surely), by code. */
  misread?: Record<string, number>;
}

/** A scan's IR of table 3 as the page reader gives it: 3 header rows, then one row per template row. */
function scanIR(options: Options = {}): DocumentIR {
  const values = truth();
  const labels = { ...GARBLED, ...options.labels };
  const xs = [60, 90, 170, 300, 330, 360, 390, 420, 450, 480, 510];
  const cells: OcrCellReading[] = [];
  const cell = (text: string, c0: number, c1: number, y: number, spanned = false): Cell => ({
    text,
    loc: { page: 3, bbox: [xs[c0]!, y, xs[c1 + 1]!, y + 20] },
    ...(spanned ? { spanned } : {}),
  });
  const header = (y: number): Cell[] => [
    cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 0, 2, y),
    cell("", 1, 1, y, true),
    cell("", 2, 2, y, true),
    ...["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"].map((t, i) =>
      cell(t, 3 + i, 3 + i, y),
    ),
  ];
  const rows: Cell[][] = [header(100), header(120), header(140)];
  let y = 160;
  for (const [key, first, second, third] of ROWS) {
    if (options.without?.includes(key)) continue;
    const leaf = third || second || first;
    const read = labels[key] ?? leaf;
    const label = (text: string) => (text === leaf ? read : text);
    const row: Cell[] = third
      ? [cell(first, 0, 0, y), cell(second, 1, 1, y), cell(label(third), 2, 2, y)]
      : second
        ? [cell(first, 0, 0, y), cell(label(second), 1, 2, y), cell(label(second), 1, 2, y, true)]
        : [cell(label(first), 0, 2, y), cell(label(first), 0, 2, y, true), cell(label(first), 0, 2, y, true)];
    if (options.figureInLeaf?.includes(key)) row.splice(2, 1, cell("", 2, 2, y));
    COLUMNS.forEach((col, i) => {
      const code = `t3.${key}.${col}`;
      const text = options.unread?.includes(code) ? "?" : String(options.misread?.[code] ?? values[code]);
      const wide = i === 0 && options.figureInLeaf?.includes(key);
      const figure = cell(text, wide ? 2 : 3 + i, 3 + i, y);
      if (wide) row.splice(2, 1, figure, { ...figure, spanned: true });
      else row.push(figure);
      cells.push({
        page: 3,
        box: figure.loc!.bbox!,
        kind: "digits",
        candidates: [{ text: text === "?" ? "" : text, confidence: text === "?" ? 0 : 95 }],
      });
    });
    rows.push(row);
    y += 20;
  }
  return {
    format: "scan",
    blocks: [
      { kind: "text", text: "三、收到和处理政府信息公开申请情况" },
      { kind: "table", rows, loc: { page: 3, bbox: [60, 100, 510, y] } },
    ],
    notes: [],
    ocr: { engine: "test", pages: 4, cells },
  };
}

/** The figures of table 3 kept after recognition and the identity check. */
async function table3(ir: DocumentIR): Promise<Record<string, number>> {
  const result = verifyOcrFigures({ ...(await recognize(ir)), format: ir.format }, ir);
  return Object.fromEntries(Object.entries(result.values).filter(([code]) => code.startsWith("t3.")));
}

function assertNoWrong(values: Record<string, number>): void {
  const right = truth();
  for (const [code, value] of Object.entries(values)) assert.equal(value, right[code], code);
}

test("rows whose labels were misread are named by their place when the read labels agree", async () => {
  // （七）总计's figures read as nothing too (a seal over them): the column identities cannot confirm
  // rows placed by order alone, and the recognizer left out every row it could not name.
  const unread = COLUMNS.map((col) => `t3.total.${col}`);
  const before = await table3(scanIR({ unread }));
  const ir = scanIR({ unread });
  assert.deepEqual(placeRowsByPosition(ir).sort(), Object.keys(GARBLED).sort());
  const after = await table3(ir);
  assertNoWrong(before);
  assertNoWrong(after);
  assert.ok(Object.keys(before).length <= 91, `before: ${Object.keys(before).length} figures`);
  // Every figure but the unread row's.
  assert.equal(Object.keys(after).length, 154);
});

test("with every figure read, the rows named by their place give the whole table", async () => {
  const ir = scanIR();
  placeRowsByPosition(ir);
  assert.deepEqual(await table3(ir), truth());
});

test("a read label out of its place names no row", async () => {
  // 1.属于国家秘密 read where 3.危及“三安全一稳定” stands: the grid is not the template's (a row lost
  // above, one added below); nothing is placed.
  const ir = scanIR({ labels: { "denied.security": "1.属于国家秘密" } });
  assert.deepEqual(placeRowsByPosition(ir), []);
  assertNoWrong(await table3(ir));
});

test("a grid with a row fewer than the template's names no row", async () => {
  const ir = scanIR({ without: ["denied.security"] });
  assert.deepEqual(placeRowsByPosition(ir), []);
  assertNoWrong(await table3(ir));
});

test("a total misread alike in its row's figure and its row's total is left out, its row sum holding", async () => {
  // （七）总计 printing 21 … 24 read as 1 … 4 (a seal's ring over the 2s): the row holds, the columns'
  // identities fail. Dropping the first term of a failing identity made it uncheckable, and the
  // misread total then passed on its row's sum alone (verify.ts: a failing identity fails for all).
  const right = truth();
  const misread = {
    "t3.total.natural": right["t3.total.natural"]! - 20,
    "t3.total.total": right["t3.total.total"]! - 20,
  };
  // A cell of 5.要求… under the seal read as nothing: that row is lost, and with it the outcomes' sums.
  const ir = scanIR({ misread, unread: ["t3.rejected.confirm.social"] });
  placeRowsByPosition(ir);
  const values = await table3(ir);
  assertNoWrong(values);
  assert.equal(values["t3.total.natural"], undefined);
});

test("a figure cell spanning the leaf label column is never taken for a label nor overwritten", async () => {
  // LibreOffice's synthetic tables merge 二、上年结转…'s first figure over the leaf label column
  // (its label spans the two columns before): the figure stayed a figure, the label is read.
  const ir = scanIR({
    figureInLeaf: ["carried_over", "partial"],
    labels: { carried_over: "二、上年结转政府信息公开申请数量" },
  });
  const placed = placeRowsByPosition(ir);
  assert.ok(!placed.includes("carried_over"));
  const table = ir.blocks.find((b) => b.kind === "table")!;
  assert.ok(table.kind === "table" && table.rows[4]![2]!.text === String(truth()["t3.carried_over.natural"]));
  assertNoWrong(await table3(ir));
});

/** Table 3's kept figures with their provenance. */
async function table3Sources(ir: DocumentIR) {
  const result = verifyOcrFigures({ ...(await recognize(ir)), format: ir.format }, ir);
  return { values: result.values, sources: result.sources ?? {} };
}

test("a row with a cell read as nothing keeps its other figures, and the identities solve that cell", async () => {
  // （一）予以公开's natural-person cell under a seal stroke read as nothing ("?"): the row was lost
  // whole ("could not read 7 figures from 1 0 0 0 0 6"), and with it every column identity.
  const ir = scanIR({ unread: ["t3.granted.natural"] });
  placeRowsByPosition(ir);
  const { values, sources } = await table3Sources(ir);
  assert.deepEqual(
    Object.fromEntries(Object.entries(values).filter(([code]) => code.startsWith("t3."))),
    truth(),
  );
  // Solved by its row (总计 − the other five) and its column (the outcomes' sum), which agree.
  assert.equal(sources["t3.granted.natural"]?.derived, "solved_from_identity");
  assert.equal(sources["t3.granted.commercial"]?.derived, undefined);
});

test("two cells of one row read as nothing: the row's other figures stay, each cell solved by its column", async () => {
  const unread = ["t3.granted.natural", "t3.granted.commercial"];
  const ir = scanIR({ unread });
  placeRowsByPosition(ir);
  const { values, sources } = await table3Sources(ir);
  assertNoWrong(values);
  for (const code of unread) assert.equal(sources[code]?.derived, "solved_from_identity", code);
  assert.equal(values["t3.granted.total"], truth()["t3.granted.total"]);
});

test("a cell read as nothing is not solved from one identity in a table whose identities fail", async () => {
  // 总计's natural-person figure misread surely (the outcomes' sum fails in the natural column):
  // （一）予以公开's unread commercial cell has only its row left to solve it, and a table that
  // breaks its identities somewhere may break that one too (a report printing a wrong total).
  const right = truth();
  const ir = scanIR({
    unread: ["t3.granted.commercial", "t3.denied.process.commercial"],
    misread: { "t3.total.commercial": right["t3.total.commercial"]! + 1 },
  });
  placeRowsByPosition(ir);
  const { values } = await table3Sources(ir);
  assertNoWrong(values);
  assert.equal(values["t3.granted.commercial"], undefined);
  assert.equal(values["t3.denied.process.commercial"], undefined);
  // The rows' other figures are kept: their columns and rows hold.
  assert.equal(values["t3.granted.natural"], right["t3.granted.natural"]);
});

/** Table 4's fifteen figures: 复议, 直接起诉, 复议后起诉 × 维持/纠正/其他/尚未审结/总计. */
const T4 = [2, 1, 0, 1, 4, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1];
const T4_CODES = ["review", "suit_direct", "suit_after_review"].flatMap((g) =>
  ["upheld", "corrected", "other", "pending", "total"].map((r) => `t4.${g}.${r}`),
);

/** scanIR's table 3 and, on page 4, table 4 as the page reader gives it; `printed` replaces figures. */
function withTable4(
  unread: number[],
  printed: Record<number, number> = {},
  doubtful: Record<number, number> = {},
): DocumentIR {
  const ir = scanIR();
  placeRowsByPosition(ir);
  const x = (i: number) => 40 + 34 * i;
  const cell = (text: string, c0: number, c1: number, y: number, h = 20, spanned = false): Cell => ({
    text,
    loc: { page: 4, bbox: [x(c0), y, x(c1 + 1), y + h] },
    ...(spanned ? { spanned } : {}),
  });
  const span = (text: string, c0: number, c1: number, y: number, h = 20): Cell[] =>
    Array.from({ length: c1 - c0 + 1 }, (_, k) => cell(text, c0, c1, y, h, k > 0));
  const results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
  const values = T4.map((v, i) => printed[i] ?? v);
  const row = values.map((v, i) => cell(unread.includes(i) ? "?" : String(v), i, i, 160));
  for (const c of row)
    ir.ocr!.cells.push({
      page: 4,
      box: c.loc!.bbox!,
      kind: "digits",
      candidates: [
        {
          text: c.text === "?" ? "" : c.text,
          confidence: c.text === "?" ? 0 : row.indexOf(c) in doubtful ? doubtful[row.indexOf(c)]! : 96,
        },
      ],
    });
  ir.blocks.push(
    {
      kind: "text",
      text: "四、政府信息公开行政复议、行政诉讼情况",
      loc: { page: 4, bbox: [40, 60, 400, 80] },
    },
    {
      kind: "table",
      loc: { page: 4, bbox: [x(0), 100, x(15), 180] },
      rows: [
        [...span("行政复议", 0, 4, 100), ...span("行政诉讼", 5, 14, 100)],
        [
          ...results.map((t, i) => cell(t, i, i, 120, 40)),
          ...span("未经复议直接起诉", 5, 9, 120),
          ...span("复议后起诉", 10, 14, 120),
        ],
        [
          ...results.map((t, i) => cell(t, i, i, 120, 40, true)),
          ...[...results, ...results].map((t, i) => cell(t, 5 + i, 5 + i, 140)),
        ],
        row,
      ],
    },
  );
  return ir;
}

async function table4(ir: DocumentIR) {
  const result = verifyOcrFigures({ ...(await recognize(ir)), format: ir.format }, ir);
  const values = Object.fromEntries(Object.entries(result.values).filter(([c]) => c.startsWith("t4.")));
  return { values, sources: result.sources ?? {} };
}

test("table 4 with a cell read as nothing keeps its other fourteen figures, the cell solved by its group", async () => {
  assert.deepEqual(
    (await table4(withTable4([]))).values,
    Object.fromEntries(T4_CODES.map((c, i) => [c, T4[i]])),
  );
  // 复议's 结果纠正 read as nothing: the value row was 14 figures for 15 cells, and table 4 was lost.
  const { values, sources } = await table4(withTable4([1]));
  assert.deepEqual(values, Object.fromEntries(T4_CODES.map((c, i) => [c, T4[i]])));
  assert.equal(sources["t4.review.corrected"]?.derived, "solved_from_identity");
});

test("table 4's unread cell is not solved when a group prints a total that is not its parts' sum", async () => {
  // 复议后起诉 prints 总计 0 over a pending 1 (a source error, as a real report does): 复议's unread
  // 结果纠正 would be "solved" by its group alone, and the table already breaks its identities.
  const { values } = await table4(withTable4([1], { 14: 0 }));
  assert.equal(values["t4.review.corrected"], undefined);
  for (const [code, value] of Object.entries(values)) assert.equal(value, T4[T4_CODES.indexOf(code)], code);
  assert.equal(values["t4.suit_direct.total"], 1);
});

test("a table 2 row with a cell read as nothing keeps its other figures in their columns", async () => {
  const ir = scanIR();
  placeRowsByPosition(ir);
  const x = [60, 200, 300, 400, 500];
  const cell = (text: string, c: number, y: number, spanned = false, c1 = c): Cell => ({
    text,
    loc: { page: 2, bbox: [x[c]!, y, x[c1 + 1]!, y + 24] },
    ...(spanned ? { spanned } : {}),
  });
  const row = (y: number, label: string, figures: string[]): Cell[] => {
    const cells = [cell(label, 0, y), ...figures.map((f, i) => cell(f, i + 1, y))];
    for (const c of cells.slice(1))
      ir.ocr!.cells.push({
        page: 2,
        box: c.loc!.bbox!,
        kind: "digits",
        candidates: [{ text: c.text === "?" ? "" : c.text, confidence: c.text === "?" ? 0 : 96 }],
      });
    return cells;
  };
  ir.blocks.unshift(
    { kind: "text", text: "二、主动公开政府信息情况", loc: { page: 2, bbox: [60, 60, 300, 80] } },
    {
      kind: "table",
      loc: { page: 2, bbox: [60, 100, 500, 196] },
      rows: [
        [0, 1, 2, 3].map((c) => cell("第二十条第（一）项", 0, 100, c > 0, 3)),
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"].map((t, c) => cell(t, c, 124)),
        row(148, "规章", ["3", "?", "12"]),
        row(172, "行政规范性文件", ["1", "0", "9"]),
      ],
    },
  );
  const result = verifyOcrFigures({ ...(await recognize(ir)), format: ir.format }, ir);
  const t2 = Object.fromEntries(Object.entries(result.values).filter(([c]) => c.startsWith("t2.rules")));
  // The row was lost whole ("could not read 3 figures from 3 12"); no identity can solve the cell.
  assert.deepEqual(t2, { "t2.rules.issued": 3, "t2.rules.in_force": 12 });
  assert.ok(result.issues.some((i) => i.code === "figure.unread" && i.metric === "t2.rules.repealed"));
});

test("a figure in its own cell is in its column when most rows merge that column's figure over the leaf label", async () => {
  // LibreOffice's tables merge most rows' first figure over the leaf label column: the column's
  // median centre stands left of the natural-person column, and 一、本年新收…'s own cell (its label
  // spanning the label columns) was taken for a figure read from another column.
  const merged = ROWS.map(([key]) => key).filter((key) => key !== "new" && key !== "carried_forward");
  const ir = scanIR({ figureInLeaf: merged });
  placeRowsByPosition(ir);
  const values = await table3(ir);
  assertNoWrong(values);
  assert.equal(values["t3.new.natural"], truth()["t3.new.natural"]);
});

test("a figure the engine barely believes, whose identity fails, is solved like an unread cell", async () => {
  // 复议's 结果纠正 "1" read "3" at confidence 11 (a seal's speck over it): its group fails, and no
  // other reading was offered. The group's other four figures are sure: 纠正 is 4 − 2 − 0 − 1 = 1.
  const { values, sources } = await table4(withTable4([], { 1: 3 }, { 1: 11 }));
  assert.deepEqual(values, Object.fromEntries(T4_CODES.map((c, i) => [c, T4[i]])));
  assert.equal(sources["t4.review.corrected"]?.derived, "solved_from_identity");
  // Read at 60 it is a reading: the group is left out, not repaired.
  const surer = await table4(withTable4([], { 1: 3 }, { 1: 60 }));
  assert.equal(surer.values["t4.review.corrected"], undefined);
  assert.equal(surer.values["t4.review.total"], undefined);
});

test("a row with an unread cell on a page of its own few rows is placed by the whole table's columns", async () => {
  // Table 3's last two rows stand at the top of the next page: that page alone has too few complete
  // rows to say where the columns are; the pages are aligned, so the table's other rows say.
  const ir = scanIR({ unread: ["t3.total.other"] });
  placeRowsByPosition(ir);
  const table = ir.blocks.find((b) => b.kind === "table")!;
  assert.ok(table.kind === "table");
  const moved = new Set<string>();
  for (const row of table.rows.slice(-2))
    for (const cell of row) {
      moved.add(JSON.stringify(cell.loc!.bbox));
      cell.loc = { ...cell.loc!, page: 4 };
    }
  for (const cell of ir.ocr!.cells) if (moved.has(JSON.stringify(cell.box))) cell.page = 4;
  const { values, sources } = await table3Sources(ir);
  assertNoWrong(values);
  assert.equal(values["t3.total.natural"], truth()["t3.total.natural"]);
  assert.equal(sources["t3.total.other"]?.derived, "solved_from_identity");
});
