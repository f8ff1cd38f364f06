// Phone photos of report pages, put back square before the page reader sees them. A photo is not
// a scan: the camera looks at the page at an angle, so a table's rules, straight and parallel on
// paper, come out straight but converging (keystone) and turned a few degrees; the grid finder,
// which deskews by one angle, then misses rows and columns. The rules are found as straight lines
// (a Hough transform over the ink, each line refined to a sub-pixel least-squares fit), the
// outermost horizontal and vertical rules of the page's ruled tables give a quadrilateral, and the
// projective map (homography) that takes it to a rectangle is applied to the whole page (bilinear
// resampling). A page whose rules are already parallel and square (a scan, even skewed) is returned
// as it is, untouched: the deskew step handles rotation alone.
import {
  averageShrink,
  binariseAt,
  flattenBackground,
  inkLevel,
  type GrayImage,
  type InkImage,
} from "./image.js";

/** A 3 × 3 projective map, row-major: (x, y) → ((h0 x + h1 y + h2) / w, (h3 x + h4 y + h5) / w), w = h6 x + h7 y + h8. */
export type Homography = Float64Array;
export type Point = [number, number];

/** A straight rule: `across = slope * along + offset` (y over x for a horizontal rule, x over y for a vertical one), pixels. */
export interface FittedRule {
  orientation: "h" | "v";
  slope: number;
  offset: number;
  /** Extent along the rule (x for a horizontal rule, y for a vertical one). */
  from: number;
  to: number;
}

/** Rules turned more than this from the page's axes are not looked for (a photo taken askew, not sideways). */
const MAX_TILT_DEGREES = 12;
/** Hough angle step; each line found is then refined by least squares. */
const TILT_STEP_DEGREES = 0.25;
/** Rules turning less than this across the table are parallel (a scan): no correction. */
const PARALLEL_DEGREES = 0.4;
/** A correction that would turn a rule further than this is no photo of a table (a misfit): none. */
const MAX_CORRECTION_DEGREES = 15;

/** The homography taking each `from` point to the `to` point of the same index (4 points, no 3 collinear). */
export function homographyFromPoints(from: Point[], to: Point[]): Homography {
  // h8 = 1; two equations per point pair.
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  const h = solve(a);
  return Float64Array.from([...h, 1]);
}

/** Gaussian elimination with partial pivoting on an n × (n + 1) augmented matrix. */
function solve(a: number[][]): number[] {
  const n = a.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) throw new Error("degenerate quadrilateral");
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]!;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r]!;
      const f = row[col]! / p[col]!;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c] = row[c]! - f * p[c]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}

export function applyHomography(h: Homography, [x, y]: Point): Point {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/**
 * Resamples an image (`channels` interleaved bytes a pixel) through `toSource`, the map from each
 * output pixel's centre to where it lies in the input; bilinear. Outside the input, `fill` gives
 * the value, or "edge" repeats the input's nearest border pixel (no new edge is drawn where the
 * input ends).
 */
export function warpPixels(
  input: { width: number; height: number; data: Uint8Array; channels: number },
  toSource: Homography,
  width: number,
  height: number,
  fill: ((x: number, y: number, channel: number) => number) | "edge",
): Uint8Array {
  const { width: iw, height: ih, data, channels } = input;
  const out = new Uint8Array(width * height * channels);
  const h = toSource;
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5;
    for (let x = 0; x < width; x++) {
      const cx = x + 0.5;
      const w = h[6]! * cx + h[7]! * cy + h[8]!;
      let sx = (h[0]! * cx + h[1]! * cy + h[2]!) / w - 0.5;
      let sy = (h[3]! * cx + h[4]! * cy + h[5]!) / w - 0.5;
      const o = (y * width + x) * channels;
      if (sx < 0 || sy < 0 || sx > iw - 1 || sy > ih - 1) {
        if (fill !== "edge") {
          for (let c = 0; c < channels; c++) out[o + c] = fill(x, y, c);
          continue;
        }
        sx = Math.min(iw - 1, Math.max(0, sx));
        sy = Math.min(ih - 1, Math.max(0, sy));
      }
      const x0 = Math.min(iw - 2, Math.floor(sx));
      const y0 = Math.min(ih - 2, Math.floor(sy));
      const tx = sx - x0;
      const ty = sy - y0;
      const i = (y0 * iw + x0) * channels;
      const below = i + iw * channels;
      for (let c = 0; c < channels; c++) {
        const top = data[i + c]! * (1 - tx) + data[i + channels + c]! * tx;
        const bottom = data[below + c]! * (1 - tx) + data[below + channels + c]! * tx;
        out[o + c] = Math.round(top * (1 - ty) + bottom * ty);
      }
    }
  }
  return out;
}

