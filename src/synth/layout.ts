// The three national tables as abstract grids (cells with rowspan/colspan, as the HTML of a real
// report has them), built once per report and then printed by every renderer. Layout variants
// seen in real reports (collapsed (六), missing 总计 column, label typos, shifted spans, zero and
// money styles) are options here, so all forms of one report share the same figures and truth.
import type { TemplateId } from "../model/contract.js";
import type { FigureSet } from "./figures.js";
import type { Rng } from "./random.js";
import {
  T3_COLUMNS,
  T3_DENIED,
  T3_OTHER_ITEMS,
  T3_REJECTED,
  T3_UNABLE,
  T4_GROUPS,
  T4_OUTCOMES,
  t3Code,
  t4Code,
} from "./shape.js";

export type CellKind = "header" | "label" | "value" | "note";

export interface LayoutCell {
  text: string;
  kind: CellKind;
  rowspan?: number;
  colspan?: number;
  /** Metric code for value cells. */
  code?: string;
  /** Where a renderer may break the text into lines (Word cells often hold two <p>: 商业 / 企业). */
  lines?: string[];
}

export interface LayoutTable {
  id: "t2" | "t3" | "t4";
  width: number;
  rows: LayoutCell[][];
}

/** How zero counts are printed; REPORT-FORMAT.md: blank, -, —, /, 无 and 0 all mean 0. */
export type ZeroStyle = "0" | "" | "-" | "—" | "/" | "无";
export type MoneyStyle = "plain" | "yuan" | "wan";

export interface LayoutOptions {
  /** Table 3 (六) printed as one row although the template is 2021 (洪泽区 2023/2024). */
  collapseOther: boolean;
  /** Table 3 without its 总计 column. */
  noTotalColumn: boolean;
  /** Real typo in a row label: "其他法律行政止公开". */
  labelTypo: boolean;
  /** "(一) " instead of "（一）" in labels (corpus 00-*.txt). */
  halfWidthParens: boolean;
  zeroStyle: ZeroStyle;
  moneyStyle: MoneyStyle;
  /** Print positive 本年增/减 with a plus sign. */
  plusSign: boolean;
  /** Some rows move one grid column from the label cell to the first value cell (corpus 15-*.html). */
  shiftSpans: boolean;
}

export const CLEAN_LAYOUT: LayoutOptions = {
  collapseOther: false,
  noTotalColumn: false,
  labelTypo: false,
  halfWidthParens: false,
  zeroStyle: "0",
  moneyStyle: "plain",
  plusSign: false,
  shiftSpans: false,
};

export function pickLayoutOptions(rng: Rng, template: TemplateId): LayoutOptions {
  return {
    collapseOther: template === "2021" && rng.chance(0.15),
    noTotalColumn: rng.chance(0.03),
    labelTypo: rng.chance(0.05),
    halfWidthParens: rng.chance(0.2),
    zeroStyle: rng.weighted<ZeroStyle>([
      ["0", 80],
      ["", 8],
      ["-", 3],
      ["—", 3],
      ["/", 4],
      ["无", 2],
    ]),
    moneyStyle: rng.weighted<MoneyStyle>([
      ["plain", 85],
      ["yuan", 8],
      ["wan", 7],
    ]),
    plusSign: rng.chance(0.2),
    shiftSpans: rng.chance(0.15),
  };
}

/** Formats a money amount in 万元 as a cell with its own unit where the style asks for one. */
function formatMoney(amount: number, style: MoneyStyle, zero: ZeroStyle): string {
  if (amount === 0) return zero === "" ? "" : style === "plain" ? zero : "0";
  // 元 only for amounts that are a whole number of yuan, so yuan / 10000 is the exact amount.
  const yuan = Math.round(amount * 10000);
  if (style === "yuan" && yuan / 10000 === amount) return `${yuan}元`;
  if (style === "wan") return `${amount}万元`;
  return String(amount);
}

export function formatValue(code: string, value: number, options: LayoutOptions): string {
  if (code.endsWith(".amount")) return formatMoney(value, options.moneyStyle, options.zeroStyle);
  if (value === 0) return options.zeroStyle;
  if (code.endsWith(".change") && value > 0 && options.plusSign) return `+${value}`;
  return String(value);
}

