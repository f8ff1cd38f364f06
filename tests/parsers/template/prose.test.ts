// The prose as a second witness of the tables (parsers/template/prose.ts, witness.ts): the headline
// figures read from realistic sentences (and the look-alikes that are not them), checked against the
// tables, filling an unreadable figure only where the table's other figures confirm it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { textStringToIR } from "../../../parsers/formats/text.js";
import { readProseClaims } from "../../../parsers/template/prose.js";
import { checkProse } from "../../../parsers/template/witness.js";
import type { FigureSource, ParseIssue } from "../../../src/model/contract.js";
import { metricsOf } from "../../../src/model/metrics.js";
import { T3, expectedValues, parseText, reportText, t3Line } from "./fixture-report.js";

const claimsOf = (text: string) =>
  Object.fromEntries(readProseClaims(textStringToIR(text)).map((c) => [c.codes.join("+"), c.value]));
const intro = (sentence: string) => [
  `2023 年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。${sentence}`,
];
const OTHERS = "t3.new.commercial+t3.new.research+t3.new.social+t3.new.legal+t3.new.other";

describe("the prose's headline figures", () => {
  it("reads the phrasings reports use", () => {
    assert.deepEqual(
      claimsOf(
        "（二）依申请公开情况。本年度共受理政府信息公开申请749件，其中自然人申请741件，法人或其他组织申请8件。",
      ),
      { "t3.new.total": 749, "t3.new.natural": 741, [OTHERS]: 8 },
    );
    // A sentence broken across lines, spaces around the figures (a PDF copied out).
    assert.deepEqual(
      claimsOf(
        "全年收到政府信息公开申请 34 件，上年结转政府信息公开\n申请 2 件，所有申请均已按要求办理完成。所有办结的信息公开\n申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2\n件。",
      ),
      {
        "t3.new.total": 34,
        "t3.carried_over.total": 2,
        "t3.granted.total": 9,
        "t3.partial.total": 0,
        "t3.denied.state_secret.total+t3.denied.law_forbidden.total+t3.denied.security.total+t3.denied.third_party.total+t3.denied.internal.total+t3.denied.process.total+t3.denied.enforcement.total+t3.denied.query.total": 2,
      },
    );
    assert.deepEqual(claimsOf("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。"), {
      "t3.new.total": 70,
      "t3.carried_forward.total": 1,
    });
    assert.deepEqual(
      claimsOf(
        "2024年，我局收到公民办理政府信息公开申请2条，均按时办结；未收到法人或其他组织办理政府信息公开申请。",
      ),
      { "t3.new.natural": 2, [OTHERS]: 0 },
    );
    assert.deepEqual(claimsOf("本年度发生政府信息公开行政复议１件，行政诉讼0件。"), {
      "t4.review.total": 1,
      "t4.suit_direct.total+t4.suit_after_review.total": 0,
    });
    assert.deepEqual(claimsOf("本年度未发生针对本部门有关政府信息公开方面的行政复议、行政诉讼情况。"), {
      "t4.review.total": 0,
      "t4.suit_direct.total+t4.suit_after_review.total": 0,
    });
  });

  it("leaves out what only looks like them", () => {
    for (const text of [
      "本年度共受理政府信息公开申请751件（含上年结转2件）。",
      "本年度共受理政府信息公开申请36件，其中上年结转1件。",
      "其中通过网络申请5件，当面申请3件。",
      "全年共收到政府信息公开申请及咨询1200件。",
      "全年共办理行政复议案件300件，其中涉及政府信息公开的12件。",
      "本年度未发生行政复议被纠错的情况。",
      "行政复议、行政诉讼各1件。",
      "共收到政府信息公开申请约200件。",
      "区政府办代表区政府受理政府信息公开申请17件。",
      "共收到政府信息公开申请749件（同比增长12%）。",
    ])
      assert.deepEqual(claimsOf(text), {}, text);
    // The same figure stated twice differently is no claim at all.
    assert.deepEqual(claimsOf("本年度共收到政府信息公开申请18件。\n\n全年共收到政府信息公开申请19件。"), {});
  });
});

