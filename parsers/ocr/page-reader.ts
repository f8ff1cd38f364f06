// Reads scanned pages into the PDF front-end's page layouts: each page is flattened, deskewed and
// binarised; its ruling lines give the table grids (the PDF lattice code, spans included); every
// cell is read on its own — figures by a digit-only pass, labels by a Chinese pass — and becomes
// one text run in its cell. The title area of page 1 is read as lines. What each figure cell read,
// with its confidence and alternatives, is kept as an OcrCell for the identity check.
import { UNREAD_CELL, type OcrCellReading } from "../ir.js";
import type { Box, PageGeometry, TextRun } from "../pdf/geometry.js";
import { findLatticeTables, type LatticeTable } from "../pdf/lattice.js";
import { layoutPage, type PageLayout } from "../pdf/page-layout.js";
import {
  binarise,
  binariseAt,
  inkLevel,
  paperLevel,
  estimateSkew,
  flattenBackground,
  rotate,
  averageShrink,
  shrink,
  turn,
  toPgm,
  crop,
  type GrayImage,
  type InkImage,
} from "./image.js";
import { prepareCell, type CellKind } from "./cell-image.js";
import { findComponents } from "./components.js";
import { findRules, ruleGrey } from "./rules.js";
import { lostRules } from "./lost-rules.js";
import { pageMaps } from "./align.js";
import { pageOrientation, stopIfOutOfTime, type OcrEngine, type OcrText } from "./tesseract.js";
import { digitCandidates, type Candidate } from "./candidates.js";
import { crisp, halve, inkOnPaper, splitSign } from "./cell-sign.js";
import { T2_ROWS, T3_ROWS } from "../template/dictionary.js";
import { DOUBTFUL } from "../template/metadata.js";
import { isTemplateWord, namesTemplateTable } from "./table-evidence.js";
import { titleOfLines } from "./scan-title.js";

/** What OCR read in one figure cell: the IR cell's text is `candidates[0]`. */
export type OcrCell = OcrCellReading;

export interface ScanPages {
  layouts: PageLayout[];
  cells: OcrCell[];
  /** Degrees each page was turned to level it. */
  skew: number[];
}

interface PreparedPage {
  page: number;
  gray: GrayImage;
  ink: InkImage;
  tables: LatticeTable[];
  /**
   * Tables found only at the hairline level (grey rules no darker than the print's anti-aliasing):
   * kept once their label cells name the template's rows or columns (table-evidence.ts).
   */
  unconfirmed: LatticeTable[];
  segments: PageGeometry["segments"];
  width: number;
  height: number;
}

interface PendingCell {
  /** Lines of glyphs in the cell (cell-image.ts). */
  lines: number;
  page: PreparedPage;
  table: LatticeTable;
  box: Box;
  kind: CellKind;
  pgm?: Uint8Array;
  textPgm?: Uint8Array;
  blankConfidence: number;
  /** Read as one Chinese character, then by the digit pass too (which decides). */
  maybeText?: boolean;
  /** The sign printed before the digits (cut out of the picture the digit pass reads). */
  sign?: "+" | "-";
  /** A mark left of the digits that is no clear sign: the reading is not trusted. */
  signUnsure?: boolean;
  glyphHeight?: number;
  /** The ink is one glyph shaped as a zero (cell-image.ts). */
  zero?: boolean;
  /** The digits cut again up to a column rule they touch (cell-image.ts). */
  wider?: { pgm: Uint8Array; zero?: boolean };
}

const DIGITS = "0123456789.";
/** A sign and digits, as the Chinese pass reads a signed figure (十 or 二 for +, 一 for -). */
const SIGNED = /^[十二+＋一\-－—]\d[\d.,]*$/;

/**
 * What a cell the shape test took for text is, by its Chinese reading: a bare zero mark, a slash,
 * or digits (no Chinese character; or a signed change of the 2019 table 2, "+72" read as 十72 or
 * 二72, "-6" as 一6) for the digit pass; null for a label.
 */
export function figureKindOf(read: string): "dash" | "slash" | "digits" | null {
  const plain = read.replace(/\s+/g, "");
  if (/^(?:[-－—一]{1,2})$/.test(plain)) return "dash";
  if (/^[/／]$/.test(plain)) return "slash";
  if (plain && !/[\u3400-\u9fff]/.test(plain) && /[\d|/lI]/.test(plain)) return "digits";
  return SIGNED.test(plain) ? "digits" : null;
}
/** Labels this short are checked against the dictionary's (see snapShortLabel). */
const SHORT_LABEL_LENGTH = 4;
/** Glyphs taller than this (pixels, in the cell picture) are read again at half size when missed. */
const BIG_GLYPH = 36;
/** Cell pictures of scans below this density were enlarged for the engine (cell-image.ts render). */
const UPSCALED_BELOW_DPI = 250;
/** A digit reading below this confidence is doubtful (big print is then read again at half size). */
const UNSURE_DIGITS = 80;
/** A reading beside an unexplained mark stays below the confidence table 2 needs (verify.ts). */
const UNSURE_CONFIDENCE = 50;

/** The cell's sign before every reading; an unexplained mark beside the digits lowers confidence. */
function signed(candidates: Candidate[], cell: PendingCell): Candidate[] {
  return candidates.map((c) => ({
    text: c.text && cell.sign ? `${cell.sign}${c.text}` : c.text,
    confidence: cell.signUnsure ? Math.min(c.confidence, UNSURE_CONFIDENCE) : c.confidence,
  }));
}

