// Rebuilds ruled tables from ruling segments: rules that touch form a table, their distinct
// positions form the grid, and a missing internal rule between two grid slots means the slots
// belong to one spanning cell (like rowspan/colspan in HTML).
import type { Box, Segment } from "./geometry.js";

/** Rules closer than this (points) are the same line (double borders, anti-aliasing offsets). */
const SNAP = 2;
/** Collinear pieces with a gap up to this are one rule (WPS draws a rule per cell edge). */
const JOIN = 3;
/** Even a 40-row table with a segment per cell edge stays far below this. */
const MAX_TABLE_SEGMENTS = 3000;
/** A rule is present between two slots when it covers this share of their common edge. */
const MIN_EDGE_COVERAGE = 0.6;

export interface GridCell {
  /** Slot range covered, inclusive: rows r0..r1, columns c0..c1. */
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  box: Box;
}

export interface LatticeTable {
  box: Box;
  /** Row rule positions, top to bottom (rows = ys.length - 1). */
  ys: number[];
  /** Column rule positions, left to right. */
  xs: number[];
  cells: GridCell[];
  /** Cell index for every slot [row][column]. */
  slotCell: number[][];
  /** True when a vertical rule separates column c from c+1 in row r: hasRightRule[r][c]. */
  hasRightRule: boolean[][];
}

export function findLatticeTables(segments: Segment[]): LatticeTable[] {
  const merged = [
    ...mergeCollinear(segments.filter((s) => s.orientation === "h")),
    ...mergeCollinear(segments.filter((s) => s.orientation === "v")),
  ];
  const tables: LatticeTable[] = [];
  for (const group of connectedGroups(merged)) {
    const table = buildGrid(group);
    if (table) tables.push(table);
  }
  return tables.sort((a, b) => a.box[1] - b.box[1]);
}

function mergeCollinear(segments: Segment[]): Segment[] {
  const sorted = [...segments].sort((a, b) => a.at - b.at || a.from - b.from);
  const bands: Segment[][] = [];
  for (const segment of sorted) {
    const band = bands.at(-1);
    if (band && segment.at - band[0]!.at <= SNAP) band.push(segment);
    else bands.push([segment]);
  }
  const result: Segment[] = [];
  for (const band of bands) {
    const at = band.reduce((sum, s) => sum + s.at, 0) / band.length;
    const pieces = band.sort((a, b) => a.from - b.from);
    let current: Segment = { ...pieces[0]!, at };
    for (const piece of pieces.slice(1)) {
      if (piece.from <= current.to + JOIN) current.to = Math.max(current.to, piece.to);
      else {
        result.push(current);
        current = { ...piece, at };
      }
    }
    result.push(current);
  }
  return result;
}

function touches(h: Segment, v: Segment): boolean {
  return v.at >= h.from - JOIN && v.at <= h.to + JOIN && h.at >= v.from - JOIN && h.at <= v.to + JOIN;
}

/** Groups segments that touch (directly or through others) into candidate tables. */
function connectedGroups(segments: Segment[]): Segment[][] {
  const parent = segments.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const hs = segments.map((s, i) => [s, i] as const).filter(([s]) => s.orientation === "h");
  // Vertical rules sorted by position: each horizontal rule only looks at those within its span
  // (pages with vector drawings carry thousands of segments).
  const vs = segments
    .map((s, i) => [s, i] as const)
    .filter(([s]) => s.orientation === "v")
    .sort((a, b) => a[0].at - b[0].at);
  for (const [h, hi] of hs) {
    let lo = 0;
    let hi2 = vs.length;
    while (lo < hi2) {
      const mid = (lo + hi2) >> 1;
      if (vs[mid]![0].at < h.from - JOIN) lo = mid + 1;
      else hi2 = mid;
    }
    for (let k = lo; k < vs.length && vs[k]![0].at <= h.to + JOIN; k++) {
      const [v, vi] = vs[k]!;
      if (touches(h, v)) parent[find(hi)] = find(vi);
    }
  }
  const groups = new Map<number, Segment[]>();
  segments.forEach((s, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(s);
    else groups.set(root, [s]);
  });
  return [...groups.values()];
}