describe("prose against the tables", () => {
  it("marks the figures the prose restates", async () => {
    const result = await parseText(
      reportText({ intro: intro("本年度共收到政府信息公开申请18件，上年结转1件，2件结转下年度继续办理。") }),
    );
    assert.equal(result.sources!["t3.new.total"]!.prose, "agrees");
    assert.equal(result.sources!["t3.carried_over.total"]!.prose, "agrees");
    assert.equal(result.sources!["t3.carried_forward.total"]!.prose, "agrees");
    assert.equal(result.sources!["t3.new.total"]!.known, "confirmed");
    assert.ok(!result.issues.some((i) => i.code.startsWith("prose.")));
  });

  it("says the prose is likely wrong when the identities confirm the table", async () => {
    const result = await parseText(reportText({ intro: intro("本年度共收到政府信息公开申请81件。") }));
    assert.equal(result.values["t3.new.total"], 18);
    assert.equal(result.sources!["t3.new.total"]!.known, "contradicted");
    const issue = result.issues.find((i) => i.code === "prose.disagrees")!;
    assert.equal(issue.metric, "t3.new.total");
    assert.match(
      issue.message,
      /prose states 81 .* table reads 18; .*identity\.t3\.balance.*prose is likely wrong/,
    );
  });

  it("says the table is likely wrong when it breaks an identity", async () => {
    // 总计 printed 12 / 18 where its column adds up to 11 / 17: the balance of the total column fails.
    const rows = T3.map((r) => (r.key === "total" ? t3Line(r, [12, 3, 0, 1, 2, 0, 18]) : t3Line(r)));
    const result = await parseText(
      reportText({ intro: intro("本年度共收到政府信息公开申请17件。"), t3Rows: rows }),
    );
    assert.equal(result.values["t3.new.total"], 18, "a printed figure is kept");
    const issue = result.issues.find((i) => i.code === "prose.disagrees")!;
    assert.match(
      issue.message,
      /prose states 17 .* table reads 18; the table breaks identity\.t3\.balance, so the table is likely wrong/,
    );
  });

  it("fills an unreadable figure from the prose only when the table's other figures confirm it", async () => {
    const rows = T3.map((r) => (r.key === "carried_over" ? t3Line(r, ["1", "0", "1"]) : t3Line(r)));
    const filled = await parseText(
      reportText({ intro: intro("本年度共收到政府信息公开申请18件，上年结转1件。"), t3Rows: rows }),
    );
    assert.equal(filled.values["t3.carried_over.total"], 1);
    assert.equal(filled.values["t3.carried_over.natural"], undefined, "only the figure the prose states");
    const source = filled.sources!["t3.carried_over.total"]!;
    assert.equal(source.derived, "read_from_prose");
    assert.equal(source.known, "prose");
    assert.equal(source.raw, "上年结转1件");
    assert.deepEqual(source.holds, ["identity.t3.balance"]);
    assert.ok(filled.issues.some((i) => i.code === "prose.filled" && i.metric === "t3.carried_over.total"));
    // A prose figure the table's balance rejects fills nothing.
    const rejected = await parseText(
      reportText({ intro: intro("本年度共收到政府信息公开申请18件，上年结转2件。"), t3Rows: rows }),
    );
    assert.equal(rejected.values["t3.carried_over.total"], undefined);
    assert.ok(!rejected.issues.some((i) => i.code === "prose.filled"));
  });

  it("leaves out a reconstructed row the prose contradicts and no identity confirms", () => {
    // A carried-over row rebuilt from merged cells ("124" spread over the row) that the prose says is 0.
    const values: Record<string, number> = { ...expectedValues() };
    const sources: Record<string, FigureSource> = {};
    const row = ["natural", "commercial", "research", "social", "legal", "other", "total"];
    row.forEach((col, i) => {
      values[`t3.carried_over.${col}`] = i >= 5 ? 124 : 0;
      sources[`t3.carried_over.${col}`] = { raw: "124", derived: "expanded_merged_cells" };
    });
    delete values["t3.total.total"]; // the balance of the total column cannot be checked
    const issues: ParseIssue[] = [];
    const allowed = new Set(metricsOf("2021").map((m) => m.code));
    const claims = readProseClaims(textStringToIR("本年度共收到政府信息公开申请18件，上年结转0件。"));
    checkProse("2021", claims, values, sources, issues, allowed, { t3: true, t4: true });
    for (const col of row) assert.equal(values[`t3.carried_over.${col}`], undefined, col);
    assert.equal(values["t3.new.total"], 18);
    assert.equal(issues.length, 1);
    assert.match(issues[0]!.message, /prose states 0 .* table reads 124; no identity confirms .* left out/);
  });
});