export interface ReadOptions {
  signal?: AbortSignal;
  engine: OcrEngine;
  /** The images' page numbers (default 1, 2, …): the scanned pages of a PDF with a text layer. */
  pageNumbers?: number[];
  /** Read the title area above the first page's tables (default true; only page 1 has the title). */
  title?: boolean;
}

/** Reads grey page images into layouts and OCR'd figure cells. */
export async function readScanPages(images: GrayImage[], options: ReadOptions): Promise<ScanPages> {
  const lap = timer();
  const prepared: PreparedPage[] = [];
  const skew: number[] = [];
  const upright = await turnUpright(images, options);
  lap("orientation");
  for (let i = 0; i < upright.length; i++) {
    stopIfOutOfTime(options.signal);
    const { page, angle } = preparePage(upright[i]!, options.pageNumbers?.[i] ?? i + 1);
    prepared.push(page);
    skew.push(angle);
  }
  lap("pages");
  const pending: PendingCell[] = [];
  for (const page of prepared) {
    for (const table of page.tables) {
      for (const cell of table.cells) {
        const scale = page.gray.dpi / 72;
        const px: Box = [cell.box[0] * scale, cell.box[1] * scale, cell.box[2] * scale, cell.box[3] * scale];
        const picture = prepareCell(page.gray, page.ink, px);
        pending.push({
          page,
          table,
          box: cell.box,
          kind: picture.kind,
          ...(picture.pgm ? { pgm: picture.pgm, textPgm: picture.textPgm ?? picture.pgm } : {}),
          blankConfidence: picture.confidence ?? 100,
          lines: picture.lines ?? 1,
          ...(picture.zero ? { zero: true } : {}),
          ...(picture.wider ? { wider: picture.wider } : {}),
        });
      }
    }
  }
  lap(
    `cells ${pending.length} ${JSON.stringify(Object.fromEntries(["blank", "dash", "slash", "digits", "text"].map((k) => [k, pending.filter((c) => c.kind === k).length])))}`,
  );
  // Grids found only at the hairline level are tables once their label cells say so.
  const early = await confirmTables(prepared, pending, options);
  if (early.dropped) {
    for (let i = pending.length - 1; i >= 0; i--)
      if (early.dropped.has(pending[i]!.table)) pending.splice(i, 1);
  }
  // Chinese pass over label cells and page 1's title area; cells it reads as bare digits join the digit pass.
  const texts = pending.filter((c) => c.kind === "text");
  const unread = texts.filter((c) => !early.read.has(c));
  const titleArea = options.title === false ? null : titleImage(prepared[0]);
  const bigTitles = options.title === false ? [] : bigTitleImages(prepared, titleArea);
  const titleAreas = new Set<TextArea>([...(titleArea ? [titleArea] : []), ...bigTitles]);
  const areas = [
    ...(titleArea ? [titleArea] : []),
    ...bigTitles,
    ...prepared.flatMap((p) => headingImages(p, p === prepared[0] && titleArea ? titleArea.bottom : 0)),
  ];
  const chinese = await options.engine.read(
    [...unread.map((c) => c.textPgm!), ...areas.map((a) => a.pgm)],
    { language: "chi_sim", psm: 6 },
    options,
  );
  lap(`chinese ${unread.length}`);
  await readTitleAgain(areas, titleAreas, chinese, unread.length, options);
  const firstRead = new Map(early.read);
  unread.forEach((cell, i) => firstRead.set(cell, chinese[i]!));
  const textOf = new Map<PendingCell, OcrText>();
  texts.forEach((cell) => {
    const read = firstRead.get(cell)!;
    // Figures that looked like text to the shape test: a bare zero mark stays one, anything else
    // without a Chinese character goes to the digit pass.
    const figure = figureKindOf(read.text);
    if (figure) cell.kind = figure;
    else {
      const plain = read.text.replace(/\s+/g, "");
      textOf.set(cell, read);
      // One character alone in a cell is more often a wide digit ("4" read as 人) than a label:
      // the digit pass reads it too, and a confident digit reading wins.
      if ([...plain].length <= 1) {
        cell.kind = "digits";
        cell.maybeText = true;
      }
    }
  });
  const digitCells = pending.filter((c) => c.kind === "digits");
  for (const cell of digitCells) {
    // The digit picture keeps only glyph-sized marks (a minus is dropped there); the text picture
    // keeps every stroke, so the sign is looked for in it, and a plus cut out of the digit picture.
    const seen = splitSign(cell.textPgm!);
    const inDigits = splitSign(cell.pgm!);
    cell.glyphHeight = inDigits.glyphHeight;
    if (seen.sign) cell.sign = seen.sign;
    else if (seen.unsure) cell.signUnsure = true;
    if (inDigits.sign && inDigits.sign === seen.sign) cell.pgm = inDigits.pgm;
    else if (inDigits.sign || inDigits.unsure) cell.signUnsure = true;
  }
  // tesseract's line modes each miss some lone glyphs (a "4", a "0"): cells read as nothing are
  // read again in the next mode; a reading is never replaced once digits were found.
  const digitsOf = new Map<PendingCell, OcrText>();
  let todo = digitCells;
  for (const psm of [7, 13, 8] as const) {
    if (todo.length === 0) break;
    const reads = await options.engine.read(
      todo.map((c) => c.pgm!),
      { language: "eng", psm, whitelist: DIGITS, alternatives: true },
      options,
    );
    todo.forEach((cell, i) => digitsOf.set(cell, reads[i]!));
    todo = todo.filter((c) => !/\d/.test(digitsOf.get(c)!.text));
  }
  // Big print (a 15-point figure, or a 12-point one cut at 300 dpi) is missed in every mode or read
  // doubtfully (a lone "0" read as nothing in line mode, then "0." at confidence 35 in raw-line
  // mode): read again at half size; a half-size reading replaces one with no digit or a less sure one.
  const unsureRead = (c: PendingCell) => {
    const read = digitsOf.get(c)!;
    return !/\d/.test(read.text) || read.confidence < UNSURE_DIGITS;
  };
  // Doubtful cells read again from another picture of them (line mode, then word mode): a reading
  // with digits replaces one without or a less sure one.
  const readAgain = async (
    cells: PendingCell[],
    picture: (cell: PendingCell) => Uint8Array,
    replaced: (cell: PendingCell) => void = () => {},
    modes: readonly (7 | 8)[] = [7, 8],
  ) => {
    let pending = cells;
    for (const psm of modes) {
      if (pending.length === 0) break;
      const reads = await options.engine.read(
        pending.map(picture),
        { language: "eng", psm, whitelist: DIGITS, alternatives: true },
        options,
      );
      pending.forEach((cell, i) => {
        const before = digitsOf.get(cell)!;
        const read = reads[i]!;
        if (!/\d/.test(read.text)) return;
        if (!/\d/.test(before.text) || read.confidence > before.confidence) {
          digitsOf.set(cell, read);
          replaced(cell);
        }
      });
      pending = pending.filter(unsureRead);
    }
  };
  await readAgain(
    digitCells.filter((c) => (c.glyphHeight ?? 0) >= BIG_GLYPH && unsureRead(c)),
    (c) => halve(c.pgm!),
  );
  // Figures printed against a column rule: the picture cut up to the rule is read when the first
  // gave no digit or a doubtful one; its reading replaces the first only when surer.
  await readAgain(
    digitCells.filter((c) => c.wider && !c.sign && !c.signUnsure && unsureRead(c)),
    (c) => c.wider!.pgm,
    (c) => {
      c.zero = c.wider!.zero === true;
    },
  );
  // Faint print (a light 150 dpi scan, blurred again by the upscaling to 300 dpi): grey digits
  // tesseract reads as nothing in every mode are read at once in black and white. Doubtful cells
  // are read again from the picture cut halfway between its ink and the paper, at half the enlarged
  // size (line mode; word mode reads lone 1s as 7s there); a surer reading replaces the first.
  await readAgain(
    digitCells.filter((c) => !c.maybeText && unsureRead(c)),
    (c) => (c.page.gray.dpi < UPSCALED_BELOW_DPI ? halve(crisp(c.pgm!)) : crisp(c.pgm!)),
    () => {},
    [7],
  );
  lap(`digits ${digitCells.length}`);
  // A short label (总计, 其他) can pass the shape test for digits; the digit pass then reads little
  // or nothing with confidence. Such cells are read again as Chinese: a label found there is text.
  for (const cell of digitCells) {
    if (!cell.maybeText) continue;
    const read = digitsOf.get(cell)!;
    if (/^\d+$/.test(read.text.trim()) && read.confidence >= 85) textOf.delete(cell);
    else cell.kind = "text";
  }
  const unsure = digitCells.filter((c) => {
    if (c.kind !== "digits" || c.maybeText) return false;
    const read = digitsOf.get(c)!;
    return !/\d/.test(read.text) || read.confidence < 80;
  });
  if (unsure.length) {
    const again = await options.engine.read(
      unsure.map((c) => c.textPgm!),
      { language: "chi_sim", psm: 7 },
      options,
    );
    unsure.forEach((cell, i) => {
      const read = again[i]!;
      // A label has two characters or more (总计, 其他); one character read from a digit-shaped cell
      // is the Chinese model's guess at a digit ("4" read as 人), unless no digit was read at all.
      const cjk = read.text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
      if (cjk >= 2 || (cjk === 1 && !/\d/.test(digitsOf.get(cell)!.text))) {
        cell.kind = "text";
        textOf.set(cell, read);
      }
    });
    lap(`unsure ${unsure.length}`);
  }

  const runs = new Map<number, TextRun[]>(prepared.map((p) => [p.page, []]));
  const cells: OcrCell[] = [];
  for (const cell of pending) {
    const list = runs.get(cell.page.page)!;
    const inner: Box = [cell.box[0] + 1, cell.box[1] + 1, cell.box[2] - 1, cell.box[3] - 1];
    const size = Math.min(12, inner[3] - inner[1]);
    if (cell.kind === "text") {
      const text = labelText(textOf.get(cell)?.text ?? "");
      if (noLabel(text) && inFigureColumn(cell, pending, !loneCharacter(text))) {
        // A column of figures holds no label: one character (a 0 under a seal stroke read as 机),
        // or a few that are none of the template's words, below a figure of the column (潮人 for a
        // 0 under a seal) is an unread cell, and its row keeps its other figures.
        cells.push({
          page: cell.page.page,
          box: cell.box,
          kind: "text",
          candidates: [{ text: "", confidence: 0 }],
        });
        list.push({ text: UNREAD_CELL, box: inner, size, vertical: false });
      } else if (text) list.push({ text, box: inner, size, vertical: false });
      continue;
    }
    const candidates: Candidate[] =
      cell.kind === "blank"
        ? [{ text: "", confidence: cell.blankConfidence }]
        : cell.kind === "dash" || cell.kind === "slash"
          ? [{ text: cell.kind === "dash" ? "—" : "/", confidence: 95 }]
          : cell.lines > 1
            ? [{ text: "", confidence: 0 }] // digits on two lines: two cells merged where a rule was lost
            : signed(digitCandidates(digitsOf.get(cell)!), cell);
    const zero = cell.zero && candidates[0]?.text === "0";
    cells.push({
      page: cell.page.page,
      box: cell.box,
      kind: cell.kind,
      candidates,
      ...(zero ? { zero } : {}),
    });
    const best = candidates[0]?.text ?? "";
    // A cell with ink that read as nothing must not look blank (blank = 0): mark it unreadable.
    const text = best === "" && cell.kind !== "blank" ? UNREAD_CELL : best;
    if (text) list.push({ text, box: inner, size, vertical: false });
  }
  areas.forEach((area, i) => {
    const read = chinese[unread.length + i]!;
    const list = runs.get(area.page)!;
    const scale = 72 / area.dpi;
    const doubtful = titleAreas.has(area) ? markDoubtful(read) : null;
    read.lines.forEach((line, l) => {
      // A heading names a table; its digits (if any) are no figures a scan may keep.
      const text = doubtful ? joinCellText(doubtful[l]!) : labelText(line.text);
      if (!text) return;
      const box: Box = [
        line.bbox[0] * scale,
        (line.bbox[1] + area.top) * scale,
        line.bbox[2] * scale,
        (line.bbox[3] + area.top) * scale,
      ];
      list.push({ text, box, size: Math.max(6, box[3] - box[1]), vertical: false });
    });
  });
  // A table continued on the next page is put where the previous page left it (align.ts).
  const maps = pageMaps(prepared.map((p) => p.tables));
  const layouts = prepared.map((p, i) => {
    const { scale, shift } = maps[i]!;
    const moved = scale !== 1 || shift !== 0;
    const x = (v: number) => v * scale + shift;
    const move = (b: Box): Box => [x(b[0]), b[1], x(b[2]), b[3]];
    if (moved) for (const cell of cells) if (cell.page === p.page) cell.box = move(cell.box);
    return layoutPage({
      page: p.page,
      width: p.width,
      height: p.height,
      runs: runs.get(p.page)!.map((r) => (moved ? { ...r, box: move(r.box) } : r)),
      segments: p.segments.map((s) =>
        !moved ? s : s.orientation === "h" ? { ...s, from: x(s.from), to: x(s.to) } : { ...s, at: x(s.at) },
      ),
      imageCoverage: 1,
    });
  });
  return { layouts, cells, skew };
}

