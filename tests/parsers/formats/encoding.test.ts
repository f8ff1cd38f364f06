import assert from "node:assert/strict";
import { describe, it } from "node:test";
import iconv from "iconv-lite";
import { decodeText, findDeclaredCharset, normalizeCharset } from "../../../parsers/encoding.js";
import { fixtureText } from "./fixtures.js";

const REPORT_LINE = "莆田市民族与宗教事务局2023年度政府信息公开工作年度报告：本年新收政府信息公开申请数量";

describe("decodeText", () => {
  it("decodes a GBK page by its <meta http-equiv> declaration", () => {
    const page = fixtureText("word-pasted-table3.html");
    const gbk = iconv.encode(page, "gbk");
    const decoded = decodeText(gbk, { html: true });
    assert.equal(decoded.encoding, "gb18030");
    assert.equal(decoded.text, page);
  });

  it("decodes GBK-only characters on a page labelled gb2312 (decoded as GB18030)", () => {
    // 镕 and 祎 are outside GB2312; pages labelled gb2312 use them anyway.
    const page = '<html><head><meta charset="gb2312"></head><body><p>朱镕基 王祎 年度报告</p></body></html>';
    const decoded = decodeText(iconv.encode(page, "gbk"), { html: true });
    assert.equal(decoded.text, page);
  });

  it("guesses GB18030 for an undeclared Chinese page", () => {
    const text =
      `${REPORT_LINE}\n一、总体情况\n2023年，我局严格落实《中华人民共和国政府信息公开条例》，主动公开政府信息。\n`.repeat(
        3,
      );
    const decoded = decodeText(iconv.encode(text, "gb18030"));
    assert.equal(decoded.encoding, "gb18030");
    assert.equal(decoded.text, text);
  });

  it("prefers valid UTF-8 over a stale gb2312 declaration", () => {
    const page = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>${REPORT_LINE}</body></html>`;
    const decoded = decodeText(Buffer.from(page, "utf8"), { html: true });
    assert.equal(decoded.encoding, "utf-8");
    assert.equal(decoded.text, page);
  });

  it("keeps UTF-8 with a flaw (cut mid-character, one corrupt byte) as UTF-8, not GBK mojibake", () => {
    const page = fixtureText("word-pasted-table3.html").replace("gb2312", "utf-8");
    const bytes = Buffer.from(page, "utf8");
    const cut = bytes.subarray(0, bytes.indexOf(Buffer.from("二、上年结转")) + 2);
    const corrupt = Buffer.from(bytes);
    corrupt[bytes.indexOf(Buffer.from("商业"))] = 0xff;
    for (const flawed of [cut, corrupt]) {
      const decoded = decodeText(flawed, { html: true });
      assert.equal(decoded.encoding, "utf-8");
      assert.match(decoded.text, /本年新收政府信息公开申请数量/);
    }
  });

  it("uses a charset declared in the HTTP header when the bytes are not UTF-8", () => {
    const decoded = decodeText(iconv.encode(REPORT_LINE, "gbk"), { declared: "GBK" });
    assert.deepEqual(
      [decoded.encoding, decoded.evidence, decoded.text],
      ["gb18030", "declared", REPORT_LINE],
    );
  });

  it("does not trust a Western single-byte label on Chinese bytes", () => {
    const decoded = decodeText(iconv.encode(REPORT_LINE, "gbk"), { declared: "iso-8859-1" });
    assert.equal(decoded.text, REPORT_LINE);
  });

  it("follows byte-order marks: UTF-16LE, UTF-16BE and UTF-8, and drops them", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(REPORT_LINE, "utf-16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(REPORT_LINE, "utf-16be")]);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(REPORT_LINE)]);
    for (const [bytes, encoding] of [
      [le, "utf-16le"],
      [be, "utf-16be"],
      [utf8, "utf-8"],
    ] as const) {
      const decoded = decodeText(bytes);
      assert.deepEqual([decoded.text, decoded.encoding, decoded.evidence], [REPORT_LINE, encoding, "bom"]);
    }
  });

  it("decodes pure ASCII as UTF-8", () => {
    assert.deepEqual(decodeText(Buffer.from("2023 report")), {
      text: "2023 report",
      encoding: "utf-8",
      evidence: "utf8",
    });
  });
});

describe("decodeText on valid UTF-8", () => {
  it("gives Buffer's UTF-8 string for every kind of character (1 to 4 bytes, a BOM inside, big documents)", () => {
    // Characters of each UTF-8 length, a U+FEFF that is not at the start (kept), and the edges of
    // each length's range: the fast decoder must give the same code units as Buffer's.
    const pieces = [
      "a",
      "\u00e9",
      "\u07ff",
      "\u0800",
      "年",
      "\ufeff",
      "\uffff",
      "😀",
      "\u{10ffff}",
      "\n",
      "，",
    ];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const size of [1, 10, 1000, 40_000]) {
      let text = "";
      while (text.length < size) text += pieces[Math.floor(random() * pieces.length)];
      const bytes = new Uint8Array(Buffer.from(text, "utf8"));
      const decoded = decodeText(bytes);
      assert.equal(decoded.encoding, "utf-8");
      assert.equal(decoded.text, text);
      assert.equal(decoded.text, Buffer.from(bytes).toString("utf8"));
    }
    // Past the fast decoder's size limit (Buffer's way): the same.
    const big = REPORT_LINE.repeat(8000);
    assert.equal(decodeText(new Uint8Array(Buffer.from(big, "utf8"))).text, big);
  });
});

describe("charset declarations", () => {
  it("finds meta charset, http-equiv and XML declarations", () => {
    assert.equal(findDeclaredCharset(Buffer.from('<meta charset="GBK">')), "GBK");
    assert.equal(
      findDeclaredCharset(Buffer.from("<META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=gb2312'>")),
      "gb2312",
    );
    assert.equal(
      findDeclaredCharset(Buffer.from('<?xml version="1.0" encoding="GB18030"?><html>')),
      "GB18030",
    );
    assert.equal(findDeclaredCharset(Buffer.from("<html><p>charset is not declared</p>")), undefined);
  });

  it("maps the GB family to GB18030 and rejects unknown labels", () => {
    assert.equal(normalizeCharset("GB2312"), "gb18030");
    assert.equal(normalizeCharset(" gbk "), "gb18030");
    assert.equal(normalizeCharset("UTF8"), "utf-8");
    assert.equal(normalizeCharset("big5"), "big5");
    assert.equal(normalizeCharset("x-no-such-charset"), undefined);
  });
});
