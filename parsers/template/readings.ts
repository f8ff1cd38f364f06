// All the ways a row's printed tokens can fill the row's cells. A clean row has exactly one reading.
// Damaged rows have several, and the identities pick among them later:
// - grid rows with blank cells that may be padding: every window of the row's width holding all figures;
// - cells run together ("640020470"): every split of the digit strings into the row's cells
//   (no leading zeros, at most MAX_DIGITS digits per cell);
// - copied-out text that merged identical neighbouring cells ("1 0 1" for 1,0,0,0,0,0,1): every way of
//   repeating each token.
// Every search is bounded by a step budget; a row that exhausts it gets no reading (left out, with an issue).
import type { SourceLocation } from "../ir.js";
import type { FigureSource } from "../../src/model/contract.js";
import type { NumberToken } from "./cells.js";

export type GroupItem =
  | { kind: "num"; num: NumberToken; loc?: SourceLocation; row?: number }
  | { kind: "blank"; loc?: SourceLocation; row?: number };

export interface ReadCell {
  value: number;
  raw: string;
  loc?: SourceLocation;
  derived?: FigureSource["derived"];
}

export type Reading = ReadCell[];

export interface ReadingOptions {
  /** Items come from a table row, so blanks are present and merged cells do not happen. */
  grid: boolean;
  /** Whether a complete reading satisfies the row's own identity (used only to choose among several). */
  check?: (values: number[]) => boolean;
  /** Blank cells' positions were rebuilt by the front-end (copied-out text), not printed in a grid. */
  blanksUncertain?: boolean;
  /** Copied-out text that prints no zeros at all may have dropped blank (zero) cells, anywhere. */
  blanksDropped?: boolean;
  /** Cells that may hold a negative figure (table 2's 本年增/减 in 2019); all others are counts. */
  mayBeNegative?: (cell: number) => boolean;
  /** Cells holding money (万元, may have decimals or a unit); all others are counts. */
  isMoney?: (cell: number) => boolean;
  /**
   * A grid row wider than the cells it holds, in a copy where a blank may be a zero as well as
   * padding (it prints no zeros, and its spans may have shifted): the row's cells may be any of its
   * slots that keep the figures' order, not only consecutive ones.
   */
  blankSlotsAnywhere?: boolean;
  /** Whether printed tokens may stand for several merged identical cells (not on a label's own line). */
  merges?: boolean;
  /**
   * False when the copy is known not to merge identical neighbouring cells (it prints two equal
   * figures in a row somewhere): then only dropped blanks are put back, each token is one cell.
   */
  repeatsMerged?: boolean;
  /** Whether digit strings may be split into run-together cells (not when blanks may have vanished). */
  splits?: boolean;
  /** Stop once this many distinct readings are found (to ask "is there more than one?"). */
  limit?: number;
  /** Prunes partial splits early: called with the values read so far. */
  prefixCheck?: (values: number[]) => boolean;
}

export interface ReadingResult {
  readings: Reading[];
  /** How the readings were obtained: printed as is, or reconstructed (then identities had to agree). */
  method: "printed" | "windows" | "split" | "expanded" | "joined" | "none";
  /** True when the search budget ran out. */
  exhausted: boolean;
}

const MAX_DIGITS = 7;
const STEP_BUDGET = 50_000;

export function readingsOf(items: GroupItem[], width: number, options: ReadingOptions): ReadingResult {
  return possibleOnly(anyReadings(items, width, options), options);
}

/**
 * A count with a fractional part or a money unit is impossible: such a reading took a figure that
 * is not this row's (a fee amount grabbed by a count row whose own figure was printed elsewhere).
 */
function possibleOnly(result: ReadingResult, options: ReadingOptions): ReadingResult {
  const isMoney = options.isMoney ?? (() => false);
  const possible = result.readings.filter((r) => r.every((c, i) => isMoney(i) || isCountCell(c)));
  if (possible.length === result.readings.length) return result;
  return { ...result, readings: possible, method: possible.length ? result.method : "none" };
}

const MONEY_UNIT = /元$/u;

function isCountCell(cell: ReadCell): boolean {
  return Number.isInteger(cell.value) && !MONEY_UNIT.test(cell.raw);
}

