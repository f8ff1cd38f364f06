// Renders a report as the text people and crawlers copy out of real reports:
//   tabs          one line per table row, cells separated by tabs (corpus 00-*.txt);
//   aligned       space-aligned columns like `pdftotext -layout`;
//   cell_lines    one cell per line, blank cells dropped, identical neighbours merged (35-*.txt);
//   run_together  tags stripped, cells run together with no separator (07-pingtan-2021.txt).
// Optional hazards: page footers between rows ("— 3 —"), a footer glued to a number
// ("9487- 3 -"), long labels broken over two lines.
import { readMergedCells, readRunTogether, undeterminedAcrossRows, type ReadRow } from "./ambiguity.js";
import { checkIdentities } from "./identities.js";
import { T3_COLUMNS, T3_OTHER_ITEMS } from "./shape.js";
import type { RenderedDocument } from "./document.js";
import type { LayoutTable } from "./layout.js";
import { NATIONAL_HEADINGS, pre2019StatisticsRows, SHANGHAI_HEADINGS } from "./prose.js";
import { createRng, type Rng } from "./random.js";
import { reportHazards, truthFor, type SynthReport } from "./report.js";
import { textRows, type TextRow } from "./rows.js";

export type TextStyle = "tabs" | "aligned" | "cell_lines" | "run_together";

export interface TextOptions {
  style: TextStyle;
  /** Page footer lines between table rows (tabs, aligned, cell_lines). */
  footers: boolean;
  /** A page footer glued to the end of a value row (tabs, aligned). */
  gluedFooter: boolean;
  /** Long labels broken over two lines (tabs, aligned). */
  brokenLabels: boolean;
  /** Labels spanning rows printed mid-span and wrapped into fragments, as PDF text has them (aligned). */
  centredSpanLabels: boolean;
}

export function pickTextOptions(rng: Rng): TextOptions {
  const style = rng.weighted<TextStyle>([
    ["tabs", 40],
    ["aligned", 25],
    ["cell_lines", 20],
    ["run_together", 15],
  ]);
  const lineBased = style === "tabs" || style === "aligned";
  return {
    style,
    // Page footers come from PDF text, whose forms are the line-based ones; a crawler's dump of an
    // HTML page (cell_lines, run_together) has no pages.
    footers: lineBased && rng.chance(0.3),
    gluedFooter: lineBased && rng.chance(0.1),
    brokenLabels: lineBased && rng.chance(0.25),
    centredSpanLabels: style === "aligned" && rng.chance(0.5),
  };
}

const footerText = (rng: Rng, page: number): string =>
  rng.pick([`— ${page} —`, `-${page}-`, `- ${page} -`, `第 ${page} 页`, `第${page}页 共${page + 2}页`]);

interface TableText {
  lines: string[];
  /** Codes the text does not determine. */
  undetermined: string[];
}

/**
 * Tab-separated rows. `ragged`: a merged cell gives one cell, not one per grid column it covers,
 * so rows differ in length and label columns shift (corpus 00-*.txt).
 */
function tabsTable(rows: TextRow[], options: TextOptions, rng: Rng, ragged: boolean): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    const slots = ragged
      ? row.slots.filter((s, c) => s.origin || s.cell !== row.slots[c - 1]?.cell)
      : row.slots;
    let cells = slots.map((s) => (s.origin ? s.cell.text : ""));
    if (rng.chance(0.3))
      while (cells.length > 1 && cells[cells.length - 1] === "") cells = cells.slice(0, -1);
    lines.push(...breakLabel(cells, row, options, rng, "\t"));
  }
  return lines;
}

/** Display columns of a string: CJK and full-width characters take two. */
const displayWidth = (text: string): number =>
  [...text].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);

/**
 * Where each slot's text goes in the aligned form. With `centred`, a label spanning several rows
 * is printed as a PDF lays it out: in the middle of its rows, and when long, wrapped into short
 * fragments on consecutive rows ("三、本" / "年度办" / "理结果") beside other rows' figures.
 */
