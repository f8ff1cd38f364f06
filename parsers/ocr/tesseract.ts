// The OCR engine: Debian's tesseract 5 command line (apt tesseract-ocr, tesseract-ocr-chi-sim;
// scripts/install-system-deps.sh), run once per batch of cell images (a list file: one process,
// one model load, every crop a "page"), its hOCR parsed for text, word confidences and the LSTM's
// per-character alternatives. Nothing is downloaded: the models are the Debian packages' files.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ParseError } from "../errors.js";

export interface OcrChar {
  /** The character read. */
  char: string;
  /** Confidence 0–100. */
  confidence: number;
  /** Other characters the LSTM considered at this position, best first (may be empty). */
  alternatives: { char: string; confidence: number }[];
}

export interface OcrLine {
  text: string;
  /** Pixel box in the image read [x0, y0, x1, y1]. */
  bbox: [number, number, number, number];
}

export interface OcrText {
  text: string;
  lines: OcrLine[];
  /** Lowest word confidence, 0–100 (0 when nothing was read). */
  confidence: number;
  chars: OcrChar[];
}

/**
 * An OCR engine: reads a batch of cell pictures (binary PGM) in one pass. Tesseract (below) is the
 * one the parser uses; `npm run bench -- ocr` plugs in others to compare them on the same cells.
 */
export interface OcrEngine {
  name: string;
  read(images: Uint8Array[], pass: OcrPass, options: { signal?: AbortSignal }): Promise<OcrText[]>;
}

/** Debian's tesseract command (one process per batch). */
export async function tesseractEngine(): Promise<OcrEngine> {
  const version = await requireTesseract();
  return {
    name: `tesseract ${version}`,
    read: (images, pass, options) => recognizeBatch(images, pass, options),
  };
}

/**
 * Which way a page must be turned (clockwise) to read upright, from tesseract's orientation and
 * script detection (--psm 0, the osd model Debian's tesseract-ocr ships); null when it cannot tell
 * (too little text) or is not confident.
 */
export async function pageOrientation(
  pgm: Uint8Array,
  dpi: number,
  options: { signal?: AbortSignal } = {},
): Promise<0 | 90 | 180 | 270 | null> {
  const work = await mkdtemp(join(tmpdir(), "nianbao-osd-"));
  try {
    const path = join(work, "page.pgm");
    await writeFile(path, pgm);
    const out = await runForOutput(
      tesseractCommand(),
      [path, "-", "--psm", "0", "--dpi", String(Math.round(dpi))],
      options,
    );
    const rotate = /Rotate:\s*(\d+)/.exec(out);
    const confidence = /Orientation confidence:\s*([\d.]+)/.exec(out);
    if (!rotate || !confidence || Number(confidence[1]) < 2) return null;
    const degrees = Number(rotate[1]);
    return degrees === 90 || degrees === 180 || degrees === 270 ? degrees : 0;
  } catch {
    stopIfOutOfTime(options.signal);
    return null; // "Too few characters": a page without text keeps its orientation
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function runForOutput(command: string, args: string[], options: { signal?: AbortSignal }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: 60_000, signal: options.signal, env: { ...process.env, OMP_THREAD_LIMIT: "1" } },
      (error, stdout, stderr) => (error ? reject(error) : resolve(`${stdout}\n${stderr}`)),
    );
  });
}

/**
 * Throws the OCR's timeout (a ParseError, as an engine process stopped by the deadline does) when
 * the document's time is up; `signal.throwIfAborted()` would throw the signal's DOMException,
 * which the CLI reports as an internal error (exit 70) instead of a timeout.
 */
export function stopIfOutOfTime(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ParseError("timeout", "OCR stopped: the document's time is up");
}

export interface OcrPass {
  language: "eng" | "chi_sim";
  /** Page segmentation mode: 6 = block, 7 = one line, 8 = one word. */
  psm: 6 | 7 | 8 | 10 | 13;
  /** Only these characters are read. */
  whitelist?: string;
  /** Ask the LSTM for each character's alternatives. */
  alternatives?: boolean;
}

const INSTALL_HINT =
  "install tesseract to read scans: apt-get install --no-install-recommends tesseract-ocr tesseract-ocr-chi-sim (or run scripts/install-system-deps.sh)";

let available: Promise<string | null> | null = null;

/** The tesseract version when the command (and the chi_sim model) is installed, else null. */
export function tesseractVersion(): Promise<string | null> {
  available ??= new Promise((resolve) => {
    execFile(tesseractCommand(), ["--list-langs"], { timeout: 10_000 }, (error, stdout) => {
      if (error || !/\bchi_sim\b/.test(stdout) || !/\beng\b/.test(stdout)) return resolve(null);
      execFile(tesseractCommand(), ["--version"], { timeout: 10_000 }, (e, out, err) => {
        const m = /tesseract\s+v?(\d+\.\d+(?:\.\d+)?)/i.exec(`${out}\n${err}`);
        resolve(e || !m ? null : m[1]!);
      });
    });
  });
  return available;
}

function tesseractCommand(): string {
  return process.env.NIANBAO_TESSERACT ?? "tesseract";
}

