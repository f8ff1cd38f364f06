// Pandoc's Markdown of a portal page made by Word (`pandoc -f html -t markdown`, lines cut from its
// output for the corpus's 15-putian-forestry-2019 page): fenced divs beside raw <div> tags, the
// HTML's attributes kept as bracketed spans, wrapped at 72-80 columns even inside an attribute.
// Read as an HTML fragment it gave no figure at all; read as Markdown with the spans' text, 181/198.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markdownStringToIR } from "../../../parsers/formats/markdown.js";
import { sniffFormat } from "../../../parsers/sniff.js";

const PAGE = [
  "::: bg",
  "::: {.logo .fl .xxgklogo}",
  "![](/public/images/gh_logo.png)[![](/images/pts_logo.png)",
  "[*\\|莆田市林业局*]{.orgname}](/)",
  ":::",
  "",
  "-   [[]{.icon02}](http://www.putian.gov.cn/zfxxgk/bmzfxxgk/ptslyj/zfxxgk/zfxxgkzn/)",
  "",
  "    <div>",
  "",
  "    政府信息\\",
  "    公开指南",
  "",
  "    </div>",
  "",
  "    <div>",
  "",
  "    政策",
  "",
  "    </div>",
  "",
  '::: {align="left"}',
  '　　[一、 ]{style="letter-spacing: -0.2pt; font-family:',
  '黑体"}[总体情况]{style="letter-spacing: -0.2pt; font-family: 黑体"}',
  ":::",
  "",
  '　　[行政许可]{style="color: black"}               　　[40]{style="font-family: Arial; color: black" lang="EN-US"}     　　[本年增[/]{lang="EN-US"}减]{style="color: black"}',
].join("\n");

const texts = (text: string) =>
  markdownStringToIR(text).blocks.map((b) => (b.kind === "text" ? b.text : "(table)"));

describe("pandoc's Markdown of a web page", () => {
  it("is Markdown, not an HTML fragment", () => {
    assert.equal(sniffFormat(new TextEncoder().encode(PAGE)), "markdown");
  });

  it("reads links, images and bracketed spans as their text, also when wrapped, and skips div fences", () => {
    const lines = texts(PAGE);
    assert.ok(lines.includes("一、 总体情况"), lines.join("\n"));
    assert.ok(
      lines.some((l) => /^行政许可\s+40\s+本年增\/减$/u.test(l.replace(/\u3000/g, " ").trim())),
      lines.join("\n"),
    );
    assert.ok(
      !lines.some((l) => l.includes("{") || l.includes("](http") || l.startsWith(":::")),
      lines.join("\n"),
    );
    assert.ok(!lines.some((l) => l.includes("-0.2")));
  });
});