/** Pixels seen along the other axis: a horizontal rule of the transposed image is a vertical one of the page. */
function transpose(data: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[x * height + y] = data[y * width + x]!;
  return out;
}

/**
 * The pooled ink cells that vote (x and y lists, in scan order): ink whose 3 × 3 neighbourhood is
 * not all ink within the image.
 */
function voters(pooled: Uint8Array, pw: number, ph: number): [Int32Array, Int32Array] {
  // A cell is solid when its row of three and the rows of three above and below it are all ink.
  const three = new Uint8Array(pw * ph);
  for (let y = 0; y < ph; y++) {
    const row = y * pw;
    for (let x = 1; x < pw - 1; x++)
      three[row + x] = pooled[row + x - 1]! & pooled[row + x]! & pooled[row + x + 1]!;
  }
  let n = 0;
  for (let i = 0; i < pooled.length; i++) n += pooled[i]!;
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let m = 0;
  for (let y = 0; y < ph; y++) {
    const row = y * pw;
    const inner = y > 0 && y < ph - 1;
    for (let x = 0; x < pw; x++) {
      if (!pooled[row + x]) continue;
      if (inner && three[row + x - pw]! & three[row + x]! & three[row + x + pw]!) continue;
      xs[m] = x;
      ys[m] = y;
      m++;
    }
  }
  return [xs.subarray(0, m), ys.subarray(0, m)];
}

/**
 * Each voter's vote at every angle: votes[k × bins + round(y cos a − x sin a + margin)]++. The
 * angles come in pairs ±a (cos equal, sin opposite, to the bit), so one pair's two products serve
 * both; (v + 0.5) | 0 is Math.round(v) for these offsets (v ≥ 0.5, where the sum is exact).
 */
function castVotes(
  votes: Int32Array,
  bins: number,
  tilts: number,
  cos: Float64Array,
  sin: Float64Array,
  margin: number,
  vx: Int32Array,
  vy: Int32Array,
): void {
  const n = vx.length;
  for (let j = 0; j <= tilts; j++) {
    const c = cos[tilts + j]!;
    const s = sin[tilts + j]!;
    const up = (tilts + j) * bins;
    const down = (tilts - j) * bins;
    if (j === 0) {
      for (let i = 0; i < n; i++) votes[up + ((vy[i]! * c - vx[i]! * s + margin + 0.5) | 0)]!++;
      continue;
    }
    for (let i = 0; i < n; i++) {
      const yc = vy[i]! * c;
      const xs = vx[i]! * s;
      votes[up + ((yc - xs + margin + 0.5) | 0)]!++;
      votes[down + ((yc + xs + margin + 0.5) | 0)]!++;
    }
  }
}

/**
 * Straight, nearly horizontal rules of an ink image (at most MAX_TILT_DEGREES off): Hough
 * candidates, each checked along its length and refined by least squares on the centre of its ink.
 * A rule is at least `minLength` pixels of ink thinner than `maxThickness` with no gap over `maxGap`.
 */
