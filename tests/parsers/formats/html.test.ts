import assert from "node:assert/strict";
import { describe, it } from "node:test";
import iconv from "iconv-lite";
import { htmlStringToIR, htmlToIR } from "../../../parsers/formats/html.js";
import type { Block, DocumentIR, TableBlock } from "../../../parsers/ir.js";
import { fixtureBytes, fixtureText } from "./fixtures.js";

const tables = (ir: DocumentIR) => ir.blocks.filter((b): b is TableBlock => b.kind === "table");
const texts = (ir: DocumentIR) => ir.blocks.flatMap((b: Block) => (b.kind === "text" ? [b.text] : []));
const rowTexts = (table: TableBlock) => table.rows.map((row) => row.map((cell) => cell.text));
const allText = (ir: DocumentIR) =>
  ir.blocks
    .map((b) =>
      b.kind === "text"
        ? b.text
        : b.rows
            .flat()
            .map((c) => c.text)
            .join(" "),
    )
    .join("\n");

describe("htmlToIR on a Word-pasted GBK report page", async () => {
  const ir = await htmlToIR(iconv.encode(fixtureText("word-pasted-table3.html"), "gbk"));
  const [table3] = tables(ir);

  it("finds the title, in prose blocks, in reading order", () => {
    assert.equal(ir.format, "html");
    assert.equal(ir.title, "某县农业农村局2023年政府信息公开工作年度报告");
    const prose = texts(ir);
    const order = [
      "某县农业农村局2023年政府信息公开工作年度报告",
      "一、总体情况",
      "三、收到和处理政府信息公开申请情况",
    ];
    assert.deepEqual(
      order.map((text) => prose.indexOf(text)),
      [...order.map((text) => prose.indexOf(text))].sort((a, b) => a - b),
    );
    assert.ok(order.every((text) => prose.includes(text)));
  });

  it("joins Word's <span> pieces and drops line breaks between Chinese characters", () => {
    const prose = texts(ir);
    assert.ok(
      prose.includes(
        "本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
      ),
    );
    assert.ok(
      prose.includes(
        "2023年，我局坚持以公开为常态、不公开为例外，全年主动公开政府信息156条，其中政策文件12条。",
      ),
    );
  });

  it("leaves out scripts, styles and hidden text", () => {
    const text = allText(ir);
    assert.doesNotMatch(text, /草稿|分享到微信|countPage|margin-top/);
  });

  it("expands table 3's header spans onto a 10-column grid", () => {
    assert.ok(table3);
    assert.equal(table3.rows.length, 28);
    assert.ok(table3.rows.every((row) => row.length === 10));
    const [r1, r2, r3] = rowTexts(table3);
    const note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    assert.deepEqual(r1, [note, note, note, ...Array(7).fill("申请人情况")]);
    assert.deepEqual(r2, [note, note, note, "自然人", ...Array(5).fill("法人或其他组织"), "总计"]);
    assert.deepEqual(r3, [
      note,
      note,
      note,
      "自然人",
      "商业 企业",
      "科研 机构",
      "社会公益组织",
      "法律服务机构",
      "其他",
      "总计",
    ]);
    assert.equal(table3.rows[0]![0]!.spanned, undefined);
    assert.equal(table3.rows[0]![1]!.spanned, true);
    assert.equal(table3.rows[2]![0]!.spanned, true);
  });

  it("expands the label column's rowspans so every row carries its full label path", () => {
    const rows = rowTexts(table3!);
    assert.deepEqual(rows[3], [
      "一、本年新收政府信息公开申请数量",
      "一、本年新收政府信息公开申请数量",
      "一、本年新收政府信息公开申请数量",
      "12",
      "1",
      "0",
      "0",
      "0",
      "0",
      "13",
    ]);
    const enforcement = rows.find((row) => row[2] === "7.属于行政执法案卷");
    assert.deepEqual(enforcement, [
      "三、本年度办理结果",
      "（三）不予公开",
      "7.属于行政执法案卷",
      "1",
      "0",
      "0",
      "0",
      "0",
      "0",
      "1",
    ]);
    const repeated = rows.find((row) => row[2] === "2.重复申请");
    assert.deepEqual(repeated?.slice(0, 4), ["三、本年度办理结果", "（五）不予处理", "2.重复申请", "1"]);
    assert.deepEqual(rows[27], [
      "四、结转下年度继续办理",
      "四、结转下年度继续办理",
      "四、结转下年度继续办理",
      "2",
      "0",
      "0",
      "0",
      "0",
      "0",
      "2",
    ]);
  });

  it("locates each cell by its source path", () => {
    const enforcementRow = table3!.rows.find((row) => row[2]?.text === "7.属于行政执法案卷")!;
    assert.equal(table3!.loc?.path, "table[1]");
    assert.equal(enforcementRow[2]!.loc?.path, "table[1]/tr[14]/td[1]");
    assert.equal(enforcementRow[3]!.loc?.path, "table[1]/tr[14]/td[2]");
    assert.equal(enforcementRow[0]!.loc?.path, "table[1]/tr[6]/td[1]");
  });
});

