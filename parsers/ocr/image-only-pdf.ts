// A PDF that is a scan through and through (图片版: no text anywhere, every page mostly covered by
// an image) is told without pdf.js, so that it goes to OCR at once: to tell a scanned page, pdf.js
// decodes the page's image only to measure its area (0.2–0.3 s of CPU a page, on the first three
// pages of every scan). Whatever this cannot settle goes the usual way (pdf.js), so a document is
// read exactly as before, only sooner. This module loads nothing heavy: every PDF passes here.
import { execFile } from "node:child_process";
import { inflateSync } from "node:zlib";
import { rawStreams } from "../pdf/raw-streams.js";

/** Image streams make up at least this share of a scan's bytes (a page image is 0.1–2 MB; the rest a few KB). */
const IMAGE_SHARE = 0.5;
/** Every page's images cover at least this share of it (pdf.js's scanned-page test asks for 0.3). */
const PAGE_COVERAGE = 0.5;
/** A scan's other streams (page contents, metadata) are small; a larger one is not looked into. */
const MAX_OTHER_STREAM = 4 * 1024 * 1024;

/** A text object or a text-showing operator, as a token of a content stream. */
const TEXT_OPERATOR = /(?:^|[^A-Za-z0-9_])(?:BT|Tj|TJ)(?![A-Za-z0-9_])/;

const isImage = (dict: string) => /\/Subtype\s*\/Image\b/.test(dict);

/**
 * Whether a PDF may be a scan through and through, from its bytes alone: its image streams make
 * up most of them, and none of its other streams holds a text object or shows text (each is read
 * plain or inflated; one in another encoding, with a predictor, or too large, and the answer is
 * no). A page's text, whatever its font, is shown by such an operator in a content stream.
 */
export function mayBeImageOnly(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let inImages = 0;
  for (const { dict, data } of rawStreams(buffer)) if (isImage(dict)) inImages += data.length;
  if (inImages < buffer.length * IMAGE_SHARE) return false;
  for (const { dict, data } of rawStreams(buffer)) {
    // Images, and cross-reference streams (object offsets, never drawn), hold no text.
    if (isImage(dict) || /\/Type\s*\/XRef\b/.test(dict)) continue;
    // A predictor (DecodeParms) would leave the inflated bytes still encoded: not looked into.
    if (/\/DecodeParms\b|\/DP\b/.test(dict)) return false;
    const filter = /\/Filter\s*(\/[A-Za-z0-9]+|\[[^\]]*\])/.exec(dict)?.[1]?.replace(/[[\]\s]/g, "");
    let plain: Buffer;
    if (!filter) plain = data;
    else if (filter === "/FlateDecode" || filter === "/Fl") {
      try {
        plain = inflateSync(data, { maxOutputLength: MAX_OTHER_STREAM });
      } catch {
        return false;
      }
    } else return false;
    if (TEXT_OPERATOR.test(plain.toString("latin1"))) return false;
  }
  return true;
}

/** One image of a PDF as `pdfimages -list` reports it. */
export interface PdfImage {
  page: number;
  /** image, mask, smask, stencil. */
  type: string;
  width: number;
  height: number;
  /** Its placed resolution (pixels over placed size); NaN or 0 when poppler cannot tell. */
  xppi: number;
  yppi: number;
}

/** The PDF's images (of the pages in `range`, [first, last]); null when poppler fails or is missing. */
export async function pdfImageList(
  path: string,
  options: { signal?: AbortSignal } = {},
  range?: [number, number],
): Promise<PdfImage[] | null> {
  const pages = range ? ["-f", String(range[0]), "-l", String(range[1])] : [];
  const list = await popplerText("pdfimages", ["-list", ...pages, path], options);
  if (list === null) return null;
  const images: PdfImage[] = [];
  for (const line of list.split("\n").slice(2)) {
    const cols = line.trim().split(/\s+/);
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    if (cols.length < 14) continue;
    const [page, width, height, xppi, yppi] = [0, 3, 4, 12, 13].map((i) => Number(cols[i]));
    images.push({ page: page!, type: cols[2]!, width: width!, height: height!, xppi: xppi!, yppi: yppi! });
  }
  return images;
}

/**
 * True when poppler finds every page covered by images (their placed size: pixels over resolution,
 * as `pdfimages -list` reports them) over PAGE_COVERAGE of its area; false when it finds otherwise
 * or cannot tell (an encrypted or broken file, poppler missing). Asked of PDFs that `mayBeImageOnly`.
 */
export async function pagesAreImages(path: string, options: { signal?: AbortSignal } = {}): Promise<boolean> {
  return (await imagesCoveringEveryPage(path, options)) !== null;
}

/** The PDF's images when they cover every page as `pagesAreImages` asks, else null. */
export async function imagesCoveringEveryPage(
  path: string,
  options: { signal?: AbortSignal } = {},
): Promise<PdfImage[] | null> {
  const [info, images] = await Promise.all([
    // Every page's size (the last page asked for is clamped to the document's).
    popplerText("pdfinfo", ["-f", "1", "-l", "999999", path], options),
    pdfImageList(path, options),
  ]);
  if (info === null || images === null) return null;
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  if (pages < 1 || !/^Encrypted:\s+no/m.test(info)) return null;
  const area = new Map<number, number>();
  for (const m of info.matchAll(/^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts/gm))
    area.set(Number(m[1]), Number(m[2]) * Number(m[3]));
  const covered = new Map<number, number>();
  for (const { page, type, width, height, xppi, yppi } of images) {
    if (type !== "image" || !(xppi > 0 && yppi > 0)) continue;
    covered.set(page, (covered.get(page) ?? 0) + (width / xppi) * 72 * ((height / yppi) * 72));
  }
  for (let page = 1; page <= pages; page++) {
    const size = area.get(page);
    if (!size || (covered.get(page) ?? 0) < size * PAGE_COVERAGE) return null;
  }
  return images;
}

/** A poppler tool's standard output, or null when it fails or is missing. */
function popplerText(
  command: string,
  args: string[],
  options: { signal?: AbortSignal },
): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: 30_000, signal: options.signal, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout) => resolve(error ? null : stdout),
    );
  });
}