function alignedTexts(rows: TextRow[], centred: boolean, rng: Rng): string[][] {
  const texts = rows.map((row) => row.slots.map((s) => (s.origin ? s.cell.text : "")));
  if (!centred) return texts;
  rows.forEach((row, r) =>
    row.slots.forEach((slot, c) => {
      const span = slot.cell.rowspan ?? 1;
      if (!slot.origin || slot.cell.kind !== "label" || span < 3) return;
      const text = slot.cell.text;
      const size = rng.int(2, 4);
      const chunks = text.length > 4 ? (text.match(new RegExp(`.{1,${size}}`, "gu")) ?? [text]) : [text];
      const first = r + Math.max(0, Math.floor((span - chunks.length) / 2));
      texts[r]![c] = "";
      chunks.forEach((chunk, k) => {
        const target = texts[Math.min(first + k, r + span - 1)]!;
        target[c] = (target[c] ?? "") + chunk;
      });
    }),
  );
  return texts;
}

function alignedTable(table: LayoutTable, rows: TextRow[], options: TextOptions, rng: Rng): string[] {
  const texts = alignedTexts(rows, options.centredSpanLabels, rng);
  const spanAt = (r: number, c: number): number => {
    const slot = rows[r]!.slots[c]!;
    return slot.origin ? (slot.cell.colspan ?? 1) : 1;
  };
  const width = new Array<number>(table.width).fill(1);
  const placed = texts.flatMap((row, r) => row.flatMap((text, c) => (text ? [{ r, c, text }] : [])));
  for (const { r, c, text } of placed)
    if (spanAt(r, c) === 1) width[c] = Math.max(width[c]!, displayWidth(text));
  for (const { r, c, text } of placed) {
    const span = spanAt(r, c);
    if (span === 1) continue;
    const room = width.slice(c, c + span).reduce((a, b) => a + b, 0) + 2 * (span - 1);
    const need = displayWidth(text);
    if (need > room) width[c + span - 1] = width[c + span - 1]! + need - room;
  }
  const gap = rng.pick([2, 3, 4]);
  const lines: string[] = [];
  rows.forEach((row, r) => {
    let line = "";
    let c = 0;
    while (c < table.width) {
      const span = spanAt(r, c);
      const room = width.slice(c, c + span).reduce((a, b) => a + b, 0) + gap * (span - 1);
      const text = texts[r]![c]!;
      const pad = Math.max(0, room - displayWidth(text));
      // Figures sit centred in their cell (merged cells too), labels flush left, as a PDF lays them out.
      const left = row.slots[c]!.cell.kind === "value" ? Math.floor(pad / 2) : 0;
      line += " ".repeat(left) + text + " ".repeat(pad - left + gap);
      c += span;
    }
    lines.push(...breakLabel([line.trimEnd()], row, options, rng, ""));
  });
  return lines;
}

/** Breaks a long label over two lines: head alone then the row, or the row then the tail alone. */
function breakLabel(
  cells: string[],
  row: TextRow,
  options: TextOptions,
  rng: Rng,
  separator: string,
): string[] {
  const line = cells.join(separator);
  const label = row.labels[row.labels.length - 1]?.text ?? "";
  if (!options.brokenLabels || row.values.length === 0 || label.length < 14 || !rng.chance(0.35))
    return [line];
  const cut = rng.int(6, label.length - 4);
  const [head, tail] = [label.slice(0, cut), label.slice(cut)];
  return rng.chance(0.5) ? [head, line.replace(label, tail)] : [line.replace(label, head), tail];
}

/** Only 2019's 本年增/减 may be negative (or carry a plus sign). */
const signedCells = (row: TextRow): boolean[] => row.values.map((c) => c.code!.endsWith(".change"));

