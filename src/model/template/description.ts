// The national template of the annual report (../shared/spec/REPORT-FORMAT.md) as data: both
// revisions, table 2's layouts, table 3's rows and applicant columns, table 4's groups, the
// identities (勾稽关系) and the relations across years. Everything else derives from this file: the
// metric codes (data/metrics.json is checked against it), the recognizer's label dictionary and
// identity checks, the store's cross-year checks and the synthetic generator. Adding a row, an
// identity or a template revision is an edit here (see docs/template.md). Imports nothing.

/** The template revisions: `2019` (reports for 2019 and 2020) and `2021` (国办公开办函〔2021〕30号). */
export const REVISIONS = ["2019", "2021"] as const;
export type TemplateId = (typeof REVISIONS)[number];

/** The first report year each revision is used for (a tie-breaker only: the layout decides). */
export const FIRST_YEAR: Record<TemplateId, number> = { "2019": 2019, "2021": 2021 };

export type Unit = "count" | "10k_yuan";

// ---------------------------------------------------------------------------------------------
// Table 2 (二、主动公开政府信息情况): labelled rows whose columns depend on the revision.

export interface Table2Column {
  /** Last part of the metric code: t2.<row>.<key>. */
  key: string;
  /** The column's wording in the metric dictionary. */
  zh: string;
  en: string;
  /** Revisions that print the column. */
  templates: readonly TemplateId[];
  unit?: Unit;
  /** The cell may hold a negative figure (2019's 本年增/减). */
  signed?: boolean;
}

export interface Table2Row {
  /** Middle part of the metric code: t2.<key>.<column>. */
  key: string;
  /** Wordings, the template's first; the recognizer matches each (normalised) at a label's end. */
  labels: readonly string[];
  en: string;
  /** Columns in the metric dictionary's order; a revision prints its own in this order. */
  columns: readonly Table2Column[];
}

/** One block of table 2 as a revision prints it: a 第二十条 item, its header words, its rows. */
export interface Table2Section {
  /** The item of Article 20 the block reports: 第二十条第（一）项. */
  item: string;
  /** Printed column headers (default: the columns' wording). */
  headers?: readonly string[];
  /** Row keys, with the label this revision prints when it is not the row's first. */
  rows: readonly { key: string; label?: string }[];
}

const BOTH = ["2019", "2021"] as const;
const DOCUMENTS: readonly Table2Column[] = [
  { key: "issued", zh: "本年制发件数", en: "issued this year", templates: ["2021"] },
  { key: "repealed", zh: "本年废止件数", en: "repealed this year", templates: ["2021"] },
  { key: "in_force", zh: "现行有效件数", en: "currently in force", templates: ["2021"] },
  { key: "made", zh: "本年新制作数量", en: "newly made this year", templates: ["2019"] },
  { key: "published", zh: "本年新公开数量", en: "newly published this year", templates: ["2019"] },
  { key: "total_published", zh: "对外公开总数量", en: "total published", templates: ["2019"] },
];
const PREV_ITEMS: Table2Column = {
  key: "prev_items",
  zh: "上一年项目数量",
  en: "items last year",
  templates: ["2019"],
};
const CHANGE: Table2Column = {
  key: "change",
  zh: "本年增/减",
  en: "change this year",
  templates: ["2019"],
  signed: true,
};
const ITEMS: readonly Table2Column[] = [
  PREV_ITEMS,
  CHANGE,
  { key: "decisions", zh: "本年处理决定数量", en: "decisions this year", templates: BOTH },
];
/** 2019's header words over 行政许可…行政强制 (the column is 本年处理决定数量 in the dictionary). */
const ITEM_HEADERS_2019 = ["上一年项目数量", "本年增/减", "处理决定数量"];