/** One Chinese character other than 无 (a zero mark): in a figure cell, no label and no figure. */
function loneCharacter(text: string): boolean {
  return text.length === 1 && text !== "无" && /[\u3400-\u9fff]/.test(text);
}

/** Most characters a misread figure cell gives; a longer text may be a label run into the column. */
const MAX_MISREAD_TEXT = 8;

/**
 * Text that is no label in a figure column: one character other than 无, or a few Chinese
 * characters without a digit that are none of the template's words (and not 无无, zero marks).
 */
function noLabel(text: string): boolean {
  if (loneCharacter(text)) return true;
  return (
    text.length <= MAX_MISREAD_TEXT &&
    /[\u3400-\u9fff]/.test(text) &&
    !/\d/.test(text) &&
    !/^无+$/.test(text) &&
    !isTemplateWord(text)
  );
}

/** Cell kinds of a figure column (a label reads as text). */
const FIGURE_KINDS = new Set<CellKind>(["digits", "dash", "slash", "blank"]);

/**
 * Whether the cell stands in a column of figures: of the other cells of its table and page in its
 * column (each one's centre within the other's span), at least 4, and two thirds are figure cells;
 * with `below`, one of them stands above it (the cell is in the table's body, not its header). A
 * table at the top of a page with fewer such cells goes on from the previous page's last table:
 * that table's cells in the column count too, as standing above it.
 */