describe("htmlToIR on a portal page laid out with tables", async () => {
  const ir = await htmlToIR(Buffer.from(fixtureText("portal-layout.html")));

  it("takes the report title from <title> without the site name", () => {
    assert.equal(ir.title, "某市统计局2020年政府信息公开工作年度报告");
  });

  it("reads layout tables as flowing text and emits the nested report table once", () => {
    const grids = tables(ir);
    assert.equal(grids.length, 2, "the metadata card and table 4; layout and navigation tables are prose");
    const [card, table4] = grids;
    assert.deepEqual(rowTexts(card!)[0], ["索 引 号：", "012345678/2021-00012", "发布机构：", "市统计局"]);
    assert.equal(table4!.rows.length, 4);
    assert.deepEqual(rowTexts(table4!)[1]!.slice(0, 6), [
      "结果 维持",
      "结果 纠正",
      "其他 结果",
      "尚未 审结",
      "总计",
      "未经复议直接起诉",
    ]);
    assert.deepEqual(rowTexts(table4!)[3], ["1", "0", "0", "0", "1", ...Array(10).fill("0")]);
    assert.equal(table4!.loc?.path, "table[5]");
    const prose = texts(ir);
    assert.ok(prose.includes("信息公开年报"));
    assert.ok(
      !prose.some((text) => text.includes("未经复议直接起诉")),
      "nested table text is not duplicated as prose",
    );
  });

  it("splits <br>-separated lines into their own blocks and keeps full-width indentation out", () => {
    const prose = texts(ir);
    assert.ok(prose.includes("本报告由某市统计局根据《中华人民共和国政府信息公开条例》要求编制。"));
    assert.ok(prose.includes("全文包括总体情况、主动公开政府信息情况等六个部分。"));
    assert.ok(prose.includes("四、政府信息公开行政复议、行政诉讼情况"));
  });
});

