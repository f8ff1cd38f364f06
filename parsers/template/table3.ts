// Table 3 (applications received and handled): finds each row's figures, reads them into the seven
// applicant columns, and resolves damaged rows with the identities.
import type { ParseIssue } from "../../src/model/contract.js";
import { alignGroups } from "./align.js";
import {
  OTHER,
  T3_COLUMNS,
  T3_HEADINGS,
  T3_OTHER_ITEMS,
  T3_ROW_KEYS,
  T3_ROWS,
  t3RowCodes,
} from "./dictionary.js";
import { scanGroups, type Group, type LabelEvent } from "./groups.js";
import { identitiesFor, t3RowHolds, type Identity, type Values } from "./identities.js";
import { LabelMatcher } from "./matcher.js";
import { withoutDetachedNumbering } from "./numbering.js";
import { readingsWithUnchecked, type GroupItem, type ReadCell } from "./readings.js";
import { readingWithUnread, standsInColumns, UNREAD_ISSUE } from "./unread.js";
import { resolveAmbiguous, type RowReadings } from "./solve.js";
import { normalizeLabel } from "./normalize.js";
import { printsZeros, type Token } from "./stream.js";

const matcher = new LabelMatcher([...T3_ROWS, ...T3_HEADINGS]);
// The column identities a reading can be confirmed by (not the one defining (六) as its items' sum).
const COLUMN_IDENTITIES = identitiesFor("2021").filter((i) => i.axis === "t3.column" && !i.definesTotal);

/** (六) printed as one row. */
const ORDER_COLLAPSED = T3_ROW_KEYS.filter((k) => !T3_OTHER_ITEMS.includes(k));
/** (六) printed as its three items (2021 layout). */
const ORDER_ITEMS = T3_ROW_KEYS.filter((k) => k !== OTHER);

export interface Table3Result {
  /** Row key → column values (null where unreadable). */
  rows: Map<string, RowReadings>;
  /** Whether the table printed (六) as three items. */
  items: boolean;
  /** False when the table has no 总计 column. */
  hasTotal: boolean;
  issues: ParseIssue[];
  found: boolean;
}

export function readTable3(allTokens: Token[], regionFrom: number, regionTo: number): Table3Result {
  const { tokens, from, to } = withoutDetachedNumbering(allTokens, regionFrom, regionTo, matcher);
  const { groups, labels } = scanGroups(tokens, from, to, matcher, { minBlankRow: 6 });
  joinBrokenLabelRows(tokens, groups);
  const issues: ParseIssue[] = [];
  const blank = blankTable(tokens, from, to, labels);
  if (blank) return blank;
  const gridRows = groups.filter((g) => g.grid && g.items.length >= 6).length;
  const options = { dropLooseLines: gridRows >= 5 };
  const collapsed = alignGroups(groups, ORDER_COLLAPSED, options);
  const itemised = alignGroups(groups, ORDER_ITEMS, options);
  const useItems = itemised.score > collapsed.score;
  const { assignment } = useItems ? itemised : collapsed;
  const header = headerWords(tokens, from, groups[0]?.start ?? to);
  const hasTotal =
    header.applicants && (header.total || rowsPrintTotal(groups, assignment))
      ? true
      : header.applicants
        ? false
        : detectTotalColumn(groups, assignment);
  const width = hasTotal ? 7 : 6;

  // The complete grid rows, which place the columns of a row with an unread cell (asked rarely).
  let peerRows: GroupItem[][] | null = null;
  const peers = () =>
    (peerRows ??= groups.filter((g) => g.grid && !g.unread && g.items.length === width).map((g) => g.items));
  const blanksDropped = !printsZeros(tokens, from, to);
  const repeatsMerged = !printsEqualNeighbours(groups);
  const rows = new Map<string, RowReadings>();
  const reconstructed: string[] = [];
  const splitRows: string[] = [];
  for (const [key, index] of assignment) {
    const group = groups[index]!;
    // The row's readings, and the same search without the row identity (asked below: the two are
    // one walk).
    const { result, unchecked } = readingsWithUnchecked(
      group.items,
      width,
      {
        // Figures printed on their own lines may have lost blank cells; figures run into the label's
        // line (tags stripped) lost only separators.
        blanksDropped: blanksDropped && !group.inRow,
        merges: !group.inRow,
        repeatsMerged,
        grid: group.grid,
        blanksUncertain: group.inferred,
        check: hasTotal ? t3RowHolds : undefined,
      },
      2,
    );
    // A search that ran out of budget may have missed the right reading: what it found proves nothing.
    if (result.readings.length === 0 || result.exhausted) {
      // A scan's row with a cell OCR could not read: its other figures in their columns.
      const partial = result.exhausted ? null : partialRow(key, group, width, peers());
      if (partial) {
        rows.set(key, { key, readings: [partial.cells], raw: describe(group) });
        issues.push(...partial.issues);
        continue;
      }
      issues.push({
        code: "figure.unreadable",
        metric: `t3.${key}.natural`,
        message: `table 3 row ${key}: could not read ${width} figures from "${describe(group)}"${result.exhausted ? " (too many ways to split)" : ""}`,
      });
      continue;
    }
    if (splitOverLines(group)) splitRows.push(key);
    rows.set(key, { key, readings: result.readings.map((r) => pad(r)), raw: describe(group) });
    // A reconstruction the row identity had to choose (other readings existed without it) stays open
    // to contradiction by the column identities; one that was the only possible reading does not.
    if (result.method !== "printed") {
      const unconditional = unchecked();
      if (unconditional.readings.length !== 1) reconstructed.push(key);
    }
  }
  if (blanksDropped)
    addBlankRows(rows, groups, labels, assignment, useItems ? ORDER_ITEMS : ORDER_COLLAPSED, width);
  issues.push(...resolveAmbiguous(rows, T3_COLUMNS.length));
  issues.push(...dropUnconfirmedPlacements(rows, groups, assignment));
  issues.push(...dropUnconfirmedSplits(rows, splitRows));
  issues.push(...dropContradictedReconstructions(rows, reconstructed));
  return { rows, items: useItems, hasTotal, issues, found: assignment.size > 0 };
}