function inFigureColumn(cell: PendingCell, pending: PendingCell[], below = false): boolean {
  const centre = (b: Box) => (b[0] + b[2]) / 2;
  const sameColumn = (other: PendingCell) =>
    other !== cell &&
    centre(other.box) >= cell.box[0] &&
    centre(other.box) <= cell.box[2] &&
    centre(cell.box) >= other.box[0] &&
    centre(cell.box) <= other.box[2];
  const here = pending.filter((o) => o.page === cell.page);
  let mates = here.filter((o) => o.table === cell.table && sameColumn(o));
  let before: PendingCell[] = [];
  if (mates.length < 4) {
    const top = here.reduce((a, b) => (b.box[1] < a.box[1] ? b : a), cell);
    const previous = pending.filter((o) => o.page.page === cell.page.page - 1);
    if (top.table === cell.table && previous.length > 0) {
      const last = previous.reduce((a, b) => (b.box[3] > a.box[3] ? b : a)).table;
      before = previous.filter((o) => o.table === last && sameColumn(o));
      mates = [...mates, ...before];
    }
  }
  const figures = mates.filter((o) => FIGURE_KINDS.has(o.kind));
  const above = figures.some((o) => before.includes(o) || o.box[3] <= cell.box[1] + 1);
  return mates.length >= 4 && figures.length * 3 >= mates.length * 2 && (!below || above);
}

