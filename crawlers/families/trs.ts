// TRS WCM static columns: pages index.html, index_1.html … whose pager exists only in a script —
// `var countPage = N`, `createPageHTML(N, cur, "index", "html")` or the 6-argument
// `createPageHTML('page_div', N, cur, 'index', 'html', total)`. Page k ≥ 2 is `<name>_<k-1>.<ext>`.
import type { Page, PortalFamily } from "./family.js";

const MAX_PAGES = 500;

interface Pager {
  count: number;
  name: string;
  ext: string;
}

const CREATE_PAGE_LITERAL =
  /createPageHTML\s*\(\s*(?:['"][^'"]*['"]\s*,\s*)?(\d+)\s*,\s*\d+\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](\w+)['"]/;
const CREATE_PAGE_VARIABLES = /createPageHTML\s*\(\s*(?:['"][^'"]*['"]\s*,\s*)?([A-Za-z_$][\w$]*)\s*,/;

function numericVar(script: string, name: string): number | null {
  const m = new RegExp(`\\b${name.replace(/\$/g, "\\$")}\\s*=\\s*['"]?(\\d+)`).exec(script);
  return m ? Number(m[1]) : null;
}

function extOf(pageUrl: string): string {
  return /\.(s?html?)$/i.exec(new URL(pageUrl).pathname)?.[1]?.toLowerCase() ?? "html";
}

export function findTrsPager(html: string, pageUrl: string): Pager | null {
  const literal = CREATE_PAGE_LITERAL.exec(html);
  if (literal) {
    // The 6-argument form is 1-based on some sites (Hainan: dezlist_2 … dezlist_<n>): ask for one
    // page more; a 404 there costs one request, a missed last page would cost reports.
    const sixArgs = /^createPageHTML\s*\(\s*['"]/.test(literal[0]);
    return { count: Number(literal[1]) + (sixArgs ? 1 : 0), name: literal[2]!, ext: literal[3]! };
  }
  let count: number | null = null;
  const viaVariable = CREATE_PAGE_VARIABLES.exec(html);
  if (viaVariable) count = numericVar(html, viaVariable[1]!);
  count ??= numericVar(html, "countPage");
  if (count === null) {
    const records = numericVar(html, "m_nRecordCount");
    const size = numericVar(html, "m_nPageSize");
    if (records !== null && size) count = Math.ceil(records / size);
  }
  if (count === null) return null;
  // The page name and extension are in the script's own links: "index"+"_" + i + "."+"html\"
  // or "index.htm"; read them from the script that holds the counter, not from the whole page.
  const at = html.search(/countPage|createPageHTML|m_nRecordCount/);
  const script = html.slice(Math.max(0, at), html.indexOf("</script>", at) + 1 || undefined);
  const name =
    /["']([\w-]+)["']\s*\+\s*["']_["']/.exec(script)?.[1] ??
    /["']([\w-]+)_["']\s*\+/.exec(script)?.[1] ??
    "index";
  const ext =
    /\.\s*["']\s*\+\s*["'](s?html?)\\?["']/.exec(script)?.[1] ??
    /[\w-]\.(s?html?)\\?["']/.exec(script)?.[1] ??
    extOf(pageUrl);
  return { count, name, ext };
}

/** Every page of the column named by the pager script on one of its pages. */
export function trsPagerUrls(html: string, pageUrl: string): string[] {
  const pager = findTrsPager(html, pageUrl);
  if (!pager) return [];
  const urls: string[] = [new URL(`${pager.name}.${pager.ext}`, pageUrl).href];
  for (let i = 1; i < Math.min(pager.count, MAX_PAGES); i++) {
    urls.push(new URL(`${pager.name}_${i}.${pager.ext}`, pageUrl).href);
  }
  return urls;
}

export const trs = {
  id: "trs" as const,
  description: "TRS WCM static columns: index_N pages from a script pager (countPage, createPageHTML)",
  recognise(page: Page) {
    if (findTrsPager(page.html, page.url))
      return { confirmed: true, why: "script pager (countPage/createPageHTML)" };
    if (
      page.$('meta[name="ArticleTitle"], meta[name="ColumnName"]').length ||
      /TRS_Editor|trs_editor/i.test(page.html)
    )
      return { confirmed: false, why: "TRS metas or editor classes" };
    return null;
  },
  listingPages: (page) => trsPagerUrls(page.html, page.url),
} satisfies PortalFamily;
