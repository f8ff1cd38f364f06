// A realistic 2021-layout report as copied out of a Word/PDF file (tab-separated table rows, as in
// the corpus's 00-*.txt), with figures that satisfy every identity. Tests damage one aspect of it at
// a time (labels, rows, cells) and assert the figures that must still be read.
import { parseDocument } from "../../../parsers/index.js";
import type { ParseResult } from "../../../src/model/contract.js";

export const COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"] as const;

/** Table 3 rows with their printed label cells (as in the national template) and figures. */
export const T3: { key: string; cells: string[]; values: number[] }[] = [
  { key: "new", cells: ["一、本年新收政府信息公开申请数量", ""], values: [12, 3, 0, 1, 2, 0, 18] },
  { key: "carried_over", cells: ["二、上年结转政府信息公开申请数量", ""], values: [1, 0, 0, 0, 0, 0, 1] },
  { key: "granted", cells: ["三、本年度办理结果", "（一）予以公开"], values: [5, 2, 0, 1, 0, 0, 8] },
  {
    key: "partial",
    cells: ["", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
    values: [1, 0, 0, 0, 0, 0, 1],
  },
  {
    key: "denied.state_secret",
    cells: ["", "（三）不予公开", "1.属于国家秘密"],
    values: [0, 0, 0, 0, 0, 0, 0],
  },
  {
    key: "denied.law_forbidden",
    cells: ["", "", "2.其他法律行政法规禁止公开"],
    values: [0, 0, 0, 0, 0, 0, 0],
  },
  { key: "denied.security", cells: ["", "", "3.危及“三安全一稳定”"], values: [0, 0, 0, 0, 0, 0, 0] },
  { key: "denied.third_party", cells: ["", "", "4.保护第三方合法权益"], values: [1, 0, 0, 0, 0, 0, 1] },
  { key: "denied.internal", cells: ["", "", "5.属于三类内部事务信息"], values: [0, 0, 0, 0, 0, 0, 0] },
  { key: "denied.process", cells: ["", "", "6.属于四类过程性信息"], values: [0, 0, 0, 0, 0, 0, 0] },
  { key: "denied.enforcement", cells: ["", "", "7.属于行政执法案卷"], values: [0, 0, 0, 0, 0, 0, 0] },
  { key: "denied.query", cells: ["", "", "8.属于行政查询事项"], values: [0, 0, 0, 0, 0, 0, 0] },
  {
    key: "unable.not_held",
    cells: ["", "（四）无法提供", "1.本机关不掌握相关政府信息"],
    values: [2, 1, 0, 0, 1, 0, 4],
  },
  {
    key: "unable.needs_creation",
    cells: ["", "", "2.没有现成信息需要另行制作"],
    values: [0, 0, 0, 0, 0, 0, 0],
  },
  { key: "unable.unclear", cells: ["", "", "3.补正后申请内容仍不明确"], values: [0, 0, 0, 0, 0, 0, 0] },
  {
    key: "rejected.petition",
    cells: ["", "（五）不予处理", "1.信访举报投诉类申请"],
    values: [0, 0, 0, 0, 0, 0, 0],
  },
  { key: "rejected.repeat", cells: ["", "", "2.重复申请"], values: [1, 0, 0, 0, 0, 0, 1] },
  { key: "rejected.publication", cells: ["", "", "3.要求提供公开出版物"], values: [0, 0, 0, 0, 0, 0, 0] },
  { key: "rejected.mass", cells: ["", "", "4.无正当理由大量反复申请"], values: [0, 0, 0, 0, 0, 0, 0] },
  {
    key: "rejected.confirm",
    cells: ["", "", "5.要求行政机关确认或重新出具已获取信息"],
    values: [0, 0, 0, 0, 0, 0, 0],
  },
  {
    key: "other.no_correction",
    cells: ["", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
    values: [1, 0, 0, 0, 1, 0, 2],
  },
  {
    key: "other.no_fee",
    cells: ["", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
    values: [0, 0, 0, 0, 0, 0, 0],
  },
  { key: "other.other", cells: ["", "", "3.其他"], values: [0, 0, 0, 0, 0, 0, 0] },
  { key: "total", cells: ["", "（七）总计"], values: [11, 3, 0, 1, 2, 0, 17] },
  { key: "carried_forward", cells: ["四、结转下年度继续办理", ""], values: [2, 0, 0, 0, 0, 0, 2] },
];

export const T2_LINES = [
  "第二十条第（一）项\t\t\t",
  "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
  "规章\t0\t0\t0",
  "行政规范性文件\t2\t1\t15",
  "第二十条第（五）项\t\t\t",
  "信息内容\t本年处理决定数量\t\t",
  "行政许可\t356\t\t",
  "第二十条第（六）项\t\t\t",
  "信息内容\t本年处理决定数量\t\t",
  "行政处罚\t27\t\t",
  "行政强制\t3\t\t",
  "第二十条第（八）项\t\t\t",
  "信息内容\t本年收费金额（单位：万元）\t\t",
  "行政事业性收费\t12.5\t\t",
];

export const T2_VALUES: Record<string, number> = {
  "t2.rules.issued": 0,
  "t2.rules.repealed": 0,
  "t2.rules.in_force": 0,
  "t2.normative.issued": 2,
  "t2.normative.repealed": 1,
  "t2.normative.in_force": 15,
  "t2.licensing.decisions": 356,
  "t2.penalty.decisions": 27,
  "t2.coercion.decisions": 3,
  "t2.fees.amount": 12.5,
};

export const T4_VALUES = [2, 1, 0, 0, 3, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0];
export const T4_CODES = ["review", "suit_direct", "suit_after_review"].flatMap((g) =>
  ["upheld", "corrected", "other", "pending", "total"].map((r) => `t4.${g}.${r}`),
);

export const T3_HEADER = [
  "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t总计",
  "\t\t自然人\t法人或其他组织\t\t\t\t\t",
  "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
];

export const T4_LINES = [
  "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
  "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
  "\t\t\t\t\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计",
];

export interface ReportParts {
  title?: string;
  intro?: string[];
  t2?: string[];
  t3Header?: string[];
  t3Rows?: string[];
  t4?: string[];
  headings?: { t2: string; t3: string; t4: string; t5: string };
}

/** A table 3 row as a tab line: label cells then the seven figures. */
export function t3Line(row: (typeof T3)[number], values: (number | string)[] = row.values): string {
  const cells = row.cells.length === 3 ? row.cells : [...row.cells];
  return [...cells, ...values.map(String)].join("\t");
}

export function reportText(parts: ReportParts = {}): string {
  const h = parts.headings ?? {
    t2: "二、主动公开政府信息情况",
    t3: "三、收到和处理政府信息公开申请情况",
    t4: "四、政府信息公开行政复议、行政诉讼情况",
    t5: "五、存在的主要问题及改进情况",
  };
  return [
    parts.title ?? "南阳市卧龙区农业农村局 2023 年政府信息公开工作年度报告",
    "",
    "一、总体情况",
    ...(parts.intro ?? [
      "2023 年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，网站发布信息 45 条，本年度共接收依申请公开 18 件。",
    ]),
    "",
    h.t2,
    ...(parts.t2 ?? T2_LINES),
    "",
    h.t3,
    ...(parts.t3Header ?? T3_HEADER),
    ...(parts.t3Rows ?? T3.map((r) => t3Line(r))),
    "",
    h.t4,
    ...(parts.t4 ?? [...T4_LINES, T4_VALUES.join("\t")]),
    "",
    h.t5,
    "2023年政府信息公开工作虽然取得一定成效，但仍有差距。",
    "六、其他需要报告的事项",
    "本年度未收取政府信息公开处理费。",
    "",
  ].join("\n");
}

/** The figures a perfect reading of the unmodified report gives, by metric code. */
export function expectedValues(): Record<string, number> {
  const out: Record<string, number> = { ...T2_VALUES };
  for (const row of T3) row.values.forEach((v, i) => (out[`t3.${row.key}.${COLUMNS[i]}`] = v));
  for (const col of COLUMNS) {
    out[`t3.other.${col}`] = ["no_correction", "no_fee", "other"].reduce(
      (a, k) => a + out[`t3.other.${k}.${col}`]!,
      0,
    );
  }
  T4_CODES.forEach((code, i) => (out[code] = T4_VALUES[i]!));
  return out;
}

export async function parseText(text: string): Promise<ParseResult> {
  return parseDocument(new TextEncoder().encode(text), { name: "fixture.txt" });
}

/** Codes whose value differs from (or is missing against) the expectation. */
export function differences(result: ParseResult, expected: Record<string, number>): string[] {
  const out: string[] = [];
  for (const [code, value] of Object.entries(expected)) {
    if (result.values[code] !== value) out.push(`${code}: got ${result.values[code]} want ${value}`);
  }
  for (const code of Object.keys(result.values)) if (!(code in expected)) out.push(`${code}: unexpected`);
  return out;
}
