// Ruling lines of a page image: long runs of ink along rows (horizontal rules) and columns
// (vertical rules), returned as the same segments the PDF front-end draws from its operator list,
// in points, so the PDF lattice code rebuilds the grid (spans included) from them.
import type { Segment } from "../pdf/geometry.js";
import type { GrayImage, InkImage } from "./image.js";

export interface RuleOptions {
  dpi: number;
  /**
   * The same page binarised at a lighter level. A thin rule blurred by the scan comes out near the
   * ink threshold and breaks into pieces with long gaps (a table's last column lost the rule under
   * its header at 300 dpi, and rows merged there); a gap covered all along by a thin line of faint
   * ink is bridged, at every resolution. It was used at 250 dpi and more only, since at 200 dpi it
   * cost a real report's scan 23 figures: its shaded header rows are faint all over, so every text
   * stroke in them was bridged to the rules above and below (89 columns). A gap now needs paper
   * beside the faint ink on both sides (faintLine).
   */
  faint?: InkImage;
}

/** Ruling segments in points (origin top-left), found on an ink image at `dpi`. */
export function findRules(ink: InkImage, { dpi, faint }: RuleOptions): Segment[] {
  // A vertical rule is at least 0.2 in long: longer than any character's stroke at report sizes
  // (12 pt ≈ 0.17 in). Horizontal strokes of neighbouring characters line up and can bridge, so a
  // horizontal rule must be 0.3 in long, and a short one must not be crossed by strokes all along.
  const minLength = Math.round(dpi * 0.2);
  const minHorizontal = Math.round(dpi * 0.3);
  const shortRule = dpi;
  const reach = Math.max(3, Math.round(dpi / 40));
  // Breaks from noise, faint scans and JPEG blocks up to ~0.5 mm are bridged.
  // JPEG blocks are 8 pixels whatever the resolution, so at 250 dpi and more the bridge is wider
  // (still narrower than the space between two characters there).
  const gap = Math.max(2, Math.round(dpi >= 250 ? dpi / 30 : dpi / 40));
  // A rule's faint stretch is a thin line: paper this far (~0.8 mm) to one side of it at least.
  const side = Math.max(3, Math.round(dpi / 32));
  const scale = 72 / dpi;
  const out: Segment[] = [];
  const { width, height, data } = ink;
  for (let y = 0; y < height; y++) {
    runs(
      data.subarray(y * width, (y + 1) * width),
      gap,
      minHorizontal,
      faint && ((from, to) => faintLine(faint, from, to, side, (x, d) => [x, y + d])),
      (from, to) => {
        if (to - from < shortRule && crossed(ink, y, from, to, reach) > 0.25) return;
        // The bottom strokes of a line of characters, bridged: strokes rise from them all along.
        if (to - from < 2 * shortRule && touched(ink, y, from, to, reach) > TOUCHED) return;
        out.push({ orientation: "h", at: (y + 0.5) * scale, from: from * scale, to: (to + 1) * scale });
      },
    );
  }
  // Columns are read as the rows of the transposed image (a column of a row-major image is read a
  // cache line per pixel).
  const columns = transpose(data, width, height);
  for (let x = 0; x < width; x++) {
    runs(
      columns.subarray(x * height, (x + 1) * height),
      gap,
      minLength,
      faint && ((from, to) => faintLine(faint, from, to, side, (y, d) => [x + d, y])),
      (from, to) => {
        // The vertical strokes of a character (止, 件) are crossed by its horizontal ones.
        if (to - from < shortRule && crossedAcross(ink, x, from, to, reach) > 0.25) return;
        out.push({ orientation: "v", at: (x + 0.5) * scale, from: from * scale, to: (to + 1) * scale });
      },
    );
  }
  // A rule is thin: a stack of runs thicker than ~1 mm is a dark area (a page edge's shadow, a blot).
  const thickest = Math.max(4, Math.round(dpi / 25));
  return snapEnds(anchoredRules(mergeDoubleLines(joinBroken(thinBands(out, scale, thickest)))));
}