export const TABLE2 = {
  /** Rows in the metric dictionary's order. */
  rows: [
    { key: "rules", labels: ["规章"], en: "departmental rules", columns: DOCUMENTS },
    {
      key: "normative",
      labels: ["行政规范性文件", "规范性文件"],
      en: "normative documents",
      columns: DOCUMENTS,
    },
    { key: "licensing", labels: ["行政许可"], en: "administrative licensing", columns: ITEMS },
    {
      key: "other_services",
      labels: ["其他对外管理服务事项"],
      en: "other external management services",
      columns: ITEMS.map((c) => ({ ...c, templates: ["2019"] as const })),
    },
    { key: "penalty", labels: ["行政处罚"], en: "administrative penalties", columns: ITEMS },
    { key: "coercion", labels: ["行政强制"], en: "administrative coercion", columns: ITEMS },
    {
      key: "fees",
      labels: ["行政事业性收费"],
      en: "administrative fees",
      columns: [
        PREV_ITEMS,
        CHANGE,
        {
          key: "amount",
          zh: "本年收费金额（单位：万元）",
          en: "amount collected",
          templates: ["2021"],
          unit: "10k_yuan",
        },
      ],
    },
    {
      key: "procurement",
      labels: ["政府集中采购"],
      en: "centralised procurement",
      columns: [
        { key: "items", zh: "采购项目数量", en: "projects", templates: ["2019"] },
        { key: "amount", zh: "采购总金额", en: "total amount", templates: ["2019"], unit: "10k_yuan" },
      ],
    },
  ] satisfies readonly Table2Row[] as readonly Table2Row[],
  /** Each revision's blocks in printed order. */
  layouts: {
    "2021": [
      { item: "一", rows: [{ key: "rules" }, { key: "normative" }] },
      { item: "五", rows: [{ key: "licensing" }] },
      { item: "六", rows: [{ key: "penalty" }, { key: "coercion" }] },
      { item: "八", rows: [{ key: "fees" }] },
    ],
    "2019": [
      { item: "一", rows: [{ key: "rules" }, { key: "normative", label: "规范性文件" }] },
      { item: "五", headers: ITEM_HEADERS_2019, rows: [{ key: "licensing" }, { key: "other_services" }] },
      { item: "六", headers: ITEM_HEADERS_2019, rows: [{ key: "penalty" }, { key: "coercion" }] },
      { item: "八", rows: [{ key: "fees" }] },
      { item: "九", rows: [{ key: "procurement" }] },
    ],
  } satisfies Record<TemplateId, readonly Table2Section[]> as Record<TemplateId, readonly Table2Section[]>,
  /**
   * Column words that tell the revisions apart (the 2021 revision renamed them); the recognizer
   * counts them in table 2, never the year.
   */
  cues: {
    "2021": ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"],
    "2019": ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购总金额"],
  } satisfies Record<TemplateId, readonly string[]> as Record<TemplateId, readonly string[]>,
};

// ---------------------------------------------------------------------------------------------
// Table 3 (三、收到和处理政府信息公开申请情况): rows × applicant columns.

export interface Table3Column {
  key: string;
  zh: string;
  en: string;
}

/**
 * A row of table 3, or a heading grouping rows. Rows nest: 三、本年度办理结果 holds （一）–（七）,
 * （三）不予公开 holds items 1–8. A heading with `key` is part of its items' metric codes
 * (denied.state_secret); one with `figures` also holds figures of its own ((六)其他处理: printed as
 * one row, or in 2021 the sum of its items).
 */
export interface Table3Row {
  /** Metric-code part (joined with its parent's key by "."); absent for a pure heading. */
  key?: string;
  /** Numbering as printed before the label: "一、", "（三）", "1.". */
  number: string;
  /** Wordings, the template's first; the recognizer matches each (normalised). */
  labels: readonly string[];
  en?: string;
  /** A heading that holds figures of its own as well as items. */
  figures?: boolean;
  /** Revisions the row exists in (default: all, or the parent's). */
  templates?: readonly TemplateId[];
  items?: readonly Table3Row[];
}