function anyReadings(items: GroupItem[], width: number, options: ReadingOptions): ReadingResult {
  const start = searchStart(items, width, options);
  if ("readings" in start) return start;
  const budget = { steps: STEP_BUDGET };
  const found = new Map<string, Reading>();
  // In copied-out text a hyphen before digits is either a minus sign or a "-" zero cell run into the
  // next figure ("--27", "107-9113"): both readings are tried, and counts cannot be negative.
  for (const variant of signVariants(start.nums)) {
    collect(variant, width, options, budget, found, start.onePerLine, start.sharedLine);
  }
  return searchResult(found, options, options.check, budget.steps <= 0);
}

/** Where a row's reading needs the search of splits and merges: its figures and how they are printed. */
interface SearchStart {
  nums: NumItem[];
  onePerLine: boolean;
  sharedLine: boolean;
}

/** The readings of a row that need no search, or what the search starts from. */
function searchStart(
  items: GroupItem[],
  width: number,
  options: ReadingOptions,
): ReadingResult | SearchStart {
  const nums = items.filter((i): i is Extract<GroupItem, { kind: "num" }> => i.kind === "num");
  if (options.grid && items.length >= width && nums.length <= width) {
    const windows =
      options.blankSlotsAnywhere && items.length > width && nums.length < width
        ? slotChoices(items, width)
        : gridWindows(items, width);
    // Blank cells are read as 0 where they stand; in copied-out text, where the front-end had to
    // rebuild the columns, a row whose own identity then fails has its blanks probably misplaced.
    const only = windows.length === 1 ? windows[0]! : null;
    const blanks = items.length > nums.length;
    if (
      only &&
      blanks &&
      options.blanksUncertain &&
      options.check &&
      !options.check(only.map((c) => c.value))
    ) {
      return { readings: [], method: "none", exhausted: false };
    }
    if (only) return { readings: windows, method: "printed", exhausted: false };
    if (windows.length > 1)
      return { readings: choose(windows, options.check, true), method: "windows", exhausted: false };
  }
  const signed = !options.grid && nums.some((n) => n.num.negative);
  if (nums.length === width && !signed) {
    return { readings: [nums.map((n) => cellOf(n, undefined))], method: "printed", exhausted: false };
  }
  // One figure per line and more figures than cells: a figure may have been split into Word runs
  // printed on lines of their own ("1" / "60" for 160). Rejoined only where the row identity holds.
  if (nums.length > width && !signed && !options.grid && options.check)
    return wordRunJoins(nums, width, options.check);
  // A table cell holds one figure: a short table row lost blank cells (space-aligned text), so splitting
  // its numbers would invent figures. Splits and merges are read only in copied-out text lines.
  if ((nums.length > width && !signed) || nums.length === 0 || options.grid)
    return { readings: [], method: "none", exhausted: false };
  // One figure per line (a crawler's dump) can only have lost merged neighbours; figures sharing a
  // line can only have run together. A lone figure could be either.
  let distinctRows = nums.length;
  for (let i = 1; i < nums.length; i++) if (nums[i]!.row === nums[i - 1]!.row) distinctRows--;
  const onePerLine = nums.length > 1 && distinctRows === nums.length;
  const sharedLine = nums.length > 1 && distinctRows < nums.length;
  return { nums, onePerLine, sharedLine };
}

/** The search's readings: counts cannot be negative, then the row identity chooses. */
function searchResult(
  found: Map<string, Reading>,
  options: ReadingOptions,
  check: ReadingOptions["check"],
  exhausted: boolean,
): ReadingResult {
  const mayBeNegative = options.mayBeNegative ?? (() => false);
  for (const [k, reading] of found) {
    if (reading.some((c, i) => c.value < 0 && !mayBeNegative(i))) found.delete(k);
  }
  const readings = choose([...found.values()], check, false);
  const method: ReadingResult["method"] = readings.some((r) =>
    r.some((c) => c.derived === "split_run_together"),
  )
    ? "split"
    : "expanded";
  return { readings, method: readings.length ? method : "none", exhausted };
}

/**
 * readingsOf twice over the same row: with `options`, and without its row identity (`check`,
 * `blanksUncertain`) stopping at `limit` readings — whether a reconstruction was the only possible
 * one (table 3 asks). The second is the same search with the identity applied to complete readings
 * only, so one walk answers both when it stays within the step budget (each search alone then
 * stays within it too: neither takes a step the walk does not); otherwise both are run as they are.
 */
