// Tables typed with tabs and printed (a .txt opened in Writer, a Word or WPS document whose columns
// are tab-separated): every cell starts on one of the page's default tab stops, evenly spaced from
// the left margin, and a cell wider than the stop interval pushes the rest of its row a stop on,
// so columns do not line up from row to row ("规章 0 0 0" and "行政规范性文件 0 0 0" start their
// figures a stop apart, the label's last glyph a hair from the first figure). Rebuilding columns
// from alignment (stream.ts) mixes such rows; reading each line back as the tabs that laid it out
// — a cell for each stop its text starts on, an empty cell for each further stop a gap crosses —
// gives the rows as typed, as the text front-end reads the .txt itself.
import type { Cell } from "../ir.js";
import { roundBox, unionBox, type Box } from "./geometry.js";
import type { PageTable } from "./page-layout.js";
import { normalizeSpacing, type Line } from "./text-join.js";

export type TabStopTable = PageTable & { lines: Line[] };

/** A gap narrower than this (points) is glyphs abutting inside one piece of text. */
const MIN_GAP = 0.5;
/** How far (points) a piece may start from a stop and still stand on it (tabs land within 0.2). */
const ON_STOP = 0.35;
/** A gap this wide (in font sizes) always separates cells, whatever the stops. */
const CLEAR_GAP = 1.5;
/** The evidence a page needs: gaps that surely separate cells, almost all starting on stops. */
const MIN_CLEAR_ON_STOPS = 8;
const MIN_SHARE_ON_STOPS = 0.9;
const MIN_STOPS_USED = 3;
const FIGURE = /^[+-]?[\d.,，%]+$/;

interface Piece {
  text: string;
  box: Box;
  /** The gap before it on its line (Infinity for the line's first piece). */
  gap: number;
  /**
   * For a piece cut out of a run at a space pdf.js put in (")" and "0" a small tab apart, in one
   * font, come as one item ") 0"): where the space may begin. Its start is then known only to lie
   * between this and box[0] (glyph widths are estimated).
   */
  spaceFrom?: number;
}

/** The runs of a line in pieces: glyphs that abut (or nearly) are one piece. */
function piecesOf(line: Line): Piece[] {
  const pieces: Piece[] = [];
  for (const run of line.runs.flatMap(splitAtSpaces)) {
    const last = pieces.at(-1);
    const gap = last ? run.box[0] - last.box[2] : Infinity;
    if (last && gap < MIN_GAP && run.spaceFrom === undefined) {
      last.text += run.text;
      last.box = unionBox(last.box, run.box);
    } else pieces.push({ ...run, gap: run.spaceFrom !== undefined ? run.box[0] - run.spaceFrom : gap });
  }
  return pieces.filter((p) => p.text.trim() !== "");
}

/**
 * A run holding inner spaces before figures, cut there, positions shared out evenly among its
 * characters (only figures: a space inside a label is the label's).
 */
function splitAtSpaces(run: Line["runs"][number]): Omit<Piece, "gap">[] {
  const text = run.text.trimEnd();
  const parts = [...text.matchAll(/\S+/g)];
  if (parts.length < 2 || !parts.slice(1).every((p) => FIGURE.test(p[0])))
    return [{ text: run.text, box: [...run.box] }];
  const per = (run.box[2] - run.box[0]) / Math.max(1, run.text.length);
  return parts.map((part, i) => {
    const start = part.index;
    const box: Box = [
      run.box[0] + start * per,
      run.box[1],
      run.box[0] + (start + part[0].length) * per,
      run.box[3],
    ];
    if (i === 0) return { text: part[0], box };
    const previous = parts[i - 1]!;
    return { text: part[0], box, spaceFrom: run.box[0] + (previous.index + previous[0].length) * per };
  });
}

/** The leftmost edge several lines start at. */
function leftMargin(lines: Line[]): number {
  const starts = lines.map((l) => l.box[0]).sort((a, b) => a - b);
  return starts[Math.min(2, starts.length - 1)] ?? 0;
}

interface Stops {
  left: number;
  step: number;
}

/**
 * The stop a piece starts on (1, 2, …), or 0. A piece cut at a space starts on the stop lying
 * within its space (then its box is moved onto it).
 */
