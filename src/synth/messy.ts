// The damage real copied-out reports carry (issue 9's reading classes), one class per document, so
// each can be produced on demand and measured apart (`npm run bench -- parse` reports each class).
// A class document starts from a clean report rendered as tab-separated text (every cell printed,
// zeros as 0) and is then damaged the way real copies are:
//   detached_numbers   one cell per line, item numbers on lines of their own ("2." / "其他法律…");
//   word_runs          one cell per line, one figure of table 3 split into two Word runs ("1" / "60");
//   money_header       the amount in 元 with the unit alone under a header split over lines;
//   signed_changes     2019 table 2 with 本年增/减 as "增" / "3", "减2", "+ 14", "增加5";
//   headings_together  the table 4 heading run into the next section's, before table 4;
//   llm_markdown       Markdown as OCR or a language model writes it: small tables for the header
//                      pieces, table 3 under generic headers "数据1 … 数据6 | 总计";
//   vanished_blanks    zeros printed blank, then blank cells dropped: one printed cell per line.
// The truth keeps every printed figure except where noted (vanished_blanks: only figures the text
// determines by the row identity alone are certain, so the others are marked undeterminable).
import type { TemplateId } from "../model/contract.js";
import { TABLE2 } from "../model/template/index.js";
import type { RenderedDocument } from "./document.js";
import { NATIONAL_HEADINGS } from "./prose.js";
import { createRng, type Rng } from "./random.js";
import { createReport, truthFor, type SynthReport } from "./report.js";
import { renderText } from "./render-text.js";
import { T3_COLUMNS } from "./shape.js";

export const MESSY_CLASSES = [
  "detached_numbers",
  "word_runs",
  "money_header",
  "signed_changes",
  "headings_together",
  "llm_markdown",
  "vanished_blanks",
] as const;
export type MessyClass = (typeof MESSY_CLASSES)[number];

/** The template a class needs (signed changes exist only in 2019's table 2). */
const TEMPLATE: Partial<Record<MessyClass, TemplateId>> = { signed_changes: "2019" };

/** Document `index` of a corpus of class `cls` (deterministic from seed, class and index). */
export function renderMessyDocument(index: number, cls: MessyClass, seed = "messy"): RenderedDocument {
  const key = `${seed}:${cls}:${index}`;
  const rng = createRng(`${key}:render`);
  // Word runs split figures of two digits or more.
  const volume = rng.pick(
    cls === "word_runs" ? (["tens", "hundreds"] as const) : (["few", "tens", "hundreds"] as const),
  );
  const make = (k: number) =>
    createReport(`${key}:${k}`, {
      clean: true,
      figures: { volume },
      ...(TEMPLATE[cls] ? { template: TEMPLATE[cls] } : {}),
      ...(cls === "vanished_blanks" ? { layout: { zeroStyle: "" as const } } : {}),
    });
  // A money class needs an amount to print: the first draw that has one.
  let report = make(0);
  for (let k = 1; cls === "money_header" && moneyAmount(report) === 0 && k < 64; k++) report = make(k);
  const tabs = cleanTabs(report);
  const name = `messy-${cls}-${String(index).padStart(6, "0")}-${report.figures.template}`;
  const text = (body: string, undeterminable: string[] = []): RenderedDocument => ({
    name: `${name}.txt`,
    bytes: new TextEncoder().encode(body),
    mediaType: "text/plain; charset=UTF-8",
    form: "text",
    truth: truthFor(report, [`messy_${cls}`], undeterminable),
    report,
  });
  switch (cls) {
    case "detached_numbers":
      return text(cellPerLine(tabs, rng.chance(0.5) ? "dot" : "bare"));
    case "word_runs":
      return text(splitWordRun(cellPerLine(tabs), rng));
    case "money_header":
      return text(cellPerLine(moneyInYuan(tabs, report)));
    case "signed_changes":
      return text(cellPerLine(signedChanges(tabs, report, rng)));
    case "headings_together":
      return text(headingsTogether(tabs));
    case "llm_markdown": {
      const body = llmMarkdown(tabs);
      return {
        ...text(body),
        name: `${name}.md`,
        mediaType: "text/markdown; charset=UTF-8",
        form: "markdown",
      };
    }
    case "vanished_blanks":
      return text(cellPerLine(tabs), vanishedUndetermined(report));
  }
}

