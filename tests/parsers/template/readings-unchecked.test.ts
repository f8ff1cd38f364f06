// readingsWithUnchecked answers table 3's two questions about a row (its readings under the row
// identity; whether the search without the identity finds exactly one) with one walk. It must give
// exactly what two readingsOf calls give, on random rows of run-together digits, merged cells,
// signs and zero marks, including rows whose search runs out of its step budget.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { NumberToken } from "../../../parsers/template/cells.js";
import { t3RowHolds } from "../../../parsers/template/identities.js";
import {
  readingsOf,
  readingsWithUnchecked,
  type GroupItem,
  type ReadingOptions,
} from "../../../parsers/template/readings.js";

const token = (raw: string): NumberToken => {
  if (/^[-—/无]$/u.test(raw)) return { raw, value: 0, digits: null };
  const negative = raw.startsWith("-");
  const digits = negative ? raw.slice(1) : raw;
  return {
    raw,
    value: negative ? -Number(digits) : Number(digits),
    digits,
    ...(negative ? { negative: true } : {}),
  };
};

const rawFigure = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[1-9]\d{0,8}$/) },
  { weight: 2, arbitrary: fc.stringMatching(/^\d{1,4}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^-[1-9]\d{0,3}$/) },
  { weight: 1, arbitrary: fc.constantFrom("-", "—", "/", "无") },
);

const row = fc.record({
  figures: fc.array(fc.record({ raw: rawFigure, newLine: fc.boolean() }), { minLength: 1, maxLength: 8 }),
  width: fc.constantFrom(6, 7),
  blanksDropped: fc.boolean(),
  merges: fc.boolean(),
  repeatsMerged: fc.boolean(),
  withCheck: fc.boolean(),
});

function itemsOf(figures: { raw: string; newLine: boolean }[]): GroupItem[] {
  let line = 0;
  return figures.map(({ raw, newLine }, i) => {
    if (i > 0 && newLine) line++;
    return { kind: "num", num: token(raw), row: line, loc: { line: line + 1 } };
  });
}

function assertSame(items: GroupItem[], width: number, options: ReadingOptions): void {
  const { result, unchecked } = readingsWithUnchecked(items, width, options, 2);
  assert.deepEqual(result, readingsOf(items, width, options));
  const { check: _check, blanksUncertain: _uncertain, ...rest } = options;
  assert.deepEqual(unchecked(), readingsOf(items, width, { ...rest, limit: 2 }));
}

test("one walk gives both searches' readings on random rows", () => {
  fc.assert(
    fc.property(row, ({ figures, width, withCheck, ...flags }) => {
      assertSame(itemsOf(figures), width, {
        grid: false,
        ...flags,
        check: withCheck ? t3RowHolds : undefined,
      });
    }),
    { numRuns: 400, seed: 11 },
  );
});

test("rows that exhaust the step budget, and rows read without a search, are read as before", () => {
  const runTogether = ["1234567890123", "1234567890123", "12345678"];
  assertSame(itemsOf(runTogether.map((raw) => ({ raw, newLine: false }))), 7, {
    grid: false,
    check: t3RowHolds,
  });
  assert.ok(
    readingsOf(itemsOf(runTogether.map((raw) => ({ raw, newLine: false }))), 7, { grid: false }).exhausted,
  );
  // Printed as is, one per cell; a grid row with blanks; a line of split Word runs.
  const printed = itemsOf(["7", "3", "1", "1", "0", "0", "2"].map((raw) => ({ raw, newLine: false })));
  assertSame(printed, 7, { grid: false, check: t3RowHolds });
  const grid: GroupItem[] = [{ kind: "blank" }, ...printed.slice(0, 6), { kind: "blank" }];
  assertSame(grid, 7, { grid: true, check: t3RowHolds, blanksUncertain: true });
  const runs = itemsOf(["1", "60", "100", "50", "10", "0", "0", "0"].map((raw) => ({ raw, newLine: true })));
  assertSame(runs, 7, { grid: false, check: t3RowHolds });
});