function stopOf(stops: Stops, piece: Piece): number {
  if (piece.spaceFrom === undefined) return stopAt(stops, piece.box[0]);
  const k = Math.ceil((piece.spaceFrom - stops.left) / stops.step);
  const x = stops.left + k * stops.step;
  if (k < 1 || x > piece.box[0] + ON_STOP) return 0;
  piece.box[2] += x - piece.box[0];
  piece.box[0] = x;
  return k;
}

/** The stop a position stands on (1, 2, …), or 0 when it stands on none. */
function stopAt(stops: Stops, x: number): number {
  const k = Math.round((x - stops.left) / stops.step);
  return k >= 1 && Math.abs(x - stops.left - k * stops.step) <= ON_STOP ? k : 0;
}

/**
 * The page's tab stops, when the pieces that clearly start cells (after a gap of CLEAR_GAP font
 * sizes or more, or a line's first piece standing in from the margin) nearly all stand on one
 * evenly spaced set of stops, and use at least three of them.
 */
function findStops(lines: { line: Line; pieces: Piece[] }[], left: number): Stops | null {
  const clear: number[] = [];
  for (const { line, pieces } of lines) {
    for (const piece of pieces) {
      const offset = piece.box[0] - left;
      if (offset < CLEAR_GAP * line.size) continue;
      if (piece.gap >= CLEAR_GAP * line.size) clear.push(offset);
    }
  }
  if (clear.length < MIN_CLEAR_ON_STOPS) return null;
  const size = Math.max(...lines.map((l) => l.line.size));
  let best: { stops: Stops; on: number; used: number } | null = null;
  for (const offset of new Set(clear.map((o) => Math.round(o * 10) / 10))) {
    for (let k = 1; k <= 4; k++) {
      const step = offset / k;
      if (step < CLEAR_GAP * size) break;
      const stops = { left, step };
      const on = clear.map((o) => stopAt(stops, left + o)).filter((s) => s > 0);
      const used = new Set(on).size;
      if (!best || on.length > best.on || (on.length === best.on && step > best.stops.step))
        best = { stops, on: on.length, used };
    }
  }
  if (!best || best.on < MIN_CLEAR_ON_STOPS || best.on < MIN_SHARE_ON_STOPS * clear.length) return null;
  if (best.used < MIN_STOPS_USED) return null;
  // Refine the step on every clear piece (the first guess came from one piece's rounding).
  const fits = clear.flatMap((o) => {
    const k = stopAt(best.stops, left + o);
    return k > 0 ? [{ o, k }] : [];
  });
  const step = fits.reduce((s, f) => s + f.o, 0) / fits.reduce((s, f) => s + f.k, 0);
  return { left, step };
}

/**
 * A line read as the tabs that laid it out: a cell for each piece starting on a stop, an empty
 * cell for each stop a gap crossed before it (the margin is slot 0). Null unless some piece after
 * a clear gap stands on a stop: prose with a space that happens to fall on a stop stays prose.
 */
function tabRow(line: Line, pieces: Piece[], stops: Stops, page: number, needClearGap = true): Cell[] | null {
  const cells: Cell[] = [];
  let slot = -1; // the last slot a cell's text started on or ran over
  let clearOnStop = false;
  for (const piece of pieces) {
    const stop = stopOf(stops, piece);
    if (cells.length > 0 && (stop === 0 || stop <= slot)) {
      // A gap inside a cell (a space between words, "(一) 予以公开").
      const cell = cells.at(-1)!;
      cell.text = normalizeSpacing(`${cell.text} ${piece.text}`);
      cell.loc = { page, bbox: roundBox(unionBox(cell.loc!.bbox!, piece.box)) };
      slot = Math.max(slot, covered(stops, piece.box[2]));
      continue;
    }
    if (cells.length > 0 && piece.gap >= CLEAR_GAP * line.size) clearOnStop = true;
    for (let k = slot + 1; k < stop; k++) {
      const x = stops.left + k * stops.step;
      cells.push({ text: "", loc: { page, bbox: roundBox([x, line.box[1], x + stops.step, line.box[3]]) } });
    }
    cells.push({ text: normalizeSpacing(piece.text), loc: { page, bbox: roundBox(piece.box) } });
    slot = Math.max(stop, covered(stops, piece.box[2]));
  }
  return clearOnStop || !needClearGap ? cells : null;
}

