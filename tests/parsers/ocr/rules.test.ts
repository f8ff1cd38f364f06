// Ruling lines of a scanned page (parsers/ocr/rules.ts) on small drawn ink images: the grid a
// table's rules make is found whatever else is on the page — aligned strokes of a line of
// characters, a dark smear, a rule broken by noise — at 150, 200 and 300 dpi. No OCR engine needed.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { InkImage } from "../../../parsers/ocr/image.js";
import { findRules } from "../../../parsers/ocr/rules.js";
import { findLatticeTables } from "../../../parsers/pdf/lattice.js";

/** A page at `dpi` with a 3 × 3 table (columns 2 in wide, rows 0.5 in tall, 1 pt rules); sizes in inches. */
function page(dpi: number) {
  const width = Math.round(8 * dpi);
  const height = Math.round(4 * dpi);
  const data = new Uint8Array(width * height);
  const px = (inches: number) => Math.round(inches * dpi);
  const fill = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = px(y0); y < px(y1); y++) for (let x = px(x0); x < px(x1); x++) data[y * width + x] = 1;
  };
  const rule = Math.max(2, px(1 / 72));
  const table = { left: 1, right: 7, top: 1, bottom: 2.5 };
  for (const y of [1, 1.5, 2, 2.5]) fill(table.left, y, table.right + rule / dpi, y + rule / dpi);
  for (const x of [1, 3, 5, 7]) fill(x, table.top, x + rule / dpi, table.bottom + rule / dpi);
  const ink: InkImage = { width, height, data };
  return { ink, fill, px, dpi };
}

function grid(ink: InkImage, dpi: number): { rows: number; columns: number }[] {
  return findLatticeTables(findRules(ink, { dpi })).map((t) => ({
    rows: t.ys.length - 1,
    columns: t.xs.length - 1,
  }));
}

for (const dpi of [150, 200, 300]) {
  test(`${dpi} dpi: the drawn table is found as 3 rows × 3 columns`, () => {
    const { ink } = page(dpi);
    assert.deepEqual(grid(ink, dpi), [{ rows: 3, columns: 3 }]);
  });

  test(`${dpi} dpi: aligned strokes of a line of characters in a cell are no rule`, () => {
    const p = page(dpi);
    // Five 10-point characters whose bottom strokes line up (且, 旦, 上…), 1 pt apart, the first
    // close to the column's rule (a wrapped label filling a narrow cell): a run of ink that meets
    // a rule at one end and ends in the open at the other.
    for (let i = 0; i < 5; i++) {
      const x = 3 + 2 / 72 + i * (11 / 72);
      p.fill(x, 1.72, x + 10 / 72, 1.72 + 1 / 72);
      for (const dx of [2, 7]) p.fill(x + dx / 72, 1.72 - 8 / 72, x + (dx + 1) / 72, 1.72);
    }
    assert.deepEqual(grid(p.ink, dpi), [{ rows: 3, columns: 3 }]);
  });

  test(`${dpi} dpi: a wrapped label's bottom strokes filling a cell's width are no rule`, () => {
    const p = page(dpi);
    // Seven characters (政法规禁止公…) whose bottom strokes line up 1 pt apart from the column's
    // rule to near the next one (more than an inch), with strokes rising from them.
    for (let i = 0; i < 7; i++) {
      const x = 3 + 2 / 72 + i * (11 / 72);
      p.fill(x, 1.9, x + 10 / 72, 1.9 + 1 / 72);
      for (const dx of [1, 5, 8]) p.fill(x + dx / 72, 1.9 - 9 / 72, x + (dx + 1) / 72, 1.9);
    }
    assert.deepEqual(grid(p.ink, dpi), [{ rows: 3, columns: 3 }]);
  });

  test(`${dpi} dpi: a column rule run on into a heading just below the table adds no row`, () => {
    const p = page(dpi);
    // The top of a heading's character (a dot, 3 pt) 1 pt below the bottom rule, under a column
    // rule: the rule's run goes on into it.
    const bottom = 2.5 + Math.max(2, p.px(1 / 72)) / dpi;
    p.fill(3, bottom + 1 / 72, 3 + 1.5 / 72, bottom + 4 / 72);
    assert.deepEqual(grid(p.ink, dpi), [{ rows: 3, columns: 3 }]);
  });

  test(`${dpi} dpi: a dark smear across the table is no rule`, () => {
    const p = page(dpi);
    // A fold or a scanner's shadow: 4 mm wide, from above the table to below it.
    p.fill(6, 0.8, 6 + 4 / 25.4, 2.8);
    assert.deepEqual(grid(p.ink, dpi), [{ rows: 3, columns: 3 }]);
  });

  test(`${dpi} dpi: a double outer border (two rules 3 pt apart) is one border, no thin empty cells`, () => {
    const p = page(dpi);
    // Word's and WPS's double border: a second rule 3 pt outside the table's frame.
    const d = 3 / 72;
    const r = Math.max(2, p.px(1 / 72)) / dpi;
    p.fill(1 - d, 1 - d, 7 + r + d, 1 - d + r);
    p.fill(1 - d, 2.5 + d, 7 + r + d, 2.5 + d + r);
    p.fill(1 - d, 1 - d, 1 - d + r, 2.5 + r + d);
    p.fill(7 + d, 1 - d, 7 + d + r, 2.5 + r + d);
    assert.deepEqual(grid(p.ink, dpi), [{ rows: 3, columns: 3 }]);
  });

  test(`${dpi} dpi: a rule broken by noise or faint toner is still one rule`, () => {
    const p = page(dpi);
    // Erase 1 mm of the middle rule, twice.
    for (const x of [2.2, 4.6]) {
      for (let y = p.px(1.5) - 1; y < p.px(1.5) + p.px(1 / 72) + 2; y++)
        for (let xx = p.px(x); xx < p.px(x + 1 / 25.4); xx++) p.ink.data[y * p.ink.width + xx] = 0;
    }
    assert.deepEqual(grid(p.ink, dpi), [{ rows: 3, columns: 3 }]);
  });
}