export const TABLE3 = {
  /** Applicant columns in printed order; the last one is the row's 总计. */
  columns: [
    { key: "natural", zh: "自然人", en: "natural persons" },
    { key: "commercial", zh: "商业企业", en: "commercial enterprises" },
    { key: "research", zh: "科研机构", en: "research institutions" },
    { key: "social", zh: "社会公益组织", en: "public-interest organisations" },
    { key: "legal", zh: "法律服务机构", en: "legal service institutions" },
    { key: "other", zh: "其他", en: "other organisations" },
    { key: "total", zh: "总计", en: "total" },
  ] satisfies readonly Table3Column[] as readonly Table3Column[],
  /** The header over the five organisation columns. */
  organisations: "法人或其他组织",
  rows: [
    {
      key: "new",
      number: "一、",
      labels: ["本年新收政府信息公开申请数量", "本年新收政府信息公开申请", "本年新收申请数量"],
      en: "new applications this year",
    },
    {
      key: "carried_over",
      number: "二、",
      labels: ["上年结转政府信息公开申请数量", "上年结转政府信息公开申请", "上年结转申请数量"],
      en: "carried over from last year",
    },
    {
      number: "三、",
      labels: ["本年度办理结果"],
      items: [
        { key: "granted", number: "（一）", labels: ["予以公开"], en: "disclosed" },
        {
          key: "partial",
          number: "（二）",
          labels: [
            "部分公开（区分处理的，只计这一情形，不计其他情形）",
            "部分公开区分处理的只计这一情形不计入其他情形",
            "部分公开",
          ],
          en: "partially disclosed",
        },
        {
          key: "denied",
          number: "（三）",
          labels: ["不予公开"],
          items: [
            { key: "state_secret", number: "1.", labels: ["属于国家秘密"], en: "withheld: state secret" },
            {
              key: "law_forbidden",
              number: "2.",
              labels: ["其他法律行政法规禁止公开"],
              en: "withheld: forbidden by other laws",
            },
            {
              key: "security",
              number: "3.",
              labels: ["危及“三安全一稳定”"],
              en: "withheld: endangers security/stability",
            },
            {
              key: "third_party",
              number: "4.",
              labels: ["保护第三方合法权益"],
              en: "withheld: third-party rights",
            },
            {
              key: "internal",
              number: "5.",
              labels: ["属于三类内部事务信息", "属于三类内部事务"],
              en: "withheld: internal affairs",
            },
            {
              key: "process",
              number: "6.",
              labels: ["属于四类过程性信息"],
              en: "withheld: process information",
            },
            {
              key: "enforcement",
              number: "7.",
              labels: ["属于行政执法案卷"],
              en: "withheld: enforcement files",
            },
            {
              key: "query",
              number: "8.",
              labels: ["属于行政查询事项"],
              en: "withheld: administrative query matters",
            },
          ],
        },
        {
          key: "unable",
          number: "（四）",
          labels: ["无法提供"],
          items: [
            {
              key: "not_held",
              number: "1.",
              labels: ["本机关不掌握相关政府信息"],
              en: "unavailable: not held",
            },
            {
              key: "needs_creation",
              number: "2.",
              labels: ["没有现成信息需要另行制作"],
              en: "unavailable: would need to be created",
            },
            {
              key: "unclear",
              number: "3.",
              labels: ["补正后申请内容仍不明确"],
              en: "unavailable: still unclear after correction",
            },
          ],
        },
        {
          key: "rejected",
          number: "（五）",
          labels: ["不予处理"],
          items: [
            {
              key: "petition",
              number: "1.",
              labels: ["信访举报投诉类申请"],
              en: "not processed: petitions/complaints",
            },
            { key: "repeat", number: "2.", labels: ["重复申请"], en: "not processed: repeated application" },
            {
              key: "publication",
              number: "3.",
              labels: ["要求提供公开出版物"],
              en: "not processed: asks for publications",
            },
            {
              key: "mass",
              number: "4.",
              labels: ["无正当理由大量反复申请"],
              en: "not processed: mass repeated applications",
            },
            {
              key: "confirm",
              number: "5.",
              labels: ["要求行政机关确认或重新出具已获取信息"],
              en: "not processed: asks to confirm/reissue",
            },
          ],
        },
        {
          key: "other",
          number: "（六）",
          labels: ["其他处理"],
          en: "other handling (sum of its items in 2021)",
          figures: true,
          items: [
            {
              key: "no_correction",
              number: "1.",
              labels: [
                "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "申请人无正当理由逾期不补正",
              ],
              en: "other: applicant did not correct in time",
              templates: ["2021"],
            },
            {
              key: "no_fee",
              number: "2.",
              labels: [
                "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "申请人逾期未按收费通知要求缴纳费用",
              ],
              en: "other: applicant did not pay the fee",
              templates: ["2021"],
            },
            { key: "other", number: "3.", labels: ["其他"], en: "other: other", templates: ["2021"] },
          ],
        },
        { key: "total", number: "（七）", labels: ["总计", "合计"], en: "total handled" },
      ],
    },
    {
      key: "carried_forward",
      number: "四、",
      labels: ["结转下年度继续办理", "结转下年度继续办理的"],
      en: "carried forward to next year",
    },
  ] satisfies readonly Table3Row[] as readonly Table3Row[],
};

// ---------------------------------------------------------------------------------------------
// Table 4 (四、政府信息公开行政复议、行政诉讼情况): three groups × five results, one value row.

export interface Table4Group {
  key: string;
  zh: string;
  /** The header the group sits under, when it has one (行政诉讼 over its two groups). */
  parent?: string;
  en: string;
}

