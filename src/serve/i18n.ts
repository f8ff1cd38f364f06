// The interface's words in Chinese (the default) and English. Document strings (agency names,
// printed cells) are never translated: they are shown as stored.
export type Lang = "zh" | "en";

const STRINGS = {
  appName: { zh: "年报数据", en: "nianbao" },
  tagline: {
    zh: "政府信息公开工作年度报告数据集",
    en: "Government information disclosure annual reports, as data",
  },
  search: { zh: "搜索", en: "Search" },
  searchPlaceholder: {
    zh: "机构名称、地区或拼音首字母（如 hzq）",
    en: "Body name, region or pinyin initials (e.g. hzq)",
  },
  rank: { zh: "排名", en: "Rank" },
  compare: { zh: "对比", en: "Compare" },
  downloadDb: { zh: "下载数据库", en: "Download database" },
  language: { zh: "English", en: "中文" },
  province: { zh: "省份", en: "Province" },
  city: { zh: "城市", en: "City" },
  level: { zh: "层级", en: "Level" },
  year: { zh: "年度", en: "Year" },
  template: { zh: "模板", en: "Template" },
  status: { zh: "状态", en: "Status" },
  any: { zh: "全部", en: "Any" },
  apply: { zh: "筛选", en: "Filter" },
  body: { zh: "机构", en: "Body" },
  bodies: { zh: "机构", en: "Bodies" },
  region: { zh: "地区", en: "Region" },
  regionCode: { zh: "行政区划代码", en: "Region code" },
  kind: { zh: "类型", en: "Kind" },
  reports: { zh: "报告", en: "Reports" },
  report: { zh: "报告", en: "Report" },
  coverage: { zh: "数据覆盖", en: "Coverage" },
  coverageNote: {
    zh: "每格一个机构年度：已发布（表格完整）、有问题（勾稽不符或缺项）、无表格（未能解析出表格）、缺失（库中没有）。",
    en: "One cell per body and year: published (tables complete), issues (identity failures or missing figures), no tables (no table could be read), missing (not in the store).",
  },
  published: { zh: "已发布", en: "published" },
  missing: { zh: "缺失", en: "missing" },
  failedDocuments: { zh: "无法解析的文件", en: "documents that failed to parse" },
  results: { zh: "条结果", en: "results" },
  noResults: { zh: "没有找到符合条件的机构。", en: "No body matches." },
  previous: { zh: "上一页", en: "Previous" },
  next: { zh: "下一页", en: "Next" },
  compareSelected: { zh: "对比所选机构", en: "Compare selected bodies" },
  download: { zh: "下载", en: "Download" },
  csvZh: { zh: "CSV（中文表头）", en: "CSV (Chinese headers)" },
  csvEn: { zh: "CSV（英文表头）", en: "CSV (English headers)" },
  xlsx: { zh: "Excel（XLSX）", en: "Excel (XLSX)" },
  headline: { zh: "主要数据", en: "Headline figures" },
  applications: { zh: "新收申请", en: "Applications received" },
  grantedShare: { zh: "公开率", en: "Granted share" },
  reviewsSuits: { zh: "行政复议与诉讼", en: "Reviews and lawsuits" },
  reviews: { zh: "行政复议", en: "Reviews" },
  suits: { zh: "行政诉讼", en: "Lawsuits" },
  reportsByYear: { zh: "历年报告", en: "Reports by year" },
  source: { zh: "来源", en: "Source" },
  original: { zh: "原文件", en: "Original" },
  pictures: { zh: "页面图片", en: "Pictures" },
  picture: { zh: "图片 {n}", en: "picture {n}" },
  open: { zh: "查看", en: "Open" },
  figures: { zh: "数据项", en: "Figures" },
  issues: { zh: "问题", en: "Issues" },
  aliases: { zh: "曾用/印刷名称", en: "Printed names" },
  table2: { zh: "二、主动公开政府信息情况", en: "2. Proactive disclosure" },
  table3: { zh: "三、收到和处理政府信息公开申请情况", en: "3. Applications received and handled" },
  table4: {
    zh: "四、政府信息公开行政复议、行政诉讼情况",
    en: "4. Administrative review and litigation",
  },
  layout: { zh: "版式", en: "Layout" },
  noTables: { zh: "这份报告没有可读取的表格。", en: "No table could be read from this report." },
  provenance: { zh: "数据来源", en: "Provenance" },
  raw: { zh: "原文", en: "Printed text" },
  location: { zh: "位置", en: "Location" },
  page: { zh: "第{n}页", en: "page {n}" },
  line: { zh: "第{n}行", en: "line {n}" },
  path: { zh: "DOM 路径", en: "DOM path" },
  documentHash: { zh: "文件 SHA-256", en: "Document SHA-256" },
  howKnown: { zh: "如何得知", en: "How it is known" },
  derived: { zh: "推导方式", en: "Derived" },
  readAsPrinted: { zh: "按印刷数字读取", en: "read as printed" },
  changeFromPrevious: { zh: "较上年", en: "vs previous year" },
  previousReport: { zh: "上一年度报告", en: "Previous year's report" },
  missingFigure: { zh: "缺失", en: "missing" },
  missingTable: {
    zh: "未读到此表的任何数字（原文未印此表或无法读取）",
    en: "No figure of this table was read (the document does not print it, or it could not be read)",
  },
  missingColumn: {
    zh: "未读到此列的任何数字（原文未印此列，如未印“总计”列；不代为计算）",
    en: "No figure of this column was read (the document does not print it, e.g. no total column; not computed for it)",
  },
  missingReason: {
    zh: "文件中没有确定的数值（不猜测）",
    en: "The document does not determine this figure (never guessed)",
  },
  findings: { zh: "勾稽关系与跨年度检查", en: "Identities and cross-year checks" },
  noFindings: { zh: "没有发现问题。", en: "No findings." },
  sourceSide: { zh: "原文自身不一致", en: "the printed source is inconsistent" },
  parseSide: { zh: "可能是读取问题", en: "likely a reading problem" },
  legendSource: { zh: "原文不一致", en: "source inconsistent" },
  legendParse: { zh: "读取问题", en: "reading problem" },
  legendMissing: { zh: "缺失", en: "missing" },
  legendOcr: { zh: "虚线框：扫描件 OCR 识别", en: "dashed: read by OCR from a scan" },
  ocrSummary: {
    zh: "扫描件：OCR 识别 {read} 个数字，另有 {left} 个未能印证而未列入",
    en: "a scan: {read} figures read by OCR, {left} more left out (unconfirmed)",
  },
  legendIndirect: {
    zh: "斜体：经勾稽关系还原或取自正文",
    en: "italic: reconstructed through an identity or read from the prose",
  },
  metric: { zh: "指标", en: "Metric" },
  value: { zh: "数值", en: "Value" },
  unit: { zh: "单位", en: "Unit" },
  sort: { zh: "排序", en: "Sort" },
  descending: { zh: "从高到低", en: "Highest first" },
  ascending: { zh: "从低到高", en: "Lowest first" },
  rankTitle: { zh: "指标排名", en: "Rank bodies by a metric" },
  rates: { zh: "比率", en: "Rates" },
  numerator: { zh: "分子", en: "Numerator" },
  columnSum: {
    zh: "Σ：该报告未印“总计”列，总计为六类申请人列之和（依模板定义，精确）",
    en: "Σ: the report prints no total column; the total is the sum of the six applicant columns (exact, by the template's definition)",
  },
  minBase: { zh: "分母至少", en: "Minimum base" },
  belowMin: { zh: "{count} 个机构分母小于 {n}，未列入", en: "{count} bodies with a base below {n} left out" },
  denominator: { zh: "分母", en: "Denominator" },
  notComputable: { zh: "无法计算（缺少数据或分母为零）", en: "not computable (missing figure or zero)" },
  compareTitle: { zh: "机构对比", en: "Compare bodies" },
  compareHint: {
    zh: "选择 2 到 5 个机构：在搜索结果中勾选，或在下面输入机构名称添加。",
    en: "Pick two to five bodies: tick them in the search results, or add one by name below.",
  },
  addBody: { zh: "添加机构", en: "Add a body" },
  remove: { zh: "移除", en: "remove" },
  notFound: { zh: "页面不存在", en: "Not found" },
  badRequest: { zh: "请求有误", en: "Bad request" },
  serverError: { zh: "服务器内部错误", en: "Internal error" },
  home: { zh: "首页", en: "Home" },
  total: { zh: "合计", en: "Total" },
  documentTitle: { zh: "文件标题", en: "Document title" },
  printedAs: { zh: "报告所署名称", en: "Printed as" },
  fetchedAt: { zh: "获取时间", en: "Fetched" },
  format: { zh: "格式", en: "Format" },
  regionUnplaced: { zh: "地区未定", en: "region not settled" },
  noSource: { zh: "无网址（本地导入）", en: "no URL (ingested from a file)" },
  storeSummary: {
    zh: "库中共 {bodies} 个机构、{reports} 份报告",
    en: "{bodies} bodies and {reports} reports in the store",
  },
  allBodies: { zh: "全部机构", en: "All bodies" },
  close: { zh: "关闭", en: "Close" },
} as const satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey, values: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