export function findStraightRules(
  ink: InkImage,
  dpi: number,
  minLength = Math.round(dpi * 1.2),
  grey?: Uint8Array,
): { slope: number; offset: number; from: number; to: number }[] {
  const { width, height, data } = ink;
  // Votes are cast from the ink pooled to about 100 dpi (a cell is ink when any of its pixels is).
  const step = Math.max(1, Math.round(dpi / 100));
  const pw = Math.ceil(width / step);
  const ph = Math.ceil(height / step);
  const pooled = new Uint8Array(pw * ph);
  const column = new Int32Array(width);
  for (let x = 0; x < width; x++) column[x] = (x / step) | 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const prow = ((y / step) | 0) * pw;
    for (let x = 0; x < width; x++) if (data[row + x]) pooled[prow + column[x]!] = 1;
  }
  const tilts = Math.round(MAX_TILT_DEGREES / TILT_STEP_DEGREES);
  const angles = 2 * tilts + 1;
  const sin = new Float64Array(angles);
  const cos = new Float64Array(angles);
  for (let k = 0; k < angles; k++) {
    const a = ((k - tilts) * TILT_STEP_DEGREES * Math.PI) / 180;
    sin[k] = Math.sin(a);
    cos[k] = Math.cos(a);
  }
  const margin = Math.ceil(pw * Math.sin((MAX_TILT_DEGREES * Math.PI) / 180)) + 2;
  const bins = ph + 2 * margin + 2;
  const votes = new Int32Array(angles * bins);
  // Offset of the line through (x, y) at angle a: y cos a − x sin a (+ margin), in pooled pixels.
  // Solid ink (a cell whose 3 × 3 neighbourhood is all ink: the desk around a photographed page,
  // a shadow, bold print) casts no vote: a rule is one or two cells thick. The voters are listed
  // first, then each angle's votes cast over them (one row of the table at a time, a cache's worth).
  const [vx, vy] = voters(pooled, pw, ph);
  castVotes(votes, bins, tilts, cos, sin, margin, vx, vy);
  const threshold = (minLength / step) * 0.6;
  const peaks: { k: number; b: number; v: number }[] = [];
  for (let k = 0; k < angles; k++) {
    for (let b = 1; b < bins - 1; b++) {
      const v = votes[k * bins + b]!;
      if (v < threshold) continue;
      let max = true;
      for (let dk = -2; dk <= 2 && max; dk++) {
        const kk = k + dk;
        if (kk < 0 || kk >= angles) continue;
        for (let db = -2; db <= 2; db++) {
          if (dk === 0 && db === 0) continue;
          const other = votes[kk * bins + b + db] ?? 0;
          // Ties go to the first in scan order.
          if (other > v || (other === v && (dk < 0 || (dk === 0 && db < 0)))) {
            max = false;
            break;
          }
        }
      }
      if (max) peaks.push({ k, b, v });
    }
  }
  peaks.sort((p, q) => q.v - p.v || p.k - q.k || p.b - q.b);
  const found: { slope: number; offset: number; from: number; to: number }[] = [];
  const near = Math.max(3, Math.round(dpi * 0.04));
  for (const peak of peaks.slice(0, 400)) {
    const t = Math.tan(((peak.k - tilts) * TILT_STEP_DEGREES * Math.PI) / 180);
    const offset = ((peak.b - margin) * step) / cos[peak.k]!;
    // Already found (a neighbouring angle's peak of the same rule)?
    const mid = width / 2;
    if (
      found.some(
        (f) =>
          Math.abs(f.slope * mid + f.offset - (t * mid + offset)) < near &&
          Math.abs(Math.atan(f.slope) - Math.atan(t)) < 0.03,
      )
    )
      continue;
    const rule = refine(ink, grey, dpi, t, offset, minLength);
    if (!rule) continue;
    if (found.some((f) => Math.abs(f.slope * mid + f.offset - (rule.slope * mid + rule.offset)) < near))
      continue;
    found.push(rule);
  }
  return found;
}

/**
 * Follows a candidate line across the image: in each column, the run of ink nearest the line
 * (within a few pixels); a thin run (not a crossing rule nor a character's block) gives its centre,
 * unbiased by where the line was guessed. The longest stretch with no gap over ~1 mm, covered at
 * ≥ 90 %, long enough, is the rule; its centres refit the line by least squares (three passes, the
 * last without centres more than a pixel off). Null when no such stretch exists.
 */
