// The scanner (parsers/html/scan.ts) reads pages in place of htmlparser2's Tokenizer: wherever it
// does not give up, the tree must equal the one the Tokenizer gives, down to markup cut at any
// character; on real pages it must not give up (or the speed is lost, silently).
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { scanInto } from "../../../parsers/html/scan.js";
import { readBlocks } from "../../../parsers/html/blocks.js";
import { TreeBuilder, parseHtmlDocument, tokenizerTree } from "../../../parsers/html/tree.js";
import { renderCorpusDocument } from "../../../src/synth/corpus.js";
import { realHtmlPages } from "./real-pages.js";

/** The scanner's tree, or null where it gives up. */
function scanned(html: string): unknown {
  const builder = new TreeBuilder(html);
  return scanInto(html, builder) ? builder.root : null;
}

// Characters and fragments that reach every state of the Tokenizer: tag, attribute and end-tag
// syntax, quotes, entities, comments and declarations, raw-text elements, and their quirks.
const FRAGMENTS = [
  "<",
  ">",
  "/",
  "!",
  "-",
  "?",
  "=",
  "&",
  ";",
  '"',
  "'",
  " ",
  "\n",
  "\t",
  "a",
  "b",
  "p",
  "s",
  "c",
  "t",
  "x",
  "m",
  "#",
  "1",
  "[",
  "D",
  "中",
  "amp",
  "nbsp",
  "#x4e00",
  "td",
  "tr",
  "table",
  "div",
  "br",
  "svg",
  "style",
  "script",
  "title",
  "textarea",
  "xmp",
  "tmp",
  "class",
  "href",
  "rowspan",
  "<!--",
  "-->",
  "</",
  "\u001c",
  "&nbsp;",
  "&#160;",
  "&#x4e00;",
  "&#128;",
  "&#0;",
  "&#xD800;",
  "&emsp13;",
  "&ldquo;",
];

test("where the scanner reads markup, its tree is the Tokenizer's, on random markup to the character", () => {
  let read = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }), (parts) => {
      const html = parts.join("");
      const tree = scanned(html);
      if (tree === null) return;
      read++;
      assert.deepEqual(tree, tokenizerTree(html), JSON.stringify(html));
    }),
    { numRuns: 20000, seed: 11 },
  );
  // Most random markup is read by the scanner itself (the test would prove nothing otherwise).
  assert.ok(read > 15000, `the scanner read ${read} of 20000`);
});

test("the scanner gives up on the Tokenizer's quirks, and reads the usual forms", () => {
  for (const quirk of [
    "a</>b",
    "a</ p>b",
    "<scri",
    "<tmp>x</xmp>y",
    "<br/",
    "<!DOCTYPE html",
    "<title>&amp;<b></title>",
    "<script>x\u001c/script>",
  ]) {
    assert.equal(scanned(quirk), null, JSON.stringify(quirk));
  }
  for (const usual of [
    "<!DOCTYPE html><html><head><title>年报 &amp; 公开</title></head><body>",
    '<p class="a" style=\'x\' hidden data-x=1 href="?a=1&amp;b=2">申&nbsp;请</p>',
    "<script>if (a<b) document.write('</p>')</script><style>p{}</style><!-- c --><!---->",
    "<td rowspan=2 colspan=3/>x<br/><BR >y</TD ><?php x ?>",
    "<![if !supportLists]>1.<![endif]><![CDATA[x]]]>y<!>a>b<!-x>z",
  ]) {
    const tree = scanned(usual);
    assert.notEqual(tree, null, JSON.stringify(usual));
    assert.deepEqual(tree, tokenizerTree(usual), JSON.stringify(usual));
  }
});

test("the scanner reads real and synthetic pages whole, as the Tokenizer does", (t) => {
  for (let i = 0; i < 10; i++) {
    const html = new TextDecoder().decode(
      renderCorpusDocument(i, { seed: "scan-test", forms: ["html"] }).bytes,
    );
    assert.deepEqual(scanned(html), tokenizerTree(html), `synthetic #${i}`);
  }
  const pages = realHtmlPages();
  for (const { name, html } of pages) assert.deepEqual(scanned(html), tokenizerTree(html), name);
  if (pages.length === 0) t.skip("no real pages found (../shared sits beside the checkout)");
});

test("the tables recorded while building the tree read as the block reader's own walk finds them", () => {
  const pieces = [
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "</td>",
    "<td colspan=2>",
    "<div>",
    "</div>",
    "<script/>",
    "</script>",
    "<style/>",
    "<span hidden>",
    "</span>",
    "1",
    "报告",
    " ",
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
      const html = parts.join("");
      const { root, tables } = parseHtmlDocument(html);
      assert.ok(tables, JSON.stringify(html));
      // Without the recorded tables the reader walks the tree for them.
      assert.deepEqual(readBlocks(root, undefined, tables), readBlocks(root), JSON.stringify(html));
    }),
    { numRuns: 3000, seed: 5 },
  );
});