const LEVELS: Record<string, Record<Lang, string>> = {
  national: { zh: "国家级", en: "national" },
  province: { zh: "省级", en: "province" },
  city: { zh: "市级", en: "city" },
  county: { zh: "县级", en: "county" },
  township: { zh: "乡镇级", en: "township" },
};

const STATUSES: Record<string, Record<Lang, string>> = {
  ok: { zh: "完整", en: "complete" },
  issues: { zh: "有问题", en: "issues" },
  no_tables: { zh: "无表格", en: "no tables" },
  missing: { zh: "缺失", en: "missing" },
};

const KINDS: Record<string, Record<Lang, string>> = {
  government: { zh: "政府", en: "government" },
  department: { zh: "部门", en: "department" },
};

export const LEVEL_CODES = Object.keys(LEVELS);
export const STATUS_CODES = ["ok", "issues", "no_tables"];

export const levelName = (lang: Lang, level: string | null): string =>
  level ? (LEVELS[level]?.[lang] ?? level) : "";
export const statusName = (lang: Lang, status: string): string => STATUSES[status]?.[lang] ?? status;
export const kindName = (lang: Lang, kind: string): string => KINDS[kind]?.[lang] ?? kind;

/** 10k_yuan → 万元 / 10,000 yuan; counts have no unit shown. */
export function unitName(lang: Lang, unit: string): string {
  if (unit === "10k_yuan") return lang === "zh" ? "万元" : "10,000 yuan";
  return lang === "zh" ? "件" : "count";
}
