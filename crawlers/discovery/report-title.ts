// Is a link or a page an annual open-government-information report? Titles vary a lot (portals.md §5.1),
// so the title test is permissive and a page is confirmed by its content before it is stored.

const REPORT_WORDS = /(年度报告|年报|年度工作报告)/;
const DISCLOSURE_WORDS = /(政府信息公开|政务信息公开|信息公开|政务公开|公开年报)/;
/** Titles that mention reports but are not one: notices about them, interpretations, news. */
const NOT_A_REPORT =
  /(公布情况|的通知|通知|公告|考核|测评|培训|召开|工作会|解读|图解|一图读懂|读懂|工作要点|报送|编制工作|统计年报|企业年报|工商年报|年报公示|年报信息公示)/;

/** A bare column name ("政府信息公开年报"): navigation, not a report. */
const COLUMN_NAME = /^(政府|政务)?(信息)?公开(工作)?(年度报告|年报)(专栏|栏目)?$/;

export interface TitleVerdict {
  candidate: boolean;
  /** The year the report covers, when the title says it ("2023年", "2023年度"). */
  year: number | null;
}

export function yearInTitle(title: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(title.replace(/\s+/g, ""));
  return m ? Number(m[1]) : null;
}

/**
 * `bareTitleOk`: a title that is only the generic phrase ("政府信息公开工作年度报告") is accepted; callers
 * set it when the link points to an article file, since such a link is a report, not the column.
 */
export function classifyTitle(
  raw: string,
  { bareTitleOk = false }: { bareTitleOk?: boolean } = {},
): TitleVerdict {
  const title = raw.replace(/\s+/g, "");
  const year = yearInTitle(title);
  if (!REPORT_WORDS.test(title) || NOT_A_REPORT.test(title)) return { candidate: false, year };
  if (COLUMN_NAME.test(title) && !bareTitleOk) return { candidate: false, year };
  return { candidate: DISCLOSURE_WORDS.test(title) || year !== null, year };
}

const SECTION_MARKERS = [
  /总体情况/,
  /主动公开/,
  /依申请/,
  /收到和处理/,
  /行政复议/,
  /行政诉讼/,
  /存在的主要问题/,
  /其他需要报告/,
];

/** Whether the text of a page reads like a report: the disclosure words and several of its sections. */
export function looksLikeReportText(text: string): boolean {
  const flat = text.replace(/\s+/g, "");
  if (!/(信息公开|政务公开)/.test(flat)) return false;
  return SECTION_MARKERS.filter((re) => re.test(flat)).length >= 3;
}