/**
 * The label cells of tables found only at the hairline level, read as Chinese first: a table
 * whose cells name none of the template's rows or columns (table-evidence.ts) is dropped with its
 * rules and cells. The readings are kept for the Chinese pass, which reads them no more.
 */
async function confirmTables(
  prepared: PreparedPage[],
  pending: PendingCell[],
  options: ReadOptions,
): Promise<{ read: Map<PendingCell, OcrText>; dropped?: Set<LatticeTable> }> {
  const read = new Map<PendingCell, OcrText>();
  if (!prepared.some((p) => p.unconfirmed.length)) return { read };
  const doubtful = pending.filter((c) => c.kind === "text" && c.page.unconfirmed.includes(c.table));
  if (doubtful.length) {
    const reads = await options.engine.read(
      doubtful.map((c) => c.textPgm!),
      { language: "chi_sim", psm: 6 },
      options,
    );
    doubtful.forEach((cell, i) => read.set(cell, reads[i]!));
  }
  const dropped = new Set<LatticeTable>();
  for (const page of prepared) {
    for (const table of page.unconfirmed) {
      const texts = doubtful.filter((c) => c.table === table).map((c) => labelText(read.get(c)!.text));
      if (!namesTemplateTable(texts, table.ys.length - 1)) dropped.add(table);
    }
    if (!page.unconfirmed.some((t) => dropped.has(t))) continue;
    page.tables = page.tables.filter((t) => !dropped.has(t));
    page.segments = page.segments.filter((s) => insideTables(page.tables, s));
  }
  return { read, dropped };
}

/** Whether a rule lies within one of the tables (3 pt of slack). */
function insideTables(tables: LatticeTable[], s: PageGeometry["segments"][number]): boolean {
  return tables.some((t) => {
    const [x0, y0, x1, y1] = t.box;
    return s.orientation === "h"
      ? s.at >= y0 - 3 && s.at <= y1 + 3 && s.from >= x0 - 3 && s.to <= x1 + 3
      : s.at >= x0 - 3 && s.at <= x1 + 3 && s.from >= y0 - 3 && s.to <= y1 + 3;
  });
}

/**
 * Pages scanned sideways or upside down, turned upright. Tesseract's orientation check (~0.5 s a
 * page at 100 dpi) runs on page 1; pages shaped like it (portrait or landscape) are taken to lie
 * the same way, which is how a stack goes through a scanner; a page of the other shape is checked
 * on its own.
 */
async function turnUpright(images: GrayImage[], options: ReadOptions): Promise<GrayImage[]> {
  if (images.length === 0) return images;
  const check = (image: GrayImage) => {
    const small = shrink(image, Math.max(1, Math.floor(image.dpi / 100)));
    return pageOrientation(toPgm(small), small.dpi, options);
  };
  const landscape = (image: GrayImage) => image.width > image.height;
  const first = (await check(images[0]!)) ?? 0;
  const out: GrayImage[] = [];
  for (const image of images) {
    const turnBy = landscape(image) === landscape(images[0]!) ? first : ((await check(image)) ?? 0);
    out.push(turn(image, turnBy));
  }
  return out;
}

/** Stage timings on stderr when NIANBAO_OCR_DEBUG is set: wall time, and this process's CPU (engines apart). */
function timer(): (what: string) => void {
  if (!process.env.NIANBAO_OCR_DEBUG) return () => {};
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let t = performance.now();
  let c = cpu();
  return (what) => {
    const now = performance.now();
    const used = cpu();
    process.stderr.write(`ocr: ${what} ${(now - t).toFixed(0)} ms (node CPU ${(used - c).toFixed(0)} ms)\n`);
    t = now;
    c = used;
  };
}