export const TABLE4 = {
  groups: [
    { key: "review", zh: "行政复议", en: "administrative review" },
    { key: "suit_direct", zh: "未经复议直接起诉", parent: "行政诉讼", en: "litigation without prior review" },
    { key: "suit_after_review", zh: "复议后起诉", parent: "行政诉讼", en: "litigation after review" },
  ] satisfies readonly Table4Group[] as readonly Table4Group[],
  results: [
    { key: "upheld", zh: "结果维持", en: "upheld" },
    { key: "corrected", zh: "结果纠正", en: "corrected" },
    { key: "other", zh: "其他结果", en: "other outcome" },
    { key: "pending", zh: "尚未审结", en: "pending" },
    { key: "total", zh: "总计", en: "total" },
  ] satisfies readonly Table3Column[] as readonly Table3Column[],
};

// ---------------------------------------------------------------------------------------------
// Identities (勾稽关系). Each is repeated over the members of one axis: every applicant column of
// table 3 (terms are row keys), every row of table 3 (terms are column keys), every group of table 4
// (terms are result keys). A term "denied.*" stands for every item of that heading. Messages name
// the figures: {member} is the axis member's key, {member_zh} its Chinese, {sum}/{in}/{out} the
// computed sides, {<term>} a term's value. Order matters: issues are reported in axis order, then
// member by member, then identity by identity.

export type IdentityAxis = "t3.column" | "t3.row" | "t4.group";

interface IdentityBase {
  /** The issue code when it fails. */
  code: string;
  each: IdentityAxis;
  /** Revisions it applies to (default: all). */
  templates?: readonly TemplateId[];
  message: string;
}

/** total = Σ parts. */
export interface SumIdentity extends IdentityBase {
  total: string;
  parts: readonly string[];
  /**
   * The template prints either the total or its parts, never both; the contract then gives the
   * total as the sum of the parts. Such an identity defines a figure and confirms no reading.
   */
  definesTotal?: boolean;
}

/** Σ in = Σ out (table 3's flow: what came in was handled or carried forward). */
export interface FlowIdentity extends IdentityBase {
  in: readonly string[];
  out: readonly string[];
  /** The term the issue names. */
  about: string;
}

export type IdentitySpec = SumIdentity | FlowIdentity;

export const IDENTITIES: readonly IdentitySpec[] = [
  {
    code: "identity.t3.balance",
    each: "t3.column",
    in: ["new", "carried_over"],
    out: ["total", "carried_forward"],
    about: "total",
    message:
      "{member_zh}: 本年新收 {new} + 上年结转 {carried_over} = {in}, but 总计 {total} + 结转下年度 {carried_forward} = {out}",
  },
  {
    code: "identity.t3.outcomes",
    each: "t3.column",
    total: "total",
    parts: ["granted", "partial", "denied.*", "unable.*", "rejected.*", "other"],
    message: "{member_zh}: 总计 is {total} but the outcomes (一)–(六) add up to {sum}",
  },
  {
    code: "identity.t3.other_items",
    each: "t3.column",
    templates: ["2021"],
    total: "other",
    parts: ["other.*"],
    definesTotal: true,
    message: "{member_zh}: (六)其他处理 is {other} but its three items add up to {sum}",
  },
  {
    code: "identity.t3.row_total",
    each: "t3.row",
    total: "total",
    parts: ["natural", "commercial", "research", "social", "legal", "other"],
    message: "row {member}: 总计 is {total} but the six applicant columns add up to {sum}",
  },
  {
    code: "identity.t4.group_total",
    each: "t4.group",
    total: "total",
    parts: ["upheld", "corrected", "other", "pending"],
    message: "{member_zh}: 总计 is {total} but 维持/纠正/其他/尚未审结 add up to {sum}",
  },
];

// ---------------------------------------------------------------------------------------------
// Relations across years of one body (checked in the store over current reports).

export interface CrossYearRelation {
  code: string;
  /** Revisions both years must be in (default: any). */
  templates?: readonly TemplateId[];
  /** Metric codes of the later year, one per member: "t3.carried_over.{column}". */
  current: string;
  /** last year's figure + Σ plus − Σ minus (plus and minus from the later year) = current. */
  previous: string;
  plus?: readonly string[];
  minus?: readonly string[];
  /** What "{column}" / "{row}" range over. */
  each: "t3.column" | { rows: readonly string[] };
}

export const CROSS_YEAR: readonly CrossYearRelation[] = [
  {
    code: "cross_year.carry_over",
    each: "t3.column",
    current: "t3.carried_over.{column}",
    previous: "t3.carried_forward.{column}",
  },
  {
    code: "cross_year.in_force",
    each: { rows: ["rules", "normative"] },
    templates: ["2021"],
    current: "t2.{row}.in_force",
    previous: "t2.{row}.in_force",
    plus: ["t2.{row}.issued"],
    minus: ["t2.{row}.repealed"],
  },
];
