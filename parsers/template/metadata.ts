// Agency and year of a report. Both come from the title when it has them ("南阳市招商投资促进局 2023 年
// 政府信息公开工作 年度报告", "2022年上海市政府信息公开工作年度报告", "XX关于2023年度政府信息公开工作的
// 年度报告"); portal chrome may surround the title ("当前位置：首页…平潭综合实验区2021年度…年度报告 来源：…").
// The year is the year covered: when the title lacks it, the statistics-period sentence
// (统计期限自2023年1月1日…) or the opening "2023年，…" gives it.
import type { DocumentIR } from "../ir.js";
import { nfkc } from "./nfkc.js";

const REPORT_WORDS =
  /(?:政府信息公开|政务信息公开|政务公开|信息公开)\s*(?:工作)?\s*(?:的)?\s*(?:年度报告|年报|年度工作报告|工作报告|报告)/u;
/** REPORT_WORDS for finding every mention, compiled once (parseTitle resets its lastIndex). */
const REPORT_WORDS_ALL = new RegExp(REPORT_WORDS.source, "gu");
const TOPIC = /(?:政府信息公开|政务信息公开|政务公开|信息公开)/u;
const YEAR = /((?:19|20)\d{2})\s*年\s*度?/gu;
const SEPARATORS = /[\s：:>»›|_/\\，,。；;]+/u;
// A line that is only a body's name (the first line of a two-line title).
const AGENCY_LINE = /^[\u4e00-\u9fff（）()]{2,30}$/u;
const MAX_TITLE_LINES = 60;
const MAX_CHROME_LINES = 200;
/** A line that is a title and nothing else: "AGENCY YEAR年(度) …报告" or "YEAR年(度) AGENCY …报告". */
const TITLE_LINE = new RegExp(
  `^(?:[\\u4e00-\\u9fff（）()·]{2,30}\\s*(?:关于)?\\s*(?:19|20)\\d{2}\\s*年度?|(?:19|20)\\d{2}\\s*年度?\\s*[\\u4e00-\\u9fff（）()·]{2,30}?)\\s*${REPORT_WORDS.source}$`,
  "u",
);
const WHITESPACE = /\s/;

/** A character OCR was not sure of (the scan reader puts it in the title): no agency holds one. */
export const DOUBTFUL = "\uFFFD";

export interface Metadata {
  agency: string | null;
  year: number | null;
}

export function readMetadata(doc: DocumentIR): Metadata {
  const lines = new LeadingLines(doc);
  let agency: string | null = null;
  let year: number | null = null;
  for (const candidate of titleCandidates(doc, lines)) {
    const parsed = parseTitle(candidate);
    if (!parsed) continue;
    agency ??= parsed.agency;
    year ??= parsed.year;
    if (agency && year) break;
  }
  if (!agency || !year) {
    // Portal chrome (menus of a page copied whole) can push the title past the first lines:
    // further down only a line that is a title and nothing else counts.
    const further = new LeadingLines(doc, MAX_CHROME_LINES);
    for (let i = MAX_TITLE_LINES; further.has(i) && (!agency || !year); i++) {
      const line = further.at(i)!;
      if (line.length > 60 || !TITLE_LINE.test(line)) continue;
      const parsed = parseTitle(line);
      agency ??= parsed?.agency ?? null;
      year ??= parsed?.year ?? null;
    }
  }
  year ??= yearFromBody(lines.all());
  agency ??= agencyFromBody(lines.all());
  return { agency, year };
}

/**
 * The document's first MAX_TITLE_LINES non-empty lines, normalised, read only as far as they are
 * asked for: the title is usually among the first few.
 */
class LeadingLines {
  private readonly lines: string[] = [];
  private readonly texts: Generator<string>;
  private done = false;

  constructor(
    doc: DocumentIR,
    private readonly limit = MAX_TITLE_LINES,
  ) {
    this.texts = blockTexts(doc);
  }

  /** Whether there is a line `index` (reading up to it). */
  has(index: number): boolean {
    while (this.lines.length <= index && !this.done) this.readOne();
    return index < this.lines.length;
  }

  at(index: number): string | undefined {
    return this.has(index) ? this.lines[index] : undefined;
  }

  all(): string[] {
    while (!this.done) this.readOne();
    return this.lines;
  }

  private readOne(): void {
    if (this.lines.length >= this.limit) {
      this.done = true;
      return;
    }
    for (let next = this.texts.next(); !next.done; next = this.texts.next()) {
      let line = nfkc(next.value);
      // Most lines hold no whitespace at all: then there is nothing to collapse or trim.
      if (WHITESPACE.test(line)) line = line.replace(/\s+/g, " ").trim();
      if (!line) continue;
      this.lines.push(line);
      return;
    }
    this.done = true;
  }
}

/** Lines of text blocks and cells of table rows, in order, produced only as far as they are read. */
function* blockTexts(doc: DocumentIR): Generator<string> {
  for (const block of doc.blocks) {
    if (block.kind === "text") {
      if (block.text.includes("\n")) yield* block.text.split(/\r?\n/);
      else yield block.text;
    } else for (const row of block.rows) for (const cell of row) yield cell.text;
  }
}