function preparePage(image: GrayImage, page: number): { page: PreparedPage; angle: number } {
  const flat = flattenBackground(image);
  // Columns that still lean once rows are level (image.ts estimateShear) are not stood upright
  // here yet: with the cell reader of the same day it turned three zeros touching their rules on
  // a 150 dpi scan into 2, 6 and 8 (an identity held by chance), so it waits for a cell check.
  const angle = estimateSkew(binarise(flat));
  const gray = rotate(flat, angle);
  const level = inkLevel(gray);
  const ink = binarise(gray, level);
  // Rules' faint stretches: halfway between the ink level and white paper (flattened to ~255). A
  // thin rule blurred by the scan comes out near the ink level, in pieces; rules.ts bridges a gap
  // only where the faint ink is a thin line (a shaded band is faint all over).
  const faint = binariseAt(gray, Math.round((level + 255) / 2));
  // Tables need 2 columns of cells and a table's size (strokes of large title characters can
  // form small "grids"). One row is enough when it is wide and has a figure's columns: the last
  // row of a table split over pages often stands alone at the top of the next page.
  const tablesOf = (segments: PageGeometry["segments"]) =>
    findLatticeTables(segments).filter(
      (t) =>
        t.xs.length >= 3 &&
        t.box[2] - t.box[0] >= 144 &&
        ((t.ys.length >= 3 && t.box[3] - t.box[1] >= 36) ||
          (t.ys.length === 2 && t.box[2] - t.box[0] >= 288 && t.box[3] - t.box[1] >= 12)),
    );
  const gridOf = (rules: InkImage, bridge: InkImage | undefined) => {
    const segments = findRules(rules, { dpi: gray.dpi, ...(bridge ? { faint: bridge } : {}) });
    return { segments, tables: tablesOf(segments) };
  };
  // One threshold for text and rules: a lighter one for faint rules found more specks and seal
  // remains than rules once the rule finder (rules.ts) kept only rules that make a grid.
  let { segments, tables } = gridOf(ink, faint);
  let unconfirmed: LatticeTable[] = [];
  // A page may print its rules as grey hairlines (LibreOffice and browsers print an HTML table's
  // default border so): a 0.5 pt rule scanned comes out near grey 205 on paper at 250, lighter
  // than the ink level and barely under the faint one, so no grid is found, or only the stretches
  // where noise took the rule under the ink level (a table's 7 columns of 10; the rules' own grey
  // then lies above the ink level, where a printed rule's lies well below it). Rules are then
  // looked for again halfway between the faint level and the paper; tables found there are kept
  // only when their cells name the template's rows or columns (confirmTables), since at that
  // level a scan's dark corner or shadow can make a grid too.
  const printed = segments.filter((s) => insideTables(tables, s));
  if (tables.length === 0 || ruleGrey(gray, printed) > level) {
    const hairline = Math.round((Math.round((level + 255) / 2) + paperLevel(gray)) / 2);
    const found = gridOf(binariseAt(gray, hairline), undefined);
    if (found.tables.length) ({ segments, tables } = found);
    unconfirmed = found.tables;
  }
  // A rule lost between figure cells, kept by the neighbouring rows or columns, is put back
  // (lost-rules.ts): the merged cell read one figure for two, or none for a column of three.
  const lost = tables.flatMap((t) => lostRules(t, gray, ink, faint));
  if (lost.length) {
    segments = [...segments, ...lost];
    tables = tablesOf(segments);
    if (unconfirmed.length) unconfirmed = tables;
  }
  const scale = 72 / gray.dpi;
  return {
    page: {
      page,
      gray,
      ink,
      tables,
      unconfirmed,
      // Only the rules of accepted tables go on to the layout (which rebuilds the same grids from them).
      segments: segments.filter((s) => insideTables(tables, s)),
      width: gray.width * scale,
      height: gray.height * scale,
    },
    angle,
  };
}

/**
 * The title of page 1: its first three lines of text (found by the ink's row profile), above the
 * first table. Reading the whole first page costs more than all the cells together; the title
 * names the agency and the year, which is what the recognizer takes from the prose.
 */
function titleImage(page: PreparedPage | undefined): TextArea | null {
  if (!page) return null;
  const scale = page.gray.dpi / 72;
  const limit = Math.min(...page.tables.map((t) => t.box[1] * scale), page.gray.height * 0.35);
  const { ink } = page;
  const minInk = Math.max(3, Math.round(ink.width * 0.004));
  const edge = edgeInk(ink, Math.ceil(limit), page.gray.dpi);
  const minHeight = Math.max(3, Math.round(page.gray.dpi * 0.04));
  let start = 0;
  let lines = 0;
  let inLine = false;
  let bottom = 0;
  for (let y = 0; y < limit; y++) {
    let n = 0;
    for (let x = 0; x < ink.width; x++) n += ink.data[y * ink.width + x]! & ~edge[y * ink.width + x]!;
    if (n >= minInk && !inLine) {
      inLine = true;
      start = y;
    } else if (n < minInk && inLine) {
      inLine = false;
      // A line of print is at least 0.04 inch tall; specks (a scan's, a photo's desk) are not.
      if (y - start < minHeight) continue;
      lines++;
      bottom = y;
      if (lines === 3) break;
    }
  }
  if (lines === 0 || bottom < page.gray.dpi * 0.1) return null;
  const end = Math.min(limit, bottom + page.gray.dpi * 0.05);
  const area = crop(page.gray, [0, 0, page.gray.width, end]);
  for (let i = 0; i < area.data.length; i++) if (edge[i]) area.data[i] = 255;
  return { pgm: toPgm(area), page: page.page, dpi: page.gray.dpi, top: 0, bottom: end };
}

/**
 * Ink in rows 0–`rows` that is no print: pieces more than an inch long or tall, such as the
 * shadowed edge of a photographed sheet, which rings the page (a page without a table is not put
 * square by perspective.ts, which needs rules). Inked in every row, it made page 1's title area
 * one "line" and no title was read (agency and year null on every photographed report).
 */
function edgeInk(ink: InkImage, rows: number, dpi: number): Uint8Array {
  const { width } = ink;
  const height = Math.min(rows, ink.height);
  const out = new Uint8Array(width * height);
  for (const piece of findComponents(ink.data.subarray(0, width * height), width, height))
    if (piece.x1 - piece.x0 > dpi || piece.y1 - piece.y0 > dpi) for (const p of piece.pixels) out[p] = 1;
  return out;
}

/**
 * A title printed below a portal header (an HTML report printed to PDF: page 1 is the site's menu,
 * the title comes lower, maybe on page 2): on the pages up to the first one with a table, the first
 * line of large print (at least 0.2 inch of ink, 1.6 times the page's median line) with the big
 * lines next to it, below the page-1 title area and not within half an inch above a table
 * (headingImages reads those).
 */
