// parseHtmlTree replaces cheerio/slim's DOM (domhandler) under the block reader: on any markup the
// reader must see the same tree, so the blocks, notes and title candidates must be identical.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { load } from "cheerio/slim";
import { readBlocks } from "../../../parsers/html/blocks.js";
import type { DomNode } from "../../../parsers/html/dom.js";
import { limitNesting } from "../../../parsers/html/nesting.js";
import { parseHtmlTree } from "../../../parsers/html/tree.js";
import { decodeText } from "../../../parsers/encoding.js";
import { renderCorpusDocument } from "../../../src/synth/corpus.js";
import { projectRoot } from "../../../src/paths.js";

function assertSameBlocks(html: string, label: string): void {
  const limited = limitNesting(html);
  const viaCheerio = readBlocks(load(limited).root()[0] as unknown as DomNode);
  const viaTree = readBlocks(parseHtmlTree(limited));
  assert.deepEqual(viaTree, viaCheerio, label);
}

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
  const dirs = [
    join(projectRoot, "..", "shared", "corpus", "docs"),
    join(projectRoot, "..", "shared", "research", "portal-samples"),
    join(projectRoot, "tests", "fixtures", "formats"),
  ];
  let pages = 0;
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".html"))) {
      const html = decodeText(new Uint8Array(readFileSync(join(dir, name))), { html: true }).text;
      assertSameBlocks(html, name);
      pages++;
    }
  }
  if (pages === 0) t.skip("no real pages found (../shared sits beside the checkout)");
});
