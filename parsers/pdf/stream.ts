// Tables drawn without rules, rebuilt from text alignment. Rows are anchored on "value lines"
// (several figures standing apart on one baseline); label fragments wrapped above or below a
// value line join its row. Columns come from where the figures line up (value columns) and
// where label fragments start (label columns, left of the first figure).
import type { Cell } from "../ir.js";
import { roundBox, unionBox, type Box } from "./geometry.js";
import type { PageTable } from "./page-layout.js";
import { joinLines, normalizeSpacing, type Line } from "./text-join.js";

export type AlignedTable = PageTable & { lines: Line[] };

const COLUMN_GAP = 1.5;
const FIGURE = /^[+-]?[\d.,，%]+$|^[-—–/无]$|^[\d.]+万?元$/;
const SECTION_HEADING = /^[一二三四五六七八九十]+、.*(情况|事项)$/;
const MIN_VALUE_LINES = 3;

interface Chunk {
  text: string;
  box: Box;
}

/** Splits a line where runs stand a column gap apart. */
function chunksOf(line: Line): Chunk[] {
  const chunks: Chunk[] = [];
  for (const run of line.runs) {
    const last = chunks.at(-1);
    const gap = last ? run.box[0] - last.box[2] : Infinity;
    if (last && gap < COLUMN_GAP * run.size) {
      last.text += run.text;
      last.box = unionBox(last.box, run.box);
    } else {
      chunks.push({ text: run.text, box: [...run.box] });
    }
  }
  // Items that pdf.js merged across a wide gap keep their inner runs of spaces: split those too.
  return chunks.flatMap((chunk) => splitSpaced(chunk)).filter((c) => normalizeSpacing(c.text) !== "");
}

function splitSpaced(chunk: Chunk): Chunk[] {
  const parts = chunk.text.split(/\s{2,}/);
  if (parts.length === 1) return [chunk];
  const width = (chunk.box[2] - chunk.box[0]) / Math.max(1, chunk.text.length);
  const result: Chunk[] = [];
  let offset = 0;
  for (const part of parts) {
    const start = chunk.text.indexOf(part, offset);
    offset = start + part.length;
    result.push({
      text: part,
      box: [chunk.box[0] + start * width, chunk.box[1], chunk.box[0] + offset * width, chunk.box[3]],
    });
  }
  return result;
}

function isFigure(text: string): boolean {
  return FIGURE.test(normalizeSpacing(text));
}

interface LineInfo {
  line: Line;
  chunks: Chunk[];
  isValueLine: boolean;
}

function clusterCentres(values: number[], tolerance: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const value of sorted) {
    const cluster = clusters.at(-1);
    if (cluster && value - cluster.at(-1)! <= tolerance) cluster.push(value);
    else clusters.push([value]);
  }
  return clusters.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

export function findAlignedTables(lines: Line[], page: number): AlignedTable[] {
  const infos: LineInfo[] = lines.map((line) => {
    const chunks = chunksOf(line);
    const figures = chunks.filter((c) => isFigure(c.text)).length;
    // A label followed by figures ("规章 / / /", "行政许可 550"), or a row of figures.
    const labelled = chunks.length >= 2 && !isFigure(chunks[0]!.text) && figures === chunks.length - 1;
    const isValueLine = labelled || (chunks.length >= 2 && figures >= 2 && figures * 2 >= chunks.length - 1);
    return { line, chunks, isValueLine };
  });
  const tables: AlignedTable[] = [];
  let start = 0;
  while (start < infos.length) {
    if (!infos[start]!.isValueLine) {
      start++;
      continue;
    }
    // Grow the region over value lines and the short lines between them.
    let end = start;
    let lastValue = start;
    for (let i = start + 1; i < infos.length; i++) {
      const info = infos[i]!;
      const previous = infos[i - 1]!.line;
      const gap = info.line.box[1] - previous.box[3];
      if (
        gap > 2.5 * info.line.size ||
        SECTION_HEADING.test(normalizeSpacing(info.chunks.map((c) => c.text).join("")))
      )
        break;
      end = i;
      if (info.isValueLine) lastValue = i;
      else if (i - lastValue > 4) break;
    }
    // Header lines directly above the first value line belong to the table too.
    let first = start;
    while (first > 0 && start - first < 6) {
      const above = infos[first - 1]!;
      const gap = infos[first]!.line.box[1] - above.line.box[3];
      if (
        gap > 2.5 * above.line.size ||
        SECTION_HEADING.test(normalizeSpacing(above.line.runs.map((r) => r.text).join("")))
      )
        break;
      if (above.chunks.length < 2 && above.line.box[2] - above.line.box[0] > 300) break; // prose
      first--;
    }
    const region = infos.slice(first, Math.min(end, lastValue + 2) + 1);
    const valueLines = region.filter((i) => i.isValueLine);
    if (valueLines.length >= MIN_VALUE_LINES) {
      const table = buildTable(region, page);
      if (table) tables.push(table);
    }
    start = end + 1;
  }
  return tables;
}

