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
  // （七）总计's total read as nothing too (a seal over it): the column identities cannot confirm
  // rows placed by order alone, and the recognizer left out every row it could not name.
  const unread = ["t3.total.total"];
  const before = await table3(scanIR({ unread }));
  const ir = scanIR({ unread });
  assert.deepEqual(placeRowsByPosition(ir).sort(), Object.keys(GARBLED).sort());
  const after = await table3(ir);
  assertNoWrong(before);
  assertNoWrong(after);
  assert.ok(Object.keys(before).length <= 91, `before: ${Object.keys(before).length} figures`);
  // Every figure but the unread one's row (its sum cannot be checked).
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
