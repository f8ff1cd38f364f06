// The national template's figure structure (REPORT-FORMAT.md): table 3's rows and applicant
// columns and table 4's groups, as metric-code parts. Shared by the figure generator, the identity
// checker and every renderer, so all of them agree on the codes in data/metrics.json.
import type { TemplateId } from "../model/contract.js";

export const T3_COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"] as const;
export type T3Column = (typeof T3_COLUMNS)[number];
/** The six applicant columns whose sum is the 总计 column. */
export const T3_PARTS = T3_COLUMNS.slice(0, 6) as readonly Exclude<T3Column, "total">[];

export const T3_DENIED = [
  "state_secret",
  "law_forbidden",
  "security",
  "third_party",
  "internal",
  "process",
  "enforcement",
  "query",
] as const;
export const T3_UNABLE = ["not_held", "needs_creation", "unclear"] as const;
export const T3_REJECTED = ["petition", "repeat", "publication", "mass", "confirm"] as const;
export const T3_OTHER_ITEMS = ["no_correction", "no_fee", "other"] as const;

/** Outcome rows (code prefixes after "t3.") that add up to （七）总计, excluding (六). */
export const T3_OUTCOMES_BUT_OTHER: readonly string[] = [
  "granted",
  "partial",
  ...T3_DENIED.map((k) => `denied.${k}`),
  ...T3_UNABLE.map((k) => `unable.${k}`),
  ...T3_REJECTED.map((k) => `rejected.${k}`),
];

/** All table 3 row keys a template defines, in printed order ("other" is the (六) row total). */
export function t3RowKeys(template: TemplateId): string[] {
  const otherItems = template === "2021" ? T3_OTHER_ITEMS.map((k) => `other.${k}`) : [];
  return [
    "new",
    "carried_over",
    ...T3_OUTCOMES_BUT_OTHER,
    ...otherItems,
    "other",
    "total",
    "carried_forward",
  ];
}

export const T4_GROUPS = ["review", "suit_direct", "suit_after_review"] as const;
export type T4Group = (typeof T4_GROUPS)[number];
export const T4_OUTCOMES = ["upheld", "corrected", "other", "pending", "total"] as const;

export const t3Code = (row: string, column: T3Column): string => `t3.${row}.${column}`;
export const t4Code = (group: T4Group, outcome: (typeof T4_OUTCOMES)[number]): string =>
  `t4.${group}.${outcome}`;
