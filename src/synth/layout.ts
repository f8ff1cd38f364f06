// The three national tables as abstract grids (cells with rowspan/colspan, as the HTML of a real
// report has them), built once per report and then printed by every renderer. Layout variants
// seen in real reports (collapsed (六), missing 总计 column, label typos, shifted spans, zero and
// money styles) are options here, so all forms of one report share the same figures and truth.
import type { TemplateId } from "../model/contract.js";
import type { FigureSet } from "./figures.js";
import type { Rng } from "./random.js";
import { TABLE2, TABLE3, TABLE4, table2Columns, type Table3Row } from "../model/template/index.js";
import { T3_COLUMNS, T4_GROUPS, T4_OUTCOMES, t3Code, t4Code } from "./shape.js";

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

/** Table 2's grid width: the label column and three figure columns (a row with fewer spans its last). */
const T2_WIDTH = 4;

function tableTwo(figures: FigureSet, options: LayoutOptions): LayoutTable {
  const v = (code: string, colspan?: number): LayoutCell => valueCell(figures, code, options, colspan);
  const span = (i: number, n: number): number | undefined =>
    i === n - 1 && T2_WIDTH - n > 1 ? T2_WIDTH - n : undefined;
  const columnsOf = table2Columns(figures.template);
  const rows: LayoutCell[][] = [];
  for (const section of TABLE2.layouts[figures.template]) {
    rows.push([header(`第二十条第（${section.item}）项`, { colspan: T2_WIDTH })]);
    const headers = section.headers ?? columnsOf[section.rows[0]!.key]!.map((c) => c.zh);
    rows.push([
      header("信息内容"),
      ...headers.map((h, i) => {
        const colspan = span(i, headers.length);
        return header(h, colspan ? { colspan } : {});
      }),
    ]);
    for (const row of section.rows) {
      const columns = columnsOf[row.key]!;
      const text = row.label ?? TABLE2.rows.find((r) => r.key === row.key)!.labels[0]!;
      rows.push([
        label(text),
        ...columns.map((c, i) => v(`t2.${row.key}.${c.key}`, span(i, columns.length))),
      ]);
    }
  }
  return { id: "t2", width: T2_WIDTH, rows };
}

/** A header word of four characters breaks into two lines in Word cells (商业 / 企业). */
const twoLines = (text: string): Partial<LayoutCell> =>
  text.length === 4 ? { lines: [text.slice(0, 2), text.slice(2)] } : {};

function tableThree(figures: FigureSet, options: LayoutOptions): LayoutTable {
  const columns = options.noTotalColumn ? T3_COLUMNS.filter((c) => c !== "total") : [...T3_COLUMNS];
  const values = (row: string): LayoutCell[] =>
    columns.map((c) => valueCell(figures, t3Code(row, c), options));
  const [first, ...rest] = TABLE3.columns;
  const organisations = rest.slice(0, -1);
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
    header(first!.zh, { rowspan: 2 }),
    header(TABLE3.organisations, { colspan: organisations.length }),
    ...(options.noTotalColumn ? [] : [header(rest[rest.length - 1]!.zh, { rowspan: 2 })]),
  ]);
  rows.push(organisations.map((c) => header(c.zh, twoLines(c.zh))));

  // Printed numbering: "（一）" or "(一) " for the outcome rows, as the description has it otherwise.
  const numbered = (row: Table3Row, text = row.labels[0]!): string =>
    row.number.startsWith("（")
      ? `${paren(row.number.slice(1, -1), options)}${text}`
      : `${row.number}${text}`;
  const typo = (text: string): string =>
    options.labelTypo && text === "其他法律行政法规禁止公开" ? "其他法律行政止公开" : text;
  const keyOf = (parent: string | undefined, row: Table3Row): string =>
    parent ? `${parent}.${row.key}` : row.key!;
  const itemsIn = (row: Table3Row): Table3Row[] =>
    (row.items ?? []).filter((i) => !i.templates || i.templates.includes(figures.template));

  for (const top of TABLE3.rows) {
    if (!top.items) {
      rows.push([label(numbered(top), { colspan: 3 }), ...values(top.key!)]);
      continue;
    }
    const outcomeRows: LayoutCell[][] = [];
    for (const row of top.items) {
      const items = itemsIn(row);
      const key = keyOf(undefined, row);
      if (items.length === 0 || (row.figures && options.collapseOther)) {
        outcomeRows.push([label(numbered(row), { colspan: 2 }), ...values(key)]);
        continue;
      }
      items.forEach((item, i) => {
        const cells = [label(`${item.number}${typo(item.labels[0]!)}`), ...values(keyOf(key, item))];
        if (i === 0) cells.unshift(label(numbered(row), { rowspan: items.length }));
        outcomeRows.push(cells);
      });
    }
    outcomeRows[0]!.unshift(label(numbered(top), { rowspan: outcomeRows.length }));
    rows.push(...outcomeRows);
  }
  return { id: "t3", width: 3 + columns.length, rows };
}

function tableFour(figures: FigureSet, options: LayoutOptions): LayoutTable {
  const outcomeLabels = TABLE4.results.map((r) => r.zh);
  const split = (text: string): LayoutCell => header(text, twoLines(text));
  const width = TABLE4.results.length;
  // The national table: 行政复议's results, then 行政诉讼 over its two groups.
  const [own, ...under] = TABLE4.groups;
  const parent = under[0]!.parent!;
  return {
    id: "t4",
    width: width * TABLE4.groups.length,
    rows: [
      [header(own!.zh, { colspan: width }), header(parent, { colspan: width * under.length })],
      [
        ...outcomeLabels.map((l) => ({ ...split(l), rowspan: 2 })),
        ...under.map((g) => header(g.zh, { colspan: width })),
      ],
      under.flatMap(() => outcomeLabels.map(split)),
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