const paren = (n: string, options: LayoutOptions): string =>
  options.halfWidthParens ? `(${n}) ` : `（${n}）`;

const DENIED_LABELS = [
  "属于国家秘密",
  "其他法律行政法规禁止公开",
  "危及“三安全一稳定”",
  "保护第三方合法权益",
  "属于三类内部事务信息",
  "属于四类过程性信息",
  "属于行政执法案卷",
  "属于行政查询事项",
];
const UNABLE_LABELS = ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"];
const REJECTED_LABELS = [
  "信访举报投诉类申请",
  "重复申请",
  "要求提供公开出版物",
  "无正当理由大量反复申请",
  "要求行政机关确认或重新出具已获取信息",
];
const OTHER_LABELS = [
  "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
  "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
  "其他",
];

const header = (text: string, extra: Partial<LayoutCell> = {}): LayoutCell => ({
  text,
  kind: "header",
  ...extra,
});
const label = (text: string, extra: Partial<LayoutCell> = {}): LayoutCell => ({
  text,
  kind: "label",
  ...extra,
});

function valueCell(figures: FigureSet, code: string, options: LayoutOptions, colspan?: number): LayoutCell {
  const value = figures.values[code];
  if (value === undefined) throw new Error(`no figure for ${code}`);
  return { text: formatValue(code, value, options), kind: "value", code, ...(colspan ? { colspan } : {}) };
}

function tableTwo(figures: FigureSet, options: LayoutOptions): LayoutTable {
  const v = (code: string, colspan?: number): LayoutCell => valueCell(figures, code, options, colspan);
  const section = (item: string): LayoutCell[] => [header(`第二十条第（${item}）项`, { colspan: 4 })];
  const rows: LayoutCell[][] = [];
  if (figures.template === "2021") {
    rows.push(section("一"), [
      header("信息内容"),
      header("本年制发件数"),
      header("本年废止件数"),
      header("现行有效件数"),
    ]);
    rows.push([label("规章"), v("t2.rules.issued"), v("t2.rules.repealed"), v("t2.rules.in_force")]);
    rows.push([
      label("行政规范性文件"),
      v("t2.normative.issued"),
      v("t2.normative.repealed"),
      v("t2.normative.in_force"),
    ]);
    rows.push(section("五"), [header("信息内容"), header("本年处理决定数量", { colspan: 3 })]);
    rows.push([label("行政许可"), v("t2.licensing.decisions", 3)]);
    rows.push(section("六"), [header("信息内容"), header("本年处理决定数量", { colspan: 3 })]);
    rows.push([label("行政处罚"), v("t2.penalty.decisions", 3)]);
    rows.push([label("行政强制"), v("t2.coercion.decisions", 3)]);
    rows.push(section("八"), [header("信息内容"), header("本年收费金额（单位：万元）", { colspan: 3 })]);
    rows.push([label("行政事业性收费"), v("t2.fees.amount", 3)]);
    return { id: "t2", width: 4, rows };
  }
  const itemHeader = [
    header("信息内容"),
    header("上一年项目数量"),
    header("本年增/减"),
    header("处理决定数量"),
  ];
  const itemRow = (name: string, key: string): LayoutCell[] => [
    label(name),
    v(`t2.${key}.prev_items`),
    v(`t2.${key}.change`),
    v(`t2.${key}.decisions`),
  ];
  rows.push(section("一"), [
    header("信息内容"),
    header("本年新制作数量"),
    header("本年新公开数量"),
    header("对外公开总数量"),
  ]);
  rows.push([label("规章"), v("t2.rules.made"), v("t2.rules.published"), v("t2.rules.total_published")]);
  rows.push([
    label("规范性文件"),
    v("t2.normative.made"),
    v("t2.normative.published"),
    v("t2.normative.total_published"),
  ]);
  rows.push(
    section("五"),
    itemHeader,
    itemRow("行政许可", "licensing"),
    itemRow("其他对外管理服务事项", "other_services"),
  );
  rows.push(section("六"), [...itemHeader], itemRow("行政处罚", "penalty"), itemRow("行政强制", "coercion"));
  rows.push(section("八"), [
    header("信息内容"),
    header("上一年项目数量"),
    header("本年增/减", { colspan: 2 }),
  ]);
  rows.push([label("行政事业性收费"), v("t2.fees.prev_items"), v("t2.fees.change", 2)]);
  rows.push(section("九"), [
    header("信息内容"),
    header("采购项目数量"),
    header("采购总金额", { colspan: 2 }),
  ]);
  rows.push([label("政府集中采购"), v("t2.procurement.items"), v("t2.procurement.amount", 2)]);
  return { id: "t2", width: 4, rows };
}

