// The identities decide which OCR figures are kept. A figure read from a scan is accepted when the
// identities covering it hold. Where an identity fails, the doubtful cells' other readings are
// tried; a set of readings is taken only when it is the one consistent set (fewest changes).
// Figures no identity confirms are left out with an issue — except table 2's, which have no
// identity and are kept only when read with high confidence. Exact numbers or none.
import type { FigureSource, OcrSummary, ParseIssue, ParseResult } from "../../src/model/contract.js";
import type { DocumentIR, OcrCellReading } from "../ir.js";
import { identitiesFor, identityIssues, type Identity } from "../template/identities.js";
import { T3_COLUMNS, T3_OTHER_ITEMS, T4_CODES, t3RowCodes } from "../template/dictionary.js";
import { UNREAD_ISSUE } from "../template/unread.js";
import { scanMetadata } from "./scan-title.js";

/** A table 2 figure (no identity) needs a reading at least this confident (0–100). */
export const TABLE2_MIN_CONFIDENCE = 90;
/**
 * The same on a page of a phone photo (OcrInfo.photoPages): blur and the warp's resampling make
 * confident misreads (a table-2 9487 read as 9187 at confidence 93; the report's other figures 95–96).
 */
export const TABLE2_PHOTO_MIN_CONFIDENCE = 95;
/**
 * A table-2 "0" whose cell holds one glyph shaped as a zero (cell-image.ts isZero) needs only this
 * confidence: the shape is a second witness, independent of the engine (zeros read at 48–89 on
 * real scans were left out).
 */
export const TABLE2_ZERO_SHAPE_CONFIDENCE = 40;
/** A blank cell counts as a printed 0 only when it is this surely blank (parsers/ocr/cell-image.ts). */
const SURE_BLANK = 90;
/**
 * Two readings of one number that agree are no witness when both are below this (see echoes):
 * the misread pair was read at 34 and 39; lone 1s of right "1 … 1" rows are read at 71–87.
 */
const ECHO_BELOW = 60;
/** A first reading at or above this confidence is never replaced by an alternative. */
const CORRECTABLE_BELOW = 90;
/** Search budget for the candidate readings of one group of failing identities. */
const MAX_NODES = 200_000;
const MAX_SOLUTIONS = 64;

interface Figure {
  code: string;
  cell: OcrCellReading;
  /** Candidate values, in the order of the cell's candidates (distinct). */
  values: { value: number; text: string; confidence: number }[];
  /** Index into values of the value in use. */
  chosen: number;
}

function valueOf(text: string): number | null {
  if (text === "" || text === "—" || text === "/") return 0;
  // A sign the page reader found before the digits (a 2019 table-2 change).
  return /^[+-]?\d{1,9}(?:\.\d{1,4})?$/.test(text) ? Number(text) : null;
}

