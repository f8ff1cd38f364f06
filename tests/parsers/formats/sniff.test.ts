import assert from "node:assert/strict";
import { describe, it } from "node:test";
import iconv from "iconv-lite";
import { ParseError } from "../../../parsers/errors.js";
import { hasMarkdownTable, sniffFormat } from "../../../parsers/sniff.js";
import { fixtureBytes } from "./fixtures.js";

const bytes = (text: string) => Buffer.from(text, "utf8");

function assertParseError(fn: () => unknown, code: ParseError["code"], pattern?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ParseError, `expected a ParseError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

/** A minimal ZIP: one local file header naming `entry` (content irrelevant to sniffing). */
function zipWithEntry(entry: string): Buffer {
  const name = Buffer.from(entry, "latin1");
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, Buffer.from("<w:document/>")]);
}

describe("sniffFormat", () => {
  it("recognises the binary document magics", () => {
    assert.equal(sniffFormat(bytes("%PDF-1.7\n%âãÏÓ\n1 0 obj")), "pdf");
    assert.equal(sniffFormat(zipWithEntry("word/document.xml")), "docx");
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    assert.equal(sniffFormat(ole), "doc");
    // An OpenDocument text: its first entry, stored, is "mimetype" holding the type.
    const odt = zipWithEntry("mimetype");
    assert.equal(
      sniffFormat(
        Buffer.concat([odt.subarray(0, 38), Buffer.from("application/vnd.oasis.opendocument.text")]),
      ),
      "odt",
    );
    // OFD (GB/T 33190): a ZIP whose entry document is OFD.xml.
    assert.equal(sniffFormat(zipWithEntry("OFD.xml")), "ofd");
    // Spreadsheets of the report's tables: XLSX by its workbook part, XLS/ET by the OLE2 Workbook stream.
    assert.equal(sniffFormat(zipWithEntry("xl/workbook.xml")), "xlsx");
    const xls = Buffer.concat([ole, Buffer.from("Workbook", "utf16le")]);
    assert.equal(sniffFormat(xls), "xls");
  });

  it("refuses ZIPs that are not Word documents, naming what they are", () => {
    assertParseError(() => sniffFormat(zipWithEntry("photos/a.jpg")), "unsupported_format", /ZIP/);
  });

  it("takes PNG, JPEG, TIFF and GIF by their magic as images (read by OCR); refuses BMP", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    assert.equal(sniffFormat(png), "image");
    assert.equal(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46])), "image");
    assert.equal(sniffFormat(Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])), "image");
    assert.equal(sniffFormat(Buffer.from("GIF89a\x01\x00", "latin1")), "image");
    assertParseError(
      () => sniffFormat(Buffer.from("BM\x36\x00\x00\x00", "latin1")),
      "unsupported_format",
      /BMP/,
    );
  });

  it("finds HTML by its tags, after a BOM and whitespace, whatever the encoding", () => {
    assert.equal(sniffFormat(fixtureBytes("news-page.html")), "html");
    assert.equal(sniffFormat(bytes('\uFEFF\n\n  <div class="TRS_Editor"><p>一、总体情况</p></div>')), "html");
    const gbk = iconv.encode(
      '<html><head><meta charset="gb2312"><title>年度报告</title></head></html>',
      "gbk",
    );
    assert.equal(sniffFormat(gbk), "html");
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode("<html><body><p>年度报告</p></body></html>", "utf-16le"),
    ]);
    assert.equal(sniffFormat(utf16), "html");
  });

  it("takes an MHTML single-file web page as HTML", () => {
    assert.equal(sniffFormat(fixtureBytes("word-single-file.mht")), "html");
  });

  it("takes a copied body fragment that starts with text as HTML", () => {
    const fragment = "一、总体情况<p>2023年，我局……</p><table><tr><td>规章</td><td>0</td></tr></table>";
    assert.equal(sniffFormat(bytes(fragment)), "html");
  });

  it("finds Markdown by a pipe table with its separator row", () => {
    assert.equal(sniffFormat(fixtureBytes("pipe-tables.md")), "markdown");
    assert.equal(hasMarkdownTable("| a | b |\n|---|---|\n| 1 | 2 |"), true);
    assert.equal(hasMarkdownTable("| a | b |\n| 1 | 2 |"), false);
    const mineru =
      "# 某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n<table><tr><td>规章</td><td>0</td></tr></table>\n";
    assert.equal(sniffFormat(bytes(mineru)), "markdown");
  });

  it("reads the forms of copied-out text as text, whatever the file is called", () => {
    for (const name of [
      "tab-separated.txt",
      "pdftotext-layout.txt",
      "one-cell-per-line.txt",
      "pre2019-prose.txt",
    ]) {
      assert.equal(sniffFormat(fixtureBytes(name)), "text", name);
    }
    // A text dump saved under a .pdf name is still text: the name is never consulted.
    assert.equal(sniffFormat(bytes("某县2023年政府信息公开工作年度报告\n一、总体情况\n")), "text");
    assert.equal(sniffFormat(iconv.encode("某县2023年政府信息公开工作年度报告\r\n", "gb18030")), "text");
  });

  it("refuses binary garbage", () => {
    let seed = 42;
    const garbage = Buffer.alloc(4096, 0).map(() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    assertParseError(() => sniffFormat(garbage), "unsupported_format", /binary/);
    assertParseError(() => sniffFormat(Buffer.from("text\0with\0nuls\0\0\0\0")), "unsupported_format");
  });

  it("calls empty and blank documents empty", () => {
    assertParseError(() => sniffFormat(Buffer.alloc(0)), "empty");
    assertParseError(() => sniffFormat(bytes(" \r\n\t\n")), "empty");
    assertParseError(() => sniffFormat(bytes("\uFEFF\u3000\u3000\n")), "empty");
  });
});