export function readingsWithUnchecked(
  items: GroupItem[],
  width: number,
  options: ReadingOptions,
  limit: number,
): { result: ReadingResult; unchecked: () => ReadingResult } {
  const uncheckedOptions = (): ReadingOptions => ({
    ...options,
    check: undefined,
    blanksUncertain: undefined,
    limit,
  });
  const unchecked = () => readingsOf(items, width, uncheckedOptions());
  const start = searchStart(items, width, options);
  if ("readings" in start) return { result: possibleOnly(start, options), unchecked };
  const separately = () => ({ result: readingsOf(items, width, options), unchecked });
  if (options.limit !== undefined || options.prefixCheck) return separately();
  // (Without its identity the row reaches the same search: only the grid and joined paths above
  // read `check`, and a row that reached the search took neither.)
  const budget = { steps: STEP_BUDGET };
  const found = new Map<string, Reading>();
  const foundUnchecked = new Map<string, Reading>();
  for (const variant of signVariants(start.nums)) {
    collectBoth(variant, width, options, limit, budget, found, foundUnchecked, start);
  }
  if (budget.steps <= 0) return separately();
  const result = possibleOnly(searchResult(found, options, options.check, false), options);
  // possibleOnly and searchResult read only `isMoney` and `mayBeNegative` beside the identity.
  const both = possibleOnly(searchResult(foundUnchecked, options, undefined, false), options);
  return { result, unchecked: () => both };
}

/**
 * `collect` for both searches of readingsWithUnchecked in one walk without the identity: each
 * complete reading goes to the checked search when the identity holds, and to the unchecked one
 * until it has `limit` (with the same rules for repeated readings and for stopping as `collect`).
 */
function collectBoth(
  nums: NumItem[],
  width: number,
  options: ReadingOptions,
  limit: number,
  budget: { steps: number },
  found: Map<string, Reading>,
  foundUnchecked: Map<string, Reading>,
  start: SearchStart,
): void {
  const { check } = options;
  if (nums.length > width) return;
  if (nums.length === width) {
    const reading = nums.map((n) => cellOf(n, undefined));
    found.set(key(reading), reading);
    foundUnchecked.set(key(reading), reading);
    return;
  }
  const passes = (values: readonly number[]) => !check || check(values as number[]);
  if (!start.onePerLine && options.splits !== false) {
    let uncheckedStopped = false;
    splits(
      nums,
      width,
      options,
      undefined,
      budget,
      (values, build) => {
        if (passes(values)) found.set(valuesKey(values), build());
        if (!uncheckedStopped) {
          foundUnchecked.set(valuesKey(values), build());
          uncheckedStopped = foundUnchecked.size >= limit;
        }
        return true;
      },
      true,
    );
  }
  if (!start.sharedLine && options.merges !== false) {
    let uncheckedStopped = false;
    expansions(nums, width, options, undefined, budget, (values, build) => {
      const k = valuesKey(values);
      if (passes(values) && !found.has(k)) found.set(k, build());
      if (!uncheckedStopped) {
        if (foundUnchecked.size >= limit) uncheckedStopped = true;
        else if (!foundUnchecked.has(k)) foundUnchecked.set(k, build());
      }
      return true;
    });
  }
}

const MAX_SIGNED_VARIANTS = 3;

/** The token sequence as printed, plus each minus sign read as a "-" zero cell instead. */
function* signVariants(nums: NumItem[]): Generator<NumItem[]> {
  const signed = nums.map((n, i) => (n.num.negative && n.num.digits ? i : -1)).filter((i) => i >= 0);
  const count = Math.min(signed.length, MAX_SIGNED_VARIANTS);
  for (let mask = 0; mask < 1 << count; mask++) {
    const out: NumItem[] = [];
    nums.forEach((n, i) => {
      const bit = signed.indexOf(i);
      if (bit >= 0 && bit < count && mask & (1 << bit)) {
        out.push({ ...n, num: { raw: "-", value: 0, digits: null } });
        out.push({ ...n, num: { raw: n.num.digits!, value: Number(n.num.digits), digits: n.num.digits } });
      } else out.push(n);
    });
    yield out;
  }
}

