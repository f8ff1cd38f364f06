// parseHtmlTree replaces cheerio/slim's DOM (domhandler) under the block reader: on any markup the
// reader must see the same tree, so the blocks, notes and title candidates must be identical. It is
// built on htmlparser2's Tokenizer with its Parser's tree rules: the tree itself must equal the one
// built from the Parser's events, on tricky, random and real markup.
import assert from "node:assert/strict";
import { test } from "node:test";
import { load } from "cheerio/slim";
import fc from "fast-check";
import { Parser } from "htmlparser2";
import { readBlocks } from "../../../parsers/html/blocks.js";
import { KEPT_ATTRIBUTES, type DomNode } from "../../../parsers/html/dom.js";
import { limitNesting } from "../../../parsers/html/nesting.js";
import { parseHtmlTree } from "../../../parsers/html/tree.js";
import { renderCorpusDocument } from "../../../src/synth/corpus.js";
import { realHtmlPages } from "./real-pages.js";

function assertSameBlocks(html: string, label: string): void {
  const limited = limitNesting(html);
  const viaCheerio = readBlocks(load(limited).root()[0] as unknown as DomNode);
  const viaTree = readBlocks(parseHtmlTree(limited));
  assert.deepEqual(viaTree, viaCheerio, label);
  assert.deepEqual(parseHtmlTree(limited), treeFromParserEvents(limited), `${label}: tree`);
}

interface Node {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: Node[];
}

/** The tree as built from htmlparser2's Parser events (the kept attributes only). */
function treeFromParserEvents(html: string): Node {
  const root: Node = { type: "root", name: "", attribs: {}, children: [] };
  const stack: Node[] = [root];
  let lastText: Node | null = null;
  const kept: ReadonlySet<string> = KEPT_ATTRIBUTES;
  const parser = new Parser({
    onopentag(name, attribs) {
      const type = name === "script" ? "script" : name === "style" ? "style" : "tag";
      const element: Node = { type, name, attribs: {}, children: [] };
      for (const key of Object.keys(attribs)) if (kept.has(key)) element.attribs![key] = attribs[key]!;
      stack.at(-1)!.children!.push(element);
      stack.push(element);
      lastText = null;
    },
    onclosetag() {
      lastText = null;
      if (stack.length > 1) stack.pop();
    },
    ontext(data) {
      if (lastText) lastText.data += data;
      else stack.at(-1)!.children!.push((lastText = { type: "text", data }));
    },
    oncomment() {
      lastText = null;
    },
    onprocessinginstruction() {
      lastText = null;
    },
  });
  parser.end(html);
  return root;
}

// Markup pieces where tree building has rules: implied closes and opens, void and self-closing
// tags (closing only inside svg/math), stray end tags, entities, comments, CDATA, case.
const PIECES = [
  "<p>",
  "</p>",
  "<P>",
  "<div>",
  "</div>",
  "<div/>",
  "<p/>",
  "<br>",
  "</br>",
  "<br/>",
  "<table>",
  "</table>",
  "<tr>",
  "<td>",
  "</td>",
  "</TD>",
  "<th colspan=2>",
  "<tbody>",
  "<thead>",
  "<tfoot>",
  "<li>",
  "<ul>",
  "</ul>",
  "<dd>",
  "<dt>",
  "<svg>",
  "</svg>",
  "<path/>",
  "<math>",
  "<mi>",
  "</mi>",
  "<desc>",
  "</desc>",
  "<foreignObject>",
  "</foreignobject>",
  "<title>",
  "</title>",
  "<script>",
  "</script>",
  "<style>",
  "<select>",
  "<option>",
  "<textarea>",
  "</textarea>",
  "<h1>",
  "</h1>",
  "<head>",
  "<body>",
  "<link>",
  "<rt>",
  "<rp>",
  "<!-- c -->",
  "<![CDATA[x]]>",
  "<?xml?>",
  "<!DOCTYPE html>",
  "text",
  " ",
  "\n",
  "&amp;",
  "&nbsp;",
  "&#x4e00;",
  "<span hidden>",
  "</span>",
  "<img src='a.png'/>",
  "<input type=hidden>",
  '<font class="a" CLASS=b id=\'x\' Style="color:red">',
  "</font>",
  "<a href=x>",
  "</foo>",
  "<",
  ">",
  '<td rowspan="2" style="display:none">',
  '<div class="title',
];

test("the tree equals the one built from htmlparser2's Parser events on random markup", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (parts) => {
      const html = parts.join("");
      assert.deepEqual(parseHtmlTree(html), treeFromParserEvents(html), JSON.stringify(html));
    }),
    { numRuns: 3000, seed: 11 },
  );
});

// The places where a hand-built tree could differ from domhandler's: implied closes and opens,
// text merged across entities and split around comments, directives, CDATA (a comment in HTML),
// script and style content, unclosed and stray end tags, attributes without values, hidden parts.
const TRICKY = [
  "<!DOCTYPE html><html><head><title>标题</title></head><body><p>一<p>二</body></html>",
  "<table><tr><td>a<td>b<tr><td>1<td>2</table>",
  "<p>申&nbsp;请<!-- note -->数量&amp;</p><p>a<![CDATA[x]]>b</p>",
  "<div>前<?xml version='1.0'?>后</div><div>x<!---->y</div>",
  "<ul><li>one<li>two</ul><dl><dt>t<dd>d</dl>",
  "<script>var a = '<p>not</p>';</script><style>p{}</style><p hidden>h</p><p style='display:none'>n</p>ok",
  "</p></div>stray<b><i>bold italic</b> after</i><br/>line<br>line",
  "<table><caption>表一</caption><thead><tr><th colspan=2>收到</th></tr></thead><tr><td rowspan=2>1</td><td>2</td></tr><tr><td>3</td></tr></table>",
  "<font><font><font>" + "深".repeat(3) + "</table>text<select><option>x</select>",
  "text only, no tags \r\n 申\r\n请",
  "<h1>一、总体情况</h1><pre>  a\n  b</pre><textarea><p>raw</p></textarea><noscript><p>ns</p></noscript>",
  "",
];

test("the tree reads like cheerio/slim's DOM on tricky markup", () => {
  TRICKY.forEach((html, i) => assertSameBlocks(html, `tricky #${i}`));
});

test("the tree reads like cheerio/slim's DOM on synthetic HTML reports", () => {
  for (let i = 0; i < 15; i++) {
    const doc = renderCorpusDocument(i, { seed: "tree-test", forms: ["html"] });
    assertSameBlocks(new TextDecoder().decode(doc.bytes), `synthetic #${i}`);
  }
});

test("the tree reads like cheerio/slim's DOM on real pages", (t) => {
  const pages = realHtmlPages();
  for (const { name, html } of pages) assertSameBlocks(html, name);
  if (pages.length === 0) t.skip("no real pages found (../shared sits beside the checkout)");
});
