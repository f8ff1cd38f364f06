// Whether a grid found on a scan is one of the report's tables, by what its cells say: a table the
// template can use names its rows and columns with the template's own words (row labels, headings,
// applicant columns, table 2's and table 4's header words). A grid found where the page reader had
// to look harder (grey hairline rules, page-reader.ts) is kept only with that evidence, so a grid
// read into prose, a dark corner or a shadow never becomes a table.
import { TABLE2, TABLE3, TABLE4 } from "../../src/model/template/index.js";
import { T2_ROWS, T3_HEADINGS, T3_ROWS, type RowLabel } from "../template/dictionary.js";
import { LabelMatcher } from "../template/matcher.js";
import { normalizeLabel, stripNumbering } from "../template/normalize.js";

/** The template's words a table's cells hold: row labels, headings and header words. */
const WORDS: RowLabel[] = [
  ...T2_ROWS,
  ...T3_ROWS,
  ...T3_HEADINGS,
  ...[
    ...TABLE2.rows.flatMap((r) => r.columns.map((c) => c.zh)),
    ...Object.values(TABLE2.layouts).flatMap((blocks) =>
      blocks.flatMap((b) => [`第二十条第（${b.item}）项`, ...(b.headers ?? [])]),
    ),
    ...TABLE3.columns.map((c) => c.zh),
    TABLE3.organisations,
    "申请人情况",
    "信息内容",
    ...TABLE4.groups.flatMap((g) => [g.zh, ...(g.parent ? [g.parent] : [])]),
    ...TABLE4.results.map((r) => r.zh),
  ].map((word, i) => ({ key: `word-${i}`, variants: [word] })),
];

let matcher: LabelMatcher | undefined;

/**
 * Whether a cell's text is one of the template's words: the word found at the text's end (fuzzy
 * for long words, as the recognizer matches labels) must make up most of the text, so a line of
 * prose that happens to end in 其他 or 行政复议 is no evidence.
 */
export function isTemplateWord(text: string): boolean {
  const norm = stripNumbering(normalizeLabel(text));
  if (norm.length < 2) return false;
  matcher ??= new LabelMatcher(WORDS);
  const found = matcher.match(norm);
  return found !== null && found.length >= norm.length * COVER;
}

/** Share of a cell's (normalised, unnumbered) text the template word must cover. */
const COVER = 0.6;

/**
 * Whether a grid of `rows` rows whose label cells read `texts` is a table of the report: two cells
 * holding the template's words (one for a one-row grid: a table's last row alone on a page).
 */
export function namesTemplateTable(texts: string[], rows: number): boolean {
  const words = texts.filter(isTemplateWord).length;
  return words >= Math.min(2, Math.max(1, rows));
}