function clusterPositions(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const value of sorted) {
    const cluster = clusters.at(-1);
    if (cluster && value - cluster.at(-1)! <= SNAP) cluster.push(value);
    else clusters.push([value]);
  }
  return clusters.map((c) => c.reduce((sum, v) => sum + v, 0) / c.length);
}

/** A table cut by a page break has no closing rule; the crossing rules still show where it ends. */
const OPEN_EDGE_MIN = 4;

function withOpenEdges(lines: number[], starts: number[], ends: number[]): number[] {
  const first = Math.min(...starts);
  const last = Math.max(...ends);
  const result = [...lines];
  if (first < result[0]! - OPEN_EDGE_MIN) result.unshift(first);
  if (last > result.at(-1)! + OPEN_EDGE_MIN) result.push(last);
  return result;
}

/** Share of [from, to] covered by rules at position `at`. */
function coverage(rules: Segment[], at: number, from: number, to: number): number {
  const length = to - from;
  if (length <= 0) return 1;
  let covered = 0;
  for (const rule of rules) {
    if (Math.abs(rule.at - at) > SNAP) continue;
    covered += Math.max(0, Math.min(to, rule.to) - Math.max(from, rule.from));
  }
  return covered / length;
}

function buildGrid(group: Segment[]): LatticeTable | null {
  if (group.length > MAX_TABLE_SEGMENTS) return null; // a vector drawing (chart, map), not a table
  const hRules = group.filter((s) => s.orientation === "h");
  const vRules = group.filter((s) => s.orientation === "v");
  if (hRules.length < 2 || vRules.length < 2) return null;
  const ys = withOpenEdges(
    clusterPositions(hRules.map((s) => s.at)),
    vRules.map((s) => s.from),
    vRules.map((s) => s.to),
  );
  const xs = withOpenEdges(
    clusterPositions(vRules.map((s) => s.at)),
    hRules.map((s) => s.from),
    hRules.map((s) => s.to),
  );
  if (ys.length < 2 || xs.length < 2) return null;
  const rows = ys.length - 1;
  const columns = xs.length - 1;
  // One column is a framed paragraph or a text box; its text is left to the text-alignment reader.
  if (columns < 2) return null;

  const hasRightRule: boolean[][] = [];
  const hasBottomRule: boolean[][] = [];
  for (let r = 0; r < rows; r++) {
    hasRightRule.push([]);
    hasBottomRule.push([]);
    for (let c = 0; c < columns; c++) {
      hasRightRule[r]!.push(
        c + 1 < columns && coverage(vRules, xs[c + 1]!, ys[r]!, ys[r + 1]!) >= MIN_EDGE_COVERAGE,
      );
      hasBottomRule[r]!.push(
        r + 1 < rows && coverage(hRules, ys[r + 1]!, xs[c]!, xs[c + 1]!) >= MIN_EDGE_COVERAGE,
      );
    }
  }

  // Union slots not separated by a rule; each union is one (spanning) cell.
  const parent = Array.from({ length: rows * columns }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (c + 1 < columns && !hasRightRule[r]![c]) parent[find(r * columns + c)] = find(r * columns + c + 1);
      if (r + 1 < rows && !hasBottomRule[r]![c]) parent[find(r * columns + c)] = find((r + 1) * columns + c);
    }
  }
  const cellOfRoot = new Map<number, number>();
  const cells: GridCell[] = [];
  const slotCell: number[][] = [];
  for (let r = 0; r < rows; r++) {
    slotCell.push([]);
    for (let c = 0; c < columns; c++) {
      const root = find(r * columns + c);
      let index = cellOfRoot.get(root);
      if (index === undefined) {
        index = cells.length;
        cellOfRoot.set(root, index);
        cells.push({ r0: r, c0: c, r1: r, c1: c, box: [0, 0, 0, 0] });
      }
      const cell = cells[index]!;
      cell.r1 = Math.max(cell.r1, r);
      cell.c0 = Math.min(cell.c0, c);
      cell.c1 = Math.max(cell.c1, c);
      slotCell[r]!.push(index);
    }
  }
  for (const cell of cells) cell.box = [xs[cell.c0]!, ys[cell.r0]!, xs[cell.c1 + 1]!, ys[cell.r1 + 1]!];
  return { box: [xs[0]!, ys[0]!, xs.at(-1)!, ys.at(-1)!], ys, xs, cells, slotCell, hasRightRule };
}