function collect(
  nums: NumItem[],
  width: number,
  options: ReadingOptions,
  budget: { steps: number },
  found: Map<string, Reading>,
  onePerLine: boolean,
  sharedLine: boolean,
): void {
  if (nums.length > width) return;
  if (nums.length === width) {
    const reading = nums.map((n) => cellOf(n, undefined));
    found.set(key(reading), reading);
    return;
  }
  const limit = options.limit ?? Infinity;
  if (!onePerLine && options.splits !== false) {
    splits(nums, width, options, options.check, budget, (values, build) => {
      found.set(valuesKey(values), build());
      return found.size < limit;
    });
  }
  if (!sharedLine && options.merges !== false) {
    expansions(nums, width, options, options.check, budget, (values, build) => {
      if (found.size >= limit) return false;
      const k = valuesKey(values);
      if (!found.has(k)) found.set(k, build());
      return true;
    });
  }
}

const MAX_JOINS = 3;

/**
 * Readings of a one-figure-per-line group with up to MAX_JOINS more figures than cells, each made by
 * joining runs of consecutive lines into one figure ("1" + "60" → 160; no leading zeros, at most
 * MAX_DIGITS digits), kept only when the row identity holds. The column identities then choose
 * among several (solve.ts); a row with none is left out.
 */
function wordRunJoins(nums: NumItem[], width: number, check: (values: number[]) => boolean): ReadingResult {
  const none: ReadingResult = { readings: [], method: "none", exhausted: false };
  const extra = nums.length - width;
  if (extra > MAX_JOINS) return none;
  for (let i = 1; i < nums.length; i++) if (nums[i]!.row === nums[i - 1]!.row) return none;
  const found = new Map<string, Reading>();
  // joinAfter[i]: token i is joined to token i + 1. Exactly `extra` joins among nums.length - 1 gaps.
  const joinAfter = new Array<boolean>(nums.length - 1).fill(false);
  const choose = (gap: number, left: number): void => {
    if (left === 0) {
      const reading = joinedReading(nums, joinAfter);
      if (reading && check(reading.map((c) => c.value))) found.set(key(reading), reading);
      return;
    }
    for (let g = gap; g <= joinAfter.length - left; g++) {
      joinAfter[g] = true;
      choose(g + 1, left - 1);
      joinAfter[g] = false;
    }
  };
  choose(0, extra);
  const readings = [...found.values()];
  return { readings, method: readings.length ? "joined" : "none", exhausted: false };
}

function joinedReading(nums: NumItem[], joinAfter: boolean[]): Reading | null {
  const cells: Reading = [];
  let digits = "";
  let raw = "";
  let pieces = 0;
  for (let i = 0; i < nums.length; i++) {
    const n = nums[i]!;
    // Zero marks ("-", "/") and signed or unit-bearing figures are never pieces of a joined figure.
    if ((pieces > 0 || joinAfter[i]) && (n.num.digits === null || n.num.raw !== n.num.digits)) return null;
    digits += n.num.digits ?? "";
    raw += (raw ? " " : "") + n.num.raw;
    pieces++;
    if (joinAfter[i]) continue;
    if (pieces > 1 && (digits.startsWith("0") || digits.length > MAX_DIGITS)) return null;
    cells.push(
      pieces > 1
        ? { value: Number(digits), raw, loc: nums[i - pieces + 1]!.loc, derived: "joined_word_runs" }
        : cellOf(n, undefined),
    );
    digits = "";
    raw = "";
    pieces = 0;
  }
  return cells;
}

/** Among several readings keep those passing the row identity; with `keepAll`, all when none pass. */
function choose(readings: Reading[], check: ReadingOptions["check"], keepAll: boolean): Reading[] {
  if (!check) return readings;
  const passing = readings.filter((r) => check(r.map((c) => c.value)));
  return passing.length || !keepAll ? passing : readings;
}

function cellOf(item: GroupItem, derived: ReadCell["derived"]): ReadCell {
  if (item.kind === "blank") return { value: 0, raw: "", loc: item.loc };
  return derived
    ? { value: item.num.value, raw: item.num.raw, loc: item.loc, derived }
    : { value: item.num.value, raw: item.num.raw, loc: item.loc };
}

function key(reading: Reading): string {
  let out = "";
  for (let i = 0; i < reading.length; i++) out += (i ? "," : "") + reading[i]!.value;
  return out;
}

/** key() of a reading from its cells' values. */
function valuesKey(values: readonly number[]): string {
  let out = "";
  for (let i = 0; i < values.length; i++) out += (i ? "," : "") + values[i]!;
  return out;
}

