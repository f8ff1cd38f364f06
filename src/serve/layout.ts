// The national template's three tables as they are printed (国办公开办函〔2021〕30号 and its 2019
// predecessor), built from the metric dictionary: which metric sits in which row and column, and
// the printed labels. The report page, its CSV and its XLSX all lay figures out from here.
import type { TemplateId } from "../model/contract.js";
import { METRICS, metric, type Metric } from "../model/metrics.js";

export interface Label {
  zh: string;
  en: string;
}

/** One block of table 2: a 第二十条 item with its own columns (the printed table is several blocks). */
export interface Table2Block {
  title: Label;
  columns: Label[];
  rows: { label: Label; codes: (string | null)[] }[];
}

/** One row of table 3; `group` is the (三)/(四)/(五)/(六) heading its item sits under. */
export interface Table3Row {
  key: string;
  section: "new" | "carried_over" | "results" | "carried_forward";
  group: Label | null;
  /** The item's own label (or the row's whole label when there is no group). */
  label: Label;
  codes: string[];
}

export const T3_COLUMN_KEYS = ["natural", "commercial", "research", "social", "legal", "other", "total"];

export const T3_COLUMNS: Label[] = [
  { zh: "自然人", en: "natural persons" },
  { zh: "商业企业", en: "commercial enterprises" },
  { zh: "科研机构", en: "research institutions" },
  { zh: "社会公益组织", en: "public-interest organisations" },
  { zh: "法律服务机构", en: "legal service institutions" },
  { zh: "其他", en: "other" },
  { zh: "总计", en: "total" },
];

export const T3_RESULTS_LABEL: Label = { zh: "三、本年度办理结果", en: "3. Results this year" };
export const T3_HEADER_NOTE: Label = {
  zh: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
  en: "(items 1 + 2 = items 3 + 4)",
};
export const T3_APPLICANTS: Label = { zh: "申请人情况", en: "Applicants" };
export const T3_LEGAL_PERSONS: Label = { zh: "法人或其他组织", en: "legal persons and other organisations" };

export const T4_GROUPS: { key: string; label: Label; parent: Label }[] = [
  { key: "review", label: { zh: "行政复议", en: "administrative review" }, parent: { zh: "", en: "" } },
  {
    key: "suit_direct",
    label: { zh: "未经复议直接起诉", en: "without prior review" },
    parent: { zh: "行政诉讼", en: "litigation" },
  },
  {
    key: "suit_after_review",
    label: { zh: "复议后起诉", en: "after review" },
    parent: { zh: "行政诉讼", en: "litigation" },
  },
];
export const T4_OUTCOMES: { key: string; label: Label }[] = [
  { key: "upheld", label: { zh: "结果维持", en: "upheld" } },
  { key: "corrected", label: { zh: "结果纠正", en: "corrected" } },
  { key: "other", label: { zh: "其他结果", en: "other outcome" } },
  { key: "pending", label: { zh: "尚未审结", en: "pending" } },
  { key: "total", label: { zh: "总计", en: "total" } },
];

const T2_BLOCKS: Record<TemplateId, { item: string; entities: string[]; columns: string[] }[]> = {
  "2021": [
    { item: "（一）", entities: ["rules", "normative"], columns: ["issued", "repealed", "in_force"] },
    { item: "（五）", entities: ["licensing"], columns: ["decisions"] },
    { item: "（六）", entities: ["penalty", "coercion"], columns: ["decisions"] },
    { item: "（八）", entities: ["fees"], columns: ["amount"] },
  ],
  "2019": [
    { item: "（一）", entities: ["rules", "normative"], columns: ["made", "published", "total_published"] },
    {
      item: "（五）",
      entities: ["licensing", "other_services"],
      columns: ["prev_items", "change", "decisions"],
    },
    { item: "（六）", entities: ["penalty", "coercion"], columns: ["prev_items", "change", "decisions"] },
    { item: "（八）", entities: ["fees"], columns: ["prev_items", "change"] },
    { item: "（九）", entities: ["procurement"], columns: ["items", "amount"] },
  ],
};

