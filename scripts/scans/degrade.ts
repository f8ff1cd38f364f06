// Turns a clean page rendering into what a portal serves as a scan: rasterised at 150–300 dpi,
// unevenly lit, a red seal (公章) stamped over part of a table, skewed a few degrees, blurred,
// noisy and JPEG-compressed; or what a phone makes of it: the page on a desk, seen at an angle
// (keystone), turned, vignetted, blurred, JPEG at the phone's 72 dpi. Every step is drawn from a
// seeded generator (reproducible).
import sharp, { type OverlayOptions, type Sharp } from "sharp";
import { homographyFromPoints, warpPixels, type Point } from "../../parsers/ocr/perspective.js";
import type { Rng } from "../../src/synth/index.js";

export interface Degradation {
  /** Clockwise skew in degrees. */
  skew: number;
  blur: number;
  /** Standard deviation of the added grey noise (0–255 scale). */
  noise: number;
  jpegQuality: number;
  /** Darkening at the darkest corner (0 = even light). */
  unevenLight: number;
  /** Faint toner: ink lightened by this share. */
  faint: number;
  /** Seal centre as a share of the page size, or null. */
  seal: { x: number; y: number } | null;
}

export function pickDegradation(
  rng: Rng,
  level: "clean" | "normal" | "phone",
  seal: { x: number; y: number } | null,
): Degradation {
  if (level === "clean")
    return { skew: 0, blur: 0, noise: 0, jpegQuality: 90, unevenLight: 0, faint: 0, seal: null };
  const phone = level === "phone";
  return {
    skew: (rng.next() * 2 - 1) * (phone ? 4 : 3),
    blur: 0.3 + rng.next() * (phone ? 1.0 : 0.6),
    noise: 4 + rng.next() * 10,
    jpegQuality: rng.int(40, 80),
    unevenLight: phone ? 0.25 + rng.next() * 0.2 : rng.next() * 0.25,
    faint: rng.chance(0.3) ? 0.2 + rng.next() * 0.25 : 0,
    seal,
  };
}

/** A red stamp: double ring, star and arc text, as offices stamp reports. */
function sealSvg(size: number): string {
  const r = size / 2;
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r * 0.22 : r * 0.09;
    return `${r + rr * Math.cos(a)},${r + rr * Math.sin(a)}`;
  }).join(" ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
  <g fill="none" stroke="rgb(220,30,30)" stroke-opacity="0.85">
    <circle cx="${r}" cy="${r}" r="${r * 0.94}" stroke-width="${r * 0.06}"/>
  </g>
  <polygon points="${star}" fill="rgb(225,35,35)" fill-opacity="0.85"/>
  <path id="arc" d="M ${r * 0.25},${r} A ${r * 0.75},${r * 0.75} 0 1 1 ${r * 1.75},${r}" fill="none"/>
  <text font-size="${r * 0.2}" fill="rgb(220,30,30)" fill-opacity="0.85" font-family="WenQuanYi Zen Hei"><textPath href="#arc">某某县人民政府办公室政务公开专用章</textPath></text>
</svg>`;
}

function gradientSvg(width: number, height: number, depth: number, rng: Rng): string {
  const dark = Math.round(255 * (1 - depth));
  const corner = rng.int(0, 3);
  const [x1, y1, x2, y2] = [
    [0, 0, 1, 1],
    [1, 0, 0, 1],
    [0, 1, 1, 0],
    [1, 1, 0, 0],
  ][corner]!;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">
    <stop offset="0" stop-color="rgb(${dark},${dark},${dark})"/><stop offset="0.7" stop-color="white"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/></svg>`;
}

/** The page as printed and stamped: faint toner, uneven light, the seal. */
async function inkAndStamp(png: Uint8Array, dpi: number, d: Degradation, rng: Rng): Promise<Sharp> {
  let image = sharp(png).removeAlpha();
  const { width, height } = await image.metadata();
  const overlays: OverlayOptions[] = [];
  if (d.faint > 0) {
    // Lighten ink: v' = 255 - (255 - v)(1 - faint).
    image = sharp(
      await image
        .linear(1 - d.faint, 255 * d.faint)
        .png()
        .toBuffer(),
    );
  }
  if (d.unevenLight > 0)
    overlays.push({
      input: Buffer.from(gradientSvg(width!, height!, d.unevenLight, rng)),
      blend: "multiply",
    });
  if (d.seal) {
    const size = Math.round(dpi * 1.6); // a 4 cm stamp
    const left = Math.max(0, Math.min(width! - size, Math.round(d.seal.x * width! - size / 2)));
    const top = Math.max(0, Math.min(height! - size, Math.round(d.seal.y * height! - size / 2)));
    overlays.push({ input: Buffer.from(sealSvg(size)), left, top, blend: "multiply" });
  }
  if (overlays.length) image = sharp(await image.composite(overlays).png().toBuffer());
  return image;
}

/** Degrades one page PNG (RGB) rendered at `dpi`; returns JPEG bytes and the pixel size. */
export async function degradePage(
  png: Uint8Array,
  dpi: number,
  d: Degradation,
  rng: Rng,
): Promise<{ jpeg: Buffer; width: number; height: number }> {
  let image = await inkAndStamp(png, dpi, d, rng);
  if (Math.abs(d.skew) > 0.01)
    image = sharp(await image.rotate(d.skew, { background: "#ffffff" }).png().toBuffer());
  if (d.blur > 0.3) image = image.blur(d.blur);
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  addNoise(data, info.channels, d.noise, rng);
  const jpeg = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: d.jpegQuality, mozjpeg: true })
    .withMetadata({ density: dpi })
    .toBuffer();
  return { jpeg, width: info.width, height: info.height };
}