for (const dpi of [150, 200, 300]) {
  test(`${dpi} dpi: a rule's faint stretch (ink in pieces, grey between them) is bridged`, () => {
    const p = page(dpi);
    const faint: InkImage = { ...p.ink, data: p.ink.data.slice() };
    // The rule under the first row, in the last column, comes out near the ink threshold (a thin
    // rule blurred by the scan): in the ink only 0.05 in pieces every 0.15 in, grey in between.
    const y0 = p.px(1.5);
    for (let x = p.px(5.05); x < p.px(6.95); x++)
      if ((x - p.px(5.05)) % p.px(0.15) >= p.px(0.05))
        for (let y = y0; y < y0 + p.px(1 / 72) + 1; y++) p.ink.data[y * p.ink.width + x] = 0;
    const cells = (rules: ReturnType<typeof findRules>) =>
      findLatticeTables(rules).reduce((n, t) => n + t.cells.length, 0);
    // Without the faint ink, the two cells of the last column merge; with it, all 9 cells stand.
    assert.equal(cells(findRules(p.ink, { dpi })), 8);
    assert.equal(cells(findRules(p.ink, { dpi, faint })), 9);
  });

  test(`${dpi} dpi: text in a shaded row is not bridged to the row's rules (faint all over is no rule)`, () => {
    const p = page(dpi);
    // The first row is shaded grey (a table's header band, as real reports print them): faint
    // ink all over it. Text strokes in it: uprights 0.1 in tall, 0.1 in apart, mid-row.
    const faint: InkImage = { ...p.ink, data: p.ink.data.slice() };
    for (let y = p.px(1) + 1; y < p.px(1.5); y++)
      for (let x = p.px(1) + 1; x < p.px(7); x++) faint.data[y * p.ink.width + x] = 1;
    for (let i = 0; i < 40; i++) {
      const x = 1.2 + i * 0.14;
      if (Math.abs(x - 3) < 0.05 || Math.abs(x - 5) < 0.05) continue;
      p.fill(x, 1.2, x + 1.5 / 72, 1.3);
      for (let y = p.px(1.2); y < p.px(1.3); y++)
        for (let xx = p.px(x); xx < p.px(x + 1.5 / 72); xx++) faint.data[y * p.ink.width + xx] = 1;
    }
    const shapes = findLatticeTables(findRules(p.ink, { dpi, faint })).map((t) => ({
      rows: t.ys.length - 1,
      columns: t.xs.length - 1,
    }));
    assert.deepEqual(shapes, [{ rows: 3, columns: 3 }]);
  });
}