function bigTitleImages(prepared: PreparedPage[], titleArea: TextArea | null): TextArea[] {
  const out: TextArea[] = [];
  for (let i = 0; i < Math.min(prepared.length, 3); i++) {
    const page = prepared[i]!;
    const scale = page.gray.dpi / 72;
    const top = Math.min(page.gray.height, ...page.tables.map((t) => t.box[1] * scale));
    const from = i === 0 && titleArea ? titleArea.bottom : 0;
    const to = page.tables.length ? top - page.gray.dpi * 0.5 : page.gray.height;
    // A line of few characters ("告") may break into two ink rows a pixel apart: join them.
    const lines: [number, number][] = [];
    for (const line of inkLines(page, from, to)) {
      const last = lines[lines.length - 1];
      if (last && line[0] - last[1] <= page.gray.dpi * 0.02) last[1] = line[1];
      else lines.push([...line]);
    }
    if (lines.length >= 3) {
      const heights = lines.map(([a, b]) => b - a).sort((a, b) => a - b);
      const median = heights[heights.length >> 1]!;
      // The first such line: the title comes before the prose (and before a row of boxes, such
      // as a page's "字号 大 中 小" buttons, that may be taller).
      const big = (line: [number, number]) => {
        const h = line[1] - line[0];
        return h >= page.gray.dpi * 0.2 && h <= page.gray.dpi * 0.6 && h >= median * 1.6;
      };
      const best = lines.find(big);
      if (best) {
        const h = best[1] - best[0];
        // A title in two lines ("…工作年度" / "报告"): the big lines next to it join the strip.
        let k = lines.indexOf(best);
        let first = k;
        while (first > 0 && bigNeighbour(lines[first - 1]!, lines[first]!, h)) first--;
        while (k + 1 < lines.length && bigNeighbour(lines[k + 1]!, lines[k]!, h)) k++;
        const margin = page.gray.dpi * 0.03;
        const y0 = Math.max(0, Math.round(lines[first]![0] - margin));
        const y1 = Math.min(page.gray.height, Math.round(lines[k]![1] + margin));
        // Tesseract misreads print twice the size it was trained on: shrink it to the prose's size.
        const factor = Math.max(2, Math.round(h / median));
        const area = averageShrink(crop(page.gray, [0, y0, page.gray.width, y1]), factor);
        // In the shrunk image's pixels, so that the lines read land where they are on the page.
        out.push({ pgm: toPgm(area), page: page.page, dpi: area.dpi, top: y0 / factor, bottom: y1 / factor });
      }
    }
    if (page.tables.length) break;
  }
  return out;
}

/** Below this confidence a Chinese character of the title is doubtful ("洪泽区" read as 潜译区: 译 at 40). */
const DOUBTFUL_TITLE_CHAR = 60;

/**
 * The title's lines with each doubtful Chinese character replaced by DOUBTFUL (the metadata reader
 * takes no agency holding one: a misread name is worse than none). The engine's characters are
 * matched to the lines' in order; a line they do not match is kept as read.
 */
function markDoubtful(read: OcrText): string[] {
  let next = 0;
  return read.lines.map((line) => {
    let out = "";
    for (const char of line.text) {
      while (next < read.chars.length && /\s/u.test(read.chars[next]!.char)) next++;
      const ocr = read.chars[next];
      if (ocr && ocr.char === char) {
        next++;
        if (ocr.confidence < DOUBTFUL_TITLE_CHAR && /[\u3400-\u9fff]/u.test(char)) {
          out += DOUBTFUL;
          continue;
        }
      }
      out += char;
    }
    return out;
  });
}

/**
 * When the title areas as read give no agency or no year, they are read again in black and white
 * (cell-sign.ts inkOnPaper), and that reading replaces the first if it gives more of the two.
 * `chinese` holds the areas' readings from index `first` on (replaced in place).
 */
async function readTitleAgain(
  areas: TextArea[],
  titleAreas: Set<TextArea>,
  chinese: OcrText[],
  first: number,
  options: ReadOptions,
): Promise<void> {
  const at = areas.flatMap((a, i) => (titleAreas.has(a) ? [i] : []));
  if (!at.length) return;
  const found = (reads: OcrText[]) => {
    const title = titleOfLines(reads.flatMap((r) => markDoubtful(r).map(joinCellText)));
    return (title.agency === null ? 0 : 1) + (title.year === null ? 0 : 1);
  };
  const before = found(at.map((i) => chinese[first + i]!));
  if (before === 2) return;
  const again = await options.engine.read(
    at.map((i) => inkOnPaper(areas[i]!.pgm)),
    { language: "chi_sim", psm: 6 },
    options,
  );
  if (found(again) > before) at.forEach((i, k) => (chinese[first + i] = again[k]!));
}

/** Whether `line` is a title line next to `beside`: at least 0.7 times its height, at most a line's height away. */
function bigNeighbour(line: [number, number], beside: [number, number], height: number): boolean {
  const gap = line[0] >= beside[1] ? line[0] - beside[1] : beside[0] - line[1];
  return line[1] - line[0] >= height * 0.7 && gap <= height;
}

/** A strip of a page read as lines of text (the title, a table's heading). Pixels. */
interface TextArea {
  pgm: Uint8Array;
  page: number;
  dpi: number;
  top: number;
  bottom: number;
}