function refine(
  ink: InkImage,
  grey: Uint8Array | undefined,
  dpi: number,
  slope: number,
  offset: number,
  minLength: number,
): { slope: number; offset: number; from: number; to: number } | null {
  const { width, height, data } = ink;
  const maxGap = Math.max(3, Math.round(dpi * 0.04));
  const thin = Math.max(3, Math.round(dpi * 0.04));
  const reach = Math.max(3, Math.round(dpi * 0.02));
  const inkAt = (x: number, y: number) => y >= 0 && y < height && data[y * width + x] === 1;
  let best: { slope: number; offset: number; from: number; to: number } | null = null;
  const covered = new Uint8Array(width);
  const tops = new Int32Array(width);
  const bottoms = new Int32Array(width);
  const centre = new Float64Array(width);
  for (let pass = 0; pass < 3; pass++) {
    covered.fill(0);
    for (let x = 0; x < width; x++) {
      const yi = Math.round(slope * x + offset);
      let hit = -1;
      for (let d = 0; d <= reach && hit < 0; d++)
        if (inkAt(x, yi - d)) hit = yi - d;
        else if (inkAt(x, yi + d)) hit = yi + d;
      if (hit < 0) continue;
      covered[x] = 1;
      let top = hit;
      let bottom = hit;
      while (inkAt(x, top - 1) && bottom - top < thin) top--;
      while (inkAt(x, bottom + 1) && bottom - top < thin) bottom++;
      tops[x] = top;
      bottoms[x] = bottom;
    }
    // Longest stretch with short gaps.
    let runStart = -1;
    let lastInk = -1;
    let inkCount = 0;
    let bestRun: [number, number, number] | null = null;
    const close = (end: number) => {
      if (runStart < 0) return;
      const length = end - runStart + 1;
      if (!bestRun || length > bestRun[1] - bestRun[0] + 1) bestRun = [runStart, end, inkCount];
    };
    for (let x = 0; x < width; x++) {
      if (!covered[x]) continue;
      if (runStart >= 0 && x - lastInk > maxGap) {
        close(lastInk);
        runStart = -1;
      }
      if (runStart < 0) {
        runStart = x;
        inkCount = 0;
      }
      inkCount++;
      lastInk = x;
    }
    close(lastInk);
    if (!bestRun) return null;
    const [from, to, count] = bestRun as [number, number, number];
    if (to - from + 1 < minLength || count < (to - from + 1) * 0.9) return null;
    // The first fit takes every thin run of the stretch: too few of them (the foot of a line of
    // characters, crossed by uprights) and it fails, whatever their centres.
    if (pass === 0) {
      let thinRuns = 0;
      for (let x = from; x <= to; x++) if (covered[x] && bottoms[x]! - tops[x]! < thin) thinRuns++;
      if (thinRuns < (to - from + 1) * 0.8) return null;
    }
    // The centres of the stretch's thin runs (the only ones the fit reads), once it is long enough.
    for (let x = from; x <= to; x++) {
      centre[x] = Number.NaN;
      if (!covered[x]) continue;
      const top = tops[x]!;
      const bottom = bottoms[x]!;
      if (bottom - top >= thin) continue;
      if (!grey) {
        centre[x] = (top + bottom) / 2;
        continue;
      }
      // The run's centre weighted by darkness (a pixel beyond each end included): the binarised
      // run's ends are ragged where blur and JPEG leave a halo, its darkness is not.
      let w = 0;
      let sum = 0;
      for (let y = Math.max(0, top - 1); y <= Math.min(height - 1, bottom + 1); y++) {
        const dark = 255 - grey[y * width + x]!;
        w += dark;
        sum += dark * y;
      }
      centre[x] = w > 0 ? sum / w : (top + bottom) / 2;
    }
    const fit = (within: number) => {
      let n = 0;
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let sxy = 0;
      for (let x = from; x <= to; x++) {
        const c = centre[x]!;
        if (Number.isNaN(c) || Math.abs(c - (slope * x + offset)) > within) continue;
        n++;
        sx += x;
        sy += c;
        sxx += x * x;
        sxy += x * c;
      }
      const d = n * sxx - sx * sx;
      // A rule is thin nearly all along (crossing rules, touching print aside); the foot of a line of
      // characters is not (their uprights).
      if (n < (to - from + 1) * 0.8 || d <= 0) return false;
      slope = (n * sxy - sx * sy) / d;
      offset = (sy - slope * sx) / n;
      return true;
    };
    if (!fit(Infinity)) return null;
    if (pass === 2 && !fit(1)) return null;
    best = { slope, offset, from, to };
  }
  return best;
}

/** The rules of a page in both directions, in page pixels (`grey`: the page's grey, to centre them by darkness). */
export function pageRules(ink: InkImage, dpi: number, grey?: Uint8Array): FittedRule[] {
  const across = findStraightRules(ink, dpi, Math.round(dpi * 1.2), grey).map((r) => ({
    orientation: "h" as const,
    ...r,
  }));
  const turned: InkImage = {
    width: ink.height,
    height: ink.width,
    data: transpose(ink.data, ink.width, ink.height),
  };
  const turnedGrey = grey && transpose(grey, ink.width, ink.height);
  const down = findStraightRules(turned, dpi, Math.round(dpi * 0.6), turnedGrey).map((r) => ({
    orientation: "v" as const,
    ...r,
  }));
  return [...across, ...down];
}