function cleanTabs(report: SynthReport): string {
  const options = { style: "tabs", footers: false, gluedFooter: false, brokenLabels: false } as const;
  const doc = renderText(report, { ...options, centredSpanLabels: false }, createRng("tabs"), "clean");
  return new TextDecoder().decode(doc.bytes);
}

/** Every non-empty cell of a tab line on its own line, CRLF (a crawler's dump); item numbers detached. */
export function cellPerLine(text: string, numbering?: "dot" | "bare"): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.includes("\t")) {
      out.push(line);
      continue;
    }
    for (const cell of line.split("\t").map((c) => c.trim())) {
      if (cell === "") continue;
      const item = /^(\d)[.、]([\u4e00-\u9fff].*)$/u.exec(cell);
      if (item && numbering) out.push(numbering === "dot" ? `${item[1]}.` : item[1]!, item[2]!);
      else out.push(cell);
    }
  }
  return out.join("\r\n");
}

/** Splits one figure of table 3 (two digits or more, printed once in its row) into two lines. */
function splitWordRun(text: string, rng: Rng): string {
  const lines = text.split("\r\n");
  const from = lines.indexOf(NATIONAL_HEADINGS.t3);
  const to = lines.indexOf(NATIONAL_HEADINGS.t4);
  const candidates: number[] = [];
  for (let i = from + 1; i < to; i++) {
    if (!/^[1-9]\d+$/.test(lines[i]!)) continue;
    // Only where the split digits cannot also be read as the figures around them merged.
    if (lines[i - 1] === lines[i]!.slice(0, 1) || lines[i + 1] === lines[i]!.slice(1)) continue;
    candidates.push(i);
  }
  if (candidates.length === 0) return text;
  const i = rng.pick(candidates);
  const figure = lines[i]!;
  // A second part starting with 0 is not a Word run of its own figure ("1" / "05" is not 105).
  const cuts = [...figure].flatMap((d, k) => (k > 0 && d !== "0" ? [k] : []));
  if (cuts.length === 0) return text;
  const at = rng.pick(cuts);
  lines.splice(i, 1, figure.slice(0, at), figure.slice(at));
  return lines.join("\r\n");
}

/** The table 2 amount of the report's template (万元). */
function moneyAmount(report: SynthReport): number {
  const code = report.figures.template === "2021" ? "t2.fees.amount" : "t2.procurement.amount";
  return report.figures.values[code] ?? 0;
}

/** The money amount printed in 元 (exact decimal text), the unit alone on a line under its header. */
function moneyInYuan(tabs: string, report: SynthReport): string {
  const template = report.figures.template;
  const amount = moneyAmount(report);
  const header = template === "2021" ? "本年收费金额" : "采购总金额";
  const label = template === "2021" ? "行政事业性收费" : "政府集中采购";
  const yuan = shiftText(String(amount), 4);
  return tabs
    .split("\n")
    .map((line) => {
      const cells = line.split("\t");
      const h = cells.findIndex((c) => c.startsWith(header));
      if (h >= 0) cells.splice(h, 1, header, "（元）");
      const last = cells.findLastIndex((c) => c.trim() !== "");
      if (cells[0] === label && amount !== 0 && last > 0) cells[last] = yuan;
      return cells.join("\t");
    })
    .join("\n");
}

/** Decimal text with the point moved `places` to the right, exactly ("12019.047534", 4 → "120190475.34"). */
function shiftText(decimal: string, places: number): string {
  const [whole = "0", frac = ""] = decimal.split(".");
  const digits = (whole + frac.padEnd(places, "0")).replace(/^0+(?=\d)/, "");
  const point = digits.length - Math.max(0, frac.length - places);
  const out = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/\.?0*$/, "");
  return out === "" ? "0" : out;
}

/** Labels of the table 2 rows that print a signed 本年增/减 in 2019 (from the template description). */
const T2_2019_CHANGE_ROWS = TABLE2.rows
  .filter((r) => r.columns.some((c) => c.signed && c.templates.includes("2019")))
  .map((r) => r.labels[0]!);

/** 本年增/减 printed every way real copies print it. */
function signedChanges(tabs: string, _report: SynthReport, rng: Rng): string {
  return tabs
    .split("\n")
    .map((line) => {
      const cells = line.split("\t");
      if (!T2_2019_CHANGE_ROWS.includes(cells[0]!) || cells.length < 3) return line;
      const change = Number(cells[2]);
      if (!Number.isInteger(change) || change === 0) return line;
      const n = Math.abs(change);
      const forms =
        change > 0
          ? [`增\t${n}`, `+ ${n}`, `增加${n}`, `+${n}`]
          : [`减\t${n}`, `减${n}`, `-${n}`, `减少${n}`];
      cells[2] = rng.pick(forms);
      return cells.join("\t");
    })
    .join("\n");
}