function tableThree(figures: FigureSet, options: LayoutOptions): LayoutTable {
  const columns = options.noTotalColumn ? T3_COLUMNS.filter((c) => c !== "total") : [...T3_COLUMNS];
  const values = (row: string): LayoutCell[] =>
    columns.map((c) => valueCell(figures, t3Code(row, c), options));
  const rows: LayoutCell[][] = [];
  rows.push([
    {
      text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
      kind: "note",
      rowspan: 3,
      colspan: 3,
    },
    header("申请人情况", { colspan: columns.length }),
  ]);
  rows.push([
    header("自然人", { rowspan: 2 }),
    header("法人或其他组织", { colspan: 5 }),
    ...(options.noTotalColumn ? [] : [header("总计", { rowspan: 2 })]),
  ]);
  rows.push([
    header("商业企业", { lines: ["商业", "企业"] }),
    header("科研机构", { lines: ["科研", "机构"] }),
    header("社会公益组织"),
    header("法律服务机构"),
    header("其他"),
  ]);
  rows.push([label("一、本年新收政府信息公开申请数量", { colspan: 3 }), ...values("new")]);
  rows.push([label("二、上年结转政府信息公开申请数量", { colspan: 3 }), ...values("carried_over")]);

  const collapse = figures.template === "2019" || options.collapseOther;
  const outcomeRows: LayoutCell[][] = [];
  const single = (text: string, row: string): LayoutCell[] => [label(text, { colspan: 2 }), ...values(row)];
  const group = (title: string, items: string[], keys: string[]): void => {
    items.forEach((item, i) => {
      const cells = [label(`${i + 1}.${item}`), ...values(keys[i]!)];
      if (i === 0) cells.unshift(label(title, { rowspan: items.length }));
      outcomeRows.push(cells);
    });
  };
  outcomeRows.push(single(`${paren("一", options)}予以公开`, "granted"));
  outcomeRows.push(
    single(`${paren("二", options)}部分公开（区分处理的，只计这一情形，不计其他情形）`, "partial"),
  );
  const deniedLabels = options.labelTypo
    ? DENIED_LABELS.map((l) => (l === "其他法律行政法规禁止公开" ? "其他法律行政止公开" : l))
    : DENIED_LABELS;
  group(
    `${paren("三", options)}不予公开`,
    deniedLabels,
    T3_DENIED.map((k) => `denied.${k}`),
  );
  group(
    `${paren("四", options)}无法提供`,
    UNABLE_LABELS,
    T3_UNABLE.map((k) => `unable.${k}`),
  );
  group(
    `${paren("五", options)}不予处理`,
    REJECTED_LABELS,
    T3_REJECTED.map((k) => `rejected.${k}`),
  );
  if (collapse) outcomeRows.push(single(`${paren("六", options)}其他处理`, "other"));
  else
    group(
      `${paren("六", options)}其他处理`,
      OTHER_LABELS,
      T3_OTHER_ITEMS.map((k) => `other.${k}`),
    );
  outcomeRows.push(single(`${paren("七", options)}总计`, "total"));
  outcomeRows[0]!.unshift(label("三、本年度办理结果", { rowspan: outcomeRows.length }));
  rows.push(...outcomeRows);
  rows.push([label("四、结转下年度继续办理", { colspan: 3 }), ...values("carried_forward")]);
  return { id: "t3", width: 3 + columns.length, rows };
}

