// Renders a report as Markdown: clean pipe tables (what an HTML→Markdown converter makes), or the
// Markdown a PDF→Markdown tool makes from a text layer (corpus 03-*.md): table 3's row labels
// come out as loose lines, detached from the pipe rows that hold their values (order is kept),
// and long labels are wrapped.
import type { RenderedDocument } from "./document.js";
import { expandSpans, type LayoutTable } from "./layout.js";
import { NATIONAL_HEADINGS, SHANGHAI_HEADINGS } from "./prose.js";
import type { Rng } from "./random.js";
import { reportHazards, truthFor, type SynthReport } from "./report.js";
import { textRows } from "./rows.js";

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

function pdfTextTable(table: LayoutTable, rng: Rng): string[] {
  const rows = textRows(table);
  const lines: string[] = [];
  const width = rng.int(9, 12);
  let i = 0;
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
  if (headings.overview) out.push(`## ${headings.overview}`, "");
  for (const section of report.prose.overview) {
    if (section.heading) out.push(`## ${section.heading}`, "");
    out.push(...section.paragraphs.flatMap((p) => [p, ""]));
  }
  for (const id of ["t2", "t3", "t4"] as const) {
    out.push(options.style === "pipe" ? `## ${headings[id]}` : headings[id], "");
    const table = report.tables[id];
    out.push(
      ...(options.style === "pdf_text" && id !== "t4" ? pdfTextTable(table, rng) : pipeTable(table)),
      "",
    );
  }
  out.push(`## ${headings.problems}`, "", ...report.prose.problems.flatMap((p) => [p, ""]));
  out.push(`## ${headings.other}`, "", ...report.prose.otherMatters, "");
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
