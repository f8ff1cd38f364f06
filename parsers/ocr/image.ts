// Page images as plain pixel arrays, and the few operations the table reader needs on them:
// decoding (sharp/libvips: PNG, JPEG, TIFF, WebP, GIF), a grey level that drops red ink (seals),
// deskewing, binarising under uneven light, and writing crops for the OCR engine.
import sharp from "sharp";

/** One grey channel, 0 = black, 255 = white, row-major. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
  /** Resolution in dots per inch (from the file or the rasteriser; 200 when unknown). */
  dpi: number;
}

/** Binary image: 1 = ink. */
export interface InkImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const DEFAULT_DPI = 200;
/** Red exceeds green and blue by this much in a seal's ink (grey and black pixels: a few levels). */
const RED_MARGIN = 40;
/** Pages larger than this are refused (a 600 dpi A3 scan is 7,000 × 10,000). */
const MAX_PIXELS = 80_000_000;

/**
 * Decodes an image file (every page of a multi-page TIFF) into grey pages with red ink removed.
 * Resolution comes from the file when it says so (and is plausible), else from the paper: an
 * image as wide as A4 portrait is assumed to be an A4 page.
 */
export async function decodeImage(bytes: Uint8Array): Promise<GrayImage[]> {
  const first = sharp(bytes, { limitInputPixels: MAX_PIXELS });
  const meta = await first.metadata();
  const pages = meta.pages && meta.format === "tiff" ? Math.min(meta.pages, 50) : 1;
  const out: GrayImage[] = [];
  for (let page = 0; page < pages; page++) {
    const image = sharp(bytes, { page, limitInputPixels: MAX_PIXELS }).rotate(); // EXIF orientation
    const { data, info } = await image.removeAlpha().toColourspace("srgb").raw().toBuffer({
      resolveWithObject: true,
    });
    const declared = meta.density && meta.density >= 72 && meta.density <= 1200 ? meta.density : 0;
    out.push(
      dropRed(data, info.width, info.height, info.channels, declared || guessDpi(info.width, info.height)),
    );
  }
  return out;
}

/** Resolution from the pixel size, assuming an A4 page (8.27 × 11.69 in) in either orientation. */
function guessDpi(width: number, height: number): number {
  const short = Math.min(width, height);
  const dpi = short / 8.27;
  return dpi >= 60 && dpi <= 1200 ? Math.round(dpi) : DEFAULT_DPI;
}

/**
 * Grey level without red: a red seal's ink is bright in the red channel, black text is dark in
 * every channel. Where red clearly dominates green and blue, and a few pixels around it (JPEG
 * keeps colour at half resolution, so a seal's edges keep their darkness but lose their colour),
 * a pixel takes its red value (turning the seal white while black text under it stays black);
 * others take the luminance.
 */
export function dropRed(
  rgb: Uint8Array,
  width: number,
  height: number,
  channels: number,
  dpi: number,
): GrayImage {
  const data = new Uint8Array(width * height);
  if (channels < 3) {
    // Grey: luminance is the value itself, and nothing is red.
    for (let i = 0, p = 0; i < data.length; i++, p += channels) {
      const r = rgb[p]!;
      data[i] = (r * 299 + r * 587 + r * 114) / 1000;
    }
    return { width, height, data, dpi };
  }
  const red = new Uint8Array(width * height);
  let any = false;
  for (let i = 0, p = 0; i < data.length; i++, p += channels) {
    const r = rgb[p]!;
    const g = rgb[p + 1]!;
    const b = rgb[p + 2]!;
    data[i] = (r * 299 + g * 587 + b * 114) / 1000;
    if (r - (g > b ? g : b) > RED_MARGIN) {
      red[i] = 1;
      any = true;
    }
  }
  if (!any) return { width, height, data, dpi };
  const fringe = dilateMask(red, width, height, Math.max(1, Math.round(dpi / 100)));
  for (let i = 0, p = 0; i < data.length; i++, p += channels)
    if (fringe[i]) data[i] = Math.max(data[i]!, unRed(rgb[p]!));
  return { width, height, data, dpi };
}

