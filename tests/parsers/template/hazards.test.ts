// One test per layout hazard real reports have, each on a realistic report (fixture-report.ts) damaged
// in that one way, asserting the figures that must be read and the ones that must be left out.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  COLUMNS,
  T2_LINES,
  T3,
  T4_CODES,
  T4_LINES,
  T4_VALUES,
  differences,
  expectedValues,
  parseText,
  reportText,
  t3Line,
} from "./fixture-report.js";

const rowOf = (key: string) => T3.find((r) => r.key === key)!;
const withoutCodes = (values: Record<string, number>, drop: (code: string) => boolean) =>
  Object.fromEntries(Object.entries(values).filter(([code]) => !drop(code)));

describe("template recognizer on layout hazards", () => {
  it("reads a clean tab-separated 2021 report exactly", async () => {
    const result = await parseText(reportText());
    assert.equal(result.template, "2021");
    assert.equal(result.agency, "南阳市卧龙区农业农村局");
    assert.equal(result.year, 2023);
    assert.deepEqual(differences(result, expectedValues()), []);
    assert.deepEqual(
      result.issues.filter((i) => i.code.startsWith("identity.")),
      [],
    );
  });

  it("matches labels with half-width punctuation, spaces inside and other quotes", async () => {
    const rows = T3.map((r) => {
      const cells = r.cells.map((c) =>
        c
          .replace("（一）予以公开", "(一) 予 以 公 开")
          .replace("3.危及“三安全一稳定”", '3、危及"三安全一稳定"')
          .replace("1.本机关不掌握相关政府信息", "1. 本机关不掌握相关 政府信息")
          .replace("（七）总计", "(七)总 计"),
      );
      return t3Line({ ...r, cells });
    });
    const result = await parseText(reportText({ t3Rows: rows }));
    assert.deepEqual(differences(result, expectedValues()), []);
  });

  it("tolerates the typo 其他法律行政止公开 and a wording variant", async () => {
    const rows = T3.map((r) =>
      t3Line({
        ...r,
        cells: r.cells.map((c) =>
          c
            .replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
            .replace("5.属于三类内部事务信息", "5.属于三类内部事务"),
        ),
      }),
    );
    const damaged = T3.map((r) =>
      r.key === "denied.law_forbidden" ? { ...r, values: [3, 0, 0, 0, 0, 0, 3] } : r,
    );
    // Give the typo row figures so a wrong row assignment would show.
    rows[damaged.findIndex((r) => r.key === "denied.law_forbidden")] = t3Line(
      { ...rowOf("denied.law_forbidden"), cells: ["", "", "2.其他法律行政止公开"] },
      [3, 0, 0, 0, 0, 0, 3],
    );
    const result = await parseText(reportText({ t3Rows: rows }));
    assert.equal(result.values["t3.denied.law_forbidden.natural"], 3);
    assert.equal(result.values["t3.denied.law_forbidden.total"], 3);
    assert.equal(result.values["t3.denied.security.natural"], 0);
    assert.equal(result.values["t3.denied.internal.total"], 0);
  });

  it("reads (六)其他处理 collapsed to one row in a 2021 report as t3.other.* only", async () => {
    const rows = T3.filter((r) => !r.key.startsWith("other.")).map((r) => t3Line(r));
    const at = rows.findIndex((l) => l.includes("（七）总计"));
    rows.splice(
      at,
      0,
      t3Line({ key: "other", cells: ["", "（六）其他处理"], values: [] }, [1, 0, 0, 0, 1, 0, 2]),
    );
    const result = await parseText(reportText({ t3Rows: rows }));
    const expected = withoutCodes(expectedValues(), (c) => /^t3\.other\.[a-z_]+\.[a-z]+$/.test(c));
    assert.equal(result.template, "2021");
    assert.deepEqual(differences(result, expected), []);
    assert.equal(result.values["t3.other.no_correction.natural"], undefined);
  });

  it("leaves the total out when the table has no 总计 column (never invents it)", async () => {
    const header = [
      "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t",
      "\t\t自然人\t法人或其他组织\t\t\t\t",
      "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
    ];
    const rows = T3.map((r) => t3Line(r, r.values.slice(0, 6)));
    const result = await parseText(reportText({ t3Header: header, t3Rows: rows }));
    const expected = withoutCodes(expectedValues(), (c) => c.startsWith("t3.") && c.endsWith(".total"));
    assert.deepEqual(differences(result, expected), []);
  });

  it("finds the tables when sections are numbered differently (Shanghai: 一、主动公开…)", async () => {
    const text = reportText({
      headings: {
        t2: "一、主动公开政府信息情况",
        t3: "二、收到和处理政府信息公开申请情况",
        t4: "三、政府信息公开行政复议、行政诉讼情况",
        t5: "四、存在的主要问题及改进情况",
      },
      intro: [
        "二、工作机制保障",
        "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、行政复议和行政诉讼情况。",
        "三、主动公开工作情况",
        "市科委通过部门网站当年发布政府信息 393 件，其中包括：行政规范性文件 13 件；规划计划文件 2 件。",
      ],
    });
    const result = await parseText(text);
    assert.deepEqual(differences(result, expectedValues()), []);
  });

  it("reads Markdown made from a PDF: labels detached from their value rows, a stray line", async () => {
    const md = [
      "2024 年上海市科委政府信息公开工作",
      "年度报告",
      "本年度报告中所列数据的统计周期为 2024 年 1 月 1 日至 12 月 31 日。",
      "一、主动公开政府信息情况",
      ...T2_LINES.map((l) => `| ${l.split("\t").join(" | ")} |`),
      "二、收到和处理政府信息公开申请情况",
      "申请人情况",
      "自然人总计",
      "| 一、本年新收政府信息公开申请数量 | 12 | 3 | 0 | 1 | 2 | 0 | 18 |",
      "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
      "| 三、 | （一）予以公开 | 5 | 2 | 0 | 1 | 0 | 0 | 8 |",
      "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
      "|---|---|---|---|---|---|---|",
      "（二）部分公开（区分处理的，只",
      "计这一情形，不计其他情形）",
      "| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "2.其他法律行政法规禁",
      "止公开",
      "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 4.保护第三方合法权益 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
      "5.属于三类内部事务信",
      "息",
      "1.本机关不掌握相关政",
      "府信息",
      "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 2 | 1 | 0 | 0 | 1 | 0 | 4 |",
      "| 2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
      "| 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "4.无正当理由大量反复",
      "申请",
      "5.要求行政机关确认或",
      "重新出具已获取信息",
      "1.申请人无正当理由逾",
      "期不补正、行政机关不",
      "再处理其政府信息公开",
      "申请",
      "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 1 | 0 | 0 | 0 | 1 | 0 | 2 |",
      "2.申请人逾期未按收费",
      "通知要求缴纳费用、行",
      "1",
      "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
      "| （七）总计 | 11 | 3 | 0 | 1 | 2 | 0 | 17 |",
      "| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
      "三、政府信息公开行政复议、行政诉讼情况",
      "行政复议行政诉讼",
      `| ${T4_VALUES.join(" | ")} |`,
      "四、存在的主要问题及改进情况",
    ].join("\n");
    const result = await parseText(md);
    assert.equal(result.agency, "上海市科委");
    assert.equal(result.year, 2024);
    assert.deepEqual(differences(result, expectedValues()), []);
  });

  it("ignores page footers between rows and glued to a number", async () => {
    const rows = T3.map((r) => t3Line(r));
    rows.splice(8, 0, "— 3 —");
    rows.splice(16, 0, "-4-");
    rows.splice(20, 0, "第 5 页 共 7 页");
    const t2 = T2_LINES.map((l) => (l.startsWith("行政许可") ? "行政许可\t356- 2 -\t\t" : l));
    const result = await parseText(reportText({ t2, t3Rows: rows }));
    assert.deepEqual(differences(result, expectedValues()), []);
  });

  it("reads blank and dash cells as 0 and ignores blank padding cells", async () => {
    const rows = T3.map((r) =>
      t3Line(
        r,
        r.values.map((v, i) => (v === 0 ? (i % 2 ? "" : "—") : String(v))),
      ),
    );
    const t2 = T2_LINES.map((l) => (l.startsWith("规章") ? "规章\t/\t无\t-" : l));
    const result = await parseText(reportText({ t2, t3Rows: rows }));
    assert.deepEqual(differences(result, expectedValues()), []);
  });

  it("converts money printed with its own unit to 万元", async () => {
    for (const [cell, value] of [
      ["125000元", 12.5],
      ["12.5万元", 12.5],
      ["1,250,000.00元", 125],
    ] as const) {
      const t2 = T2_LINES.map((l) => (l.startsWith("行政事业性收费") ? `行政事业性收费\t${cell}\t\t` : l));
      const result = await parseText(reportText({ t2 }));
      assert.equal(result.values["t2.fees.amount"], value, cell);
    }
  });

  it("splits run-together cells only where one split satisfies the identities", async () => {
    // The whole page copied with its tags stripped: every table cell runs into the next.
    const flat = (cells: string[]) => cells.join("");
    const t3 = T3.map((r) => flat([...r.cells, ...r.values.map(String)])).join("");
    const text = [
      "标题: 平潭综合实验区2021年度政府信息公开工作年度报告",
      `当前位置： 首页政务公开 平潭综合实验区2021年度政府信息公开工作年度报告 来源：平潭 二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 000行政规范性文件2115第二十条第（五）项信息内容本年处理决定数量行政许可356第二十条第（六）项信息内容本年处理决定数量行政处罚27行政强制3第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费12.5三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他${t3}四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计${T4_VALUES.join("")}五、存在的主要问题及改进情况 无。`,
    ].join("\n");
    const result = await parseText(text);
    assert.equal(result.agency, "平潭综合实验区");
    assert.equal(result.year, 2021);
    // "2115" into three cells has several splits and table 2 has no identity: left out, with an issue.
    const expected = withoutCodes(expectedValues(), (c) => c.startsWith("t2.normative."));
    assert.deepEqual(differences(result, expected), []);
    assert.ok(
      result.issues.some((i) => i.code === "figure.ambiguous_split" && i.metric?.startsWith("t2.normative.")),
    );
    // The row's readings are kept for the store to decide across years (src/ingest/cross-year.ts).
    const candidates = result.issues.find((i) => i.candidates)?.candidates ?? [];
    assert.ok(candidates.length >= 2);
    assert.ok(candidates.some((c) => c["t2.normative.issued"] === 2 && c["t2.normative.in_force"] === 15));
    assert.ok(candidates.every((c) => Object.keys(c).every((k) => k.startsWith("t2.normative."))));
  });

  it("leaves an ambiguous run-together row out with an issue", async () => {
    // Each text line holds a row with its cells run together; the 总计 row is missing, so the column
    // identities cannot tell 22,0,… from 2,20,… (both add up to 25).
    const lines = T3.filter((r) => r.key !== "total").map((r) => {
      const values = r.key === "unable.not_held" ? [22, 0, 0, 0, 0, 3, 25] : r.values;
      return r.cells.filter(Boolean).join("") + values.join("");
    });
    const text = reportText({ t3Rows: lines, t3Header: ["申请人情况", "自然人 法人或其他组织 总计"] });
    const result = await parseText(text);
    assert.equal(result.values["t3.unable.not_held.natural"], undefined);
    assert.equal(result.values["t3.unable.not_held.commercial"], undefined);
    assert.equal(result.values["t3.unable.not_held.other"], 3);
    assert.equal(result.values["t3.unable.not_held.total"], 25);
    assert.equal(result.values["t3.granted.total"], 8);
    const ambiguous = result.issues.filter((i) => i.code === "figure.ambiguous_split").map((i) => i.metric);
    assert.ok(
      ambiguous.includes("t3.unable.not_held.natural") && ambiguous.includes("t3.unable.not_held.commercial"),
    );
    // Whatever is read is right: other rows are either exact or left out (never a guessed split).
    const expected: Record<string, number> = {
      ...expectedValues(),
      "t3.unable.not_held.other": 3,
      "t3.unable.not_held.total": 25,
    };
    for (const [code, value] of Object.entries(result.values)) {
      if (code.startsWith("t3.") && !code.startsWith("t3.total.") && !/^t3\.other\.[a-z]+$/.test(code)) {
        if (code.startsWith("t3.unable.not_held.") && !code.endsWith(".other") && !code.endsWith(".total")) {
          assert.equal(value, 0, code);
        } else assert.equal(value, expected[code], code);
      }
    }
  });

  it("expands one-cell-per-line text with merged identical cells (crawler text dump)", async () => {
    const lines = [
      "标题: 莆田市林业局2024年政府信息公开工作年度报告",
      "发布机构: 莆田市林业局",
      "二、主动公开政府信息情况",
      "第二十条第（一）项",
      "信息内容",
      "本年制发件数",
      "本年废止件数",
      "现行有效件数",
      "规章",
      "0",
      "行政规范性文件",
      "2",
      "1",
      "15",
      "三、收到和处理政府信息公开申请情况",
      "申请人情况",
      "自然人",
      "总计",
      ...T3.flatMap((r) => {
        const merged = r.values.filter((v, i) => i === 0 || v !== r.values[i - 1]);
        return [...r.cells.filter(Boolean), ...merged.map(String)];
      }),
      "四、政府信息公开行政复议、行政诉讼情况",
      "行政复议",
      "0",
      "五、存在的主要问题及改进情况",
    ];
    const result = await parseText(lines.join("\n"));
    assert.equal(result.agency, "莆田市林业局");
    for (const row of T3) {
      // Rows whose merged form has a unique expansion under the row identity are read exactly.
      const got = COLUMNS.map((c) => result.values[`t3.${row.key}.${c}`]);
      if (got.every((v) => v !== undefined)) assert.deepEqual(got, row.values, row.key);
    }
    assert.deepEqual(
      COLUMNS.map((c) => result.values[`t3.new.${c}`]),
      [12, 3, 0, 1, 2, 0, 18],
    );
    assert.deepEqual(
      COLUMNS.map((c) => result.values[`t3.total.${c}`]),
      [11, 3, 0, 1, 2, 0, 17],
    );
    assert.deepEqual(
      T4_CODES.map((c) => result.values[c]),
      new Array(15).fill(0),
    );
    assert.equal(result.values["t2.rules.in_force"], 0);
    assert.equal(result.values["t2.normative.in_force"], 15);
  });

  it("reports the source's arithmetic errors as issues and keeps the printed figures", async () => {
    const t4 = [...T4_LINES, [2, 1, 0, 0, 0, 1, 0, 0, 1, 2, 5, 0, 0, 0, 0].join("\t")];
    const result = await parseText(reportText({ t4 }));
    assert.equal(result.values["t4.review.total"], 0);
    assert.equal(result.values["t4.suit_after_review.upheld"], 5);
    const t4Issues = result.issues.filter((i) => i.code === "identity.t4.group_total").map((i) => i.metric);
    assert.deepEqual(t4Issues.sort(), ["t4.review.total", "t4.suit_after_review.total"]);
  });

  it("bounds the search on a long digit run", async () => {
    const rows = T3.map((r) => t3Line(r));
    rows[0] = ["一、本年新收政府信息公开申请数量", "", "1234567890123456789012345678901234567890"].join("\t");
    const result = await parseText(reportText({ t3Rows: rows }));
    assert.equal(result.values["t3.new.natural"], undefined);
    assert.equal(result.values["t3.granted.total"], 8);
  });

  it("tells the 2019 layout from table 2's columns, whatever the year", async () => {
    const t2 = [
      "第二十条第（一）项\t\t\t",
      "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
      "规章\t0\t0\t0",
      "规范性文件\t7\t7\t7",
      "第二十条第（五）项\t\t\t",
      "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
      "行政许可\t40\t-6\t64",
      "其他对外管理服务事项\t80\t+72\t0",
      "第二十条第（六）项\t\t\t",
      "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
      "行政处罚\t133\t+3\t7",
      "行政强制\t11\t0\t0",
      "第二十条第（八）项\t\t\t",
      "信息内容\t上一年项目数量\t本年增/减\t",
      "行政事业性收费\t2\t减少1\t",
      "第二十条第（九）项\t\t\t",
      "信息内容\t采购项目数量\t采购总金额\t",
      "政府集中采购\t3\t25.1万元\t",
    ];
    const rows = T3.filter((r) => !r.key.startsWith("other.")).map((r) => t3Line(r));
    rows.splice(
      rows.length - 2,
      0,
      t3Line({ key: "other", cells: ["", "（六）其他处理"], values: [] }, [1, 0, 0, 0, 1, 0, 2]),
    );
    const result = await parseText(
      reportText({ t2, t3Rows: rows, title: "莆田市林业局2023年度政府信息公开工作年度报告" }),
    );
    assert.equal(result.template, "2019");
    assert.equal(result.year, 2023);
    assert.equal(result.values["t2.licensing.change"], -6);
    assert.equal(result.values["t2.other_services.change"], 72);
    assert.equal(result.values["t2.fees.change"], -1);
    assert.equal(result.values["t2.procurement.amount"], 25.1);
    assert.equal(result.values["t3.other.total"], 2);
    assert.equal(result.values["t2.licensing.decisions"], 64);
    assert.equal(result.values["t2.rules.issued"], undefined);
  });

  it("returns template null with an issue for a page without the tables", async () => {
    const news = [
      "市农业农村局召开2023年政务公开工作推进会",
      "发布时间：2023-05-12",
      "5月10日，市农业农村局召开政务公开工作推进会，会议听取了2022年度政府信息公开工作年度报告编制情况汇报，部署了45项重点任务。",
    ].join("\n");
    const result = await parseText(news);
    assert.equal(result.template, null);
    assert.deepEqual(result.values, {});
    assert.ok(result.issues.some((i) => i.code === "template.not_found"));
  });
});