/** Share of a horizontal run's columns with ink both `reach` pixels above and below it (strokes crossing). */
function crossed(ink: InkImage, y: number, from: number, to: number, reach: number): number {
  if (y - reach < 0 || y + reach >= ink.height) return 1;
  let n = 0;
  for (let x = from; x <= to; x++)
    if (ink.data[(y - reach) * ink.width + x] && ink.data[(y + reach) * ink.width + x]) n++;
  return n / (to - from + 1);
}

/** Share of a horizontal run's columns with ink `reach` pixels above or below it. */
function touched(ink: InkImage, y: number, from: number, to: number, reach: number): number {
  if (y - reach < 0 || y + reach >= ink.height) return 1;
  let n = 0;
  for (let x = from; x <= to; x++)
    if (ink.data[(y - reach) * ink.width + x] || ink.data[(y + reach) * ink.width + x]) n++;
  return n / (to - from + 1);
}

/** The same for a vertical run: ink both `reach` pixels left and right of it. */
function crossedAcross(ink: InkImage, x: number, from: number, to: number, reach: number): number {
  if (x - reach < 0 || x + reach >= ink.width) return 1;
  let n = 0;
  for (let y = from; y <= to; y++)
    if (ink.data[y * ink.width + x - reach] && ink.data[y * ink.width + x + reach]) n++;
  return n / (to - from + 1);
}

/**
 * Whether a gap from `from` to `to` (inclusive) of a pixel line is a thin line of faint ink: every
 * pixel of it faint, and paper (no faint ink) `side` pixels to one side of it along most of it. A
 * shaded area (a table's grey header rows, a dark corner of uneven light) is faint all over: a gap
 * inside it is no broken rule (bridging there made every text stroke of a shaded row a "rule" —
 * 89 columns on a real report's scan at 200 dpi). `at(i, d)` is the pixel at i along, d across.
 */
function faintLine(
  faint: InkImage,
  from: number,
  to: number,
  side: number,
  at: (i: number, d: number) => [number, number],
): boolean {
  const isFaint = (i: number, d: number) => {
    const [x, y] = at(i, d);
    return x >= 0 && y >= 0 && x < faint.width && y < faint.height && faint.data[y * faint.width + x] === 1;
  };
  let before = 0;
  let after = 0;
  for (let i = from; i <= to; i++) {
    if (!isFaint(i, 0)) return false;
    if (!isFaint(i, -side)) before++;
    if (!isFaint(i, side)) after++;
  }
  const clear = (to - from + 1) * THIN_CLEAR;
  return before >= clear && after >= clear;
}

/** Share of a bridged gap's length with paper beside it (on one side) for it to be a thin line. */
const THIN_CLEAR = 0.8;

/**
 * Calls `emit(from, to)` for every run of ink (1) in `line` of at least minLength, bridging gaps up
 * to `gap`, and longer ones that `bridged(from, to)` accepts. Stretches of paper are skipped by
 * indexOf (most of a page's lines are mostly paper).
 */
function runs(
  line: Uint8Array,
  gap: number,
  minLength: number,
  bridged: ((from: number, to: number) => boolean) | undefined,
  emit: (from: number, to: number) => void,
): void {
  let start = -1;
  let last = -1;
  const length = line.length;
  for (
    let i = line.indexOf(1);
    i !== -1;
    i = i + 1 < length && line[i + 1] === 1 ? i + 1 : line.indexOf(1, i + 1)
  ) {
    if (start >= 0 && (i - last - 1 <= gap || bridged?.(last + 1, i - 1))) {
      last = i;
      continue;
    }
    if (start >= 0 && last - start + 1 >= minLength) emit(start, last);
    start = i;
    last = i;
  }
  if (start >= 0 && last - start + 1 >= minLength) emit(start, last);
}

/** The image's columns as rows (blocks of 64 × 64 pixels at a time, so both sides stay in cache). */
function transpose(data: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(data.length);
  const block = 64;
  for (let y0 = 0; y0 < height; y0 += block) {
    const y1 = Math.min(height, y0 + block);
    for (let x0 = 0; x0 < width; x0 += block) {
      const x1 = Math.min(width, x0 + block);
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) out[x * height + y] = data[y * width + x]!;
    }
  }
  return out;
}

/**
 * A rule several pixels thick gives one run per pixel row: keep, per orientation, one segment per
 * stack of overlapping runs on adjacent pixel lines (the middle one), so the lattice code gets a
 * few hundred segments, not thousands.
 */