/**
 * The grey a red-inked pixel becomes, from its red value: a seal's own ink (red 170–230 after
 * uneven light) turns white; black print under the seal (red below ~120) stays clearly dark.
 */
function unRed(r: number): number {
  return r < 150 ? r + 40 : Math.min(255, 2 * r - 110);
}

/** Square dilation of a 0/1 mask by r pixels (a horizontal then a vertical pass). */
function dilateMask(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const across = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    let last = -Infinity;
    const row = y * width;
    for (let x = 0; x < width; x++)
      if (mask[row + x]) last = x;
      else if (x - last <= r) across[row + x] = 1;
    let next = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (mask[row + x]) {
        next = x;
        across[row + x] = 1;
      } else if (next - x <= r) across[row + x] = 1;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let x = 0; x < width; x++) {
    let last = -Infinity;
    for (let y = 0; y < height; y++) {
      if (across[y * width + x]) {
        last = y;
        out[y * width + x] = 1;
      } else if (y - last <= r) out[y * width + x] = 1;
    }
    let next = Infinity;
    for (let y = height - 1; y >= 0; y--) {
      if (across[y * width + x]) next = y;
      else if (next - y <= r) out[y * width + x] = 1;
    }
  }
  return out;
}

/**
 * Evens out uneven lighting and faint scans: each pixel is divided by the local background
 * (a large box maximum approximated by a blurred, downsampled grey), then stretched.
 */
export function flattenBackground(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const cell = Math.max(8, Math.round(image.dpi / 6)); // background sampled on a grid of ~4 mm
  const gw = Math.ceil(width / cell);
  const gh = Math.ceil(height / cell);
  // Background per grid cell: a high percentile (the paper), robust to text and rules.
  const grid = new Float32Array(gw * gh);
  const histogram = new Uint32Array(256);
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      histogram.fill(0);
      let n = 0;
      for (let y = gy * cell; y < Math.min(height, (gy + 1) * cell); y += 2) {
        for (let x = gx * cell; x < Math.min(width, (gx + 1) * cell); x += 2) {
          histogram[data[y * width + x]!]!++;
          n++;
        }
      }
      let seen = 0;
      let level = 255;
      for (let v = 255; v >= 0; v--) {
        seen += histogram[v]!;
        if (seen >= n * 0.1) {
          level = v;
          break;
        }
      }
      grid[gy * gw + gx] = level;
    }
  }
  // Cells that are all ink (a thick bar) take their neighbours' paper: a 3×3 max, then a 3×3 mean.
  const maxed = new Float32Array(grid.length);
  for (let gy = 0; gy < gh; gy++)
    for (let gx = 0; gx < gw; gx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const yy = gy + dy;
          const xx = gx + dx;
          if (yy >= 0 && yy < gh && xx >= 0 && xx < gw) m = Math.max(m, grid[yy * gw + xx]!);
        }
      maxed[gy * gw + gx] = m;
    }
  const out = new Uint8Array(data.length);
  // Each column's place between grid cells, worked out once for every row.
  const xs0 = new Int32Array(width);
  const xs1 = new Int32Array(width);
  const txs = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(gw - 1, Math.max(0, (x + 0.5) / cell - 0.5));
    const x0 = Math.floor(fx);
    xs0[x] = x0;
    xs1[x] = Math.min(gw - 1, x0 + 1);
    txs[x] = fx - x0;
  }
  // The background interpolated along the grid rows above and below, per column: the same for
  // every pixel row between two grid rows (a grid cell's height of them).
  const upper = new Float64Array(width);
  const lower = new Float64Array(width);
  const along = (gridRow: number, into: Float64Array) => {
    const base = gridRow * gw;
    for (let x = 0; x < width; x++) {
      const tx = txs[x]!;
      into[x] = maxed[base + xs0[x]!]! * (1 - tx) + maxed[base + xs1[x]!]! * tx;
    }
  };
  let rows = -1;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(gh - 1, Math.max(0, (y + 0.5) / cell - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(gh - 1, y0 + 1);
    const ty = fy - y0;
    if (y0 !== rows) {
      along(y0, upper);
      along(y1, lower);
      rows = y0;
    }
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const bg = upper[x]! * (1 - ty) + lower[x]! * ty;
      const v = bg > 24 ? (data[row + x]! / bg) * 255 : 255;
      out[row + x] = v >= 255 ? 255 : v;
    }
  }
  return { ...image, data: out };
}

