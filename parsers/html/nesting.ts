// A guard against absurdly deep markup. htmlparser2 keeps its open-element stack with
// unshift/shift, so every tag costs time proportional to the nesting depth: a page with 100,000
// unclosed <font>s (real editors leave them) takes minutes. One linear scan measures the depth;
// when it is absurd, presentational inline tags — which carry no text — are removed before parsing.
import { ParseError } from "../errors.js";
import { VOID_ELEMENTS as VOID } from "./tree.js";

/** Deeper than any real page (portal chrome + Word paste stay under a few hundred): flatten. */
export const FLATTEN_DEPTH = 2000;
/** Pages shorter than this are not scanned: their worst case costs about a second, not minutes. */
export const SCAN_FROM_CHARS = 256 * 1024;
/** Still this deep without inline tags: parsing would take many minutes, so the page is refused. */
export const MAX_NESTING_DEPTH = 50_000;

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:_-]*)[^>]*>/g;

/** Elements that a sibling of the same name closes implicitly (`<p>a<p>b`, `<td>1<td>2`). */
const CLOSED_BY_SIBLING = new Set(["p", "li", "dt", "dd", "option", "tr", "td", "th"]);

/** Inline tags that only style text; removing them changes no text a reader sees. */
const PRESENTATIONAL = /^(?:font|span|b|i|u|strong|em|small|big|sup|sub|a|o:p|st1:[\w-]+)$/i;

/** A style or attribute that hides the element: such tags are kept, or hidden text would show. */
const HIDING = /display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|\bhidden\b/i;

function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 58 || // :
    code === 95 || // _
    code === 45 // -
  );
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

const ROW_TAGS = ["tr", "td", "th"];

function takeRowCounts(open: Map<string, number>): number[] {
  const counts = ROW_TAGS.map((tag) => open.get(tag) ?? 0);
  for (const tag of ROW_TAGS) open.set(tag, 0);
  return counts;
}

function restoreRowCounts(open: Map<string, number>, counts: number[] | undefined): void {
  if (counts) ROW_TAGS.forEach((tag, i) => open.set(tag, counts[i]!));
}

/**
 * The deepest nesting of non-void elements (closing tags without an open one are ignored). A
 * hand-written scan: it runs on every page, so it must cost a fraction of the parse.
 */
export function nestingDepth(html: string): number {
  const open = new Map<string, number>();
  const outerTables: number[][] = [];
  let depth = 0;
  let max = 0;
  for (let lt = html.indexOf("<"); lt !== -1; lt = html.indexOf("<", lt + 1)) {
    const closing = html.charCodeAt(lt + 1) === 47; // "/"
    const start = lt + (closing ? 2 : 1);
    if (!isLetter(html.charCodeAt(start))) continue;
    let end = start + 1;
    while (end < html.length && isNameChar(html.charCodeAt(end))) end++;
    const name = html.slice(start, end).toLowerCase();
    if (VOID.has(name)) continue;
    if (closing) {
      const count = open.get(name) ?? 0;
      if (count > 0) {
        open.set(name, count - 1);
        depth--;
        if (name === "table") restoreRowCounts(open, outerTables.pop());
      }
      continue;
    }
    const gt = html.indexOf(">", end);
    if (gt === -1) break;
    lt = gt;
    if (html.charCodeAt(gt - 1) === 47) continue; // self-closing "/>"
    const count = open.get(name) ?? 0;
    if (count > 0 && CLOSED_BY_SIBLING.has(name)) continue; // closes its sibling: same depth
    open.set(name, count + 1);
    if (++depth > max) max = depth;
    // Rows and cells of a nested table are not siblings of the enclosing table's.
    if (name === "table") outerTables.push(takeRowCounts(open));
  }
  return max;
}

/**
 * Returns the HTML unchanged when its nesting is sane; otherwise without its presentational inline
 * tags. Throws ParseError("corrupt") when even that leaves it absurdly deep. The depth is an
 * estimate (no tree is built), so the refusal bound is far above any real page.
 */
export function limitNesting(html: string): string {
  // Below this size even the worst nesting parses in about a second: skip the scan's cost.
  if (html.length < SCAN_FROM_CHARS || nestingDepth(html) <= FLATTEN_DEPTH) return html;
  const keep = new Set<string>();
  for (const match of html.matchAll(TAG)) {
    if (PRESENTATIONAL.test(match[2]!) && HIDING.test(match[0])) keep.add(match[2]!.toLowerCase());
  }
  const flattenable = (name: string) => PRESENTATIONAL.test(name) && !keep.has(name.toLowerCase());
  const flattened = html.replace(TAG, (tag: string, _slash: string, name: string) =>
    flattenable(name) ? "" : tag,
  );
  const depth = nestingDepth(flattened);
  if (depth > MAX_NESTING_DEPTH) {
    throw new ParseError(
      "corrupt",
      `the HTML is nested ${depth} elements deep (the limit is ${MAX_NESTING_DEPTH})`,
    );
  }
  return flattened;
}