describe("htmlStringToIR edge cases", () => {
  it("clamps absurd spans to the table and notes it", () => {
    const ir = htmlStringToIR(`<table>
      <tr><td rowspan="999">三、本年度办理结果</td><td colspan="5000">（一）予以公开</td><td>3</td></tr>
      <tr><td>（二）部分公开</td><td>1</td></tr>
      <tr><td rowspan="-4">（七）总计</td><td>4</td></tr>
    </table>`);
    const [table] = tables(ir);
    assert.equal(table!.rows.length, 3);
    assert.ok(
      table!.rows.every((row) => row.length <= 102),
      "colspan is capped",
    );
    assert.equal(table!.rows[2]![0]!.text, "三、本年度办理结果");
    assert.equal(table!.rows[2]![0]!.spanned, true);
    assert.deepEqual(
      ir.notes.map((n) => n.code),
      ["html.span_clamped"],
    );
  });

  it("fills the holes of ragged rows with empty slots, marked as not source cells, so columns stay aligned", () => {
    const ir = htmlStringToIR(`<table>
      <tr><td>信息内容</td><td>本年处理决定数量</td><td rowspan="2">备注</td></tr>
      <tr><td>行政许可</td></tr>
    </table>`);
    const [table] = tables(ir);
    assert.deepEqual(rowTexts(table!), [
      ["信息内容", "本年处理决定数量", "备注"],
      ["行政许可", "", "备注"],
    ]);
    assert.deepEqual(
      table!.rows[1]!.map((cell) => cell.spanned ?? false),
      [false, true, true],
      "the hole is not a blank cell of the source",
    );
  });

  it("drops hidden rows, cells' hidden parts and [hidden] elements", () => {
    const ir = htmlStringToIR(`<p hidden>隐藏段落</p><table>
      <tr style="DISPLAY: none"><td>旧表头</td><td>9</td></tr>
      <tr><td>行政处罚<span style="visibility:hidden">（草稿）</span></td><td>7</td></tr>
      <tr><td>行政强制</td><td><span style="mso-hide:all">99</span>0</td></tr>
    </table>`);
    assert.deepEqual(rowTexts(tables(ir)[0]!), [
      ["行政处罚", "7"],
      ["行政强制", "0"],
    ]);
    assert.doesNotMatch(allText(ir), /隐藏段落/);
  });

  it("normalises &nbsp;, full-width spaces and zero-width characters in cells", () => {
    const ir = htmlStringToIR(
      "<table><tr><td>&nbsp;规&#8203;章&nbsp;&nbsp;</td><td>\u3000 12\u3000</td></tr><tr><td>行政\n   许可</td><td>1</td></tr></table>",
    );
    assert.deepEqual(rowTexts(tables(ir)[0]!), [
      ["规章", "12"],
      ["行政许可", "1"],
    ]);
  });

  it("survives tens of thousands of unclosed inline tags", () => {
    const ir = htmlStringToIR(
      `<p>开始${"<font>字".repeat(50_000)}</p><table><tr><td>规章</td><td>0</td></tr></table>`,
    );
    assert.equal(tables(ir).length, 1);
    assert.ok(texts(ir)[0]!.startsWith("开始字字"));
  });

  it("reads a data table holding a nested table as a grid and the nested table after it", () => {
    const ir = htmlStringToIR(`<table>
      <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规章</td><td>0</td><td>0</td><td><table><tr><td>说明</td><td>含修订</td></tr></table>5</td></tr>
    </table><p>三、收到和处理政府信息公开申请情况</p>`);
    assert.deepEqual(
      ir.blocks.map((b) => (b.kind === "text" ? b.text : rowTexts(b))),
      [
        [
          ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
          ["规章", "0", "0", "5"],
        ],
        [["说明", "含修订"]],
        "三、收到和处理政府信息公开申请情况",
      ],
    );
  });

  it("leaves out deleted text (Word revision marks) so a corrected figure is not glued to the old one", () => {
    const ir = htmlStringToIR(
      '<table><tr><td>行政许可</td><td><del cite="mailto:admin" datetime="2024-01-10T09:00">5</del><ins>6</ins></td></tr>' +
        "<tr><td>行政处罚</td><td><s>12</s>13</td></tr></table>",
    );
    assert.deepEqual(rowTexts(tables(ir)[0]!), [
      ["行政许可", "6"],
      ["行政处罚", "13"],
    ]);
  });

  it("reads a <pre> report with the text rules: tabs are cells, lines are lines", () => {
    const ir = htmlStringToIR(
      "<pre>二、主动公开政府信息情况\n规章\t0\t0\t0\n行政规范性文件\t2\t0\t7\n</pre>",
    );
    assert.deepEqual(
      ir.blocks.map((b) => (b.kind === "text" ? b.text : rowTexts(b))),
      [
        "二、主动公开政府信息情况",
        [
          ["规章", "0", "0", "0"],
          ["行政规范性文件", "2", "0", "7"],
        ],
      ],
    );
  });

  it("takes the title from an article-title element naming a report over earlier navigation titles", () => {
    const ir = htmlStringToIR(`<html><head><title>某市人民政府门户网站</title></head><body>
      <div class="title">通知公告</div>
      <div class="article"><div class="title">某市交通运输局2022年政府信息公开工作年度报告</div><p>正文</p></div>
      </body></html>`);
    assert.equal(ir.title, "某市交通运输局2022年政府信息公开工作年度报告");
  });

  it("unwraps a Word single-file web page (MHTML, quoted-printable, gb2312)", async () => {
    const ir = await htmlToIR(fixtureBytes("word-single-file.mht"));
    assert.equal(ir.title, "某县水利局2021年政府信息公开工作年度报告");
    assert.deepEqual(rowTexts(tables(ir)[0]!).slice(1), [
      ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
      ["规章", "0", "0", "0"],
      ["行政规范性文件", "2", "1", "15"],
    ]);
  });

  it("reads content left in an unclosed <head> (pages without </head><body>)", () => {
    const ir = htmlStringToIR(
      "<html><head><title>某局2023年政府信息公开工作年度报告</title><style>p{}</style><p>一、总体情况</p>" +
        "<table><tr><td>规章</td><td>0</td></tr></table></html>",
    );
    assert.equal(ir.title, "某局2023年政府信息公开工作年度报告");
    assert.deepEqual(
      ir.blocks.map((b) => (b.kind === "text" ? b.text : rowTexts(b))),
      ["一、总体情况", [["规章", "0"]]],
    );
  });

  it("keeps a figures table with a long footnote row as a grid, but flows a frame around prose", () => {
    const note = "说明：" + "本表数据来源于本机关政府信息公开申请登记台账，统计口径与上年一致。".repeat(20);
    const figures = htmlStringToIR(`<table>
      <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
      <tr><td>行政规范性文件</td><td>3</td><td>1</td><td>12</td></tr>
      <tr><td colspan="4">${note}</td></tr>
    </table>`);
    assert.equal(tables(figures).length, 1);
    assert.deepEqual(rowTexts(tables(figures)[0]!)[2], ["行政规范性文件", "3", "1", "12"]);
    const frame = htmlStringToIR(
      `<table><tr><td>首页</td><td>政务公开</td></tr><tr><td colspan="2">${note}</td></tr></table>`,
    );
    assert.equal(tables(frame).length, 0);
    assert.deepEqual(texts(frame), ["首页", "政务公开", note]);
  });
});