/** The level `binarise` takes by default: Otsu's, kept in 100–200. */
export function inkLevel(image: GrayImage): number {
  return Math.max(100, Math.min(200, otsu(image.data)));
}

/**
 * The paper's grey: the page's median level (most of a page is paper, flattened to near white).
 * Every third pixel is counted, as Otsu's histogram does.
 */
export function paperLevel(image: GrayImage): number {
  const histogram = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < image.data.length; i += 3, n++) histogram[image.data[i]!]!++;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen * 2 >= n) return v;
  }
  return 255;
}

/** Ink where the flattened grey is darker than `threshold` (Otsu's level by default, kept in 100–200). */
export function binarise(image: GrayImage, threshold = otsu(image.data)): InkImage {
  const level = Math.max(100, Math.min(200, threshold));
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i]! < level ? 1 : 0;
  return { width: image.width, height: image.height, data };
}

/** Ink where the grey is darker than `level` exactly (no clamping). */
export function binariseAt(image: GrayImage, level: number): InkImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i]! < level ? 1 : 0;
  return { width: image.width, height: image.height, data };
}

function otsu(values: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < values.length; i += 3) histogram[values[i]!]!++;
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += histogram[v]!;
    sum += v * histogram[v]!;
  }
  let best = 0;
  let bestLevel = 128;
  let weightB = 0;
  let sumB = 0;
  for (let v = 0; v < 256; v++) {
    weightB += histogram[v]!;
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += v * histogram[v]!;
    const between = weightB * weightF * (sumB / weightB - (sum - sumB) / weightF) ** 2;
    if (between > best) {
      best = between;
      bestLevel = v;
    }
  }
  return bestLevel;
}

/**
 * The skew angle (degrees, within ±maxDegrees) that makes ink rows sharpest: ruling lines and text
 * lines give a spiky row profile when level. Measured on a downsampled ink image, refined twice.
 */
export function estimateSkew(ink: InkImage, maxDegrees = 5): number {
  const step = Math.max(1, Math.round(ink.width / 800));
  let n = 0;
  for (let y = 0; y < ink.height; y += step)
    for (let x = 0; x < ink.width; x += step) if (ink.data[y * ink.width + x]) n++;
  const points = new Int32Array(2 * n);
  for (let y = 0, i = 0; y < ink.height; y += step)
    for (let x = 0; x < ink.width; x += step)
      if (ink.data[y * ink.width + x]) {
        points[i++] = x;
        points[i++] = y;
      }
  const score = (degrees: number) => {
    const t = Math.tan((degrees * Math.PI) / 180);
    const bins = new Float64Array(Math.ceil(ink.height + ink.width * Math.abs(t)) + 2);
    const offset = t < 0 ? ink.width * -t : 0;
    for (let i = 0; i < points.length; i += 2) {
      const y = points[i + 1]! - points[i]! * t + offset;
      // A point turned above the top (y < −step/2) falls outside the profile and counts for
      // nothing; checked here, as a typed array ignores a negative index only on a slow path.
      const bin = Math.round(y / step);
      if (bin >= 0) bins[bin]!++;
    }
    let s = 0;
    for (let b = 0; b < bins.length; b++) s += bins[b]! * bins[b]!;
    return s;
  };
  const best = sharpestAngle(score, [
    [-maxDegrees, maxDegrees, 0.5],
    [-0.5, 0.5, 0.1],
    [-0.1, 0.1, 0.02],
  ]);
  return Math.round(best * 100) / 100;
}

