// Table 2 (proactive disclosure): a few labelled rows whose figure count depends on the layout. Rows are
// found by label alone (their order varies: Shanghai's Markdown prints the 规章 rows last). Table 2 has
// no identities, so a damaged row is read only when exactly one reading exists.
import type { TemplateId } from "../../src/model/contract.js";
import { table2Columns, type Table2Column } from "../../src/model/template/index.js";
import { T2_ROWS } from "./dictionary.js";
import { scanGroups, type Group } from "./groups.js";
import { LabelMatcher } from "./matcher.js";
import { recordReadings, sourceOf, type FiguresRead } from "./figures.js";
import { cellsAbut, isCount, readingWithUnread, UNREAD_ISSUE } from "./unread.js";
import type { NumberToken } from "./cells.js";
import { readingsOf, type Reading } from "./readings.js";
import { convertMoney, declaredUnit, type MoneyUnit } from "./units.js";
import { printsZeros, type Token } from "./stream.js";

const matcher = new LabelMatcher(T2_ROWS);

/** Figures of each table 2 row per layout, in printed column order (from the template description). */
const LAYOUTS: Record<TemplateId, Record<string, Table2Column[]>> = {
  "2019": table2Columns("2019"),
  "2021": table2Columns("2021"),
};
const COLUMNS: Record<TemplateId, Record<string, string[]>> = {
  "2019": keysOf(LAYOUTS["2019"]),
  "2021": keysOf(LAYOUTS["2021"]),
};

function keysOf(layout: Record<string, Table2Column[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(layout).map(([row, columns]) => [row, columns.map((c) => c.key)]));
}

function readRow(
  out: FiguresRead,
  key: string,
  columns: string[],
  group: Group,
  blanksDropped: boolean,
  spec: Table2Column[],
  unit: MoneyUnit | null,
): void {
  const { readings: read } = readingsOf(group.items, columns.length, {
    grid: group.grid,
    blanksDropped: blanksDropped && !group.inRow,
    blankSlotsAnywhere: blanksDropped,
    merges: !group.inRow,
    // Without identities, a short digit string in a copy that prints no zeros may be blanks + one
    // figure as well as several run-together figures: not split.
    splits: !blanksDropped,
    mayBeNegative: (i) => spec[i]?.signed === true,
    isMoney: (i) => spec[i]?.unit === "10k_yuan",
  });
  const raw = group.items.map((i) => (i.kind === "num" ? i.num.raw : "␣")).join(" ");
  const codes = columns.map((column) => `t2.${key}.${column}`);
  const money = spec.map((c) => c.unit === "10k_yuan");
  if (read.length === 0 && group.unread && readPartialRow(out, key, codes, group, spec, unit)) return;
  const readings = unit === null ? read : inUnit(read, money, unit);
  recordReadings(out, codes, readings, { what: `table 2 row ${key}`, raw, names: columns, candidates: true });
  // In a copy that prints no zeros, a hyphen before digits ("288-5") is as likely a minus sign with
  // a blank cell dropped after it (288, −5, blank) as a "-" zero cell (288, 0, 5): no identity says
  // which, so the cells from the hyphen on are left out.
  if (blanksDropped) {
    const mark = readings[0]?.findIndex((c) => c.raw === "-" && c.value === 0) ?? -1;
    if (mark >= 0 && group.items.some((i) => i.kind === "num" && i.num.negative)) {
      // The readings miss the minus-sign alternative: they are no candidates to decide between.
      for (const issue of out.issues) if (codes.includes(issue.metric ?? "")) delete issue.candidates;
      for (let i = mark; i < codes.length; i++) {
        const code = codes[i]!;
        if (!(code in out.values)) continue;
        delete out.values[code];
        delete out.sources[code];
        out.issues.push({
          code: "figure.ambiguous_split",
          metric: code,
          message: `table 2 row ${key}: "${raw}" has a hyphen that may be a minus sign or a zero cell; ${columns[i]} left out`,
        });
      }
    }
  }
  // An amount whose unit the header leaves unclear is left out, never assumed to be 万元.
  if (unit !== null) return;
  money.forEach((isMoney, i) => {
    const code = codes[i]!;
    if (!isMoney || !(code in out.values) || HAS_UNIT.test(out.sources[code]?.raw ?? "")) return;
    delete out.values[code];
    delete out.sources[code];
    out.issues.push({
      code: "figure.unreadable",
      metric: code,
      message: `table 2 row ${key}: the header's money unit is unclear or not 元/万元/亿元; ${columns[i]} left out`,
    });
  });
}

/**
 * A scan's row with a cell OCR could not read (unread.ts), its cells one run of the grid's row: the
 * other figures in their columns, the unread one left out with an issue. False when it is not so.
 */
