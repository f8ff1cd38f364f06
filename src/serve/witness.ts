// How a figure is known, in the reader's language: the store's `known`, `identities_hold/fail/
// unchecked` and `prose` columns (the recognizer's second witnesses, src/model/contract.ts
// FigureKnown), OCR's `ocr_confidence` and `ocr_first_reading` for figures read from a scan, and
// `derived` (how a value was obtained when it is not one printed cell read as is).
// Stores written before those columns existed simply have none of them; unknown codes are shown as
// stored.
import type { Lang } from "./i18n.js";
import type { Label } from "./layout.js";
import type { Figure } from "./queries.js";

const KNOWN: Record<string, Label> = {
  confirmed: {
    zh: "已印证：勾稽关系成立或正文所述一致（另一处印刷相互印证）",
    en: "confirmed: an identity over it holds or the prose states the same figure",
  },
  contradicted: {
    zh: "有矛盾：勾稽关系不成立或正文所述不同",
    en: "contradicted: an identity over it fails or the prose states another figure",
  },
  reconstructed: {
    zh: "经勾稽关系还原：印刷受损（断开、合并或展开），取勾稽关系认可的读法",
    en: "reconstructed: damaged print read the way the identities accept (not an independent witness)",
  },
  resolved_across_years: {
    zh: "跨年度确定：本表一行数字连印无法拆分，仅一种读法与相邻年度的现行有效件数衔接",
    en: "resolved across years: a run-together row only one reading of which agrees with the neighbouring years",
  },
  unconfirmed: {
    zh: "未能印证：相关勾稽关系缺项，无法核对",
    en: "unconfirmed: the identities over it cannot be checked (a figure they need is missing)",
  },
  no_identity: {
    zh: "无勾稽关系覆盖（如表二），正文也未提及",
    en: "no identity covers it (e.g. table 2) and the prose does not state it",
  },
  prose: {
    zh: "取自正文：表格中的数字无法读取",
    en: "from the prose: the table's figure was unreadable",
  },
};

const IDENTITIES: Record<string, Label> = {
  "identity.t3.balance": {
    zh: "本年新收＋上年结转＝办理结果总计＋结转下年度",
    en: "new + carried over = total handled + carried forward",
  },
  "identity.t3.outcomes": {
    zh: "办理结果（一）至（六）之和＝总计",
    en: "outcomes (1)–(6) add up to the total handled",
  },
  "identity.t3.other_items": {
    zh: "（六）其他处理三项之和＝（六）",
    en: "the three items of (6) add up to (6)",
  },
  "identity.t3.row_total": {
    zh: "各类申请人之和＝总计",
    en: "the applicant columns add up to the total",
  },
  "identity.t4.group_total": {
    zh: "维持＋纠正＋其他＋尚未审结＝总计",
    en: "upheld + corrected + other + pending = total",
  },
};

const DERIVED: Record<string, Label> = {
  sum_of_items: { zh: "由分项相加", en: "sum of its items" },
  split_run_together: { zh: "拆分连写的数字", en: "split from digits run together" },
  expanded_merged_cells: { zh: "展开合并单元格", en: "expanded from merged cells" },
  joined_word_runs: { zh: "拼接被拆开的数字", en: "joined from split runs" },
  read_from_prose: { zh: "取自正文", en: "read from the prose" },
  solved_from_identity: { zh: "由勾稽关系推算", en: "solved from an identity" },
};

const PROSE: Record<string, Label> = {
  agrees: { zh: "正文所述一致", en: "the prose states the same figure" },
  disagrees: { zh: "正文所述不同", en: "the prose states another figure" },
};

/** The columns this module reads, with their headers in downloads; any other is shown as stored. */
export const WITNESS_LABELS: Record<string, Label> = {
  known: { zh: "如何得知", en: "known" },
  identities_hold: { zh: "成立的勾稽关系", en: "identities_hold" },
  identities_fail: { zh: "不成立的勾稽关系", en: "identities_fail" },
  identities_unchecked: { zh: "无法核对的勾稽关系", en: "identities_unchecked" },
  prose: { zh: "正文印证", en: "prose" },
  ocr_confidence: { zh: "OCR 置信度", en: "ocr_confidence" },
  ocr_first_reading: { zh: "OCR 首次读取", en: "ocr_first_reading" },
};
const WITNESS_COLUMNS = new Set(Object.keys(WITNESS_LABELS));

const text = (value: string | number | undefined): string | undefined =>
  value === undefined || value === "" ? undefined : String(value);

function identityList(value: string | number | undefined, lang: Lang): string | undefined {
  const codes = text(value);
  if (!codes) return undefined;
  return codes
    .split(",")
    .map((code) => code.trim())
    .filter(Boolean)
    .map((code) => IDENTITIES[code]?.[lang] ?? code)
    .join("；");
}

export interface Witnesses {
  /** The `known` code as stored (for a CSS class), or undefined. */
  known?: string;
  knownText?: string;
  holds?: string;
  fails?: string;
  unchecked?: string;
  prose?: string;
  derived?: string;
  /** Read by OCR from a scan: the engine's confidence and its first reading when another was chosen. */
  ocr?: string;
  /** Other extra columns, "name: value; …". */
  other?: string;
}

export function witnessesOf(figure: Figure, lang: Lang): Witnesses {
  const extra = figure.extra;
  const known = text(extra.known);
  const other = Object.entries(extra)
    .filter(([key]) => !WITNESS_COLUMNS.has(key))
    .map(([key, value]) => `${key}: ${value}`)
    .join("; ");
  const prose = text(extra.prose);
  const confidence = text(extra.ocr_confidence);
  const first = text(extra.ocr_first_reading);
  const ocr = confidence
    ? lang === "zh"
      ? `扫描件 OCR 识别，置信度 ${confidence}/100${first ? `；引擎首次读作“${first}”，按勾稽关系改取此读法` : ""}`
      : `read by OCR from a scan, confidence ${confidence}/100${first ? `; the engine first read "${first}", the identities chose this reading` : ""}`
    : undefined;
  return {
    known,
    knownText: known ? (KNOWN[known]?.[lang] ?? known) : undefined,
    holds: identityList(extra.identities_hold, lang),
    fails: identityList(extra.identities_fail, lang),
    unchecked: identityList(extra.identities_unchecked, lang),
    prose: prose ? (PROSE[prose]?.[lang] ?? prose) : undefined,
    derived: figure.derived ? (DERIVED[figure.derived]?.[lang] ?? figure.derived) : undefined,
    ocr,
    other: other || undefined,
  };
}