/**
 * The reading of a scan's grid row with cells OCR could not read (unread.ts): its other figures in
 * the columns the table's complete rows place them in, the unread ones open, each with an issue
 * (the OCR check may solve one from the identities: parsers/ocr/verify.ts).
 */
function partialRow(
  key: string,
  group: Group,
  width: number,
  peers: GroupItem[][],
): { cells: (ReadCell | null)[]; issues: ParseIssue[] } | null {
  if (!group.grid || group.inferred) return null;
  const reading = readingWithUnread(group.items, group.unread, width);
  if (!reading || !standsInColumns(reading, peers, width)) return null;
  const cells = pad(reading);
  const issues = cells.flatMap((cell, col): ParseIssue[] =>
    cell || col >= width
      ? []
      : [
          {
            code: UNREAD_ISSUE,
            metric: `t3.${key}.${T3_COLUMNS[col]}`,
            message: `table 3 row ${key}: its ${T3_COLUMNS[col]} cell could not be read by OCR (the row's other figures are kept in their columns)`,
          },
        ],
  );
  return { cells, issues };
}

/**
 * Figures in table fragments whose row was inferred from detached labels and order (Markdown made
 * from a PDF) are trusted only when the column identities confirm them: a failing (or uncheckable)
 * identity most likely means a lost or extra fragment shifted them, so they are left out rather than
 * risk wrong figures.
 */
function dropUnconfirmedPlacements(
  rows: Map<string, RowReadings>,
  groups: Group[],
  assignment: Map<string, number>,
): ParseIssue[] {
  const inferred = [...assignment]
    .filter(([, g]) => groups[g]!.table && !groups[g]!.inRow)
    .map(([key]) => key);
  if (inferred.length === 0) return [];
  const values = currentValues(rows);
  const inferredCodes = new Set(inferred.flatMap(codesOf));
  const checkable = COLUMN_IDENTITIES.filter(
    (id) => id.terms.some((t) => inferredCodes.has(t)) && id.terms.every((t) => t in values),
  );
  const failing = checkable.filter((id) => id.evaluate(values) !== null);
  if (checkable.length > 0 && failing.length === 0) return [];
  const reason = failing[0]
    ? `the identities fail (${failing[0].evaluate(values)})`
    : "no identity can confirm them";
  return inferred.map((key) => {
    rows.delete(key);
    return {
      code: "figure.unplaced",
      metric: `t3.${key}.natural`,
      message: `table 3 row ${key}: its figures were placed by order only and ${reason}; left out`,
    };
  });
}
/**
 * A row we reconstructed (split run-together digits, expanded merged cells, placed among padding) was
 * chosen by its row identity; when a column identity then fails on it, the choice is not supported by
 * the rest of the table (or the source has an error there), so its figures are left out.
 */