function readPartialRow(
  out: FiguresRead,
  key: string,
  codes: string[],
  group: Group,
  spec: Table2Column[],
  unit: MoneyUnit | null,
): boolean {
  if (!group.grid || group.inferred) return false;
  const fits = (slot: number, num: NumberToken) =>
    spec[slot]?.unit === "10k_yuan"
      ? num.value >= 0
      : spec[slot]?.signed === true
        ? Number.isInteger(num.value)
        : isCount(slot, num);
  const partial = readingWithUnread(group.items, group.unread, codes.length, fits);
  if (!partial || !cellsAbut(partial, group.unread!)) return false;
  partial.forEach((cell, i) => {
    const code = codes[i]!;
    if (!cell) {
      out.issues.push({
        code: UNREAD_ISSUE,
        metric: code,
        message: `table 2 row ${key}: its ${spec[i]?.key ?? code} cell could not be read by OCR (the row's other figures are kept in their columns)`,
      });
      return;
    }
    // An amount whose unit the header leaves unclear is left out, never assumed to be 万元.
    const money = spec[i]?.unit === "10k_yuan" && !HAS_UNIT.test(cell.raw);
    if (money && unit === null) {
      out.issues.push({
        code: "figure.unreadable",
        metric: code,
        message: `table 2 row ${key}: the header's money unit is unclear or not 元/万元/亿元; ${spec[i]!.key} left out`,
      });
      return;
    }
    out.values[code] = money ? convertMoney(cell.value, unit!) : cell.value;
    out.sources[code] = sourceOf(cell);
  });
  return true;
}

/** Money cells printed without a unit, converted from the header's unit to 万元 (exact decimals). */
function inUnit(readings: Reading[], money: boolean[], unit: MoneyUnit): Reading[] {
  if (unit === "万元") return readings;
  return readings.map((r) =>
    r.map((cell, i) =>
      money[i] && !HAS_UNIT.test(cell.raw) ? { ...cell, value: convertMoney(cell.value, unit) } : cell,
    ),
  );
}

const HAS_UNIT = /元$/u;

/** Normalised texts of tokens [from, to): the header words printed before a row's figures. */
function headerTexts(tokens: Token[], from: number, to: number): string[] {
  const texts: string[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === "text") texts.push(t.norm);
  }
  return texts;
}

function passedOver(out: FiguresRead, key: string, columns: string[]): void {
  out.issues.push({
    code: "figure.unplaced",
    metric: `t2.${key}.${columns[0]}`,
    message: `table 2 row ${key}: no figures between its label and the next row's; left out`,
  });
}

/**
 * The label's table row goes on with a text cell ("#公式未计算", "见附件") and holds no printed
 * figure after it, only blank padding cells at most.
 */
function figureCellsAreText(tokens: Token[], labelAt: number, to: number): boolean {
  const label = tokens[labelAt]!;
  const next = tokens[labelAt + 1];
  if (!label.grid || labelAt + 1 >= to || next?.kind !== "text" || next.row !== label.row) return false;
  for (let i = labelAt + 2; i < to && tokens[i]!.row === label.row; i++) {
    const t = tokens[i]!;
    if (t.kind === "num" || t.kind === "unread") return false;
  }
  return true;
}

function unreadableRow(out: FiguresRead, key: string, columns: string[]): void {
  for (const column of columns)
    out.issues.push({
      code: "figure.unreadable",
      metric: `t2.${key}.${column}`,
      message: `table 2 row ${key}: its figure cells hold text, not figures; ${column} left out`,
    });
}

export function readTable2(tokens: Token[], from: number, to: number, template: TemplateId): FiguresRead {
  const out: FiguresRead = { values: {}, sources: {}, issues: [] };
  const layout = COLUMNS[template];
  const { groups, labels } = scanGroups(tokens, from, to, matcher, { minBlankRow: 1 });
  const done = new Set<string>();
  const blanksDropped = !printsZeros(tokens, from, to);
  // Labels still waiting for their figures, in printed order: Markdown made from PDFs prints a run
  // of labels and then their figures ("行政处罚 / 行政强制 / | 2241 | / | 23 |").
  const waiting: string[] = [];
  let nextLabel = 0;
  let previousEnd = from;
  // Rows whose figure cells hold text: their padding cells (blank) are no figures of anyone's.
  const textRows = new Set<number>();
  for (const group of groups) {
    const headerFrom = previousEnd;
    previousEnd = group.end;
    while (nextLabel < labels.length && labels[nextLabel]!.index < group.start) {
      const label = labels[nextLabel++]!;
      const key = label.match.key;
      if (done.has(key) || waiting.includes(key)) continue;
      // A table row whose figure cells hold only text ("#N/A", "见附件") printed its figures,
      // unreadably: they are not waiting for a later group (which would be another row's, or a
      // caption's number).
      if (layout[key] && figureCellsAreText(tokens, label.index, to)) {
        done.add(key);
        textRows.add(label.row);
        unreadableRow(out, key, layout[key]!);
        continue;
      }
      waiting.push(key);
    }
    // Copied-out text prints a label line and then its figures (nearest label); a table fragment after
    // a run of detached labels fills the first of them.
    if (group.grid && textRows.has(tokens[group.start]!.row)) continue;
    let key: string | undefined;
    if (group.inRow) key = group.inRow.key;
    else key = group.table ? waiting[0] : waiting[waiting.length - 1];
    if (!key || done.has(key)) continue;
    const at = waiting.indexOf(key);
    // The nearest label passes over the labels before it: their figures were printed before them
    // (or not at all), so they must not take a later label's figures.
    if (!group.inRow && !group.table) {
      for (const stale of waiting.slice(0, at)) {
        const staleColumns = layout[stale];
        if (staleColumns) passedOver(out, stale, staleColumns);
      }
      waiting.length = 0;
    } else if (at >= 0) waiting.splice(at, 1);
    const columns = layout[key];
    if (!columns) continue;
    done.add(key);
    readRow(
      out,
      key,
      columns,
      group,
      blanksDropped,
      LAYOUTS[template][key]!,
      declaredUnit(headerTexts(tokens, headerFrom, group.start)),
    );
  }
  return out;
}