/** Windows of `width` consecutive slots that hold every figure of a grid row (blanks inside = 0). */
function gridWindows(items: GroupItem[], width: number): Reading[] {
  let first = -1;
  let last = -1;
  items.forEach((item, i) => {
    if (item.kind === "num") {
      if (first < 0) first = i;
      last = i;
    }
  });
  const out = new Map<string, Reading>();
  for (let start = 0; start + width <= items.length; start++) {
    if (first >= 0 && (first < start || last >= start + width)) continue;
    const reading = items.slice(start, start + width).map((i) => cellOf(i, undefined));
    out.set(key(reading), reading);
  }
  return [...out.values()];
}

/** Every choice of `width` slots of a grid row that holds all its figures, in order. */
function slotChoices(items: GroupItem[], width: number): Reading[] {
  const out = new Map<string, Reading>();
  const picked: GroupItem[] = [];
  const walk = (i: number): void => {
    if (picked.length === width) {
      for (let k = i; k < items.length; k++) if (items[k]!.kind === "num") return;
      const reading = picked.map((item) => cellOf(item, undefined));
      out.set(key(reading), reading);
      return;
    }
    if (i === items.length) return;
    picked.push(items[i]!);
    walk(i + 1);
    picked.pop();
    if (items[i]!.kind !== "num") walk(i + 1);
  };
  walk(0);
  return [...out.values()];
}

type NumItem = Extract<GroupItem, { kind: "num" }>;

/**
 * Receives each reading a search finds, as its cells' values (the search's own array, read at once)
 * and a builder of its cells (built only for readings kept); returning false stops the search.
 */
type Emit = (values: readonly number[], build: () => Reading) => boolean;

/** Every split of run-together digit strings into `width` cells, depth-first with pruning. */
function splits(
  nums: NumItem[],
  width: number,
  options: ReadingOptions,
  /** The row identity complete readings must satisfy (options.check, or none). */
  check: ReadingOptions["check"],
  budget: { steps: number },
  emit: Emit,
  /**
   * Count, instead of taking, the one step into a complete reading with digits or tokens still to
   * place (where nothing can follow): readingsWithUnchecked's walk, which only counts its steps.
   */
  countDeadEnds = false,
): void {
  const capacity = nums.map((n) => (n.num.digits ? n.num.digits.length : 1));
  const suffixCapacity = capacity.map((_, i) => capacity.slice(i).reduce((a, b) => a + b, 0));
  if ((suffixCapacity[0] ?? 0) < width) return;
  // The reading under construction, cell by cell: its value (for the identity checks), the token it
  // comes from and whether it is part of that token's digits. Cells are built only for the readings
  // emitted: the search visits far more partial readings than it finds.
  const values: number[] = [];
  const tokenOf: number[] = [];
  const isPart: boolean[] = [];
  const push = (value: number, token: number, part: boolean) => {
    values.push(value);
    tokenOf.push(token);
    isPart.push(part);
  };
  const pop = () => {
    values.pop();
    tokenOf.pop();
    isPart.pop();
  };
  const build = (): Reading =>
    values.map((value, k) => {
      const item = nums[tokenOf[k]!]!;
      return isPart[k]
        ? { value, raw: item.num.raw, loc: item.loc, derived: "split_run_together" as const }
        : { value, raw: item.num.raw, loc: item.loc };
    });

  let stopped = false;
  function walk(token: number, offset: number): void {
    if (--budget.steps <= 0) return;
    const item = nums[token];
    if (!item) {
      if (values.length === width && !emit(values, build)) stopped = true;
      return;
    }
    const tokensLeft = nums.length - token - 1;
    const digits = item.num.digits;
    if (!digits) {
      if (offset !== 0) return;
      push(item.num.value, token, false);
      if (accept()) {
        if (countDeadEnds && values.length === width && token + 1 < nums.length) budget.steps--;
        else walk(token + 1, 0);
      }
      pop();
      return;
    }
    const rest = digits.length - offset;
    // The cell's digits read as a number one more at a time (a leading zero ends the longer ones).
    let number = 0;
    // Cells still needed after this one must fit in what is left.
    for (let len = 1; len <= Math.min(MAX_DIGITS, rest); len++) {
      if (len > 1 && digits.charCodeAt(offset) === 0x30) break;
      number = number * 10 + (digits.charCodeAt(offset + len - 1) - 0x30);
      const cellsAfter = width - values.length - 1;
      const remainingHere = rest - len;
      const capacityAfter = remainingHere + (suffixCapacity[token + 1] ?? 0);
      if (cellsAfter < 0 || capacityAfter < cellsAfter) continue;
      if (remainingHere === 0 && cellsAfter < tokensLeft) continue;
      const value = offset === 0 && item.num.negative ? -number : number;
      push(value, token, len !== digits.length);
      if (accept()) {
        if (countDeadEnds && values.length === width && (remainingHere > 0 || token + 1 < nums.length))
          budget.steps--;
        else if (remainingHere === 0) walk(token + 1, 0);
        else walk(token, offset + len);
      }
      pop();
      if (stopped) return;
    }
  }

  function accept(): boolean {
    if (values.length > width) return false;
    if (options.prefixCheck && !options.prefixCheck(values)) return false;
    if (values.length === width && check && !check(values)) return false;
    return true;
  }

  walk(0, 0);
}