/** Where a horizontal and a vertical rule meet. */
function meet(h: FittedRule, v: FittedRule): Point {
  // y = a x + b, x = c y + d.
  const y = (h.slope * v.offset + h.offset) / (1 - h.slope * v.slope);
  return [v.slope * y + v.offset, y];
}

/** Whether a rule reaches (or crosses) the other: they meet within `slack` pixels of both extents. */
function touches(a: FittedRule, b: FittedRule, slack: number): boolean {
  const [h, v] = a.orientation === "h" ? [a, b] : [b, a];
  const [x, y] = meet(h, v);
  return x >= h.from - slack && x <= h.to + slack && y >= v.from - slack && y <= v.to + slack;
}

/** How a family of rules leans along the page: angle = a + b × place (radians; place in pixels across the rules). */
interface Lean {
  a: number;
  b: number;
  /** Places of the rules fitted (their position across, at the frame's middle). */
  from: number;
  to: number;
}

/**
 * A family's lean as a straight function of place, fitted to its rules weighted by length (a
 * photo's keystone turns the rules steadily from one side of the table to the other; a scan's all
 * lean alike). One rule's own measure is off by a tenth of a degree or two where a table's borders
 * are drawn cell by cell a fraction of a point apart; the fit over all of them is not. Rules more
 * than 0.3° off the first fit are left out of the second.
 */
function leanOf(rules: FittedRule[], mid: number): Lean {
  const points = rules.map((r) => ({ p: r.slope * mid + r.offset, t: Math.atan(r.slope), w: r.to - r.from }));
  const fit = (ps: typeof points) => {
    let sw = 0;
    let sp = 0;
    let st = 0;
    for (const q of ps) {
      sw += q.w;
      sp += q.w * q.p;
      st += q.w * q.t;
    }
    const mp = sp / sw;
    const mt = st / sw;
    let spp = 0;
    let spt = 0;
    for (const q of ps) {
      spp += q.w * (q.p - mp) ** 2;
      spt += q.w * (q.p - mp) * (q.t - mt);
    }
    const b = spp > 0 ? spt / spp : 0;
    return { a: mt - b * mp, b };
  };
  let model = fit(points);
  const off = (0.3 * Math.PI) / 180;
  const kept = points.filter((q) => Math.abs(q.t - (model.a + model.b * q.p)) <= off);
  if (kept.length >= 3 && kept.length < points.length) model = fit(kept);
  return { ...model, from: Math.min(...points.map((q) => q.p)), to: Math.max(...points.map((q) => q.p)) };
}

/** The rule through `rule`'s place at `mid`, turned to the family's fitted lean there. */
function smoothed(rule: FittedRule, lean: Lean, mid: number): FittedRule {
  const place = rule.slope * mid + rule.offset;
  const slope = Math.tan(lean.a + lean.b * place);
  return { ...rule, slope, offset: place - slope * mid };
}

/**
 * The quadrilateral of the page's ruled tables: its outermost horizontal rules (top, bottom) and
 * outermost vertical rules (left, right), each turned to its family's fitted lean, as [top-left,
 * top-right, bottom-right, bottom-left]; and how far the rules are from parallel (degrees: the
 * larger turn of a family's rules across the table). Only rules that meet at least three of the other direction count (a line
 * of prose, a stroke, the page's own edges are no table's rules). Null when the page has no such frame.
 */
