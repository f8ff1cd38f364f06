// Forms the same HTML page takes on other portals, as pure functions of the page's HTML
// (deterministic, every figure kept: a variant made with one of them has the original's truth).
// String edits on the tags, not a DOM round trip, so nothing else of the page changes.

/** Tags that close one row and open the next inside a table (tbody kept where the page has one). */
const ROW_BREAK = /<\/tr>(\s*)<tr\b/gi;

/** The opening tag of each table, by position, to repeat its attributes on the pieces. */
function tableTagBefore(html: string, at: number): string {
  const open = html.lastIndexOf("<table", at);
  return open < 0 ? "<table>" : html.slice(open, html.indexOf(">", open) + 1);
}

function bodyBetween(html: string, at: number): boolean {
  const open = html.lastIndexOf("<table", at);
  const body = html.toLowerCase().indexOf("<tbody", open);
  return body >= 0 && body < at;
}

export const HTML_FORMS = {
  /**
   * Every row its own table (CMS editors that paste a Word table row by row, pages rebuilt from
   * a spreadsheet): a cell spanning rows then stands only beside the first of them.
   */
  rowtables: (html: string) =>
    html.replace(ROW_BREAK, (_m, space: string, offset: number) => {
      const tbody = bodyBetween(html, offset);
      return `</tr>${tbody ? "</tbody>" : ""}</table>${space}${tableTagBefore(html, offset)}${tbody ? "<tbody>" : ""}<tr`;
    }),
  /**
   * Each table inside the cell of a layout table, beside a navigation column (portal templates
   * built with tables).
   */
  nested: (html: string) =>
    html
      .replace(
        /<table\b/gi,
        '<table class="layout" width="100%"><tr><td class="nav">首页<br>政务公开<br>年度报告</td><td class="main"><table',
      )
      .replace(/<\/table>/gi, "</table></td></tr></table>"),
  /**
   * Table 3 cut in two at a page break, its header rows printed again on top of the second part
   * (Word's "repeat as header row", saved as HTML page by page), a page footer between.
   */
  repeatheader: (html: string) => {
    const rows = [...html.matchAll(/<tr\b[\s\S]*?<\/tr>/gi)];
    const first = rows.findIndex((r) => r[0].includes("本年新收"));
    const cut = rows.findIndex((r, i) => i > first && r[0].includes("保护第三方"));
    if (first < 0 || cut < 0) return html;
    const open = html.lastIndexOf("<table", rows[first]!.index);
    const header = rows.slice(0, first).filter((r) => r.index > open);
    if (header.length === 0) return html;
    const at = rows[cut]!.index;
    const tbody = bodyBetween(html, at);
    const close = `${tbody ? "</tbody>" : ""}</table><p>- 2 -</p>`;
    const reopen = `${tableTagBefore(html, at)}${tbody ? "<tbody>" : ""}${header.map((r) => r[0]).join("")}`;
    return html.slice(0, at) + close + reopen + html.slice(at);
  },
} satisfies Record<string, (html: string) => string>;

export type HtmlFormKind = keyof typeof HTML_FORMS;