function tableFour(figures: FigureSet, options: LayoutOptions): LayoutTable {
  const outcomeLabels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
  const split = (text: string): LayoutCell =>
    header(text, text.length === 4 ? { lines: [text.slice(0, 2), text.slice(2)] } : {});
  return {
    id: "t4",
    width: 15,
    rows: [
      [header("行政复议", { colspan: 5 }), header("行政诉讼", { colspan: 10 })],
      [
        ...outcomeLabels.map((l) => ({ ...split(l), rowspan: 2 })),
        header("未经复议直接起诉", { colspan: 5 }),
        header("复议后起诉", { colspan: 5 }),
      ],
      [...outcomeLabels.map(split), ...outcomeLabels.map(split)],
      T4_GROUPS.flatMap((g) => T4_OUTCOMES.map((o) => valueCell(figures, t4Code(g, o), options))),
    ],
  };
}

/** Moves one grid column from a wide label cell to the row's first value cell, on some rows. */
function shiftSomeSpans(rng: Rng, table: LayoutTable): void {
  for (const row of table.rows) {
    const labelCell = row.find((c) => c.kind === "label" && (c.colspan ?? 1) >= 2 && !c.rowspan);
    const first = row.find((c) => c.kind === "value");
    if (!labelCell || !first || first.colspan || !rng.chance(0.5)) continue;
    labelCell.colspan = (labelCell.colspan ?? 1) - 1;
    if (labelCell.colspan === 1) delete labelCell.colspan;
    first.colspan = 2;
  }
}

/**
 * Word's misaligned column grid (corpus 15-*.html, table 2): every figure column becomes two grid
 * columns, then on some rows a neighbouring pair trades one (colspan 1 + 3 instead of 2 + 2).
 */
function irregularGrid(rng: Rng, table: LayoutTable): void {
  const width = 1 + (table.width - 1) * 2;
  for (const row of table.rows) {
    if (row.length === 1) {
      row[0]!.colspan = width;
      continue;
    }
    for (const cell of row.slice(1)) cell.colspan = (cell.colspan ?? 1) * 2;
    if (row.length >= 3 && rng.chance(0.5)) {
      const i = rng.int(1, row.length - 2);
      row[i]!.colspan = row[i]!.colspan! - 1;
      row[i + 1]!.colspan = row[i + 1]!.colspan! + 1;
    }
    for (const cell of row) if (cell.colspan === 1) delete cell.colspan;
  }
  table.width = width;
}

export interface ReportTables {
  t2: LayoutTable;
  t3: LayoutTable;
  t4: LayoutTable;
}

export function buildTables(rng: Rng, figures: FigureSet, options: LayoutOptions): ReportTables {
  const tables = {
    t2: tableTwo(figures, options),
    t3: tableThree(figures, options),
    t4: tableFour(figures, options),
  };
  if (options.shiftSpans) {
    shiftSomeSpans(rng, tables.t3);
    if (rng.chance(0.5)) irregularGrid(rng, tables.t2);
  }
  return tables;
}

/** A grid slot after spans are expanded; `origin` is false for the copies a span covers. */
export interface Slot {
  cell: LayoutCell;
  origin: boolean;
}

/** Expands row/column spans into a rectangular grid of slots (HTML table model). */
export function expandSpans(table: LayoutTable): Slot[][] {
  const grid: (Slot | undefined)[][] = table.rows.map(() => []);
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (grid[r]![c]) c++;
      for (let dr = 0; dr < (cell.rowspan ?? 1); dr++) {
        for (let dc = 0; dc < (cell.colspan ?? 1); dc++) {
          const target = grid[r + dr];
          if (target) target[c + dc] = { cell, origin: dr === 0 && dc === 0 };
        }
      }
      c += cell.colspan ?? 1;
    }
  });
  const blank: Slot = { cell: { text: "", kind: "note" }, origin: true };
  return grid.map((row) => Array.from({ length: table.width }, (_, c) => row[c] ?? blank));
}

/** The metric codes the tables print, in order. */
export function printedCodes(tables: ReportTables): string[] {
  return [tables.t2, tables.t3, tables.t4].flatMap((t) =>
    t.rows.flat().flatMap((c) => (c.code ? [c.code] : [])),
  );
}
