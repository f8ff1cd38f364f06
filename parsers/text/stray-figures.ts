// A figure printed a line above or below the rest of its row. `pdftotext -layout` of a table whose
// cells are centred vertically (Chromium's and LibreOffice's print of HTML tables with labels
// wrapped over three lines) puts a cell whose column header is taller a line apart:
//
//     一、本年新收政府信息
//                                              0
//      公开申请数量         1     0      0    0              0   1
//
// Read as two rows, neither has the row's seven figures and the row is left out. The stray figure
// is put back into the row beside it when that is the only reading: it stands alone on its line
// (after label words at most), right next to a line of figures (no blank line between), where that
// line has no figure (a space on each side) and right of its labels, and only one neighbour qualifies.
// Two rows of a zero-as-blank table whose figures interleave both carry labels: such pairs are
// never joined (the stray's line or the row's line must have no label words).

const WORD = /\S+/g;
const FIGURE = /^(?:\d+(?:[,，]\d{3})*(?:\.\d+)?|[-—–/／无])$/u;
const DIGITS = /^\d+$/;
const ANY_DIGIT = /\d/;

interface Word {
  text: string;
  start: number;
  end: number;
}

/** A line as label words followed by figure words (null when figures and words mix). */
interface FigureLine {
  labels: Word[];
  figures: Word[];
}

function figureLine(line: string): FigureLine | null {
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(line); m; m = WORD.exec(line)) {
    words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  const first = words.findIndex((w) => FIGURE.test(w.text));
  if (first < 0) return null;
  for (let k = first + 1; k < words.length; k++) if (!FIGURE.test(words[k]!.text)) return null;
  return { labels: words.slice(0, first), figures: words.slice(first) };
}

/**
 * Whether the stray figure fits in `row`: in a gap between two of its figures, or past its first or
 * last figure (the stray may be the row's first or total column), on spaces with a space each side.
 */
function fits(stray: Word, row: FigureLine, rowText: string): boolean {
  const figures = row.figures;
  // A row of figures: two counts at least (a page footer "- 2 -" is marks around one number).
  if (figures.filter((f) => DIGITS.test(f.text)).length < 2) return false;
  for (const figure of figures) if (stray.start <= figure.end && figure.start <= stray.end) return false;
  if (row.labels.length > 0 && stray.start <= row.labels.at(-1)!.end) return false;
  for (let i = stray.start - 1; i <= stray.end; i++) if ((rowText[i] ?? " ") !== " ") return false;
  return true;
}

/**
 * The lines with every stray figure moved into its row (same number of lines, so line numbers
 * stay); the input array itself when nothing moves (the common case).
 */
export function joinStrayFigures(lines: string[]): string[] {
  let out: string[] | null = null;
  const current = () => out ?? lines;
  const parsed = new Map<number, FigureLine | null>();
  const parse = (i: number) => {
    if (!parsed.has(i)) parsed.set(i, figureLine(current()[i]!));
    return parsed.get(i)!;
  };
  for (let i = 0; i < lines.length; i++) {
    const text = current()[i]!;
    // Cheap gate: a stray figure has a run of spaces before it, and tab rows have their own cells.
    if (!text.includes("  ") || !ANY_DIGIT.test(text) || text.includes("\t")) continue;
    const stray = parse(i);
    if (!stray || stray.figures.length !== 1 || !DIGITS.test(stray.figures[0]!.text)) continue;
    const figure = stray.figures[0]!;
    const hosts = [i - 1, i + 1].filter((j) => {
      const row = j >= 0 && j < lines.length && !current()[j]!.includes("\t") ? parse(j) : null;
      return (
        row !== null &&
        fits(figure, row, current()[j]!) &&
        (stray.labels.length === 0 || row.labels.length === 0)
      );
    });
    if (hosts.length !== 1) continue;
    const j = hosts[0]!;
    out ??= [...lines];
    const host = out[j]!.padEnd(figure.end + 1, " ");
    out[j] = (host.slice(0, figure.start) + figure.text + host.slice(figure.end)).trimEnd();
    out[i] = text.slice(0, figure.start).trimEnd();
    parsed.set(j, figureLine(out[j]!));
    parsed.set(i, null);
  }
  return out ?? lines;
}
