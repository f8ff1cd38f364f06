// The recognizer's view of the national template (src/model/template/): each row's label wordings
// (matched normalised, see normalize.ts and matcher.ts) keyed by the metric-code stem they feed,
// the headings that hold no figures, and the columns and groups in printed order. Nothing here is
// written by hand: edit the description.
import {
  TABLE2,
  TABLE3,
  TABLE4,
  T3_HEADINGS as HEADINGS,
  T3_ROWS as ROWS,
} from "../../src/model/template/index.js";

export interface RowLabel {
  /** Metric-code stem, e.g. "denied.state_secret" (t3) or "licensing" (t2); "" for headings. */
  key: string;
  variants: string[];
  /** A heading groups rows but holds no figures of its own. */
  heading?: boolean;
}

/** Table 3 rows in template order; (六) appears both as the collapsed row and as three items. */
export const T3_ROWS: RowLabel[] = ROWS.map((r) => ({ key: r.key, variants: [...r.labels] }));

/** Every table 3 row key, in printed order ((六) both as one row and as its items). */
export const T3_ROW_KEYS = T3_ROWS.map((r) => r.key);
/** (六)其他处理's items (2021 layout): the rows of the heading that holds figures and items. */
const withItems = ROWS.find((r) => r.items?.length)!;
export const T3_OTHER_ITEMS: readonly string[] = withItems.items!;
/** (六)其他处理: the row whose figures are, in 2021, the sum of its items. */
export const OTHER = withItems.key;

export const T3_HEADINGS: RowLabel[] = [
  { key: "", heading: true, variants: HEADINGS.flatMap((h) => [...h.labels]) },
];

/** Table 2 rows; which of them exist and how many figures each holds depends on the layout. */
export const T2_ROWS: RowLabel[] = TABLE2.rows.map((r) => ({ key: r.key, variants: [...r.labels] }));

/** Applicant columns of table 3, in printed order. */
export const T3_COLUMNS: readonly string[] = TABLE3.columns.map((c) => c.key);

/** Table 4: three groups × five results, in printed order. */
export const T4_GROUPS: readonly string[] = TABLE4.groups.map((g) => g.key);
export const T4_RESULTS: readonly string[] = TABLE4.results.map((r) => r.key);
/** Table 4's fifteen metric codes in printed order (its one value row). */
export const T4_CODES: readonly string[] = T4_GROUPS.flatMap((g) => T4_RESULTS.map((r) => `t4.${g}.${r}`));

/** Metric codes of each table 3 row, column by column, built once (looked up per candidate reading). */
const T3_ROW_CODES = new Map(T3_ROW_KEYS.map((key) => [key, T3_COLUMNS.map((col) => `t3.${key}.${col}`)]));

/** The metric codes of a table 3 row (`t3.KEY.COLUMN`), in printed column order. */
export function t3RowCodes(key: string): readonly string[] {
  return T3_ROW_CODES.get(key) ?? T3_COLUMNS.map((col) => `t3.${key}.${col}`);
}