function thinBands(segments: Segment[], scale: number, thickest: number): Segment[] {
  const out: Segment[] = [];
  for (const orientation of ["h", "v"] as const) {
    const list = segments
      .filter((s) => s.orientation === orientation)
      .sort((a, b) => a.at - b.at || a.from - b.from);
    const used = new Uint8Array(list.length);
    for (let i = 0; i < list.length; i++) {
      if (used[i]) continue;
      const stack = [list[i]!];
      used[i] = 1;
      let current = list[i]!;
      for (let j = i + 1; j < list.length && list[j]!.at - current.at <= scale * 1.5 + 1e-9; j++) {
        const next = list[j]!;
        if (used[j] || next.at - current.at < scale * 0.5) continue;
        if (next.from < current.to && next.to > current.from) {
          stack.push(next);
          used[j] = 1;
          current = next;
        }
      }
      const from = Math.min(...stack.map((s) => s.from));
      const to = Math.max(...stack.map((s) => s.to));
      // Thickness as ink per unit of length: a slightly slanted rule steps across pixel lines
      // (a long stack, each run a part of its length), a smear is many full runs deep.
      const depth = stack.reduce((sum, s) => sum + (s.to - s.from), 0) / (to - from);
      if (depth > thickest) continue;
      const middle = stack[Math.floor(stack.length / 2)]!;
      out.push({ orientation, at: middle.at, from, to });
    }
  }
  return out;
}

/** A run shorter than 2 in touched by strokes along this share of its length is text (rules: < 0.1). */
const TOUCHED = 0.12;
/** Collinear pieces (within this many points of each other across) are one rule… */
const SAME_LINE = 2;
/** …when the break between them is at most this long (points, ~1.4 mm): noise, JPEG blocks, faint toner. */
const BREAK = 4;
/** A rule's end meets a crossing rule when it lies this close to it (points, ~1 mm). */
const MEET = 3;
/** A piece of a broken rule meeting a crossing rule at one end is kept from this length (points); text
 * strokes of that length are told apart by the strokes touching them (TOUCHED). */
const ONE_END = 24;

/** Pieces of one broken rule (collinear, short breaks) joined into one segment. */
function joinBroken(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const orientation of ["h", "v"] as const) {
    const list = segments
      .filter((s) => s.orientation === orientation)
      .sort((a, b) => a.from - b.from || a.at - b.at);
    const open: Segment[] = [];
    for (const s of list) {
      const joined = open.find((o) => Math.abs(o.at - s.at) <= SAME_LINE && s.from <= o.to + BREAK);
      if (joined) {
        // The longer piece gives the position.
        if (s.to - s.from > joined.to - joined.from) joined.at = s.at;
        joined.to = Math.max(joined.to, s.to);
      } else {
        const copy = { ...s };
        open.push(copy);
        out.push(copy);
      }
    }
  }
  return out;
}

/** Parallel rules closer than this (points, ~1.4 mm) are one double line: no cell is that thin. */
const DOUBLE_LINE = 4;

/**
 * A double line (a table's outer border drawn as two thin rules 2–3 pt apart, as Word and WPS
 * offer) would make the lattice code add a row or column of empty cells a few points wide all
 * round the table: two parallel rules that close, overlapping along most of the shorter one, are
 * taken as one (the longer one's position, both lengths).
 */
function mergeDoubleLines(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const orientation of ["h", "v"] as const) {
    const list = segments
      .filter((s) => s.orientation === orientation)
      .sort((a, b) => b.to - b.from - (a.to - a.from));
    const kept: Segment[] = [];
    for (const s of list) {
      const twin = kept.find((k) => {
        const overlap = Math.min(k.to, s.to) - Math.max(k.from, s.from);
        return Math.abs(k.at - s.at) <= DOUBLE_LINE && overlap >= 0.8 * (s.to - s.from);
      });
      if (twin) {
        twin.from = Math.min(twin.from, s.from);
        twin.to = Math.max(twin.to, s.to);
      } else kept.push({ ...s });
    }
    out.push(...kept);
  }
  return out;
}