function cellLinesTable(rows: TextRow[], readRows: ReadRow[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    for (const cell of row.labels) lines.push(...(cell.lines ?? [cell.text]));
    const tokens: string[] = [];
    for (const cell of row.values)
      if (cell.text !== "" && cell.text !== tokens[tokens.length - 1]) tokens.push(cell.text);
    lines.push(...tokens);
    const blank = row.values.some((c) => c.text === "");
    const reading = readMergedCells(tokens, row.values.length, row.identities, blank, signedCells(row));
    readRows.push({ codes: row.values.map((c) => c.code!), reading });
  }
  return lines;
}

function runTogetherTable(rows: TextRow[], rng: Rng, readRows: ReadRow[]): string {
  let text = "";
  for (const row of rows) {
    text += row.labels.map((c) => c.text).join("");
    let valueText = "";
    for (const cell of row.values) {
      if (valueText && cell.text && rng.chance(0.08)) valueText += " ";
      valueText += cell.text;
    }
    text += (rng.chance(0.15) ? " " : "") + valueText + (rng.chance(0.1) ? " " : "");
    if (row.values.length === 0) continue;
    const segments = valueText.split(" ").filter(Boolean);
    const blank = row.values.some((c) => c.text === "");
    const reading = readRunTogether(segments, row.values.length, row.identities, blank, signedCells(row));
    readRows.push({ codes: row.values.map((c) => c.code!), reading });
  }
  return text;
}

/** Half the tab-separated copies keep one cell per merged cell; drawn apart from the other choices. */
const raggedTabs = (report: SynthReport): boolean => createRng(`${report.seed}:ragged-tabs`).chance(0.5);

/** Adds 2021's unprinted (六) row, the sum of its three items, so the outcome identity can be checked. */
function withOtherTotals(values: Record<string, number>): Record<string, number> {
  const out = { ...values };
  for (const column of T3_COLUMNS) {
    const items = T3_OTHER_ITEMS.map((k) => values[`t3.other.${k}.${column}`]);
    if (!(`t3.other.${column}` in out) && items.every((v) => v !== undefined))
      out[`t3.other.${column}`] = items.reduce((a, b) => a! + b!, 0)!;
  }
  return out;
}

function renderTable(table: LayoutTable, report: SynthReport, options: TextOptions, rng: Rng): TableText {
  const rows = textRows(table);
  const readRows: ReadRow[] = [];
  const lines = {
    tabs: () => tabsTable(rows, options, rng, raggedTabs(report)),
    aligned: () => alignedTable(table, rows, options, rng),
    cell_lines: () => cellLinesTable(rows, readRows),
    run_together: () => [runTogetherTable(rows, rng, readRows)],
  }[options.style]();
  // The column identities settle rows their own total cannot, unless the report breaks an
  // identity itself: then no reader can tell a source error from a misreading.
  const template = report.figures.template;
  const check = report.figures.inconsistencies.length
    ? () => ["source error: column identities unusable"]
    : (values: Record<string, number>) => checkIdentities(template, withOtherTotals(values));
  return { lines, undetermined: undeterminedAcrossRows(readRows, check) };
}

/** Inserts page footers between some lines of a table, and glues one to a value line. */
interface Pages {
  n: number;
  /** Set when a table's header rows were printed again after a page break. */
  repeatedHeader: boolean;
}

/**
 * Inserts page footers between some lines of a table, and glues one to a value line. After a
 * break inside the body, Word's "repeat header rows" may print the table's header lines again.
 */
function addFooters(
  lines: string[],
  headerLines: number,
  options: TextOptions,
  rng: Rng,
  pages: Pages,
): string[] {
  const out: string[] = [];
  const repeatHeader = headerLines > 0 && rng.chance(0.4);
  lines.forEach((line, i) => {
    const gluable = options.gluedFooter && /[0-9]$/.test(line) && rng.chance(0.1);
    out.push(gluable ? `${line}- ${pages.n} -` : line);
    if (gluable) pages.n++;
    if (options.footers && i > 0 && i < lines.length - 1 && rng.chance(0.07)) {
      out.push(...(rng.chance(0.5) ? ["", footerText(rng, pages.n), ""] : [footerText(rng, pages.n)]));
      pages.n++;
      if (repeatHeader && i >= headerLines) {
        out.push(...lines.slice(0, headerLines));
        pages.repeatedHeader = true;
      }
    }
  });
  return out;
}