/**
 * The angle of the highest `score`, searched coarse to fine: each pass [from, to, step] around the
 * best angle so far (the first around 0), a later angle winning only with a strictly higher score.
 */
function sharpestAngle(
  score: (degrees: number) => number,
  passes: readonly (readonly [number, number, number])[],
  start = { angle: 0, score: -1 },
): number {
  let best = start.angle;
  let bestScore = start.score;
  for (const [from, to, by] of passes) {
    const centre = best;
    for (let a = centre + from; a <= centre + to + 1e-9; a += by) {
      const s = score(a);
      if (s > bestScore) {
        bestScore = s;
        best = a;
      }
    }
  }
  return best;
}

/**
 * The slant of vertical lines left once a page is levelled by `estimateSkew` (degrees; a vertical
 * line at x = x0 + tan(slant)·(y − centre) after `rotate(image, skew)`), found from the sharpness of
 * the ink's column profile within ±maxDegrees. A skewed scan stretched unevenly (a Letter-size
 * rendering fitted to an A4 page box, a scanner's uneven feed) is sheared as well as turned: once
 * its rows are level its columns still lean (0.3° at 3° of skew and a 10% stretch), so a table's
 * vertical rules break into pieces a few points apart across — extra columns, lost cells.
 */
export function estimateShear(ink: InkImage, skew: number, maxDegrees = 1): number {
  const step = Math.max(1, Math.round(ink.width / 800));
  const a = (skew * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = ink.width / 2;
  const cy = ink.height / 2;
  // Each ink point where `rotate` puts it (the inverse of its sampling map).
  const points: number[] = [];
  for (let y = 0; y < ink.height; y += step)
    for (let x = 0; x < ink.width; x += step)
      if (ink.data[y * ink.width + x]) {
        const dx = x - cx;
        const dy = y - cy;
        points.push(cos * dx + sin * dy, -sin * dx + cos * dy);
      }
  const reach = ink.height * Math.tan((maxDegrees * Math.PI) / 180) + 2;
  const bins = new Float64Array(Math.ceil((ink.width + 2 * reach) / step) + 2);
  const score = (degrees: number) => {
    const t = Math.tan((degrees * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < points.length; i += 2)
      bins[Math.round((points[i]! - t * points[i + 1]! + cx + reach) / step)]!++;
    let s = 0;
    for (const b of bins) s += b * b;
    return s;
  };
  const best = sharpestAngle(
    score,
    [
      [-maxDegrees, maxDegrees, 0.1],
      [-0.1, 0.1, 0.02],
    ],
    { angle: 0, score: score(0) },
  );
  // Below 0.1° the columns drift less than 1 pt over a page: not worth a different resample.
  return Math.abs(best) < MIN_SHEAR ? 0 : Math.round(best * 100) / 100;
}

/** Degrees of lean below which columns are taken as upright (estimateShear). */
const MIN_SHEAR = 0.1;

/**
 * Rotates by `degrees` (positive = counter-clockwise correction of a clockwise skew), then takes
 * out a slant of `shear` degrees of the vertical lines (estimateShear), in one bilinear resample,
 * white fill.
 */
export function rotate(image: GrayImage, degrees: number, shear = 0): GrayImage {
  if (Math.abs(degrees) < 0.01 && Math.abs(shear) < 0.01) return image;
  const { width, height, data } = image;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const t = Math.tan((shear * Math.PI) / 180);
  const cx = width / 2;
  const cy = height / 2;
  if (t === 0) return rotateOnly(image, cos, sin);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      // Where this pixel lies before the shear, then before the rotation.
      const dx = x - cx + t * dy;
      const sx = cos * dx - sin * dy + cx;
      const sy = sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
        out[y * width + x] = 255;
        continue;
      }
      const tx = sx - x0;
      const ty = sy - y0;
      const i = y0 * width + x0;
      out[y * width + x] =
        (data[i]! * (1 - tx) + data[i + 1]! * tx) * (1 - ty) +
        (data[i + width]! * (1 - tx) + data[i + width + 1]! * tx) * ty;
    }
  }
  return { ...image, data: out };
}