const ITEM_EN: Record<string, string> = {
  "（一）": "(1)",
  "（五）": "(5)",
  "（六）": "(6)",
  "（八）": "(8)",
  "（九）": "(9)",
};

/** "规章/本年制发件数" → ["规章", "本年制发件数"]; "departmental rules: issued this year" likewise. */
function t2Parts(m: Metric): { row: Label; column: Label } {
  const [rowZh = "", ...restZh] = m.label_zh.split("/");
  const colon = m.label_en.indexOf(": ");
  return {
    row: { zh: rowZh, en: colon > 0 ? m.label_en.slice(0, colon) : m.label_en },
    column: { zh: restZh.join("/"), en: colon > 0 ? m.label_en.slice(colon + 2) : "" },
  };
}

export function table2Blocks(template: TemplateId): Table2Block[] {
  return T2_BLOCKS[template].map((block) => {
    const columns: Label[] = block.columns.map((column) => {
      const code = block.entities
        .map((entity) => `t2.${entity}.${column}`)
        .find((c) => metric(c)?.templates.includes(template));
      return code ? t2Parts(metric(code)!).column : { zh: column, en: column };
    });
    const rows = block.entities.map((entity) => {
      const codes = block.columns.map((column) => {
        const code = `t2.${entity}.${column}`;
        return metric(code)?.templates.includes(template) ? code : null;
      });
      const any = codes.find((c) => c !== null);
      return { label: any ? t2Parts(metric(any)!).row : { zh: entity, en: entity }, codes };
    });
    return {
      title: {
        zh: `第二十条第${block.item}项`,
        en: `Article 20 item ${ITEM_EN[block.item] ?? block.item}`,
      },
      columns,
      rows,
    };
  });
}

const SECTION_OF: Record<string, Table3Row["section"]> = {
  new: "new",
  carried_over: "carried_over",
  carried_forward: "carried_forward",
};

export function table3Rows(template: TemplateId): Table3Row[] {
  const rows: Table3Row[] = [];
  const hasOtherItems = METRICS.some(
    (m) => m.code.startsWith("t3.other.no_fee.") && m.templates.includes(template),
  );
  for (const m of METRICS) {
    if (m.section !== "t3" || !m.code.endsWith(".natural") || !m.templates.includes(template)) continue;
    const key = m.code.slice(3, -".natural".length);
    // In the 2021 layout (六)其他处理 is printed as its three items; the stored sum is not a printed row.
    if (key === "other" && hasOtherItems) continue;
    const zhParts = m.label_zh.split("/").slice(0, -1);
    const enLabel = m.label_en.replace(/ — [^—]*$/, "");
    const colon = enLabel.indexOf(": ");
    const grouped = zhParts.length > 1;
    rows.push({
      key,
      section: SECTION_OF[key] ?? "results",
      group: grouped ? { zh: zhParts[0]!, en: colon > 0 ? enLabel.slice(0, colon) : enLabel } : null,
      label: grouped
        ? { zh: zhParts.slice(1).join("/"), en: colon > 0 ? enLabel.slice(colon + 2) : enLabel }
        : { zh: zhParts.join("/"), en: enLabel },
      codes: T3_COLUMN_KEYS.map((column) => `t3.${key}.${column}`),
    });
  }
  return rows;
}

export function table4Codes(): string[][] {
  return T4_GROUPS.map((group) => T4_OUTCOMES.map((outcome) => `t4.${group.key}.${outcome.key}`));
}

/** Every metric code the template prints, in table order (what a complete report holds). */
export function printedCodes(template: TemplateId): string[] {
  const codes: string[] = [];
  for (const block of table2Blocks(template))
    for (const row of block.rows) for (const code of row.codes) if (code) codes.push(code);
  for (const row of table3Rows(template)) codes.push(...row.codes);
  for (const group of table4Codes()) codes.push(...group);
  return codes;
}
