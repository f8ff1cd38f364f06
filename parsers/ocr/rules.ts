// Ruling lines of a page image: long runs of ink along rows (horizontal rules) and columns
// (vertical rules), returned as the same segments the PDF front-end draws from its operator list,
// in points, so the PDF lattice code rebuilds the grid (spans included) from them.
import type { Segment } from "../pdf/geometry.js";
import type { InkImage } from "./image.js";

export interface RuleOptions {
  dpi: number;
}

/** Ruling segments in points (origin top-left), found on an ink image at `dpi`. */
export function findRules(ink: InkImage, { dpi }: RuleOptions): Segment[] {
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
  const scale = 72 / dpi;
  const out: Segment[] = [];
  const { width, height, data } = ink;
  for (let y = 0; y < height; y++) {
    runs(
      width,
      gap,
      minHorizontal,
      (x) => data[y * width + x] === 1,
      (from, to) => {
        if (to - from < shortRule && crossed(ink, y, from, to, reach) > 0.25) return;
        out.push({ orientation: "h", at: (y + 0.5) * scale, from: from * scale, to: (to + 1) * scale });
      },
    );
  }
  for (let x = 0; x < width; x++) {
    runs(
      height,
      gap,
      minLength,
      (y) => data[y * width + x] === 1,
      (from, to) =>
        out.push({ orientation: "v", at: (x + 0.5) * scale, from: from * scale, to: (to + 1) * scale }),
    );
  }
  return thinBands(out, scale);
}

/** Share of a horizontal run's columns with ink both `reach` pixels above and below it (strokes crossing). */
function crossed(ink: InkImage, y: number, from: number, to: number, reach: number): number {
  if (y - reach < 0 || y + reach >= ink.height) return 1;
  let n = 0;
  for (let x = from; x <= to; x++)
    if (ink.data[(y - reach) * ink.width + x] && ink.data[(y + reach) * ink.width + x]) n++;
  return n / (to - from + 1);
}

/** Calls `emit(from, to)` for every run of `ink(i)` of at least minLength, bridging gaps up to `gap`. */
function runs(
  length: number,
  gap: number,
  minLength: number,
  ink: (i: number) => boolean,
  emit: (from: number, to: number) => void,
): void {
  let start = -1;
  let last = -1;
  for (let i = 0; i < length; i++) {
    if (!ink(i)) continue;
    if (start >= 0 && i - last - 1 <= gap) {
      last = i;
      continue;
    }
    if (start >= 0 && last - start + 1 >= minLength) emit(start, last);
    start = i;
    last = i;
  }
  if (start >= 0 && last - start + 1 >= minLength) emit(start, last);
}

/**
 * A rule several pixels thick gives one run per pixel row: keep, per orientation, one segment per
 * stack of overlapping runs on adjacent pixel lines (the middle one), so the lattice code gets a
 * few hundred segments, not thousands.
 */
function thinBands(segments: Segment[], scale: number): Segment[] {
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
      const middle = stack[Math.floor(stack.length / 2)]!;
      const from = Math.min(...stack.map((s) => s.from));
      const to = Math.max(...stack.map((s) => s.to));
      out.push({ orientation, at: middle.at, from, to });
    }
  }
  return out;
}