export function tableQuad(
  rules: FittedRule[],
  dpi: number,
): { corners: Point[]; lines: FittedRule[]; spread: number; rules: FittedRule[] } | null {
  const slack = dpi * 0.06;
  const hs = rules.filter((r) => r.orientation === "h");
  const vs = rules.filter((r) => r.orientation === "v");
  const framed = (r: FittedRule, others: FittedRule[]) =>
    others.filter((o) => touches(r, o, slack)).length >= 3;
  // A family's rules lean alike (within a few degrees of its median): a stroke's slant is no rule.
  const median = (rs: FittedRule[]) => [...rs].sort((a, b) => a.slope - b.slope)[rs.length >> 1]?.slope ?? 0;
  const alike = (rs: FittedRule[]) => {
    const m = median(rs);
    return rs.filter((r) => Math.abs(Math.atan(r.slope) - Math.atan(m)) < (4 * Math.PI) / 180);
  };
  const h = alike(hs.filter((r) => framed(r, vs) && r.to - r.from >= dpi * 2));
  const v = alike(vs.filter((r) => framed(r, hs)));
  if (h.length < 3 || v.length < 3) return null;
  const at = (r: FittedRule, p: number) => r.slope * p + r.offset;
  const midX = (Math.min(...h.map((r) => r.from)) + Math.max(...h.map((r) => r.to))) / 2;
  const midY = (Math.min(...v.map((r) => r.from)) + Math.max(...v.map((r) => r.to))) / 2;
  const byY = [...h].sort((a, b) => at(a, midX) - at(b, midX));
  const byX = [...v].sort((a, b) => at(a, midY) - at(b, midY));
  const hLean = leanOf(h, midX);
  const vLean = leanOf(v, midY);
  const top = smoothed(byY[0]!, hLean, midX);
  const bottom = smoothed(byY[byY.length - 1]!, hLean, midX);
  const left = smoothed(byX[0]!, vLean, midY);
  const right = smoothed(byX[byX.length - 1]!, vLean, midY);
  if (at(bottom, midX) - at(top, midX) < dpi * 0.5 || at(right, midY) - at(left, midY) < dpi * 2) return null;
  const deg = (radians: number) => (Math.abs(radians) * 180) / Math.PI;
  // Only a turn of the rules across the table (converging rules) counts: rules parallel within each
  // direction but not square to the other (a scan stretched unevenly) are no photo, and the page
  // reader's deskew and shear correction handle them.
  const spread = Math.max(deg(hLean.b * (hLean.to - hLean.from)), deg(vLean.b * (vLean.to - vLean.from)));
  return {
    corners: [meet(top, left), meet(top, right), meet(bottom, right), meet(bottom, left)],
    lines: [top, right, bottom, left],
    spread,
    rules: [...h, ...v],
  };
}

/**
 * The frame of a page's ruled tables and how far its rules are from parallel (degrees: the larger
 * turn of a family's rules across the table; a scan, even skewed, measures a tenth or two). Null
 * without a table frame.
 */
export function photoGeometry(
  gray: GrayImage,
): { corners: Point[]; spread: number; rules: FittedRule[] } | null {
  // Measured at about 100 dpi (a fraction of the page reader's time; each rule's fit is still
  // within a fraction of a pixel there).
  const factor = Math.max(1, Math.floor(gray.dpi / 100));
  const small = factor > 1 ? averageShrink(gray, factor) : gray;
  // Thin rules of a blurred photo come out lighter than print: the line finder takes ink halfway
  // between the print's level and white paper (at the print's level they break into dashes).
  const flat = flattenBackground(small);
  const ink = binariseAt(flat, Math.round((inkLevel(flat) + 255) / 2));
  const quad = tableQuad(pageRules(ink, small.dpi, flat.data), small.dpi);
  if (!quad) return null;
  const spread = quad.spread;
  // A pixel of the shrunk image covers `factor` of the page's: its centre is (factor − 1) / 2 further.
  const c0 = (factor - 1) / 2;
  const corners = quad.corners.map(([x, y]) => [x * factor + c0, y * factor + c0] as Point);
  // across = a × along + b in the shrunk image is across = a × along + (f b + c0 − a c0) in the page's.
  const rules = quad.rules.map((r) => ({
    ...r,
    offset: r.offset * factor + c0 - r.slope * c0,
    from: r.from * factor + c0,
    to: r.to * factor + c0,
  }));
  return { corners, spread, rules };
}

/**
 * The page put back square when it is a photo: null when its rules are parallel already (within
 * PARALLEL_DEGREES; a scan, skewed or stretched), when no table frame is found, or when the
 * correction would be implausibly large.
 */
