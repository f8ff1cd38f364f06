import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ParseError } from "../../../parsers/errors.js";
import { htmlStringToIR } from "../../../parsers/formats/html.js";
import { FLATTEN_DEPTH, SCAN_FROM_CHARS, limitNesting, nestingDepth } from "../../../parsers/html/nesting.js";
import { fixtureText } from "./fixtures.js";

describe("nesting guard", () => {
  it("measures real pages as shallow, implied closes included", () => {
    assert.ok(nestingDepth(fixtureText("word-pasted-table3.html")) < 30);
    const oldStyle = "<table>" + "<tr><td>规章<td>0<td>0".repeat(5000) + "</table>" + "<p>段落".repeat(5000);
    assert.ok(nestingDepth(oldStyle) < 10);
    const nested = "<table><tr><td>" + "<table><tr><td>x</td></tr></table>".repeat(3) + "</td></tr></table>";
    assert.equal(nestingDepth(nested), 6);
  });

  it("does not scan small pages (their worst case parses in about a second)", () => {
    const small = "<b>".repeat(FLATTEN_DEPTH + 1) + "x";
    assert.equal(limitNesting(small), small);
  });

  it("leaves sane pages untouched", () => {
    const page = fixtureText("portal-layout.html");
    assert.equal(limitNesting(page), page);
  });

  it("flattens tens of thousands of unclosed <font>s, keeping text and hidden parts", () => {
    const fonts = Math.max(3 * FLATTEN_DEPTH, Math.ceil(SCAN_FROM_CHARS / 16));
    const html = `<p>开始${'<font face="宋体">'.repeat(fonts)}<span style="display:none">草稿</span>正文</p>
      <table><tr><td>规章</td><td>0</td></tr></table>`;
    const flattened = limitNesting(html);
    assert.ok(!flattened.includes("<font"), "the unclosed <font>s are gone");
    assert.ok(flattened.includes('<span style="display:none">'), "a hiding tag is kept");
    const ir = htmlStringToIR(html);
    assert.deepEqual(
      ir.blocks.map((b) => (b.kind === "text" ? b.text : b.rows.map((row) => row.map((c) => c.text)))),
      ["开始正文", [["规章", "0"]]],
    );
  });

  it("refuses markup nested absurdly deep in structure, with a clear message", () => {
    const html = "<div>".repeat(60_000) + "text"; // 300,000 characters: above the scan threshold
    assert.throws(
      () => htmlStringToIR(html),
      (error: unknown) =>
        error instanceof ParseError && error.code === "corrupt" && /nested 60000/.test(error.message),
    );
  });
});