export function renderText(
  report: SynthReport,
  options: TextOptions,
  rng: Rng,
  name: string,
): RenderedDocument {
  const headings = report.sectionStyle === "shanghai" ? SHANGHAI_HEADINGS : NATIONAL_HEADINGS;
  const undetermined: string[] = [];
  const pages: Pages = { n: rng.int(2, 3), repeatedHeader: false };
  const blocks: string[][] = [];
  const paragraphs = (texts: string[]): void => texts.forEach((t) => blocks.push([t]));
  blocks.push(report.title.text.split("\n"));
  paragraphs(report.prose.intro);
  if (report.kind === "prose_only") {
    for (const section of report.prose.overview)
      paragraphs([...(section.heading ? [section.heading] : []), ...section.paragraphs]);
    if (rng.chance(0.3))
      blocks.push(["附表：政府信息公开情况统计表", ...pre2019StatisticsRows(rng).map((r) => r.join("\t"))]);
    return finishText(report, options, rng, name, blocks, [], pages);
  }
  if (headings.overview) paragraphs([headings.overview]);
  for (const section of report.prose.overview)
    paragraphs([...(section.heading ? [section.heading] : []), ...section.paragraphs]);
  for (const id of ["t2", "t3", "t4"] as const) {
    paragraphs([headings[id]]);
    const table = renderTable(report.tables[id], report, options, rng);
    undetermined.push(...table.undetermined);
    const paged = options.style === "tabs" || options.style === "aligned";
    const headerLines =
      id === "t2" ? 0 : report.tables[id].rows.findIndex((r) => r.some((c) => c.kind === "value"));
    blocks.push(paged ? addFooters(table.lines, headerLines, options, rng, pages) : table.lines);
  }
  paragraphs([headings.problems, ...report.prose.problems, headings.other, ...report.prose.otherMatters]);
  return finishText(report, options, rng, name, blocks, undetermined, pages);
}

function finishText(
  report: SynthReport,
  options: TextOptions,
  rng: Rng,
  name: string,
  blocks: string[][],
  undetermined: string[],
  pages: Pages,
): RenderedDocument {
  let text: string;
  if (options.style === "run_together") {
    const site = report.agency.city ?? report.agency.province;
    const chrome = `当前位置： 首页政务公开政府信息公开政府信息公开年报 ${report.title.text.replace("\n", "")} 来源：${report.agency.shortName} 时间：${report.published} 10:${rng.int(10, 59)} 微信 微博 全真版 文字版 `;
    text = `${site}人民政府\n${chrome}${blocks.map((b) => b.join("")).join(rng.pick(["", " "]))} 附件下载\n`;
  } else {
    const spacing = rng.chance(0.5) ? "\n\n" : "\n";
    text = blocks.map((b) => b.join("\n")).join(spacing) + "\n";
  }
  const hazards = [
    ...reportHazards(report),
    `text_${options.style}`,
    ...(options.style === "tabs" && report.kind === "tables" && raggedTabs(report)
      ? ["tabs_ragged_rows"]
      : []),
    ...(report.kind === "tables"
      ? [
          ...(options.footers ? ["page_footers"] : []),
          ...(pages.repeatedHeader ? ["repeated_table_header"] : []),
          ...(options.gluedFooter ? ["footer_glued_to_number"] : []),
          ...(options.brokenLabels ? ["labels_broken_over_lines"] : []),
          ...(options.centredSpanLabels && options.style === "aligned" ? ["span_labels_centred"] : []),
        ]
      : []),
  ];
  return {
    name: `${name}.txt`,
    bytes: new TextEncoder().encode(text),
    mediaType: "text/plain; charset=UTF-8",
    form: "text",
    truth: truthFor(report, hazards, undetermined),
    report,
  };
}