/**
 * `rotate` without shear, the same sums in the same order: with no shear a pixel's offset from the
 * centre across depends on its column alone, so the products of columns and of rows are taken once.
 */
function rotateOnly(image: GrayImage, cos: number, sin: number): GrayImage {
  const { width, height, data } = image;
  const cx = width / 2;
  const cy = height / 2;
  const cosX = new Float64Array(width);
  const sinX = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const dx = x - cx;
    cosX[x] = cos * dx;
    sinX[x] = sin * dx;
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    const sinY = sin * dy;
    const cosY = cos * dy;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const sx = cosX[x]! - sinY + cx;
      const sy = sinX[x]! + cosY + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
        out[row + x] = 255;
        continue;
      }
      const tx = sx - x0;
      const ty = sy - y0;
      const i = y0 * width + x0;
      out[row + x] =
        (data[i]! * (1 - tx) + data[i + 1]! * tx) * (1 - ty) +
        (data[i + width]! * (1 - tx) + data[i + width + 1]! * tx) * ty;
    }
  }
  return { ...image, data: out };
}

/** A rectangle of a grey image, in pixels [x0, y0, x1, y1) (clamped). */
export function crop(image: GrayImage, box: [number, number, number, number]): GrayImage {
  const x0 = Math.max(0, Math.floor(box[0]));
  const y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(image.width, Math.ceil(box[2]));
  const y1 = Math.min(image.height, Math.ceil(box[3]));
  const width = Math.max(0, x1 - x0);
  const height = Math.max(0, y1 - y0);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    data.set(
      image.data.subarray((y0 + y) * image.width + x0, (y0 + y) * image.width + x0 + width),
      y * width,
    );
  return { width, height, data, dpi: image.dpi };
}

/** Binary PGM (P5): the simplest format leptonica (tesseract) reads. */
export function toPgm(image: GrayImage): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, "latin1");
  return Buffer.concat([header, Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length)]);
}

/** Turns a page by a quarter turn multiple, clockwise (what tesseract's orientation check asks for). */
export function turn(image: GrayImage, clockwise: 0 | 90 | 180 | 270): GrayImage {
  if (clockwise === 0) return image;
  const { width, height, data } = image;
  const sideways = clockwise !== 180;
  const outWidth = sideways ? height : width;
  const outHeight = sideways ? width : height;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x]!;
      let nx: number;
      let ny: number;
      if (clockwise === 90) {
        nx = height - 1 - y;
        ny = x;
      } else if (clockwise === 180) {
        nx = width - 1 - x;
        ny = height - 1 - y;
      } else {
        nx = y;
        ny = width - 1 - x;
      }
      out[ny * outWidth + nx] = v;
    }
  }
  return { width: outWidth, height: outHeight, data: out, dpi: image.dpi };
}

/** The image shrunk `factor` times, each pixel the mean of the ones it replaces. */
export function averageShrink(image: GrayImage, factor: number): GrayImage {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++)
        for (let dx = 0; dx < factor; dx++)
          sum += image.data[(y * factor + dy) * image.width + x * factor + dx]!;
      data[y * width + x] = Math.round(sum / (factor * factor));
    }
  return { width, height, data, dpi: image.dpi / factor };
}

/** Every `factor`-th pixel (a cheap downscale for checks that need no detail). */
export function shrink(image: GrayImage, factor: number): GrayImage {
  if (factor <= 1) return image;
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = image.data[y * factor * image.width + x * factor]!;
  return { width, height, data, dpi: image.dpi / factor };
}