/** The figure is what its cell read, or that in another unit (元 to 万元: a power of ten). */
function sameReading(value: number, text: string): boolean {
  const read = valueOf(text);
  if (read === null) return false;
  if (read === value) return true;
  if (read === 0 || value === 0) return false;
  const ratio = Math.log10(Math.abs(value / read));
  return Math.sign(value) === Math.sign(read) && Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

/** A figure no identity covers stands in a cell one row tall; a taller one is a broken grid's. */
const MAX_UNCHECKED_CELL_HEIGHT = 100;

function cellAt(
  cells: OcrCellReading[],
  page: number,
  bbox: [number, number, number, number],
): OcrCellReading | undefined {
  const cx = (bbox[0] + bbox[2]) / 2;
  const cy = (bbox[1] + bbox[3]) / 2;
  return cells.find(
    (c) => c.page === page && cx >= c.box[0] && cx <= c.box[2] && cy >= c.box[1] && cy <= c.box[3],
  );
}

export function verifyOcrFigures(result: ParseResult, ir: DocumentIR): ParseResult {
  const ocr = ir.ocr;
  if (!ocr) return result;
  const summary: OcrSummary = { engine: ocr.engine, pages: ocr.pages, figures: 0, left_out: 0, corrected: 0 };
  // The title was read by OCR too (a scan, or a PDF whose first page is scanned; an HTML page's
  // title is its text's): its place names are checked (scan-title.ts).
  const titleRead =
    ir.format === "scan" ||
    ir.format === "image" ||
    (ir.format === "pdf" && ocr.pageNumbers?.includes(1) === true);
  const metadata = titleRead ? scanMetadata({ agency: result.agency, year: result.year }, ir) : {};
  if (!result.template) return { ...result, ...metadata, ocr: summary };
  const values = { ...result.values };
  const sources: Record<string, FigureSource> = { ...(result.sources ?? {}) };
  const issues: ParseIssue[] = result.issues.filter((i) => !i.code.startsWith("identity."));

  // Figures that came from an OCR'd cell, with their candidate values.
  const figures = new Map<string, Figure>();
  for (const code of Object.keys(values)) {
    const source = sources[code];
    if (!source?.loc?.page || !source.loc.bbox || source.derived === "sum_of_items") continue;
    const cell = cellAt(ocr.cells, source.loc.page, source.loc.bbox);
    if (!cell) continue;
    const seen = new Set<number>();
    const options: Figure["values"] = [];
    // The value the recognizer read comes first, then the other readings.
    options.push({
      value: values[code]!,
      text: cell.candidates[0]?.text ?? "",
      confidence: cell.candidates[0]?.confidence ?? 0,
    });
    seen.add(values[code]!);
    for (const c of cell.candidates.slice(1)) {
      const v = valueOf(c.text);
      if (v === null || seen.has(v)) continue;
      seen.add(v);
      options.push({ value: v, text: c.text, confidence: c.confidence });
    }
    figures.set(code, { code, cell, values: options, chosen: 0 });
  }

  // In a scan every figure comes from an OCR'd cell: one that does not (a figure read from the
  // title's prose, a cell the page reader did not record) is not trusted. In a PDF whose other
  // pages have a text layer, only the OCR'd pages are scans: figures read from the text layer
  // stay as they are (they are checked by the identities like any born-digital figure).
  const onOcrPage = (code: string) => {
    if (!ocr.pageNumbers) return true;
    const page = sources[code]?.loc?.page;
    return page !== undefined && ocr.pageNumbers.includes(page);
  };
  const unmapped = Object.keys(values).filter(
    (code) => !figures.has(code) && sources[code]?.derived !== "sum_of_items" && onOcrPage(code),
  );
  for (const code of unmapped) {
    delete values[code];
    delete sources[code];
    summary.left_out++;
    issues.push({
      code: "ocr.unconfirmed",
      metric: code,
      message: "read from a scan outside the figure cells; left out",
    });
  }
  // Derived (六) totals are recomputed from their items at the end.
  const derivedOther = T3_COLUMNS.map((col) => `t3.other.${col}`).filter(
    (c) => sources[c]?.derived === "sum_of_items",
  );
  for (const code of derivedOther) delete values[code];

  const identities = identitiesFor(result.template);
  const covering = new Map<string, Identity[]>();
  for (const identity of identities)
    for (const t of identity.terms) covering.set(t, [...(covering.get(t) ?? []), identity]);
  const holds = (identity: Identity) => identity.evaluate(values) === null;
  const checkable = (identity: Identity) => identity.terms.every((t) => t in values);

  // A figure is dropped when no identity covering it holds while one fails; repeat until stable.
  const dropped = new Map<string, string>();
  const drop = (code: string, why: string) => {
    dropped.set(code, why);
    delete values[code];
  };
  // A figure the recognizer placed in a column its cell does not stand in (a row with an unreadable
  // cell, its figures shifted to fill the gap) can satisfy the row's identity while its column's
  // identities cannot be checked: it is left out before the identities are looked at.
  for (const [code, why] of misplaced(figures)) drop(code, why);
  // The recognizer's figure must be what its cell read: a figure taken from other text that fell
  // in the cell (a heading line over a broken grid) is not the cell's reading.
  for (const [code, figure] of figures)
    if (!dropped.has(code) && !sameReading(figure.values[0]!.value, figure.cell.candidates[0]?.text ?? ""))
      drop(code, `the figure ${figure.values[0]!.value} is not what its cell read`);

  chooseReadings(identities, figures, values, checkable);
  // A cell read as blank (0) while grey or specks were seen in it may hold a faint figure: the
  // identities cannot vouch for it (a scan whose every figure faded reads as all zeros, and zeros
  // satisfy every identity).
  for (const [code, figure] of figures) {
    const reading = figure.values[figure.chosen]!;
    if (reading.text === "" && reading.confidence < SURE_BLANK)
      drop(
        code,
        `the cell looks blank but holds grey or specks (confidence ${Math.round(reading.confidence)})`,
      );
  }
  // A cell OCR could not read, in a row whose other figures the grid placed, solved from the
  // identities when they determine it exactly (its identities are checked below as any figure's).
  const solved = solveUnread(result.issues, ocr.cells, identities, covering, figures, values, dropped);
  for (const [code, figure] of solved) {
    figures.set(code, figure);
    values[code] = figure.values[0]!.value;
    sources[code] = {
      raw: "",
      loc: { page: figure.cell.page, bbox: figure.cell.box },
      derived: "solved_from_identity",
    };
  }
  for (const [code] of figures) {
    if (dropped.has(code)) continue;
    const mine = (covering.get(code) ?? []).filter(checkable);
    if (mine.length && !mine.some(holds)) drop(code, "the identities covering it do not hold");
  }
  for (let changed = true; changed;) {
    changed = false;
    // The identities failing as the pass begins fail for every term: dropping one term makes the
    // identity uncheckable, and the others (a misread total whose row sum holds by the same misread)
    // must not then pass for confirmed.
    const failing = new Set(identities.filter((i) => checkable(i) && !holds(i)));
    for (const [code, figure] of figures) {
      if (dropped.has(code)) continue;
      const mine = covering.get(code) ?? [];
      const live = mine.filter(checkable);
      if (mine.some((i) => failing.has(i)) || live.some((i) => !holds(i))) {
        drop(code, "an identity covering it does not hold");
        changed = true;
      } else if (live.length > 0 && live.every((i) => echoes(i, code, values, figures))) {
        drop(code, "its identities only compare it with another doubtful reading of the same number");
        changed = true;
      } else if (live.length === 0) {
        const best = figure.values[figure.chosen]!;
        const noIdentity = mine.length === 0;
        const height = figure.cell.box[3] - figure.cell.box[1];
        const tall = height > MAX_UNCHECKED_CELL_HEIGHT;
        const floor = ocr.photoPages?.includes(figure.cell.page)
          ? TABLE2_PHOTO_MIN_CONFIDENCE
          : TABLE2_MIN_CONFIDENCE;
        const sure =
          best.confidence >= floor ||
          (figure.cell.zero === true && best.text === "0" && best.confidence >= TABLE2_ZERO_SHAPE_CONFIDENCE);
        if (noIdentity && sure && figure.chosen === 0 && !tall) continue;
        drop(
          code,
          !noIdentity
            ? "the figures its identities need were not read"
            : tall
              ? `no identity covers it and its cell is ${Math.round(height)} points tall (a broken grid's, not a row's)`
              : `no identity covers it and the reading's confidence ${Math.round(best.confidence)} is below ${floor}`,
        );
        changed = true;
      }
    }
  }

  for (const [code, figure] of figures) {
    const reading = figure.values[figure.chosen]!;
    const where = `page ${figure.cell.page} at [${figure.cell.box.map((n) => Math.round(n)).join(", ")}]`;
    if (dropped.has(code)) {
      delete sources[code];
      summary.left_out++;
      issues.push({
        code: "ocr.unconfirmed",
        metric: code,
        message: `OCR read "${figure.values[0]!.text || "(blank)"}" on ${where} (confidence ${Math.round(figure.values[0]!.confidence)}) but ${dropped.get(code)}; left out`,
      });
      continue;
    }
    summary.figures++;
    if (solved.has(code)) continue;
    if (figure.chosen > 0) summary.corrected++;
    sources[code] = {
      ...sources[code]!,
      raw: reading.text,
      ocr: {
        confidence: Math.round(reading.confidence),
        ...(figure.chosen > 0 ? { first_reading: figure.values[0]!.text } : {}),
      },
    };
  }
  // (六) as the sum of its items, when every item was kept.
  for (const col of T3_COLUMNS) {
    const code = `t3.other.${col}`;
    if (!derivedOther.includes(code)) continue;
    const items = T3_OTHER_ITEMS.map((k) => values[`t3.${k}.${col}`]);
    if (items.some((v) => v === undefined)) {
      delete sources[code];
      continue;
    }
    values[code] = items.reduce((a, b) => a! + b!, 0)!;
    sources[code] = { raw: items.join("+"), derived: "sum_of_items" };
  }
  issues.push(...identityIssues(result.template, values));
  return { ...result, ...metadata, values, sources, issues, ocr: summary };
}

/** A reading below this confidence whose identities all fail is solved as an unread cell. */
const GUESS_BELOW = 40;
/** A reading this sure (first reading, not replaced) may serve to solve an unread cell. */
const SOLVES_FROM = 90;

/**
 * The cells OCR could not read in rows the recognizer read otherwise (issue UNREAD_ISSUE: the grid
 * placed the row's other figures), solved from the identities: each identity covering the cell whose
 * every other figure was read at SOLVES_FROM or more (not replaced, not left out) gives its value,
 * and the cell is solved when they all give the same whole number ≥ 0. One identity alone solves
 * it only in a table none of whose checkable identities fails (a report printing a total that is
 * not its parts' sum would be "solved" to the sum, not to what it printed). The cell must be found
 * on the page: an unread cell between its row's neighbouring cells. A reading below GUESS_BELOW
 * whose every checkable identity fails (a 1 read 3 at 11 under a seal's speck, no other reading
 * offered) is solved the same way, its own failing identities aside in that test.
 */
function solveUnread(
  issues: ParseIssue[],
  cells: OcrCellReading[],
  identities: Identity[],
  covering: Map<string, Identity[]>,
  figures: Map<string, Figure>,
  values: Record<string, number>,
  dropped: Map<string, string>,
): Map<string, Figure> {
  const solved = new Map<string, Figure>();
  const unread = issues.flatMap((i) =>
    i.code === UNREAD_ISSUE && i.metric && !(i.metric in values) ? [i.metric] : [],
  );
  // A reading the engine itself barely believes, whose identities all fail, is no reading either.
  const failingAll = (code: string) => {
    const live = (covering.get(code) ?? []).filter(
      (i) => !i.definesTotal && i.terms.every((t) => t in values),
    );
    return live.length > 0 && live.every((i) => i.evaluate(values) !== null);
  };
  const guessed = [...figures.values()]
    .filter(
      (f) =>
        !dropped.has(f.code) && f.chosen === 0 && f.values[0]!.confidence < GUESS_BELOW && failingAll(f.code),
    )
    .map((f) => f.code);
  const open = [...unread, ...guessed];
  if (open.length === 0) return solved;
  const sure = (code: string) => {
    const figure = figures.get(code);
    return (
      figure !== undefined &&
      !dropped.has(code) &&
      figure.chosen === 0 &&
      figure.values[0]!.confidence >= SOLVES_FROM &&
      values[code] === figure.values[0]!.value
    );
  };
  const failingIn = (table: string, code: string) =>
    identities.some(
      (i) =>
        i.terms[0]!.startsWith(table) &&
        !i.terms.includes(code) &&
        i.terms.every((t) => t in values) &&
        i.evaluate(values) !== null,
    );
  for (const code of open) {
    const table = code.slice(0, 3);
    const answers: number[] = [];
    for (const identity of covering.get(code) ?? []) {
      if (identity.definesTotal) continue;
      const others = identity.terms.filter((t) => t !== code);
      if (others.length !== identity.terms.length - 1 || !others.every(sure)) continue;
      const sum = (side: string[]) => side.reduce((a, t) => (t === code ? a : a + values[t]!), 0);
      answers.push(
        identity.left.includes(code)
          ? sum(identity.right) - sum(identity.left)
          : sum(identity.left) - sum(identity.right),
      );
    }
    if (answers.length === 0 || answers.some((v) => v !== answers[0])) continue;
    const value = answers[0]!;
    if (!Number.isInteger(value) || value < 0) continue;
    if (answers.length === 1 && failingIn(table, code)) continue;
    const cell = figures.has(code)
      ? value === values[code]
        ? undefined
        : figures.get(code)!.cell
      : unreadCellOf(code, cells, figures);
    if (!cell) continue;
    solved.set(code, { code, cell, values: [{ value, text: String(value), confidence: 0 }], chosen: 0 });
  }
  return solved;
}

/** The codes of a figure's printed row, left to right (table 4's one value row: all fifteen). */
function rowCodes(code: string): readonly string[] {
  return code.startsWith("t4.") ? T4_CODES : t3RowCodes(code.slice(3, code.lastIndexOf(".")));
}

/**
 * The unread cell (ink, no reading) of an unread figure, placed by the row's cells on the page: the
 * unread cells on the row's line between the nearest figures read before and after it must be as
 * many as the row's slots between them; it is the one in its slot's place. Undefined otherwise.
 */
function unreadCellOf(
  code: string,
  cells: OcrCellReading[],
  figures: Map<string, Figure>,
): OcrCellReading | undefined {
  const order = rowCodes(code);
  const at = order.indexOf(code);
  const read = order.map((c) => figures.get(c)?.cell);
  const mates = read.filter((c): c is OcrCellReading => c !== undefined);
  if (at < 0 || mates.length === 0) return undefined;
  const page = mates[0]!.page;
  if (mates.some((c) => c.page !== page)) return undefined;
  const top = Math.max(...mates.map((c) => c.box[1]));
  const bottom = Math.min(...mates.map((c) => c.box[3]));
  let before = at - 1;
  while (before >= 0 && !read[before]) before--;
  let after = at + 1;
  while (after < order.length && !read[after]) after++;
  const left = before >= 0 ? read[before]!.box[2] - 1 : -Infinity;
  const right = after < order.length ? read[after]!.box[0] + 1 : Infinity;
  const between = cells
    .filter((c) => {
      if (c.page !== page || c.kind === "blank" || (c.candidates[0]?.text ?? "") !== "") return false;
      const cy = (c.box[1] + c.box[3]) / 2;
      return cy >= top && cy <= bottom && c.box[0] >= left && c.box[2] <= right;
    })
    .sort((a, b) => a.box[0] - b.box[0]);
  return between.length === after - before - 1 ? between[at - before - 1] : undefined;
}

/** Two cells' edges this close (points) stand on the same rule. */
const SAME_RULE = 4;

/**
 * Table-3 figures whose cell is not in their column: on each page, a column's place is the median
 * centre of the cells its figures were read from (23 rows, most of them read in place); a figure
 * whose cell does not reach that centre, nor ends on the column's median right rule, was read from
 * another column.
 */
function misplaced(figures: Map<string, Figure>): Map<string, string> {
  const byColumn = new Map<string, Figure[]>();
  for (const figure of figures.values()) {
    const m = /^t3\..+\.([a-z_]+)$/.exec(figure.code);
    if (!m) continue;
    const key = `${figure.cell.page} ${m[1]}`;
    byColumn.set(key, [...(byColumn.get(key) ?? []), figure]);
  }
  const out = new Map<string, string>();
  for (const [key, list] of byColumn) {
    if (list.length < 3) continue;
    const centres = list.map((f) => (f.cell.box[0] + f.cell.box[2]) / 2).sort((a, b) => a - b);
    const median = centres[Math.floor(centres.length / 2)]!;
    // The column's right rule: LibreOffice merges most rows' first figure over the leaf label
    // column, so their centres stand left of the column, and a row printing it in its own cell
    // (its label spanning the label columns) is in the column all the same.
    const rights = list.map((f) => f.cell.box[2]).sort((a, b) => a - b);
    const right = rights[Math.floor(rights.length / 2)]!;
    for (const f of list)
      if ((median < f.cell.box[0] || median > f.cell.box[2]) && Math.abs(f.cell.box[2] - right) > SAME_RULE)
        out.set(
          f.code,
          `its cell is not in the ${key.split(" ")[1]} column (the other figures of that column stand at x ${Math.round(median)})`,
        );
  }
  return out;
}

/**
 * For each group of failing identities, tries the doubtful figures' other readings and keeps the
 * consistent sets that change the fewest figures; a figure takes a new reading only when every such
 * set gives it the same one.
 */
function chooseReadings(
  identities: Identity[],
  figures: Map<string, Figure>,
  values: Record<string, number>,
  checkable: (i: Identity) => boolean,
): void {
  const failing = identities.filter((i) => checkable(i) && i.evaluate(values) !== null);
  if (failing.length === 0) return;
  // Groups: failing identities sharing OCR figures that have other readings.
  // Only a doubtful reading may change: a figure read with high confidence stays as read, so a
  // misread whose true value is not among the alternatives cannot be "repaired" by changing a
  // confidently read total to match it.
  const variableOf = (i: Identity) =>
    i.terms.filter((t) => {
      const figure = figures.get(t);
      return (
        figure !== undefined && figure.values.length > 1 && figure.values[0]!.confidence < CORRECTABLE_BELOW
      );
    });
  const groups: Set<string>[] = [];
  for (const identity of failing) {
    const vars = new Set(variableOf(identity));
    if (vars.size === 0) continue;
    const joined = groups.filter((g) => [...vars].some((v) => g.has(v)));
    const merged = new Set([...vars, ...joined.flatMap((g) => [...g])]);
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  for (const group of groups) {
    const vars = [...group];
    const constraints = identities.filter((i) => checkable(i) && i.terms.some((t) => group.has(t)));
    const solutions = search(vars, constraints, figures, values);
    if (solutions.length === 0) continue;
    const fewest = Math.min(...solutions.map((s) => s.filter((k) => k !== 0).length));
    const best = solutions.filter((s) => s.filter((k) => k !== 0).length === fewest);
    const chosen = new Map<string, number>();
    vars.forEach((code, v) => {
      const choices = new Set(best.map((s) => s[v]!));
      if (choices.size === 1) chosen.set(code, [...choices][0]!);
    });
    // The identities that would hold the new readings: they must be more than zeros, and as many
    // as the figures changed.
    const changed = new Set([...chosen].filter(([, k]) => k !== 0).map(([code]) => code));
    const confirming = constraints.filter((c) => c.terms.some((t) => changed.has(t)));
    if (changed.size > 0 && onlyZerosConfirm(chosen, confirming, figures, values)) continue;
    if (underdetermined(changed, confirming)) continue;
    for (const [code, k] of chosen) {
      const figure = figures.get(code)!;
      figure.chosen = k;
      values[code] = figure.values[k]!.value;
    }
  }
}

/**
 * An identity that holds because two doubtful readings of one printed number agree is no witness:
 * a row whose only part equals its total ("95 | 0 … 0 | 95") holds as well when both 95s are
 * misread alike, as the same print in the same font at the same blur is ("90 … 90" on a faint
 * 150 dpi scan: two wrong figures). True when the identity's only non-zero terms are `code` and
 * one other of the same value, both read below ECHO_BELOW.
 */
function echoes(
  identity: Identity,
  code: string,
  values: Record<string, number>,
  figures: Map<string, Figure>,
): boolean {
  const nonzero = identity.terms.filter((t) => (values[t] ?? 0) !== 0);
  if (nonzero.length !== 2 || !nonzero.includes(code)) return false;
  if (values[nonzero[0]!] !== values[nonzero[1]!]) return false;
  return nonzero.every((t) => {
    const figure = figures.get(t);
    return figure !== undefined && figure.values[figure.chosen]!.confidence < ECHO_BELOW;
  });
}

/**
 * Zeros satisfy every identity: a set of new readings confirmed only by identities whose every term
 * is then 0 proves nothing (a row read "90 … 9" made to hold by taking both for 0, its column's
 * identities unchecked, gave two wrong figures on a 150 dpi scan). True when each of the
 * `confirming` identities (those holding a changed figure) is all zeros under the new readings.
 */
function onlyZerosConfirm(
  chosen: Map<string, number>,
  confirming: Identity[],
  figures: Map<string, Figure>,
  values: Record<string, number>,
): boolean {
  const trial = { ...values };
  for (const [code, k] of chosen) trial[code] = figures.get(code)!.values[k]!.value;
  return confirming.every((c) => c.terms.every((t) => (trial[t] ?? 0) === 0));
}

/**
 * More new readings than identities holding them is a guess, not a repair: one identity fixes one
 * unknown, and a second changed figure is free to take whichever alternative makes the sum come out
 * (table 4's "0 2 0 0 0" row read at 150 dpi, its 2 a misread 0: pending 0 → 6 and total 0 → 8 made
 * it hold, three wrong figures). True when the identities that hold a changed figure are fewer than
 * the changed figures.
 */
function underdetermined(changed: Set<string>, confirming: Identity[]): boolean {
  return confirming.length < changed.size;
}

/** Every assignment of candidate indexes to `vars` under which all `constraints` hold (bounded). */
function search(
  vars: string[],
  constraints: Identity[],
  figures: Map<string, Figure>,
  values: Record<string, number>,
): number[][] {
  const trial = { ...values };
  const position = new Map(vars.map((v, i) => [v, i]));
  // Each constraint is checked once its last variable (in search order) is assigned.
  const dueAt = vars.map(() => [] as Identity[]);
  for (const c of constraints) {
    const last = Math.max(...c.terms.map((t) => position.get(t) ?? -1));
    if (last >= 0) dueAt[last]!.push(c);
  }
  const solutions: number[][] = [];
  const choice = new Array<number>(vars.length).fill(0);
  let nodes = 0;
  const step = (v: number): boolean => {
    if (v === vars.length) {
      solutions.push([...choice]);
      return solutions.length < MAX_SOLUTIONS;
    }
    const figure = figures.get(vars[v]!)!;
    for (let k = 0; k < figure.values.length; k++) {
      if (++nodes > MAX_NODES) return false;
      choice[v] = k;
      trial[vars[v]!] = figure.values[k]!.value;
      if (dueAt[v]!.every((c) => c.evaluate(trial) === null) && !step(v + 1)) return false;
    }
    return true;
  };
  const complete = step(0);
  // An unfinished search cannot prove a set unique.
  return complete ? solutions : [];
}