function dropContradictedReconstructions(rows: Map<string, RowReadings>, keys: string[]): ParseIssue[] {
  if (keys.length === 0) return [];
  const values = currentValues(rows);
  // What each identity says of these values (they do not change below): evaluated once, when asked.
  const verdicts = new Map<Identity, string | null>();
  const failure = (id: Identity): string | null => {
    let verdict = verdicts.get(id);
    if (verdict === undefined) {
      verdict = id.terms.every((t) => t in values) ? id.evaluate(values) : null;
      verdicts.set(id, verdict);
    }
    return verdict;
  };
  const issues: ParseIssue[] = [];
  for (const key of keys) {
    let failing: string | null = null;
    for (const id of identitiesReading(key)) if ((failing = failure(id)) !== null) break;
    const row = rows.get(key);
    if (failing === null || !row) continue;
    rows.delete(key);
    issues.push({
      code: "figure.ambiguous_split",
      metric: `t3.${key}.natural`,
      message: `table 3 row ${key}: "${row.raw}" was reconstructed but ${failing}; left out`,
    });
  }
  return issues;
}

/** The column identities reading a row's figures (an item's: (六)'s too), in order; built once per row. */
const READING_ROW = new Map<string, Identity[]>();
function identitiesReading(key: string): Identity[] {
  let found = READING_ROW.get(key);
  if (!found) {
    const codes = new Set(codesOf(key));
    const isItem = T3_OTHER_ITEMS.includes(key);
    found = COLUMN_IDENTITIES.filter((id) =>
      id.terms.some((t) => codes.has(t) || (isItem && t.startsWith(OTHER_PREFIX))),
    );
    READING_ROW.set(key, found);
  }
  return found;
}

const OTHER_PREFIX = `t3.${OTHER}.`;

/** The table's figures as read so far, with (六) summed from its items. */
function currentValues(rows: Map<string, RowReadings>): Values {
  const values: Values = {};
  for (const row of rows.values()) {
    const codes = codesOf(row.key);
    row.readings[0]?.forEach((cell, col) => {
      if (cell) values[codes[col]!] = cell.value;
    });
  }
  const other = codesOf(OTHER);
  const items = T3_OTHER_ITEMS.map(codesOf);
  T3_COLUMNS.forEach((_, col) => {
    let sum = 0;
    for (const codes of items) {
      const value = values[codes[col]!];
      if (value === undefined) return;
      sum += value;
    }
    values[other[col]!] = sum;
  });
  return values;
}

const codesOf = t3RowCodes;

const LABELS_BY_KEY = new Map(T3_ROWS.map((r) => [r.key, r.variants.map((v) => normalizeLabel(v))]));

/**
 * A label broken over two lines of space-aligned text ("二、上年结转政府信" / "息公开申请数量  31  2 …"):
 * the first line's columns are rebuilt as blank cells, which would read as a row of zeros while the
 * figures on the next line lose their label. When the next line's text is the rest of that very
 * label, the two are one row.
 */
function joinBrokenLabelRows(tokens: Token[], groups: Group[]): void {
  for (let k = 0; k + 1 < groups.length; k++) {
    const blank = groups[k]!;
    const next = groups[k + 1]!;
    if (!blank.inferred || !blank.inRow || blank.items.some((i) => i.kind !== "blank")) continue;
    if (!next.unreadLabel || next.inRow || next.preceding.length > 0) continue;
    const fragment = tokens[next.start - 1];
    if (fragment?.kind !== "text" || fragment.norm.length < 2) continue;
    const labels = LABELS_BY_KEY.get(blank.inRow.key) ?? [];
    if (!labels.some((l) => l.endsWith(fragment.norm) && l.length > fragment.norm.length)) continue;
    next.inRow = blank.inRow;
    next.preceding = blank.preceding;
    next.unreadLabel = false;
    groups.splice(k, 1);
  }
}

/**
 * Whether the copy prints two equal figures next to each other on lines of their own (as "1" / "1"
 * for a row with one request): a copy that merged identical neighbouring cells never does, so its
 * tokens are one cell each.
 */
function printsEqualNeighbours(groups: Group[]): boolean {
  return groups.some(
    (g) =>
      !g.grid &&
      g.items.some((item, i) => {
        const prev = g.items[i - 1];
        return (
          i > 0 &&
          item.kind === "num" &&
          prev?.kind === "num" &&
          prev.row !== item.row &&
          prev.num.raw === item.num.raw
        );
      }),
  );
}

