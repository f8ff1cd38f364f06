// Renders a report as Markdown: clean pipe tables (what an HTML→Markdown converter makes), or the
// Markdown a PDF→Markdown tool makes from a text layer (corpus 03-*.md): table 3's row labels
// come out as loose lines, detached from the pipe rows that hold their values (order is kept),
// and long labels are wrapped.
import type { RenderedDocument } from "./document.js";
import { expandSpans, type LayoutTable } from "./layout.js";
import { NATIONAL_HEADINGS, pre2019StatisticsRows, SHANGHAI_HEADINGS } from "./prose.js";
import type { Rng } from "./random.js";
import { reportHazards, truthFor, type SynthReport } from "./report.js";
import { textRows, type TextRow } from "./rows.js";

export type MarkdownStyle = "pipe" | "pdf_text";

export interface MarkdownOptions {
  style: MarkdownStyle;
}

export function pickMarkdownOptions(rng: Rng): MarkdownOptions {
  return { style: rng.chance(0.6) ? "pipe" : "pdf_text" };
}

const escapePipe = (text: string): string => text.replace(/\|/g, "\\|");
const pipeRow = (cells: string[]): string => `| ${cells.map(escapePipe).join(" | ")} |`;
const separator = (n: number): string => `|${"---|".repeat(n)}`;

function pipeTable(table: LayoutTable): string[] {
  const grid = expandSpans(table).map((row) => row.map((s) => (s.origin ? s.cell.text : "")));
  const [first, ...rest] = grid;
  return [pipeRow(first!), separator(table.width), ...rest.map(pipeRow)];
}

/** Wraps a label at a fixed width, as a PDF's narrow label column does. */
const wrap = (text: string, width: number): string[] => {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
  return out;
};

/**
 * Table 3's header as a PDF text layer gives it: narrow header cells wrap, and their fragments
 * are read line by line across the cells ("商业企科研机社会公法律服"); the last fragments end up
 * as the header row of the first pipe table ("| 业 | 构 | 益组织 | 务机构 |").
 */
function garbledHeader(rows: TextRow[], width: number): { lines: string[]; pipeHeader: string[] } {
  const lines: string[] = [];
  let pipeHeader: string[] = [];
  for (const row of rows) {
    const cells = row.labels.map((c) => c.text);
    const fragmentWidth = cells.length > 3 ? 3 : width;
    const depth = Math.max(...cells.map((c) => Math.ceil(c.length / fragmentWidth)));
    const fragments = Array.from({ length: depth }, (_, k) =>
      cells.map((c) => c.slice(k * fragmentWidth, (k + 1) * fragmentWidth)),
    );
    if (cells.length > 3 && depth > 1) {
      lines.push(...fragments.slice(0, -1).map((f) => f.join("")));
      pipeHeader = fragments[depth - 1]!;
    } else lines.push(...fragments.map((f) => f.join("")));
  }
  return { lines, pipeHeader };
}

function pdfTextTable(table: LayoutTable, rng: Rng): string[] {
  const rows = textRows(table);
  const lines: string[] = [];
  const width = rng.int(9, 12);
  const headerRows = rows.findIndex((r) => r.values.length > 0);
  const header = garbledHeader(rows.slice(0, headerRows), width);
  lines.push(...header.lines);
  // The first body row keeps its label and sits under the garbled header row, as in corpus 03-*.md.
  const first = rows[headerRows]!;
  const firstCells = [...first.labels.map((c) => c.text), ...first.values.map((c) => c.text)];
  const padding = Math.max(0, firstCells.length + 1 - header.pipeHeader.length);
  const headerCells = [...header.pipeHeader, ...new Array<string>(padding).fill("")];
  lines.push(pipeRow(headerCells), separator(headerCells.length), pipeRow(firstCells), "");
  let i = headerRows + 1;
  while (i < rows.length) {
    const chunk = rows.slice(i, i + rng.int(2, 5));
    i += chunk.length;
    const valued = chunk.filter((r) => r.values.length > 0);
    if (valued.length === 0 || rng.chance(0.3)) {
      // Rows kept whole: label cells (rowspan copies empty) then values.
      for (const row of chunk) {
        const labels = row.labels.map((c) => c.text);
        const cells = [...labels, ...row.values.map((c) => c.text)];
        lines.push(pipeRow(cells));
        if (row === chunk[0]) lines.push(separator(cells.length));
      }
      lines.push("");
      continue;
    }
    for (const row of chunk) for (const cell of row.labels) lines.push(...wrap(cell.text, width));
    valued.forEach((row, k) => {
      lines.push(pipeRow(row.values.map((c) => c.text)));
      if (k === 0) lines.push(separator(row.values.length));
    });
    lines.push("");
  }
  return lines;
}

export function renderMarkdown(
  report: SynthReport,
  options: MarkdownOptions,
  rng: Rng,
  name: string,
): RenderedDocument {
  const headings = report.sectionStyle === "shanghai" ? SHANGHAI_HEADINGS : NATIONAL_HEADINGS;
  const out: string[] = [];
  const [first, second] = report.title.text.split("\n");
  out.push(`# ${first}${second ? ` ${second}` : ""}`, "");
  out.push(...report.prose.intro, "");
  if (report.kind === "prose_only") {
    for (const section of report.prose.overview)
      out.push(`## ${section.heading}`, "", ...section.paragraphs, "");
    if (rng.chance(0.3)) {
      const [head, ...rows] = pre2019StatisticsRows(rng);
      out.push("## 附表：政府信息公开情况统计表", "", pipeRow(head!), separator(3), ...rows.map(pipeRow), "");
    }
    return markdownDocument(report, options, name, out);
  }
  if (headings.overview) out.push(`## ${headings.overview}`, "");
  for (const section of report.prose.overview) {
    if (section.heading) out.push(`## ${section.heading}`, "");
    out.push(...section.paragraphs.flatMap((p) => [p, ""]));
  }
  for (const id of ["t2", "t3", "t4"] as const) {
    out.push(options.style === "pipe" ? `## ${headings[id]}` : headings[id], "");
    const table = report.tables[id];
    // Only table 3 has labels tall enough to wrap and come loose from their values.
    out.push(
      ...(options.style === "pdf_text" && id === "t3" ? pdfTextTable(table, rng) : pipeTable(table)),
      "",
    );
  }
  out.push(`## ${headings.problems}`, "", ...report.prose.problems.flatMap((p) => [p, ""]));
  out.push(`## ${headings.other}`, "", ...report.prose.otherMatters, "");
  return markdownDocument(report, options, name, out);
}

function markdownDocument(
  report: SynthReport,
  options: MarkdownOptions,
  name: string,
  out: string[],
): RenderedDocument {
  const hazards = [...reportHazards(report), `markdown_${options.style}`];
  return {
    name: `${name}.md`,
    bytes: new TextEncoder().encode(out.join("\n")),
    mediaType: "text/markdown; charset=UTF-8",
    form: "markdown",
    truth: truthFor(report, hazards),
    report,
  };
}
