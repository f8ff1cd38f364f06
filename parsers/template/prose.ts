// The prose's headline figures, a second witness of the tables' ("本年度共收到政府信息公开申请749件，
// 其中自然人申请741件", "上年结转…2件", "1件结转下年度继续办理", "行政复议1件", "未发生…行政复议、
// 行政诉讼"). Read deterministically and conservatively: a clause is a claim only when it matches one
// of the phrasings below whole, holds exactly one counted number, and says nothing that makes the
// number something else (含上年结转, 累计, 咨询, 约, 多 …). Claims the report states twice with
// different numbers are dropped. See docs/witnesses.md.
import type { DocumentIR, SourceLocation } from "../ir.js";
import { T3_ORGANISATION_COLUMNS, t3ItemsOf } from "../../src/model/template/index.js";
import { isOwnNfkc, nfkc } from "./nfkc.js";

// `charCodeAt.call(text, i)` in per-character loops: see parsers/template/nfkc.ts.
const charCodeAt = String.prototype.charCodeAt;
const slice = String.prototype.slice;
const includes = String.prototype.includes;

/** One figure (or the sum of several) that the prose states. */
export interface ProseClaim {
  /** The claim is about the sum of these metric codes (usually one). */
  codes: string[];
  value: number;
  /** The clause as read (normalised). */
  text: string;
  loc?: SourceLocation;
}

// Applicant types as printed in prose, and the columns they stand for.
const NATURAL = "(?:公民|自然人|个人)";
const ORGANIZATIONS = "(?:法人或其他组织|法人和其他组织|法人或者其他组织)";
// What is asked for: 政府信息公开申请, 依申请公开(政府)信息, 信息公开申请 …
const SUBJECT = "(?:政府信息公开|信息公开|依申请公开(?:政府)?(?:信息)?)?";
const N = "(\\d+)";
const UNIT = "(?:件|条)";
const CASE_UNIT = "(?:件|起|宗)";

interface Phrasing {
  /** Matched against a whole clause (after normalisation); group 1 is the number when there is one. */
  re: RegExp;
  /** The metric codes the number is the sum of. */
  codes: string[];
  /** A sentence of table 4 must say it is about information disclosure (a government also decides
   * reviews of others' cases: "办理行政复议案件300件"). */
  needsDisclosure?: boolean;
  /** The clause states zero without a number (未收到…申请). */
  zero?: boolean;
}

const re = (source: string) => new RegExp(`^${source}$`, "u");
const received = "(?:共|全年共?|本年度?共?|累计)?(?:新)?(?:收到|受理|接收|接到|新收)";
const applicantTotals = (column: string) => `t3.new.${column}`;