/** The IR title, then early lines naming a report (a line alone, or joined with the next one). */
function* titleCandidates(doc: DocumentIR, lines: LeadingLines): Generator<string> {
  if (doc.title) yield doc.title.normalize("NFKC").replace(/\s+/g, " ").trim();
  for (let i = 0; lines.has(i); i++) {
    const line = lines.at(i)!;
    // A title in two lines: the agency alone on the line before "2023年政府信息公开工作年度报告".
    const previous = i > 0 ? lines.at(i - 1) : undefined;
    if (previous && /^(?:19|20)\d{2}\s*年/u.test(line) && AGENCY_LINE.test(previous))
      yield `${previous} ${line}`;
    if (REPORT_WORDS.test(line)) yield line;
    else if (TOPIC.test(line) && lines.has(i + 1)) {
      const joined = `${line}${lines.at(i + 1)}`;
      if (REPORT_WORDS.test(joined)) yield joined;
    }
  }
}

/**
 * Agency and year from one title-like line; null when the line does not name a report. A line may
 * name several ("…政府信息公开年报 2025年XX局政府信息公开工作年度报告" in a breadcrumb): the first
 * mention preceded by a year wins, else the first with an agency.
 */
export function parseTitle(text: string): Metadata | null {
  let fallback: Metadata | null = null;
  const all = REPORT_WORDS_ALL;
  all.lastIndex = 0;
  for (let report = all.exec(text); report; report = all.exec(text)) {
    const before = text.slice(0, report.index);
    // A report named inside 《…》 is a document reference in prose, not this report's title.
    if (/《[^》]*$/u.test(before)) continue;
    const parsed = parseBefore(before);
    if (parsed.year !== null && parsed.agency !== null) return parsed;
    if (parsed.year !== null && fallback?.year == null) fallback = parsed;
    else if (!fallback) fallback = parsed;
  }
  return fallback;
}

/** Reads "AGENCY YEAR年" or "YEAR年AGENCY" from the text before the report words. */
function parseBefore(before: string): Metadata {
  // Only the last stretch of the line belongs to the title (chrome and prose come before it).
  const tail = before.slice(-60);
  let lastYear: RegExpExecArray | null = null;
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(tail); m; m = YEAR.exec(tail)) lastYear = m;
  if (!lastYear) return { agency: cleanAgency(tail), year: null };
  const after = tail.slice(lastYear.index + lastYear[0].length);
  const prior = tail.slice(0, lastYear.index);
  return { agency: cleanAgency(after) ?? cleanAgency(prior), year: Number(lastYear[1]) };
}

function cleanAgency(text: string): string | null {
  const chunks = text.split(SEPARATORS).filter(Boolean);
  let name = chunks[chunks.length - 1] ?? "";
  name = name
    .replace(/^(?:标题|题目|title)/iu, "")
    .replace(/["'“”‘’《》「」]/gu, "")
    .replace(/关于$/u, "")
    .replace(/的$/u, "")
    .replace(/^关于/u, "")
    .replace(/(?:编制了?|编写了?|发布了?|公布了?|现公布)$/u, "")
    .trim();
  if (name.length < 2 || !/[\u4e00-\u9fff]/u.test(name) || name.includes(DOUBTFUL)) return null;
  return name;
}

const PERIOD = /统计(?:期限|周期|时限|期间|时间)[^\d]{0,8}((?:19|20)\d{2})\s*年/u;
const OPENING_YEAR = /^((?:19|20)\d{2})\s*年\s*[，,]/u;

function yearFromBody(lines: string[]): number | null {
  const year = periodYear(lines) ?? openingYear(lines);
  if (year !== null || !lines.some((line) => FRAGMENT.test(line))) return year;
  return periodYear(flowing(lines, false)) ?? openingYear(flowing(lines, true));
}

// A line that is only a number or a word's punctuation: text dumps that cut a line around every
// number ("2022" / "年" / "," / "三明市人民政府…").
const FRAGMENT = /^(?:\d+|[年月日号,，、.。:：〔〕()（）]{1,2})$/u;
const NUMBER = /^\d+$/;

/**
 * The lines with each fragment run into the lines around it, as they were printed; a number opens
 * a line of its own when `numbersOpen` (a paragraph's opening "2022年，" follows a heading).
 */
function flowing(lines: string[], numbersOpen: boolean): string[] {
  const out: string[] = [];
  let joinNext = false;
  for (const line of lines) {
    const fragment = FRAGMENT.test(line);
    const opens = numbersOpen && NUMBER.test(line);
    if (out.length > 0 && !opens && (fragment || joinNext)) out[out.length - 1] += line;
    else out.push(line);
    joinNext = fragment;
  }
  return out;
}

function periodYear(lines: string[]): number | null {
  for (const line of lines) {
    const m = PERIOD.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}

function openingYear(lines: string[]): number | null {
  for (const line of lines) {
    const m = OPENING_YEAR.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}

const AGENCY_FIELD = /^(?:发布机构|来源)\s*[:：]\s*(\S{2,40})/u;

function agencyFromBody(lines: string[]): string | null {
  for (const line of lines) {
    const m = AGENCY_FIELD.exec(line);
    if (m) return m[1]!;
  }
  return null;
}