/** A 6-column reading (no 总计 column) gets an explicit null total so columns line up. */
function pad(reading: (ReadCell | null)[]): (ReadCell | null)[] {
  return reading.length === 7 ? reading : [...reading, null];
}

/**
 * Rows whose figures stand on two lines in an order the text does not show (splitOverLines) are
 * kept only when the row's 总计 adds up and the column identities reading them can be checked and
 * all hold: the row identity alone can hold on the wrong order (0 0 0 0 / 1 0 1 read as
 * 0 0 0 0 1 0 1 for 1 0 0 0 0 0 1).
 */
function dropUnconfirmedSplits(rows: Map<string, RowReadings>, keys: string[]): ParseIssue[] {
  const present = keys.filter((key) => rows.has(key));
  if (present.length === 0) return [];
  const values = currentValues(rows);
  const codes = new Set(present.flatMap(codesOf));
  const checkable = COLUMN_IDENTITIES.filter(
    (id) => id.terms.some((t) => codes.has(t)) && id.terms.every((t) => t in values),
  );
  const confirmed =
    checkable.length > 0 &&
    checkable.every((id) => id.evaluate(values) === null) &&
    present.every((key) => t3RowHolds(codesOf(key).map((code) => values[code] ?? Number.NaN)));
  if (confirmed) return [];
  return present.map((key) => {
    const raw = rows.get(key)!.raw;
    rows.delete(key);
    return {
      code: "figure.unreadable",
      metric: `t3.${key}.natural`,
      message: `table 3 row ${key}: its figures stand on its label's line and the next ("${raw}"), in an order the text does not show, and the identities do not confirm it; left out`,
    };
  });
}

/**
 * Whether a text row's figures stand partly on its label's line and partly on a line after it. A
 * copy that keeps no positions (one space between cells) of a row `pdftotext -layout` printed on
 * two lines — the 总计 a line above the applicant columns — reads them in the wrong order, and a
 * hard-wrapped row or `pdftotext -raw` reads them in the right one. Which is not known: such a row
 * needs the identities' confirmation (dropUnconfirmedSplits) unless its figures are all alike.
 */
function splitOverLines(group: Group): boolean {
  if (group.grid || !group.inRow) return false;
  const first = group.items[0]?.row;
  if (!group.items.some((item) => item.row !== first)) return false;
  // Figures all alike read the same in any order.
  const values = new Set(group.items.map((item) => (item.kind === "num" ? item.num.value : 0)));
  return values.size > 1;
}

function describe(group: Group): string {
  return group.items.map((i) => (i.kind === "num" ? i.num.raw : "␣")).join(" ");
}

/**
 * In a copy that prints no zero at all, a row whose label stands alone (its blank cells and their
 * separators lost) directly before the next row's own labelled figures had no figures: all 0. Only
 * when the next figures carry their own label, so detached labels (Markdown from PDFs) never qualify.
 */
function addBlankRows(
  rows: Map<string, RowReadings>,
  groups: Group[],
  labels: LabelEvent[],
  assignment: Map<string, number>,
  order: string[],
  width: number,
): void {
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label.match.heading || rows.has(label.match.key) || !order.includes(label.match.key)) continue;
    const nextIndex = groups.findIndex((g) => g.start > label.index);
    const next = groups[nextIndex];
    if (!next) {
      // The last row (结转下年度继续办理) after the last figures of a crawler's text dump: no figures.
      const last = order[order.length - 1];
      const textDump = groups.length > 0 && groups.every((g) => !g.table);
      if (label.match.key === last && textDump && rows.size > 0) {
        const zeros = Array.from({ length: width }, () => ({ value: 0, raw: "" }));
        rows.set(last, { key: last, readings: [pad(zeros)], raw: "" });
      }
      continue;
    }
    // The next figures' own label: printed on their line, or (a crawler's text dump, one cell per
    // line) the label line right before them that the alignment gave them.
    const nextKey = next.inRow?.key ?? (next.table ? undefined : ownerOf(assignment, nextIndex));
    if (!nextKey || nextKey === label.match.key || !assignment.has(nextKey)) continue;
    // Nothing but labels between this one and the next row's figures, in the template's order (a run
    // of rows without figures, each of them all 0).
    const between = labels
      .slice(i + 1)
      .filter((l) => l.index < next.start && !l.match.heading && order.includes(l.match.key));
    if (between.length === 0 || between[between.length - 1]!.match.key !== nextKey) continue;
    const run = [label, ...between].map((l) => order.indexOf(l.match.key));
    if (run.some((at, k) => at < 0 || (k > 0 && at <= run[k - 1]!))) continue;
    const zeros = Array.from({ length: width }, () => ({ value: 0, raw: "" }));
    rows.set(label.match.key, { key: label.match.key, readings: [pad(zeros)], raw: "" });
  }
}