function buildTable(region: LineInfo[], page: number): AlignedTable | null {
  const size = Math.max(...region.map((i) => i.line.size));
  const figureChunks = region
    .filter((i) => i.isValueLine)
    .flatMap((i) => i.chunks.filter((c) => isFigure(c.text)));
  const valueCentres = clusterCentres(
    figureChunks.map((c) => (c.box[0] + c.box[2]) / 2),
    0.9 * size,
  );
  const firstValueEdge = Math.min(...figureChunks.map((c) => c.box[0])) - 0.5 * size;
  const labelStarts = clusterCentres(
    region.flatMap((i) =>
      i.chunks.filter((c) => c.box[2] <= firstValueEdge + 0.5 * size).map((c) => c.box[0]),
    ),
    1.0 * size,
  );
  const columnOf = (chunk: Chunk): number => {
    const centre = (chunk.box[0] + chunk.box[2]) / 2;
    if (chunk.box[2] <= firstValueEdge + 0.5 * size && labelStarts.length > 0) {
      let best = 0;
      labelStarts.forEach((x, i) => {
        if (chunk.box[0] >= x - 0.5 * size) best = i;
      });
      return best;
    }
    let best = 0;
    valueCentres.forEach((x, i) => {
      if (Math.abs(centre - x) < Math.abs(centre - valueCentres[best]!)) best = i;
    });
    return labelStarts.length + best;
  };
  const columns = labelStarts.length + valueCentres.length;

  // Rows: every value line is a row; other lines join the nearest value line, or stand alone
  // (header lines above the first value line).
  const valueIndexes = region.flatMap((info, i) => (info.isValueLine ? [i] : []));
  const rowOfLine = region.map((info, i) => {
    if (info.isValueLine) return i;
    if (i < valueIndexes[0]!) return i;
    const mid = (info.line.box[1] + info.line.box[3]) / 2;
    let best = valueIndexes[0]!;
    for (const v of valueIndexes) {
      const vm = (region[v]!.line.box[1] + region[v]!.line.box[3]) / 2;
      const bm = (region[best]!.line.box[1] + region[best]!.line.box[3]) / 2;
      if (Math.abs(vm - mid) < Math.abs(bm - mid)) best = v;
    }
    return best;
  });
  const rowKeys = [...new Set(rowOfLine)].sort((a, b) => a - b);
  const pieces = new Map<number, { y: number; text: string }[][]>();
  for (const key of rowKeys)
    pieces.set(
      key,
      Array.from({ length: columns }, () => []),
    );
  region.forEach((info, i) => {
    const row = pieces.get(rowOfLine[i]!)!;
    for (const chunk of info.chunks) row[columnOf(chunk)]!.push({ y: chunk.box[1], text: chunk.text });
  });
  const rows: Cell[][] = rowKeys.map((key) => {
    const box = region[key]!.line.box;
    return pieces.get(key)!.map((parts) => ({
      text: joinLines(parts.sort((a, b) => a.y - b.y).map((p) => normalizeSpacing(p.text))),
      loc: { page, bbox: roundBox(box) },
    }));
  });
  const box = region.map((i) => i.line.box).reduce(unionBox);
  return {
    kind: "table",
    block: { kind: "table", rows, loc: { page, bbox: roundBox(box) } },
    box,
    xs: [],
    ids: [],
    lines: region.map((i) => i.line),
  };
}