/**
 * Every way to repeat each token (merged identical neighbours) so that `width` cells are filled; with
 * `blanksDropped`, also every way to put back blank (zero) cells the copy left out. Partial readings
 * are pruned with the row's prefix identity, complete ones checked before they are built.
 */
function expansions(
  nums: NumItem[],
  width: number,
  options: ReadingOptions,
  /** The row identity complete readings must satisfy (options.check, or none). */
  check: ReadingOptions["check"],
  budget: { steps: number },
  emit: Emit,
): void {
  const blanksDropped = options.blanksDropped === true;
  const repeats = options.repeatsMerged !== false;
  // The reading under construction, as (token index or -1 for a put-back blank) per cell.
  const slots: number[] = [];
  const values: number[] = [];
  const counts = new Array<number>(nums.length).fill(0);
  const push = (token: number, times: number) => {
    for (let t = 0; t < times; t++) {
      slots.push(token);
      values.push(token < 0 ? 0 : nums[token]!.num.value);
    }
  };
  // pop() per cell rather than shortening by `length`, which V8 makes a slow builtin call.
  const pop = (times: number) => {
    for (let t = 0; t < times; t++) {
      slots.pop();
      values.pop();
    }
  };
  const prefixOk = () => !options.prefixCheck || options.prefixCheck(values);
  const build = (): Reading =>
    slots.map((token) => {
      if (token < 0)
        return { value: 0, raw: "", loc: nums[0]!.loc, derived: "expanded_merged_cells" as const };
      return cellOf(nums[token]!, counts[token]! > 1 ? "expanded_merged_cells" : undefined);
    });

  let stopped = false;
  function finish(): void {
    const tail = width - slots.length;
    if (tail > 0 && !blanksDropped) return;
    push(-1, tail);
    if (prefixOk() && (!check || check(values)) && !emit(values, build)) stopped = true;
    pop(tail);
  }
  // Token i after `gap` put-back blanks; then another copy of it (a merged repeat: where blanks were
  // dropped, the copy may have merged equal figures that only blanks separated) or the next token.
  function place(i: number): void {
    if (--budget.steps <= 0 || stopped) return;
    const used = slots.length;
    const left = nums.length - i - 1;
    for (let gap = 0; gap <= (blanksDropped ? width - used : 0) && used + gap + 1 + left <= width; gap++) {
      push(-1, gap);
      push(i, 1);
      counts[i]!++;
      if (prefixOk()) {
        if (repeats) place(i);
        if (!stopped) {
          if (i + 1 === nums.length) finish();
          else place(i + 1);
        }
      }
      counts[i]!--;
      pop(gap + 1);
      if (stopped) return;
    }
  }
  // Neighbouring tokens with equal values cannot come from merging (they would have merged too).
  if (repeats)
    for (let i = 1; i < nums.length; i++) if (nums[i]!.num.value === nums[i - 1]!.num.value) return;
  place(0);
}

/** Cell by cell, the value every reading agrees on; null where readings differ. */
export function agreedCells(readings: Reading[]): (ReadCell | null)[] {
  const first = readings[0];
  if (!first) return [];
  return first.map((cell, i) => (readings.every((r) => r[i]!.value === cell.value) ? cell : null));
}