const PHRASINGS: Phrasing[] = [
  // 本年度共收到政府信息公开申请34件 / 全年收到依申请公开0件 / 共接收依申请公开信息0件
  {
    re: re(`(?:(?!其中).){0,16}?${received}${SUBJECT}(?:的)?(?:申请)?(?:共|合计|总计)?${N}${UNIT}(?:申请)?`),
    codes: [applicantTotals("total")],
  },
  // 本年度全区共收到70件申请
  { re: re(`(?:(?!其中).){0,16}?${received}${N}${UNIT}${SUBJECT}申请`), codes: [applicantTotals("total")] },
  // 我局收到公民办理政府信息公开申请2条 / 其中自然人申请741件 / 其中公民提出申请5件
  {
    re: re(
      `.{0,12}?(?:${received})?(?:其中)?${NATURAL}(?:提出|办理|提交)?(?:的)?${SUBJECT}(?:的)?申请(?:共)?${N}${UNIT}`,
    ),
    codes: [applicantTotals("natural")],
  },
  {
    re: re(
      `.{0,12}?(?:${received})?(?:其中)?${ORGANIZATIONS}(?:提出|办理|提交)?(?:的)?${SUBJECT}(?:的)?申请(?:共)?${N}${UNIT}`,
    ),
    codes: T3_ORGANISATION_COLUMNS.map(applicantTotals),
  },
  // 未收到政府信息公开申请 / 未收到法人或其他组织办理政府信息公开申请
  {
    re: re(`(?:(?!其中).){0,16}?(?:未|没有)(?:收到|受理|接到|接收)${SUBJECT}(?:的)?申请`),
    codes: [applicantTotals("total")],
    zero: true,
  },
  {
    re: re(
      `.{0,16}?(?:未|没有)(?:收到|受理|接到|接收)${NATURAL}(?:提出|办理|提交)?(?:的)?${SUBJECT}(?:的)?申请`,
    ),
    codes: [applicantTotals("natural")],
    zero: true,
  },
  {
    re: re(
      `.{0,16}?(?:未|没有)(?:收到|受理|接到|接收)${ORGANIZATIONS}(?:提出|办理|提交)?(?:的)?${SUBJECT}(?:的)?申请`,
    ),
    codes: T3_ORGANISATION_COLUMNS.map(applicantTotals),
    zero: true,
  },
  // 上年结转政府信息公开申请2件
  {
    re: re(`(?:上年|上年度|上一年度?)结转(?:的)?${SUBJECT}(?:的)?(?:申请)?${N}${UNIT}`),
    codes: ["t3.carried_over.total"],
  },
  // 1件结转下年度继续办理 / 结转下年度继续办理的申请1件
  {
    re: re(`.{0,6}?${N}${UNIT}(?:申请)?结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?`),
    codes: ["t3.carried_forward.total"],
  },
  {
    re: re(`结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?${N}${UNIT}`),
    codes: ["t3.carried_forward.total"],
  },
  // …申请中同意公开答复9件 / 予以公开12件 / 部分公开0件 / 不予公开答复2件
  { re: re(`.{0,24}?(?<!部分|不)(?:予以公开|同意公开)(?:答复)?${N}${UNIT}`), codes: ["t3.granted.total"] },
  { re: re(`.{0,24}?部分(?:予以)?公开(?:答复)?${N}${UNIT}`), codes: ["t3.partial.total"] },
  {
    re: re(`.{0,24}?不予公开(?:答复)?${N}${UNIT}`),
    codes: t3ItemsOf("denied").map((item) => `t3.${item}.total`),
  },
  // 本年度发生政府信息公开行政复议1件 / 行政诉讼0件 / 被申请行政复议2起
  {
    re: re(`.{0,20}?(?:发生|被申请|被提起)?行政复议(?:案件|申请)?${N}${CASE_UNIT}`),
    codes: ["t4.review.total"],
    needsDisclosure: true,
  },
  {
    re: re(`.{0,20}?(?:发生|被提起)?行政诉讼(?:案件)?${N}${CASE_UNIT}`),
    codes: ["t4.suit_direct.total", "t4.suit_after_review.total"],
    needsDisclosure: true,
  },
  // 未发生因政府信息公开引起的行政复议、行政诉讼(情况)
  {
    re: re(
      `.{0,16}?(?:未|没有)(?:发生|出现|收到)[^。]*?信息公开[^。]*?行政复议(?:[、和及与或]行政诉讼)?(?:案件|的?情况|事项)?`,
    ),
    codes: ["t4.review.total"],
    zero: true,
  },
  {
    re: re(
      `.{0,16}?(?:未|没有)(?:发生|出现|收到)[^。]*?信息公开[^。]*?(?:行政复议[、和及与或])?行政诉讼(?:案件|的?情况|事项)?`,
    ),
    codes: ["t4.suit_direct.total", "t4.suit_after_review.total"],
    zero: true,
  },
];

/**
 * Words each phrasing above cannot match without (one of them, literally, outside any optional
 * part), in the same order: a clause holding none is not tried against the phrasing's pattern.
 */
const RECEIVED_WORDS = ["收到", "受理", "接收", "接到", "新收"];
const NEGATIONS = ["未", "没有"];
const PHRASING_NEEDS: string[][] = [
  RECEIVED_WORDS,
  RECEIVED_WORDS,
  ["公民", "自然人", "个人"],
  ["法人"],
  NEGATIONS,
  NEGATIONS,
  NEGATIONS,
  ["结转"],
  ["结转"],
  ["结转"],
  ["公开"],
  ["部分"],
  ["不予公开"],
  ["行政复议"],
  ["行政诉讼"],
  ["行政复议"],
  ["行政诉讼"],
];
if (PHRASING_NEEDS.length !== PHRASINGS.length) throw new Error("prose: PHRASING_NEEDS out of step");

function holdsAny(text: string, words: readonly string[]): boolean {
  for (const word of words) if (text.includes(word)) return true;
  return false;
}

// Words that make a number something other than the figure (cumulative, compared, approximate, with
// carried-over requests, requests plus enquiries …), or a clause about the reviewer's own cases.
const DISQUALIFY =
  /含|包括|累计|历年|同比|环比|增长|增加|减少|下降|上升|较上|比上|咨询|以上|以下|余|约|近|超过|多|平均|占|%|各|分别|通过|网上|网络|当面|信函|传真|邮件|邮寄|现场|代表|转交|牵头|办理行政复议|审理|受理行政复议|受理行政诉讼|其他事项|转办|如下|和|及|与|、/u;
// Conjunctions join two things in one clause; allowed only in the phrasings that expect them.
const ALLOW_CONJUNCTION = /法人[或和]|或者其他|[、和及与或]行政诉讼|^.{0,16}?(?:未|没有)/gu;

