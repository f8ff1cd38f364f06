// Turns a clean page rendering into what a portal serves as a scan: rasterised at 150–300 dpi,
// unevenly lit, a red seal (公章) stamped over part of a table, skewed a few degrees, blurred,
// noisy and JPEG-compressed. Every step is drawn from a seeded generator (reproducible).
import sharp, { type OverlayOptions } from "sharp";
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

/** Degrades one page PNG (RGB) rendered at `dpi`; returns JPEG bytes and the pixel size. */
export async function degradePage(
  png: Uint8Array,
  dpi: number,
  d: Degradation,
  rng: Rng,
): Promise<{ jpeg: Buffer; width: number; height: number }> {
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
  if (Math.abs(d.skew) > 0.01)
    image = sharp(await image.rotate(d.skew, { background: "#ffffff" }).png().toBuffer());
  if (d.blur > 0.3) image = image.blur(d.blur);
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  if (d.noise > 0) {
    for (let i = 0; i < data.length; i += info.channels) {
      // Grey noise (same on every channel), Box–Muller.
      const n = Math.sqrt(-2 * Math.log(rng.next() + 1e-12)) * Math.cos(2 * Math.PI * rng.next()) * d.noise;
      for (let c = 0; c < info.channels; c++) data[i + c] = Math.max(0, Math.min(255, data[i + c]! + n));
    }
  }
  const jpeg = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: d.jpegQuality, mozjpeg: true })
    .withMetadata({ density: dpi })
    .toBuffer();
  return { jpeg, width: info.width, height: info.height };
}