/** Which rows went on on the next line (wrapsOnto). */
function wrapping(rows: Cell[][], stops: Stops, right: number): boolean[] {
  return rows.map((row, i) => i + 1 < rows.length && wrapsOnto(row, rows[i + 1]!, stops, right));
}

/**
 * Rows printed wider than the text area joined with the line they went on on. The joined row may
 * be no wider than the page's widest row that did not wrap (two full rows, the second starting a
 * stop in, are not one).
 */
function joinWrapped(rows: Cell[][], wraps: boolean[], widest: number): Cell[][] {
  const out: Cell[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const next = rows[i + 1];
    if (wraps[i] && next && row.length + next.length - 1 <= widest) {
      // The tab that did not fit moved to the next line and went to its first stop: that empty
      // margin slot is the wrap, not a cell.
      out.push([...row, ...next.slice(1)]);
      i++;
    } else out.push(row);
  }
  return out;
}

/**
 * A row printed wider than the text area goes on on the next line: its last cell stands on the
 * last stop that fits (the next one lies beyond the right edge), and the next line starts on a
 * stop, its margin slot empty.
 */
function wrapsOnto(row: Cell[], next: Cell[], stops: Stops, right: number): boolean {
  // The wrapped tab went from the margin to the first stop: one empty slot, then a cell.
  if (next[0]!.text !== "" || next[1]?.text === "") return false;
  return runsToEdge(row, stops, right);
}

/** A row whose last cell stands on the last stop that fits: another cell would wrap. */
function runsToEdge(row: Cell[], stops: Stops, right: number): boolean {
  if (row.at(-1)!.text === "") return false;
  const end = row.at(-1)!.loc!.bbox![2];
  return stops.left + (covered(stops, end) + 1) * stops.step > right;
}

/** The last slot a text ending at x has reached (0: the margin slot). */
function covered(stops: Stops, x: number): number {
  return Math.max(0, Math.floor((x - stops.left + ON_STOP) / stops.step));
}

/**
 * Lines of the page laid out on evenly spaced tab stops, as tables: a run of consecutive such
 * lines is one table, a row per line. Empty when the page shows no such stops.
 */
export function findTabStopTables(lines: Line[], page: number, pageWidth: number): TabStopTable[] {
  if (lines.length === 0) return [];
  const withPieces = lines.map((line) => ({ line, pieces: piecesOf(line) }));
  const left = leftMargin(lines);
  const stops = findStops(withPieces, left);
  if (!stops) return [];
  const tables: TabStopTable[] = [];
  let open: { rows: Cell[][]; lines: Line[] } | null = null;
  const close = () => {
    if (!open) return;
    const box = open.lines.map((l) => l.box).reduce(unionBox);
    tables.push({
      kind: "table",
      block: { kind: "table", rows: open.rows, loc: { page, bbox: roundBox(box) }, inferredColumns: true },
      box,
      xs: [],
      ids: [],
      lines: open.lines,
    });
    open = null;
  };
  // The text area ends as far from the right edge as it starts from the left.
  const right = pageWidth - left;
  for (const { line, pieces } of withPieces) {
    let row = tabRow(line, pieces, stops, page);
    const previous = open?.rows.at(-1);
    if (!row && previous && runsToEdge(previous, stops, right)) {
      // Figures alone a tab in from the margin (no clear gap shows the stops) under a row that
      // ran to the right edge: that row's rest.
      const rest = tabRow(line, pieces, stops, page, false);
      if (rest && rest[0]!.text === "" && rest.slice(1).every((c) => FIGURE.test(c.text))) row = rest;
    }
    if (!row) {
      close();
      continue;
    }
    open ??= { rows: [], lines: [] };
    open.rows.push(row);
    open.lines.push(line);
  }
  close();
  const wraps = tables.map((t) => wrapping(t.block.rows, stops, right));
  const widest = Math.max(
    0,
    ...tables.flatMap((t, n) =>
      t.block.rows.filter((_, i) => !wraps[n]![i] && !wraps[n]![i - 1]).map((r) => r.length),
    ),
  );
  tables.forEach((t, n) => (t.block.rows = joinWrapped(t.block.rows, wraps[n]!, widest)));
  return tables;
}
