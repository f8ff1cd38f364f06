// Text dumps crawlers make of an HTML report, as pure functions of the page's HTML (deterministic,
// every figure kept: a variant made with one of them has the original's truth). Each is what a
// common scraping idiom gives:
//
//   textnodes  every text node on its own line, trimmed, blank ones dropped (BeautifulSoup
//              get_text("\n", strip=True), Scrapy //text()): Word splits a cell into runs
//              ("1." / "属于国家秘密", "本年增" / "/" / "减"), and each run is a line;
//   cells      one line per table cell (its text run together) and per paragraph outside tables,
//              an empty cell an empty line (a crawler walking <td>s: for td in tr: td.get_text());
//   tagstrip   the tags removed by a regular expression, the page's own line breaks and
//              indentation kept, entities decoded; tagflat the same of the minified page.
//
// Damage such dumps also carry (dropped empty cells, merged identical neighbours) is in damage.ts.
import { Parser } from "htmlparser2";

const SKIP = new Set(["script", "style", "noscript", "template"]);
const BLOCK = new Set([
  "p",
  "div",
  "td",
  "th",
  "tr",
  "li",
  "ul",
  "ol",
  "table",
  "tbody",
  "thead",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "br",
  "section",
  "article",
  "header",
  "footer",
  "title",
  "body",
  "form",
  "dd",
  "dt",
]);
const CELL = new Set(["td", "th"]);

/** Whitespace as browsers and scrapers strip it (not NBSP: BeautifulSoup's strip() does strip it). */
const trim = (s: string) => s.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, "");

function walk(
  html: string,
  on: { text(t: string): void; open?(name: string): void; close?(name: string): void },
) {
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipping++;
        else if (!skipping) on.open?.(name);
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        else if (!skipping) on.close?.(name);
      },
      ontext(t) {
        if (!skipping) on.text(t);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
}

export const HTML_DUMPS = {
  textnodes: (html: string) => {
    const lines: string[] = [];
    // htmlparser2 may hand one text node in pieces (around entities): join until a tag.
    let run = "";
    const flush = () => {
      const t = trim(run);
      if (t) lines.push(t);
      run = "";
    };
    walk(html, { text: (t) => (run += t), open: flush, close: flush });
    flush();
    return lines.join("\n") + "\n";
  },
  cells: (html: string) => {
    const lines: string[] = [];
    let inCell = 0;
    let run = "";
    const flush = (cellEnd: boolean) => {
      const t = trim(run.replace(/[\s\u00a0\u3000]+/g, inCell ? "" : " "));
      if (t || cellEnd) lines.push(t);
      run = "";
    };
    walk(html, {
      text: (t) => (run += t),
      open(name) {
        if (CELL.has(name)) {
          flush(false);
          inCell++;
        } else if (!inCell && BLOCK.has(name)) flush(false);
      },
      close(name) {
        if (CELL.has(name)) {
          flush(true);
          inCell = Math.max(0, inCell - 1);
        } else if (!inCell && BLOCK.has(name)) flush(false);
      },
    });
    flush(false);
    return lines.join("\n") + "\n";
  },
  tagstrip: (html: string) => tagstrip(html),
  /**
   * The same on a minified page (no line breaks or indentation between tags, as many CMSs serve
   * them): the cells of a row, and the rows, run together ("640020470"), as 07-pingtan's dump.
   */
  tagflat: (html: string): string => tagstrip(html.replace(/>[\s\u00a0]+</g, "><")),
} satisfies Record<string, (html: string) => string>;

function tagstrip(html: string): string {
  const body = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, "");
  let out = "";
  walk(body, { text: (t) => (out += t) });
  return out;
}

export type HtmlDumpKind = keyof typeof HTML_DUMPS;

interface Cell {
  text: string;
  rowspan: number;
  colspan: number;
}

/** The page as blocks: paragraphs of text outside tables, and tables as rows of cells (spans kept). */
function blocksOf(html: string): (string | Cell[][])[] {
  const out: (string | Cell[][])[] = [];
  let tableDepth = 0;
  let rows: Cell[][] = [];
  let cell: Cell | null = null;
  let run = "";
  const squeeze = (s: string) => trim(s.replace(/[\s\u00a0\u3000]+/g, " "));
  const flush = () => {
    const t = squeeze(run);
    if (t) out.push(t);
    run = "";
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "table") {
          if (tableDepth++ === 0) {
            flush();
            rows = [];
          }
        } else if (tableDepth === 1 && name === "tr") rows.push([]);
        else if (tableDepth === 1 && CELL.has(name)) {
          cell = {
            text: "",
            rowspan: Math.max(1, Number(attrs.rowspan) || 1),
            colspan: Math.max(1, Number(attrs.colspan) || 1),
          };
          rows[rows.length - 1]?.push(cell);
        } else if (cell && (name === "p" || name === "br" || name === "div")) cell.text += " ";
        else if (!tableDepth && BLOCK.has(name)) flush();
      },
      onclosetag(name) {
        if (name === "table") {
          if (--tableDepth === 0) {
            for (const row of rows) for (const c of row) c.text = squeeze(c.text);
            if (rows.some((r) => r.length)) out.push(rows.filter((r) => r.length));
          }
        } else if (tableDepth === 1 && CELL.has(name)) cell = null;
        else if (!tableDepth && BLOCK.has(name)) flush();
      },
      ontext(t) {
        if (cell) cell.text += t;
        else if (!tableDepth) run += t;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html.replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, ""));
  parser.end();
  flush();
  return out;
}

/** The table's rows on its grid: each spanned slot holds the spanning cell's text, or "" where `repeat` is false. */
function gridOf(rows: Cell[][], repeat: boolean): string[][] {
  const grid: string[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r]![c] !== undefined) c++;
      for (let dr = 0; dr < cell.rowspan && r + dr < rows.length; dr++)
        for (let dc = 0; dc < cell.colspan; dc++) {
          grid[r + dr] ??= [];
          grid[r + dr]![c + dc] = repeat || (dr === 0 && dc === 0) ? cell.text : "";
        }
      c += cell.colspan;
    }
  });
  const width = Math.max(...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
}

const pipeRow = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;

function markdown(html: string, table: (rows: Cell[][]) => string[][]): string {
  return (
    blocksOf(html)
      .map((b) => {
        if (typeof b === "string") return b;
        const rows = table(b);
        const head = rows[0]!;
        return [pipeRow(head), pipeRow(head.map(() => "---")), ...rows.slice(1).map(pipeRow)].join("\n");
      })
      .join("\n\n") + "\n"
  );
}

/**
 * Markdown of the page as HTML→Markdown converters write it, each table's first row its header:
 *
 *   mdgrid    spans laid out on the grid with the spanning cell's text in every slot it covers
 *             (document converters such as docling and marker);
 *   mdragged  cells as they come, a column span padded with empty cells, row spans not
 *             (markdownify, html2text-like converters): rows below a row-spanning cell are short.
 */
export const HTML_MARKDOWN = {
  mdgrid: (html: string) => markdown(html, (rows) => gridOf(rows, true)),
  mdragged: (html: string) =>
    markdown(html, (rows) =>
      rows.map((row) => row.flatMap((c) => [c.text, ...Array<string>(c.colspan - 1).fill("")])),
    ),
} satisfies Record<string, (html: string) => string>;

export type HtmlMarkdownKind = keyof typeof HTML_MARKDOWN;