// Every phrasing holds one of these words, and a number or a negation: a cheap filter first. (It
// was one search, /(?:申请|…)[^]*?(?:\d|未|没有)|(?:\d|未|没有)[^]*?(?:申请|…)/u; no keyword shares a
// character with a digit, 未 or 没有, so the two never overlap and one always comes first: two
// linear scans say the same without its backtracking.)
const KEYWORD = /申请|结转|公开|复议|诉讼/u;
const NUMBER_OR_NEGATION = /\d|未|没有/u;

const NUMBER_WITH_UNIT = /\d+(?:件|条|起|宗|个|次|人)/gu;

/** Whitespace is dropped except between two digits (so "34 件" reads as 34件, "3 4" stays two numbers). */
function normalize(text: string): string {
  // One look at the characters first: a line that is its own NFKC form and holds no white space and
  // no comma (a dump's one-cell lines, headings, figures) is its own normal form here too. (The only
  // white space that is its own NFKC form is ASCII's, U+0009–000D and the space; NUL is not.)
  let plain = true;
  const length = text.length;
  for (let i = 0; plain && i < length; i++) {
    const code = charCodeAt.call(text, i);
    plain = code !== 0x20 && code !== 0x2c && (code < 0x09 || code > 0x0d) && isOwnNfkc(code);
  }
  if (plain) return text;
  let out = nfkc(text);
  // Each step is skipped when it has nothing to do: most lines hold no space and no comma, and
  // these replacements are most of the prose reader's time.
  if (SPACE_OR_NUL.test(out))
    out = out
      .replace(/(\d)\s+(?=\d)/gu, "$1\u0000")
      .replace(/\s+/gu, "")
      .replace(/\u0000/gu, " ");
  return digitComma(out) ? out.replace(/(\d),(?=\d{3}(?!\d))/gu, "$1") : out;
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** Whether a comma stands between two digits (the thousands separator's first condition). */
function digitComma(text: string): boolean {
  for (let i = text.indexOf(","); i !== -1; i = text.indexOf(",", i + 1))
    if (isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) return true;
  return false;
}

/**
 * Pieces of the text, each ending right after one of the `ends` characters (the last piece may end
 * with anything): `text.split(/(?<=[…])/u)` without the regex.
 */
function splitAfter(text: string, ends: number): string[] {
  const out: string[] = [];
  let start = 0;
  const length = text.length;
  for (let i = 0; i + 1 < length; i++) {
    // Ideographs, most of the text, are no punctuation (and not looked up in the 64 KB table).
    const code = charCodeAt.call(text, i);
    if ((code >= 0x4e00 && code <= 0x9fff) || (PUNCTUATION[code]! & ends) === 0) continue;
    out.push(slice.call(text, start, i + 1));
    start = i + 1;
  }
  out.push(slice.call(text, start));
  return out;
}

// The punctuation that ends sentences and clauses, as bit flags by character code (one lookup per
// character: whole reports are scanned).
const SENTENCE_ENDS = 1;
const CLAUSE_ENDS = 2;
const CLAUSE_TRAIL = 4;
/** A line ending with one of these ends its paragraph. */
const PARAGRAPH_ENDS = 8;
const PUNCTUATION = new Uint8Array(0x10000);
for (const [chars, flag] of [
  ["。；;！？!?", SENTENCE_ENDS],
  ["，,：:", CLAUSE_ENDS],
  ["，,：:。；;！？!?", CLAUSE_TRAIL],
  ["。；;！？!?：:", PARAGRAPH_ENDS],
] as const) {
  for (const char of chars) PUNCTUATION[char.charCodeAt(0)]! |= flag;
}

/** The clause without its trailing punctuation (as `.replace(/[…]+$/u, "")`). */
function withoutTrail(raw: string): string {
  let end = raw.length;
  while (end > 0 && (PUNCTUATION[charCodeAt.call(raw, end - 1)]! & CLAUSE_TRAIL) !== 0) end--;
  return end === raw.length ? raw : slice.call(raw, 0, end);
}

const SPACE_OR_NUL = /[\s\u0000]/u;

const HEADING = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d+[、.．])/u;

interface Paragraph {
  text: string;
  /** Start offset in `text` of each block, and the block's location (same order). */
  starts: number[];
  locs: (SourceLocation | undefined)[];
}

/** A paragraph being gathered: its blocks' texts are joined once, when it is complete. */
interface OpenParagraph {
  parts: string[];
  length: number;
  starts: number[];
  locs: (SourceLocation | undefined)[];
  /** Whether the last part ends a sentence or a clause (its last character is one of PARAGRAPH_ENDS). */
  lastEnds: boolean;
  /** Whether the last part is a heading. */
  lastHeading: boolean;
}

/** Consecutive lines of prose form a paragraph (copied-out text breaks sentences across lines). */
function paragraphs(doc: DocumentIR): Paragraph[] {
  const out: OpenParagraph[] = [];
  let current: OpenParagraph | null = null;
  for (const block of doc.blocks) {
    if (block.kind !== "text") {
      current = null;
      continue;
    }
    const text = normalize(block.text);
    if (!text) continue;
    // The paragraph goes on unless the text so far ends a sentence or a clause, the line is a
    // heading, or the last line was one (a heading line without a full stop so far). Each line is
    // looked at once: what its end and start say is kept for the next line.
    const heading = HEADING.test(text);
    const continues =
      current !== null &&
      !current.lastEnds &&
      !heading &&
      !(current.lastHeading && !current.parts.some((part) => includes.call(part, "。")));
    if (!continues || !current) {
      current = { parts: [], length: 0, starts: [], locs: [], lastEnds: false, lastHeading: false };
      out.push(current);
    }
    current.starts.push(current.length);
    current.locs.push(block.loc);
    current.parts.push(text);
    current.length += text.length;
    current.lastEnds = (PUNCTUATION[charCodeAt.call(text, text.length - 1)]! & PARAGRAPH_ENDS) !== 0;
    current.lastHeading = heading;
  }
  return out.map(({ parts, starts, locs }) => ({ text: parts.join(""), starts, locs }));
}

function locAt(paragraph: Paragraph, offset: number): SourceLocation | undefined {
  let loc: SourceLocation | undefined;
  for (let i = 0; i < paragraph.starts.length; i++)
    if (paragraph.starts[i]! <= offset) loc = paragraph.locs[i];
  return loc;
}

/** Every claim the prose makes about a table figure, the ones stated twice differently left out. */
export function readProseClaims(doc: DocumentIR): ProseClaim[] {
  const found = new Map<string, ProseClaim[]>();
  for (const paragraph of paragraphs(doc)) {
    // Every phrasing names one of these words (KEYWORD), and a claim holds a number or a negation
    // (claimsOf): text without both holds no claim.
    if (!KEYWORD.test(paragraph.text)) continue;
    let sentenceStart = 0;
    for (const sentence of splitAfter(paragraph.text, SENTENCE_ENDS)) {
      if (!KEYWORD.test(sentence) || !NUMBER_OR_NEGATION.test(sentence)) {
        sentenceStart += sentence.length;
        continue;
      }
      const disclosure = /信息公开|依申请公开/u.test(sentence);
      // "共受理申请36件，其中上年结转1件": the total counts the carried-over requests too.
      const withCarriedOver = /其中[^，。；]*?上一?年度?结转/u.test(sentence);
      let clauseStart = sentenceStart;
      for (const raw of splitAfter(sentence, CLAUSE_ENDS)) {
        const clause = withoutTrail(raw).replace(/^(?:\d{4}年度?|本年度|今年)/u, "");
        for (const claim of claimsOf(clause, disclosure)) {
          if (withCarriedOver && claim.codes[0] === "t3.new.total") continue;
          const loc = locAt(paragraph, clauseStart);
          const key = claim.codes.join("+");
          const list = found.get(key) ?? [];
          // Built field by field (the same fields, in the same order, as spreading the claim).
          const read: ProseClaim = { codes: claim.codes, value: claim.value, text: clause };
          if (loc) read.loc = loc;
          list.push(read);
          found.set(key, list);
        }
        clauseStart += raw.length;
      }
      sentenceStart += sentence.length;
    }
  }
  const out: ProseClaim[] = [];
  for (const list of found.values()) if (list.every((c) => c.value === list[0]!.value)) out.push(list[0]!);
  return out;
}

function claimsOf(clause: string, disclosure: boolean): { codes: string[]; value: number }[] {
  if (clause.length === 0 || clause.length > 60) return [];
  if (!KEYWORD.test(clause) || !NUMBER_OR_NEGATION.test(clause)) return [];
  const numbers = clause.match(NUMBER_WITH_UNIT) ?? [];
  if (numbers.length > 1) return [];
  if (DISQUALIFY.test(clause.replace(ALLOW_CONJUNCTION, ""))) return [];
  const out: { codes: string[]; value: number }[] = [];
  for (let p = 0; p < PHRASINGS.length; p++) {
    const phrasing = PHRASINGS[p]!;
    if (phrasing.needsDisclosure && !disclosure) continue;
    if (!holdsAny(clause, PHRASING_NEEDS[p]!)) continue;
    const match = phrasing.re.exec(clause);
    if (!match) continue;
    if (phrasing.zero) {
      // 未发生…行政复议、行政诉讼 states both; a number anywhere in the clause makes it no claim.
      if (numbers.length === 0) out.push({ codes: phrasing.codes, value: 0 });
      continue;
    }
    if (numbers.length !== 1) return [];
    const value = Number(match[1]);
    if (!Number.isSafeInteger(value) || value > 9_999_999) return [];
    return [{ codes: phrasing.codes, value }];
  }
  return out;
}