/** Throws ParseError("converter_missing") when tesseract or its Chinese model is missing. */
async function requireTesseract(): Promise<string> {
  const version = await tesseractVersion();
  if (!version)
    throw new ParseError("converter_missing", `tesseract with chi_sim was not found; ${INSTALL_HINT}`);
  return version;
}

/**
 * Reads a batch of images with one tesseract process. Results are in request order. `signal`
 * aborts the process (the per-document deadline); `timeoutMs` bounds the one run (exported for
 * tests: the engine runs it with the default).
 */
export async function recognizeBatch(
  images: Uint8Array[],
  pass: OcrPass,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<OcrText[]> {
  if (images.length === 0) return [];
  const work = await mkdtemp(join(tmpdir(), "nianbao-ocr-"));
  try {
    const paths: string[] = [];
    await Promise.all(
      images.map((image, i) => {
        const path = join(work, `c${i}.pgm`);
        paths.push(path);
        return writeFile(path, image);
      }),
    );
    const list = join(work, "list.txt");
    await writeFile(list, paths.join("\n") + "\n");
    const args = [list, join(work, "out"), "-l", pass.language, "--psm", String(pass.psm), "--dpi", "300"];
    // Per-character alternatives only for figures (they cost ~20% more).
    if (pass.alternatives) args.push("-c", "lstm_choice_mode=2");
    if (pass.whitelist) args.push("-c", `tessedit_char_whitelist=${pass.whitelist}`);
    args.push("hocr");
    await run(tesseractCommand(), args, options);
    if (process.env.NIANBAO_OCR_KEEP)
      await cp(work, `${process.env.NIANBAO_OCR_KEEP}/${pass.language}-${Date.now()}`, { recursive: true });
    const hocr = await readFile(join(work, "out.hocr"), "utf8");
    const pages = parseHocr(hocr);
    return images.map((_, i) => pages[i] ?? { text: "", lines: [], confidence: 0, chars: [] });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function run(
  command: string,
  args: string[],
  options: { signal?: AbortSignal; timeoutMs?: number },
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        timeout: timeoutMs,
        signal: options.signal,
        maxBuffer: 16 * 1024 * 1024,
        // One thread per process: the worker pool already runs one document per core.
        env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        if ((error as { code?: string }).code === "ENOENT")
          return reject(new ParseError("converter_missing", `tesseract was not found; ${INSTALL_HINT}`));
        if (options.signal?.aborted)
          return reject(new ParseError("timeout", "OCR stopped: the document's time is up"));
        // Killed by execFile's own timeout (a loaded machine, a huge batch): a timeout, not a
        // failure of the engine on this document (tesseract's last stderr line would say one).
        if ((error as { killed?: boolean }).killed)
          return reject(
            new ParseError(
              "timeout",
              `OCR stopped: one tesseract run took over ${Math.round(timeoutMs / 1000)} s`,
            ),
          );
        reject(
          new ParseError(
            "converter_failed",
            `tesseract failed: ${String(stderr).trim().split("\n").pop() ?? error.message}`,
          ),
        );
      },
    );
  });
}

const ENTITY: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};
const decode = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITY[e]!);

/** Parses tesseract's hOCR (lstm_choice_mode=2): one OcrText per ocr_page, lines joined by "\n". */
function parseHocr(hocr: string): OcrText[] {
  const pages: OcrText[] = [];
  for (const page of hocr.split(/<div class='ocr_page'/).slice(1)) {
    const lines: OcrLine[] = [];
    const chars: OcrChar[] = [];
    let confidence = 100;
    let words = 0;
    for (const line of page.split(/<span class='ocr_(?:line|caption|header|textfloat)'/).slice(1)) {
      const texts: string[] = [];
      for (const word of line.split(/<span class='ocrx_word'/).slice(1)) {
        const conf = /x_wconf (\d+)/.exec(word);
        // The word's text is what precedes its first nested span (or its closing tag).
        const body = /^[^>]*>([^<]*)/.exec(word);
        const text = decode(body?.[1]?.trim() ?? "");
        if (!text) continue;
        words++;
        confidence = Math.min(confidence, conf ? Number(conf[1]) : 0);
        texts.push(text);
        const choiceGroups = word.split(/<span class='ocrx_cinfo' id='lstm_choices_/).slice(1);
        const wordChars = [...text];
        wordChars.forEach((char, i) => {
          const group = choiceGroups[i] ?? "";
          const options = [...group.matchAll(/x_confs ([\d.]+)'>([^<]*)</g)].map((m) => ({
            char: decode(m[2]!),
            confidence: Number(m[1]),
          }));
          const own = options.find((o) => o.char === char);
          chars.push({
            char,
            confidence: own?.confidence ?? (conf ? Number(conf[1]) : 0),
            alternatives: options.filter((o) => o.char !== char && o.char !== ""),
          });
        });
      }
      const box = /bbox (\d+) (\d+) (\d+) (\d+)/.exec(line);
      const bbox: OcrLine["bbox"] = box
        ? [Number(box[1]), Number(box[2]), Number(box[3]), Number(box[4])]
        : [0, 0, 0, 0];
      if (texts.length) lines.push({ text: texts.join(" "), bbox });
    }
    pages.push({
      text: lines.map((l) => l.text).join("\n"),
      lines,
      confidence: words ? confidence : 0,
      chars,
    });
  }
  return pages;
}