/** "四、…行政诉讼情况五、存在的主要问题及改进情况" on one line before table 4. */
function headingsTogether(tabs: string): string {
  return tabs
    .replace(`${NATIONAL_HEADINGS.problems}\n`, "")
    .replace(NATIONAL_HEADINGS.t4, NATIONAL_HEADINGS.t4 + NATIONAL_HEADINGS.problems);
}

/** A pipe table: the first row as its header, a delimiter row, the others, then a blank line. */
export function markdownTable(...rows: string[][]): string[] {
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [row(rows[0]!), row(rows[0]!.map(() => "---")), ...rows.slice(1).map(row), ""];
}

/** Markdown as an OCR tool or a language model writes it (see the module comment). */
function llmMarkdown(tabs: string): string {
  const table = markdownTable;
  const out: string[] = [];
  let section = "";
  let t3Header = true;
  const t3Rows: string[][] = [];
  const flushT3 = () => {
    if (t3Rows.length === 0) return;
    out.push(...table(["类别", ...T3_COLUMNS.slice(0, 6).map((_, i) => `数据${i + 1}`), "总计"], ...t3Rows));
    t3Rows.length = 0;
  };
  for (const line of tabs.split("\n")) {
    if (!line.includes("\t")) {
      if (line === NATIONAL_HEADINGS.t4) flushT3();
      if (Object.values(NATIONAL_HEADINGS).includes(line)) section = line;
      out.push(
        line.startsWith("一、") || Object.values(NATIONAL_HEADINGS).includes(line) ? `## ${line}` : line,
        "",
      );
      continue;
    }
    const cells = line.split("\t").filter((c) => c.trim() !== "");
    if (section !== NATIONAL_HEADINGS.t3) {
      out.push(...table(cells));
      continue;
    }
    const figures = cells.filter((c) => /^\d+$/.test(c));
    if (t3Header && figures.length === 0) {
      out.push(...table(cells));
      continue;
    }
    t3Header = false;
    t3Rows.push([cells.slice(0, cells.length - figures.length).join(" "), ...figures]);
  }
  flushT3();
  return out.join("\n");
}

/**
 * Codes whose place the text does not fix by its own row: in table 3 every placement of the printed
 * (non-zero) figures among the seven cells that keeps their order and the row identity is a reading,
 * and cells the readings disagree on are undetermined; in tables 2 and 4 every figure of a row with a
 * blank cell is. A careful reader may still place some with the column identities: the bench scores
 * those as guesses against the real figure.
 */
function vanishedUndetermined(report: SynthReport): string[] {
  const values = report.figures.values;
  const rows = new Map<string, string[]>();
  for (const code of Object.keys(values)) {
    const row = code.slice(0, code.lastIndexOf("."));
    rows.set(row, [...(rows.get(row) ?? []), code]);
  }
  const out: string[] = [];
  for (const [row, codes] of rows) {
    if (!row.startsWith("t3.")) {
      if (codes.some((c) => values[c] === 0)) out.push(...codes);
      continue;
    }
    const cells = T3_COLUMNS.map((col) => values[`${row}.${col}`]!);
    const printed = cells.filter((v) => v !== 0);
    const readings = placements(printed, 7).filter((r) => r.slice(0, 6).reduce((a, b) => a + b, 0) === r[6]);
    T3_COLUMNS.forEach((col, i) => {
      if (readings.length !== 1 && readings.some((r) => r[i] !== readings[0]![i])) out.push(`${row}.${col}`);
    });
  }
  return out;
}

/** Every way to put `figures` in order into `width` cells, the other cells 0. */
function placements(figures: number[], width: number): number[][] {
  const out: number[][] = [];
  const walk = (cell: number, next: number, acc: number[]): void => {
    if (next === figures.length) return void out.push([...acc, ...new Array<number>(width - cell).fill(0)]);
    if (width - cell < figures.length - next) return;
    walk(cell + 1, next + 1, [...acc, figures[next]!]);
    walk(cell + 1, next, [...acc, 0]);
  };
  walk(0, 0, []);
  return out;
}
