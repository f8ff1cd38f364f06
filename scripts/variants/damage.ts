// The copy damage real text copies carry, as pure functions of the text (deterministic). Each keeps
// every figure of the report: a variant made with one of them has the original's truth.

/** Damage kinds, by the name used in variant file names. */
export const DAMAGE = {
  /** Every ASCII digit full-width (an IME left in full-width mode, some CMS exports). */
  fullwidth: (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
  /**
   * Figures of 4+ digits standing alone in their cell or line written with thousands separators
   * (Excel, WPS tables); years stay as they are. Digits run together with text are left alone (a
   * copy that ran cells together never had separators to lose).
   */
  thousands: (text: string) =>
    text.replace(/(?<=^|[\t |\u00a0\u3000])\d{4,}(?=$|[\t |\u00a0\u3000\r])/gmu, (n) =>
      isYear(n) ? n : n.replace(/\B(?=(\d{3})+(?!\d))/g, ","),
    ),
  /** Spaces and tabs as no-break spaces (a copy from a browser of a page laid out with &nbsp;). */
  nbsp: (text: string) => text.replace(/[ \t]/g, "\u00a0"),
  /** Tabs between cells turned into runs of spaces (an editor's "convert tabs to spaces"). */
  spaces: (text: string) => text.replace(/\t/g, "    "),
  /** Runs of two or more spaces turned into one tab (the reverse). */
  tabs: (text: string) => text.replace(/ {2,}/g, "\t"),
  /** Windows line ends. */
  crlf: (text: string) => text.replace(/\r?\n/g, "\r\n"),
  /** A page footer ("- 3 -") and a running head (the report's title) every 40 lines, inside tables too. */
  pages: (text: string, title: string) => {
    const lines = text.split("\n");
    const out: string[] = [];
    let page = 1;
    lines.forEach((line, i) => {
      out.push(line);
      if (i > 0 && i % 40 === 0) out.push("", `- ${page++} -`, "", title);
    });
    return out.join("\n");
  },
  /**
   * Rows wider than 40 display columns (CJK counts 2) wrapped at the last cell boundary before
   * that, the rest of the row on the next line (a mail client or an editor with hard wrap); prose
   * lines are left as they are.
   */
  wrap: (text: string) =>
    text
      .split("\n")
      .map((line) => {
        if (!/\t|\S {2,}\S/.test(line) || line.includes("。")) return line;
        let width = 0;
        let cut = -1;
        for (let i = 0; i < line.length && width <= 40; i++) {
          if (line[i] === "\t" || (line[i] === " " && line[i + 1] === " ")) cut = i;
          width += line.charCodeAt(i) >= 0x2e80 ? 2 : 1;
        }
        if (width <= 40 || cut <= 0) return line;
        return `${line.slice(0, cut)}\n${line.slice(cut).replace(/^[\t ]+/, "")}`;
      })
      .join("\n"),
  /**
   * Cells joined by one space (a PDF viewer's or a chat client's copy): tabs and runs of spaces
   * become a single space.
   */
  onespace: (text: string) => text.replace(/\t+| {2,}/g, " "),
  /**
   * Table 3's header printed again after a page footer in the middle of the table (Word's "repeat
   * as header row"): the lines from 申请人情况 (or the 勾稽关系 note above it) down to the first
   * row, again before the row of 保护第三方合法权益.
   */
  repeatheads: (text: string) => {
    const lines = text.split("\n");
    const note = lines.findIndex((l) => l.includes("勾稽关系") || l.includes("申请人情况"));
    const first = lines.findIndex((l, i) => i > note && l.includes("本年新收"));
    const at = lines.findIndex((l, i) => i > first && l.includes("保护第三方"));
    if (note < 0 || first < 0 || at < 0 || first - note > 12) return text;
    return [...lines.slice(0, at), "", "- 2 -", "", ...lines.slice(note, first), ...lines.slice(at)].join(
      "\n",
    );
  },
  /**
   * The copy starts at the body's first heading (一、…): the title and whatever stood above it
   * were not selected. Agency and year must then come from the body, or be left out.
   */
  notitle: (text: string) => {
    const lines = text.split("\n");
    const body = lines.findIndex((l) => /^[\s#]*一、/u.test(l));
    return body > 0 ? lines.slice(body).join("\n") : text;
  },
  /**
   * Lines ending alike CRLF and LF, as when a dump is pieced together from parts saved on
   * different systems: every other line ends with CRLF.
   */
  mixedeol: (text: string) => {
    let n = 0;
    return text.replace(/\r?\n/g, () => (n++ % 2 ? "\r\n" : "\n"));
  },
  /** Tabs between cells turned into ideographic spaces (U+3000), as some CMS editors store them. */
  fwspace: (text: string) => text.replace(/\t/g, "\u3000"),
  /** Thousands separators as full-width commas ("1，234"), as typed with a Chinese IME. */
  fwcomma: (text: string) =>
    text.replace(/(?<=^|[\t |\u00a0\u3000])\d{4,}(?=$|[\t |\u00a0\u3000\r])/gmu, (n) =>
      isYear(n) ? n : n.replace(/\B(?=(\d{3})+(?!\d))/g, "，"),
    ),
  /** Empty lines dropped (a one-cell-per-line dump that skips empty cells and blank paragraphs). */
  noblanks: (text: string) => dropBlanks(text),
  /**
   * A line equal to the line before it dropped (a crawler that merges repeated neighbouring
   * cells, as the corpus's 35-putian dump: a row of zeros becomes one "0"). Figures are lost from
   * the copy, not changed: the parser must leave out what it cannot place, never shift a figure.
   */
  merged: (text: string) => mergeNeighbours(text),
  /** Both: empty cells dropped and identical neighbours merged (35-putian's dump). */
  dropmerge: (text: string): string => mergeNeighbours(dropBlanks(text)),
  /** A unit written after its label on a line of its own ("行政事业性收费" / "(万元)"). */
  unitsplit: (text: string) => text.replace(/[（(](单位[：:])?\s*(件|万元|元|条)\s*[)）]/g, "\n$&\n"),
} satisfies Record<string, (text: string, title: string) => string>;

export type DamageKind = keyof typeof DAMAGE;

function dropBlanks(text: string): string {
  return text.replace(/(\r?\n)([ \t\u00a0\u3000]*\r?\n)+/g, "$1");
}

function mergeNeighbours(text: string): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const last = out[out.length - 1];
    if (last !== undefined && line.trim() !== "" && line.trim() === last.trim()) continue;
    out.push(line);
  }
  return out.join("\n");
}

function isYear(n: string): boolean {
  const v = Number(n);
  return n.length === 4 && v >= 1990 && v <= 2035;
}