function ownerOf(assignment: Map<string, number>, group: number): string | undefined {
  for (const [key, index] of assignment) if (index === group) return key;
  return undefined;
}

/**
 * A table printed with every cell blank (an agency that received no request, copied out so that even
 * the blank cells are gone): not one figure in the table, but its row labels are there. Blank is 0.
 */
function blankTable(tokens: Token[], from: number, to: number, labels: LabelEvent[]): Table3Result | null {
  for (let i = from; i < to; i++) if (tokens[i]!.kind === "num") return null;
  const keys = new Set(labels.filter((l) => !l.match.heading).map((l) => l.match.key));
  // "其他" alone is also the last applicant column's header, so only the long item labels count.
  const items = keys.has("other.no_correction") || keys.has("other.no_fee");
  const order = items ? ORDER_ITEMS : ORDER_COLLAPSED;
  const found = order.filter((k) => keys.has(k));
  if (found.length < order.length - 2) return null;
  // The whole table is searched (no figures mark where the header ends), so the row label
  // （七）总计 must not pass for the 总计 column.
  const header = headerWords(tokens, from, to);
  const totalColumn = tokens
    .slice(from, to)
    .some((t) => t.kind === "text" && /(?:总计|合计)$/u.test(t.norm) && !ROW_TOTAL_LABEL.test(t.norm));
  const width = header.applicants && !totalColumn ? 6 : 7;
  const rows = new Map<string, RowReadings>();
  for (const key of found) {
    const zeros = Array.from({ length: width }, () => ({ value: 0, raw: "" }));
    rows.set(key, { key, readings: [pad(zeros)], raw: "" });
  }
  return { rows, items, hasTotal: width === 7, issues: [], found: true };
}

/** The 总计 row's own label, numbered ("七总计" once normalised). */
const ROW_TOTAL_LABEL = /^[一二三四五六七八九十\d]+(?:总计|合计)$/u;

/** Whether the column header (the text before the first figures) names the applicants and a 总计 column. */
function headerWords(tokens: Token[], from: number, to: number): { applicants: boolean; total: boolean } {
  let applicants = false;
  let total = false;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind !== "text") continue;
    if (t.norm.includes("自然人")) applicants = true;
    if (t.norm.includes("总计") || t.norm.includes("合计")) total = true;
  }
  return { applicants, total };
}

/**
 * A header that names the applicants but no 总计 (the header broken into small tables by an OCR tool or
 * a language model, the figures under generic "数据1 … 数据6" columns) still has the 总计 column when the
 * table rows print seven figures whose first six add up to the seventh: the national column order.
 */
function rowsPrintTotal(groups: Group[], assignment: Map<string, number>): boolean {
  let holding = 0;
  let nonZero = 0;
  let failing = 0;
  for (const index of assignment.values()) {
    const group = groups[index]!;
    if (!group.grid) continue;
    const nums = group.items.flatMap((i) => (i.kind === "num" ? [i.num.value] : []));
    if (group.items.length === 6) return false;
    if (nums.length !== 7) continue;
    if (!t3RowHolds(nums)) failing++;
    else {
      holding++;
      if (nums[6] !== 0) nonZero++;
    }
  }
  return holding >= 3 && nonZero >= 1 && holding > 3 * failing;
}

/**
 * A table without the 总计 column prints six figures per row. Decided on the rows read with their own
 * label: when most hold exactly six figures and none seven, the total is absent (never invented).
 */
function detectTotalColumn(groups: Group[], assignment: Map<string, number>): boolean {
  let six = 0;
  let seven = 0;
  for (const index of assignment.values()) {
    const group = groups[index]!;
    // Only table rows count: copied-out text merges cells, so its token counts prove nothing.
    if (!group.grid) continue;
    if (group.items.length === 6) six++;
    if (group.items.length >= 7) seven++;
  }
  return !(six >= 3 && six > seven * 3);
}
