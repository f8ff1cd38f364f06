// Groups text runs into lines and joins them into strings the way a reader would copy them:
// no spaces between Chinese characters (PDF producers and pdf.js put some there), a space
// between Latin words, and lines of a wrapped cell or paragraph joined without a break.
import { unionBox, type Box, type TextRun } from "./geometry.js";

const CJK =
  "\\u2E80-\\u2FDF\\u3000-\\u303F\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF“”‘’—…";
const CJK_CHAR = new RegExp(`[${CJK}]`);
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) +(?=[${CJK}])`, "g");

export function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK_CHAR.test(char);
}

/**
 * Collapses whitespace and removes it between two CJK characters. With `keepTabs`, a run of
 * whitespace holding a tab (a wide gap between columns) stays one tab.
 */
export function normalizeSpacing(text: string, keepTabs = false): string {
  const collapsed = keepTabs
    ? text.replace(/[\s\u00A0]+/g, (run) => (run.includes("\t") ? "\t" : " "))
    : text.replace(/[\s\u00A0]+/g, " ");
  return collapsed.replace(SPACE_BETWEEN_CJK, "").trim();
}

export interface Line {
  runs: TextRun[];
  box: Box;
  /** The largest font size on the line. */
  size: number;
}

/** Clusters runs into lines by vertical overlap, top to bottom; runs in a line go left to right. */
export function groupLines(runs: TextRun[]): Line[] {
  const sorted = [...runs].sort((a, b) => midY(a) - midY(b) || a.box[0] - b.box[0]);
  const lines: Line[] = [];
  for (const run of sorted) {
    const line = lines.find((candidate) => sameLine(candidate, run));
    if (line) {
      line.runs.push(run);
      line.box = unionBox(line.box, run.box);
      line.size = Math.max(line.size, run.size);
    } else {
      lines.push({ runs: [run], box: [...run.box], size: run.size });
    }
  }
  for (const line of lines) line.runs.sort((a, b) => a.box[0] - b.box[0]);
  return lines.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
}

function midY(run: TextRun): number {
  return (run.box[1] + run.box[3]) / 2;
}

function sameLine(line: Line, run: TextRun): boolean {
  if (run.vertical || line.runs.some((r) => r.vertical)) {
    // Vertical labels are their own "line" unless they stack in the same column.
    return false;
  }
  const lineMid = (line.box[1] + line.box[3]) / 2;
  const tolerance = 0.45 * Math.min(line.size, run.size);
  if (Math.abs(midY(run) - lineMid) > tolerance) return false;
  // Runs on the same baseline that overlap horizontally are stacked text, not one line.
  return !line.runs.some(
    (r) => r.box[0] < run.box[2] - 0.5 * run.size && run.box[0] < r.box[2] - 0.5 * r.size,
  );
}

/** A gap this wide (in font sizes) between two runs separates columns, not words. */
const COLUMN_GAP = 1.5;

/**
 * Joins one line's runs: a space between Latin words that sit apart, a tab across a gap as wide
 * as a column gap (so "行政许可 9487" never becomes the number "许可9487" or two cells one figure).
 */
export function joinLine(line: Line): string {
  let text = "";
  let previous: TextRun | undefined;
  for (const run of line.runs) {
    if (previous) {
      const gap = run.box[0] - previous.box[2];
      if (gap >= COLUMN_GAP * Math.min(run.size, previous.size)) text += "\t";
      const needsSpace =
        gap > 0.25 * Math.min(run.size, previous.size) && !isCjk(text.at(-1)) && !isCjk(run.text[0]);
      if (needsSpace) text += " ";
    }
    text += run.text;
    previous = run;
  }
  return normalizeSpacing(text, true);
}

/** Joins wrapped lines: no separator around CJK text, a space between Latin fragments. */
export function joinLines(lines: string[], keepTabs = false): string {
  let text = "";
  for (const line of lines) {
    if (!line) continue;
    if (text && !isCjk(text.at(-1)) && !isCjk(line[0]) && !/[-/]$/.test(text)) text += " ";
    text += line;
  }
  return normalizeSpacing(text, keepTabs);
}