/** Grey noise (the same on every channel), Box–Muller. */
function addNoise(data: Uint8Array, channels: number, sigma: number, rng: Rng): void {
  if (sigma <= 0) return;
  for (let i = 0; i < data.length; i += channels) {
    const n = Math.sqrt(-2 * Math.log(rng.next() + 1e-12)) * Math.cos(2 * Math.PI * rng.next()) * sigma;
    for (let c = 0; c < channels; c++) data[i + c] = Math.max(0, Math.min(255, data[i + c]! + n));
  }
}

/** How a phone sees a page: the same for every page of a report (one person, one phone, one desk). */
export interface PhotoLook {
  /** Desk visible around the page, as a share of the page's width on each side. */
  margin: number;
  /** Desk colour (RGB). */
  desk: [number, number, number];
  /** Camera tilted towards the page's top (or bottom, when negative): the far edge shorter by this share. */
  keystone: number;
  /** Camera tilted sideways: the far side shorter by this share. */
  lean: number;
  /** Page turned, degrees (clockwise). */
  turn: number;
  /** Corners moved at random by up to this share of the page width (a page not quite flat, a hand). */
  jitter: number;
  /** Darkening at the photo's corners (lens vignetting). */
  vignette: number;
  blur: number;
  noise: number;
  jpegQuality: number;
}

export function pickPhotoLook(rng: Rng): PhotoLook {
  const desks: [number, number, number][] = [
    [112, 92, 72],
    [70, 70, 74],
    [150, 140, 125],
    [40, 38, 36],
  ];
  const sign = () => (rng.chance(0.5) ? 1 : -1);
  return {
    margin: 0.03 + rng.next() * 0.05,
    desk: rng.pick(desks),
    keystone: (rng.chance(0.8) ? 1 : -1) * (0.015 + rng.next() * 0.05),
    lean: sign() * rng.next() * 0.03,
    turn: sign() * (0.5 + rng.next() * 3.5),
    jitter: rng.next() * 0.004,
    vignette: 0.12 + rng.next() * 0.25,
    blur: 0.4 + rng.next() * 0.8,
    noise: 3 + rng.next() * 6,
    jpegQuality: rng.int(55, 88),
  };
}

/**
 * A phone photo of one page PNG rendered at `dpi` (the page printed and stamped as `d` says, then
 * photographed as `look` says, each page a little differently): RGB pixels of `canvas` size (or
 * the page's size plus the look's margins), and where the page's corners landed.
 */
export async function photographPage(
  png: Uint8Array,
  dpi: number,
  d: Degradation,
  look: PhotoLook,
  rng: Rng,
  canvas?: { width: number; height: number },
): Promise<{ rgb: Uint8Array; width: number; height: number; corners: Point[] }> {
  const printed = await inkAndStamp(png, dpi, d, rng);
  const { data: page, info } = await printed.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const pw = info.width;
  const ph = info.height;
  const width = canvas?.width ?? Math.round(pw * (1 + 2 * look.margin));
  const height = canvas?.height ?? Math.round(ph + 2 * pw * look.margin);
  const cx = width / 2;
  const cy = height / 2;
  // The page's corners: keystone (far edge shorter), lean, jitter, then turned about the centre.
  const k = (look.keystone * pw) / 2;
  const l = (look.lean * ph) / 2;
  const jitter = () => (rng.next() * 2 - 1) * look.jitter * pw;
  const flat: Point[] = [
    [-pw / 2 + Math.max(k, 0), -ph / 2 + Math.max(l, 0)],
    [pw / 2 - Math.max(k, 0), -ph / 2 + Math.max(-l, 0)],
    [pw / 2 - Math.max(-k, 0), ph / 2 - Math.max(-l, 0)],
    [-pw / 2 + Math.max(-k, 0), ph / 2 - Math.max(l, 0)],
  ];
  const a = (look.turn * Math.PI) / 180;
  const corners = flat.map(([x, y]) => {
    const jx = x + jitter();
    const jy = y + jitter();
    return [cx + jx * Math.cos(a) - jy * Math.sin(a), cy + jx * Math.sin(a) + jy * Math.cos(a)] as Point;
  });
  const toSource = homographyFromPoints(corners, [
    [0, 0],
    [pw, 0],
    [pw, ph],
    [0, ph],
  ]);
  // A desk with a little grain.
  const grain = (x: number, y: number) => ((((x * 73856093) ^ (y * 19349663)) >>> 0) % 17) - 8;
  const rgb = warpPixels(
    { width: pw, height: ph, data: page, channels: 3 },
    toSource,
    width,
    height,
    (x, y, c) => Math.max(0, Math.min(255, look.desk[c]! + grain(x >> 2, y >> 2))),
  );
  // Vignetting: darker towards the photo's corners.
  const rMax = Math.hypot(cx, cy);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const f = 1 - look.vignette * (Math.hypot(x - cx, y - cy) / rMax) ** 2;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) rgb[o + c] = Math.round(rgb[o + c]! * f);
    }
  return { rgb, width, height, corners };
}

/** A photographed page finished as the phone saves it: blurred, noisy, JPEG at 72 dpi. */
export async function photoJpeg(
  photo: { rgb: Uint8Array; width: number; height: number },
  look: PhotoLook,
  rng: Rng,
): Promise<Buffer> {
  const raw = { width: photo.width, height: photo.height, channels: 3 as const };
  const { data } = await sharp(photo.rgb, { raw })
    .blur(look.blur)
    .raw()
    .toBuffer({ resolveWithObject: true });
  addNoise(data, 3, look.noise, rng);
  return sharp(data, { raw }).jpeg({ quality: look.jpegQuality }).withMetadata({ density: 72 }).toBuffer();
}