/**
 * Only rules that belong to a grid: a table's rule ends where it meets a crossing rule. Runs of ink
 * that end in the open (the aligned horizontal strokes of a line of characters, a label's
 * underline, a stroke of a seal left by its removal) are dropped, and what they met is
 * checked again. A piece of a broken rule meets a crossing rule at one end; a long rule is kept
 * on its own (a table's border whose crossings were lost).
 */
function anchoredRules(segments: Segment[]): Segment[] {
  let kept = segments;
  for (let round = 0; round < 4; round++) {
    const h = kept.filter((s) => s.orientation === "h");
    const v = kept.filter((s) => s.orientation === "v");
    const next = kept.filter((s) => isAnchored(s, s.orientation === "h" ? v : h));
    if (next.length === kept.length) break;
    kept = next;
  }
  return kept;
}

function isAnchored(s: Segment, crossing: Segment[]): boolean {
  const spans = (c: Segment) => s.at >= c.from - MEET && s.at <= c.to + MEET;
  const meets = (end: number) => crossing.some((c) => Math.abs(c.at - end) <= MEET && spans(c));
  const ends = (meets(s.from) ? 1 : 0) + (meets(s.to) ? 1 : 0);
  if (ends === 2) return true;
  const crossed = crossing.filter((c) => c.at > s.from + MEET && c.at < s.to - MEET && spans(c)).length;
  const length = s.to - s.from;
  return crossed >= 2 || (ends === 1 && length >= ONE_END) || length >= 216;
}

/** A rule running on past its last crossing rule by less than this (points, ~2 mm) stops there. */
const OVERSHOOT = 6;

/**
 * A rule's end bridged to a stroke just past the table (a heading's first character under a
 * column rule, blur at a corner) would make the lattice code add an open row or column beyond
 * the border: such an overshoot is cut back to the crossing rule it passed.
 */
function snapEnds(segments: Segment[]): Segment[] {
  return segments.map((s) => {
    const crossing = segments.filter(
      (c) => c.orientation !== s.orientation && s.at >= c.from - MEET && s.at <= c.to + MEET,
    );
    const before = crossing.filter((c) => c.at < s.to - MEET && c.at >= s.to - OVERSHOOT);
    const after = crossing.filter((c) => c.at > s.from + MEET && c.at <= s.from + OVERSHOOT);
    const passes = (at: number) => crossing.some((c) => Math.abs(c.at - at) <= MEET);
    let { from, to } = s;
    if (before.length && !passes(s.to)) to = Math.max(...before.map((c) => c.at));
    if (after.length && !passes(s.from)) from = Math.min(...after.map((c) => c.at));
    return from === s.from && to === s.to ? s : { ...s, from, to };
  });
}

/**
 * How dark a page's rules are printed: per rule, in stretches of ~0.5 in, the darkest mean grey of a
 * pixel line within ~1.3 mm across the rule's position (a long rule drifts a few pixels across
 * with the skew left over); the median of a rule's stretches, then of the rules. 255 when none.
 */
export function ruleGrey(gray: GrayImage, segments: Segment[]): number {
  const scale = gray.dpi / 72;
  const reach = Math.max(2, Math.round(gray.dpi / 20));
  const stretch = Math.max(8, Math.round(gray.dpi / 2));
  const greys: number[] = [];
  for (const s of segments) {
    const from = Math.max(0, Math.ceil(s.from * scale));
    const to = Math.min((s.orientation === "h" ? gray.width : gray.height) - 1, Math.floor(s.to * scale));
    const centre = Math.round(s.at * scale);
    const means: number[] = [];
    for (let a = from; a + stretch / 2 <= to; a += stretch) {
      const b = Math.min(to, a + stretch - 1);
      let darkest = 255;
      for (let d = -reach; d <= reach; d++) {
        const across = centre + d;
        if (across < 0 || across >= (s.orientation === "h" ? gray.height : gray.width)) continue;
        let sum = 0;
        for (let t = a; t <= b; t++)
          sum +=
            s.orientation === "h" ? gray.data[across * gray.width + t]! : gray.data[t * gray.width + across]!;
        darkest = Math.min(darkest, sum / (b - a + 1));
      }
      means.push(darkest);
    }
    if (means.length) greys.push(middle(means));
  }
  return greys.length ? middle(greys) : 255;
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}
