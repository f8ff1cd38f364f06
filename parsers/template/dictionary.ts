// The national template's row labels (both layouts), keyed by the metric-code stem they feed.
// Labels are stored normalised (see normalize.ts); variants cover wording seen in real reports.
import { normalizeLabel } from "./normalize.js";

export interface RowLabel {
  /** Metric-code stem, e.g. "denied.state_secret" (t3) or "licensing" (t2); "" for headings. */
  key: string;
  variants: string[];
  /** A heading groups rows but holds no figures of its own. */
  heading?: boolean;
}

/** Table 3 rows in template order; (六) appears both as the collapsed row and as three items. */
export const T3_ROWS: RowLabel[] = [
  { key: "new", variants: ["本年新收政府信息公开申请数量", "本年新收政府信息公开申请", "本年新收申请数量"] },
  {
    key: "carried_over",
    variants: ["上年结转政府信息公开申请数量", "上年结转政府信息公开申请", "上年结转申请数量"],
  },
  { key: "granted", variants: ["予以公开"] },
  {
    key: "partial",
    variants: [
      "部分公开区分处理的只计这一情形不计其他情形",
      "部分公开区分处理的只计这一情形不计入其他情形",
      "部分公开",
    ],
  },
  { key: "denied.state_secret", variants: ["属于国家秘密"] },
  { key: "denied.law_forbidden", variants: ["其他法律行政法规禁止公开"] },
  { key: "denied.security", variants: ["危及三安全一稳定"] },
  { key: "denied.third_party", variants: ["保护第三方合法权益"] },
  { key: "denied.internal", variants: ["属于三类内部事务信息", "属于三类内部事务"] },
  { key: "denied.process", variants: ["属于四类过程性信息"] },
  { key: "denied.enforcement", variants: ["属于行政执法案卷"] },
  { key: "denied.query", variants: ["属于行政查询事项"] },
  { key: "unable.not_held", variants: ["本机关不掌握相关政府信息"] },
  { key: "unable.needs_creation", variants: ["没有现成信息需要另行制作"] },
  { key: "unable.unclear", variants: ["补正后申请内容仍不明确"] },
  { key: "rejected.petition", variants: ["信访举报投诉类申请"] },
  { key: "rejected.repeat", variants: ["重复申请"] },
  { key: "rejected.publication", variants: ["要求提供公开出版物"] },
  { key: "rejected.mass", variants: ["无正当理由大量反复申请"] },
  { key: "rejected.confirm", variants: ["要求行政机关确认或重新出具已获取信息"] },
  { key: "other", variants: ["其他处理"] },
  {
    key: "other.no_correction",
    variants: ["申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请", "申请人无正当理由逾期不补正"],
  },
  {
    key: "other.no_fee",
    variants: [
      "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
      "申请人逾期未按收费通知要求缴纳费用",
    ],
  },
  { key: "other.other", variants: ["其他"] },
  { key: "total", variants: ["总计", "合计"] },
  { key: "carried_forward", variants: ["结转下年度继续办理", "结转下年度继续办理的"] },
];

/** Every table 3 row key, in printed order ((六) both as one row and as its items). */
export const T3_ROW_KEYS = T3_ROWS.map((r) => r.key);
/** Table 3's outcome items (一)–(五), in printed order; with (六) they add up to (七)总计. */
export const T3_OUTCOME_ITEMS = T3_ROW_KEYS.slice(
  T3_ROW_KEYS.indexOf("granted"),
  T3_ROW_KEYS.indexOf("other"),
);
/** (六)其他处理's three items (2021 layout). */
export const T3_OTHER_ITEMS = T3_ROW_KEYS.filter((k) => k.startsWith("other."));

export const T3_HEADINGS: RowLabel[] = [
  { key: "", heading: true, variants: ["本年度办理结果", "不予公开", "无法提供", "不予处理"] },
];

/** Table 2 rows; which of them exist and how many figures each holds depends on the layout. */
export const T2_ROWS: RowLabel[] = [
  { key: "rules", variants: ["规章"] },
  { key: "normative", variants: ["行政规范性文件", "规范性文件"] },
  { key: "licensing", variants: ["行政许可"] },
  { key: "other_services", variants: ["其他对外管理服务事项"] },
  { key: "penalty", variants: ["行政处罚"] },
  { key: "coercion", variants: ["行政强制"] },
  { key: "fees", variants: ["行政事业性收费"] },
  { key: "procurement", variants: ["政府集中采购"] },
];

/** Column words of table 2 that tell the two layouts apart. */
export const LAYOUT_2021_CUES = ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"].map(
  normalizeLabel,
);
export const LAYOUT_2019_CUES = [
  "本年新制作数量",
  "本年新公开数量",
  "对外公开总数量",
  "上一年项目数量",
  "采购总金额",
].map(normalizeLabel);

/** Applicant columns of table 3, in printed order. */
export const T3_COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"] as const;
export const T3_COLUMN_ZH: Record<(typeof T3_COLUMNS)[number], string> = {
  natural: "自然人",
  commercial: "商业企业",
  research: "科研机构",
  social: "社会公益组织",
  legal: "法律服务机构",
  other: "其他",
  total: "总计",
};

/** Table 4: three groups × five results, in printed order. */
export const T4_GROUPS = ["review", "suit_direct", "suit_after_review"] as const;
export const T4_RESULTS = ["upheld", "corrected", "other", "pending", "total"] as const;
export const T4_GROUP_ZH: Record<(typeof T4_GROUPS)[number], string> = {
  review: "行政复议",
  suit_direct: "未经复议直接起诉",
  suit_after_review: "复议后起诉",
};