export function photoCorrection(gray: GrayImage): {
  toSource: Homography;
  fromSource: Homography;
  width: number;
  height: number;
  quad: Point[];
  rules: FittedRule[];
  /** The table frame's left and right sides in the corrected page (pixels). */
  frame: [number, number];
} | null {
  const geometry = photoGeometry(gray);
  if (!geometry || geometry.spread < PARALLEL_DEGREES || geometry.spread > MAX_CORRECTION_DEGREES)
    return null;
  const quad = { corners: geometry.corners };
  const [tl, tr, br, bl] = quad.corners as [Point, Point, Point, Point];
  const dist = (p: Point, q: Point) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  const w = (dist(tl, tr) + dist(bl, br)) / 2;
  const h = (dist(tl, bl) + dist(tr, br)) / 2;
  const cx = (tl[0] + tr[0] + br[0] + bl[0]) / 4;
  const cy = (tl[1] + tr[1] + br[1] + bl[1]) / 4;
  const rect: Point[] = [
    [cx - w / 2, cy - h / 2],
    [cx + w / 2, cy - h / 2],
    [cx + w / 2, cy + h / 2],
    [cx - w / 2, cy + h / 2],
  ];
  // Where the photo's own corners land decides the canvas (within a quarter of the photo each way).
  const forward = homographyFromPoints(quad.corners, rect);
  const landed = (
    [
      [0, 0],
      [gray.width, 0],
      [gray.width, gray.height],
      [0, gray.height],
    ] as Point[]
  ).map((p) => applyHomography(forward, p));
  const x0 = Math.max(-gray.width * 0.25, Math.min(...landed.map((p) => p[0])));
  const y0 = Math.max(-gray.height * 0.25, Math.min(...landed.map((p) => p[1])));
  const x1 = Math.min(gray.width * 1.25, Math.max(...landed.map((p) => p[0])));
  const y1 = Math.min(gray.height * 1.25, Math.max(...landed.map((p) => p[1])));
  const shifted = rect.map(([x, y]) => [x - x0, y - y0] as Point);
  return {
    toSource: homographyFromPoints(shifted, quad.corners),
    fromSource: homographyFromPoints(quad.corners, shifted),
    width: Math.round(x1 - x0),
    height: Math.round(y1 - y0),
    quad: quad.corners,
    rules: geometry.rules,
    frame: [shifted[0]![0], shifted[1]![0]],
  };
}

/**
 * A photographed page put back square (see photoCorrection); any other page is returned as the
 * same object, untouched. What lies outside the photo repeats the photo's border.
 */
export function rectifyPhoto(gray: GrayImage): GrayImage {
  if (process.env.NIANBAO_OCR_PERSPECTIVE === "0") return gray;
  const correction = photoCorrection(gray);
  if (!correction) return gray;
  const data = warpPixels(
    { ...gray, channels: 1 },
    correction.toSource,
    correction.width,
    correction.height,
    // The desk around the page runs on to the canvas's edge: a white fill would draw the photo's
    // own border as long slanted edges, which the deskew step takes for the page's lines.
    "edge",
  );
  const square = { width: correction.width, height: correction.height, data, dpi: gray.dpi };
  reinkRules(square, correction.rules, correction.fromSource, correction.frame);
  return square;
}

/** The grey rules are drawn in (a photo's darkest print is rarely darker). */
const RULE_GREY = 40;

/**
 * The table rules found in the photo drawn again, dark and about 0.7 pt wide, where they land in the
 * corrected page. A photo's thin rules are light and blurred (a 0.5-pt rule spread over a few
 * pixels at half the print's darkness): the page reader's rule finder, which works at the print's
 * ink level, keeps a table's outer frame but loses most of its inner rules, and with them rows and
 * columns. Only rules of the table frame found here are drawn (at least 1.2 in or 0.6 in long, thin,
 * straight, each meeting three rules of the other direction), over the extent they were seen.
 */
function reinkRules(
  image: GrayImage,
  rules: FittedRule[],
  fromSource: Homography,
  [left, right]: [number, number],
): void {
  const { width, height, data } = image;
  const thickness = Math.max(2, Math.round(image.dpi / 100));
  for (const rule of rules) {
    // Upright rules are thick enough in a photo (they are found at the print's ink level); a
    // horizontal rule is drawn only across the frame (a rule found running on into print beside
    // the table stops at the frame's sides).
    if (rule.orientation !== "h") continue;
    const end = (along: number): Point => {
      const across = rule.slope * along + rule.offset;
      return applyHomography(fromSource, rule.orientation === "h" ? [along, across] : [across, along]);
    };
    const [a, b] = [end(rule.from), end(rule.to)];
    const steps = Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]));
    for (let i = 0; i <= steps; i++) {
      const x = a[0] + ((b[0] - a[0]) * i) / steps;
      const y = a[1] + ((b[1] - a[1]) * i) / steps;
      if (x < left - 1 || x > right + 1) continue;
      for (let t = 0; t < thickness; t++) {
        const px = Math.round(rule.orientation === "h" ? x : x - thickness / 2 + t);
        const py = Math.round(rule.orientation === "h" ? y - thickness / 2 + t : y);
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        const k = py * width + px;
        if (data[k]! > RULE_GREY) data[k] = RULE_GREY;
      }
    }
  }
}
