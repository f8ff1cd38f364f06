// Agency and year from titles in their real varieties (portals.md §5.1), and from the body when the
// title lacks them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DocumentIR } from "../../../parsers/ir.js";
import { parseTitle, readMetadata } from "../../../parsers/template/metadata.js";

const docOf = (...lines: string[]): DocumentIR => ({
  format: "text",
  blocks: lines.map((text, i) => ({ kind: "text" as const, text, loc: { line: i + 1 } })),
  notes: [],
});

describe("report metadata", () => {
  for (const [title, agency, year] of [
    ["南阳市招商投资促进局 2023 年政府信息公开工作 年度报告", "南阳市招商投资促进局", 2023],
    ["莆田市民族与宗教事务局2023年度政府信息公开工作年度报告", "莆田市民族与宗教事务局", 2023],
    ["2022年上海市政府信息公开工作年度报告", "上海市", 2022],
    ["江苏省发展和改革委员会关于2023年度政府信息公开工作的年度报告", "江苏省发展和改革委员会", 2023],
    ["鄂尔多斯市2018年政府信息公开年度报告", "鄂尔多斯市", 2018],
    ["舒兰市市场监督管理局2016年政务信息公开年度报告", "舒兰市市场监督管理局", 2016],
    ["宿州市人民政府2019年政府信息公开工作年度报告（图片版）", "宿州市人民政府", 2019],
    ["标题: 平潭综合实验区2021年度政府信息公开工作年度报告", "平潭综合实验区", 2021],
  ] as const) {
    it(`reads ${title}`, () => {
      assert.deepEqual(parseTitle(title), { agency, year });
    });
  }

  it("skips portal chrome and breadcrumbs before the title", () => {
    const line =
      "当前位置： 首页政务公开政府信息公开政府信息公开年报 平潭综合实验区2021年度政府信息公开工作年度报告 来源：平潭县人民政府 时间：2022-02-08 16:34";
    assert.deepEqual(parseTitle(line), { agency: "平潭综合实验区", year: 2021 });
  });

  it("does not take a report named in 《…》 inside prose for the title", () => {
    assert.equal(parseTitle("根据《关于编制公布2021年政府信息公开工作年度报告有关事项的通知》要求"), null);
  });

  it("reads a title printed in two lines", () => {
    const meta = readMetadata(
      docOf("高平市人民政府办公室", "2023年政府信息公开工作年度报告", "一、总体情况"),
    );
    assert.deepEqual(meta, { agency: "高平市人民政府办公室", year: 2023 });
  });

  it("takes the year covered from the statistics-period sentence when the title has none", () => {
    const meta = readMetadata(
      docOf(
        "商务局政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "发布时间：2024-01-20",
      ),
    );
    assert.deepEqual(meta, { agency: "商务局", year: 2023 });
  });

  it("falls back to the opening 'YYYY年，' sentence and the 发布机构 field", () => {
    const meta = readMetadata(
      docOf("政府信息公开工作年度报告", "发布机构: 莆田市林业局", "2024年，我局严格按照《条例》要求……"),
    );
    assert.deepEqual(meta, { agency: "莆田市林业局", year: 2024 });
  });

  it("reads those sentences in a dump that cut a line around every number", () => {
    // Corpus 39-sanming-city-2022.txt copied without its title: "2022" / "年" / "," / the sentence.
    const opening = docOf(
      "一、总体情况",
      "2022",
      "年",
      ",",
      "三明市人民政府坚持以习近平新时代中国特色社会主义思想为指导",
    );
    assert.deepEqual(readMetadata(opening), { agency: null, year: 2022 });
    const period = docOf(
      "政府信息公开工作年度报告",
      "本报告中所列数据的统计期限自",
      "2021",
      "年",
      "1",
      "月",
      "1",
      "日起",
    );
    assert.equal(readMetadata(period).year, 2021);
    // A number inside a sentence opens nothing: "现公布 / 2022 / 年政府信息…" gives no year.
    assert.equal(
      readMetadata(docOf("一、总体情况", "现公布", "2022", "年政府信息公开工作年度报告")).year,
      null,
    );
  });
});

describe("a title pushed down by a page's menus", () => {
  // pandoc -t plain of the corpus's 23-putian-forestry-2024 page: the portal's menus print 80 lines
  // before the title, among them the menu item 政府信息 / 公开年报 (a report word, no agency or year).
  const menus = Array.from({ length: 40 }, (_, i) => [`政府信息`, i === 5 ? "公开年报" : `栏目${i}`]).flat();
  const title = "莆田市林业局2024年政府信息公开工作年度报告";

  it("is found further down when it is a line of its own", () => {
    const doc = docOf(...menus, title, "发布时间：2025-01-14 10:29 | 来源：莆田市林业局");
    assert.deepEqual(readMetadata(doc), { agency: "莆田市林业局", year: 2024 });
  });

  it("is not taken from a sentence further down", () => {
    const doc = docOf(...menus, `根据要求，我局编制了${title}，现予公布。`);
    assert.deepEqual(readMetadata(doc), { agency: null, year: null });
  });
});