/** Lines of text (ink rows, pixels) between `from` and `to` on a page. */
function inkLines(page: PreparedPage, from: number, to: number): [number, number][] {
  const { ink } = page;
  const minInk = Math.max(3, Math.round(ink.width * 0.004));
  const minHeight = Math.max(3, Math.round(page.gray.dpi * 0.04));
  const lines: [number, number][] = [];
  let start = -1;
  for (let y = Math.max(0, Math.round(from)); y <= Math.min(ink.height, Math.round(to)); y++) {
    let n = 0;
    if (y < Math.min(ink.height, Math.round(to)))
      for (let x = 0; x < ink.width; x++) n += ink.data[y * ink.width + x]!;
    if (n >= minInk && start < 0) start = y;
    else if (n < minInk && start >= 0) {
      if (y - start >= minHeight) lines.push([start, y]);
      start = -1;
    }
  }
  return lines;
}

/**
 * The lines printed just above each table (at most two, within half an inch): a section heading
 * ("四、政府信息公开行政复议、行政诉讼情况") names the table when its own header words are
 * missing or unreadable, as the recognizer reads born-digital reports. Prose further up is not
 * read (it costs engine time and gives no figure a scan may keep).
 */
function headingImages(page: PreparedPage, after: number): TextArea[] {
  const scale = page.gray.dpi / 72;
  const reach = page.gray.dpi * 0.5;
  const tables = [...page.tables].sort((a, b) => a.box[1] - b.box[1]);
  const out: TextArea[] = [];
  let previous = after;
  for (const table of tables) {
    const top = table.box[1] * scale;
    const lines = inkLines(page, Math.max(previous, top - reach * 2), top - page.gray.dpi * 0.02);
    previous = Math.max(previous, table.box[3] * scale);
    const near: [number, number][] = [];
    for (const line of lines.reverse()) {
      const below = near.length ? near[near.length - 1]![0] : top;
      if (below - line[1] > reach / 2 || top - line[1] > reach || near.length === 2) break;
      near.push(line);
    }
    if (near.length === 0) continue;
    const margin = page.gray.dpi * 0.03;
    const y0 = Math.max(0, near[near.length - 1]![0] - margin);
    const y1 = Math.min(top - 1, near[0]![1] + margin);
    if (y1 - y0 < 4) continue;
    const area = crop(page.gray, [0, Math.round(y0), page.gray.width, Math.round(y1)]);
    out.push({
      pgm: toPgm(area),
      page: page.page,
      dpi: page.gray.dpi,
      top: Math.round(y0),
      bottom: Math.round(y1),
    });
  }
  return out;
}

/**
 * A label cell's text. In a scan every figure sits in a cell of its own (read by the digit pass),
 * so digits the Chinese pass finds in a label are either its item number ("1.属于国家秘密") or
 * misread strokes (a seal's, a blot's): the latter are dropped so the recognizer never takes them
 * for figures.
 */
export function labelText(raw: string): string {
  // Latin letters are no part of a report's labels: they are a misread glyph's pieces ("总计" read
  // as 的/LA计), and a slash beside them would read as a zero mark.
  // A dash in a label is a misread 一 ("（一）" read as "(--)", "三" as " -"), never a zero mark:
  // the recognizer took it for a figure and placed the row's seven figures one row off.
  const joined = joinCellText(raw).replace(/\/?[A-Za-z]+\/?/g, "");
  const text = /[\u3400-\u9fff]/.test(joined) ? joined.replace(/[-－—–]+/g, "一") : joined;
  const numbered = /^(\d{1,2}[.．、])(.*)$/s.exec(text);
  const strip = (s: string) => s.replace(/[0-9０-９]+/g, "");
  return numbered ? numbered[1]! + snapTail(strip(numbered[2]!)) : snapTail(strip(text));
}

/**
 * A label's last four characters snapped (snapShortLabel) when they stand alone after an item
 * mark, however misread: "(“)闻以公开" is (一)予以公开, "2.民复申请" is 2.重复申请.
 */
function snapTail(text: string): string {
  const m = /^(.*[^\u3400-\u9fff])?([\u3400-\u9fff]{4})$/su.exec(text);
  return m ? (m[1] ?? "") + snapShortLabel(m[2]!) : text;
}

/** Row labels of four characters (行政许可, 行政处罚, 行政强制): too short for the recognizer's fuzzy match. */
const SHORT_LABELS = [...new Set([...T2_ROWS, ...T3_ROWS].flatMap((r) => r.variants))].filter(
  (l) => [...l].length === SHORT_LABEL_LENGTH,
);

/**
 * A four-character label with one character misread ("行政处罚" read as 行政处昼) is taken for the
 * one label it differs from by that character, when no other label is as close: the labels share
 * 行政, so a single misread character in the other two cannot turn one into another.
 */
export function snapShortLabel(text: string): string {
  const chars = [...text];
  if (chars.length !== SHORT_LABEL_LENGTH || SHORT_LABELS.includes(text)) return text;
  const near = SHORT_LABELS.filter((l) => [...l].filter((c, i) => c !== chars[i]).length <= 1);
  return near.length === 1 ? near[0]! : text;
}

/** Chinese OCR puts spaces between characters and breaks wrapped labels into lines: join them. */
function joinCellText(text: string): string {
  return text
    .replace(/\s*\n\s*/g, "")
    .replace(/(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])/g, "")
    .trim();
}
