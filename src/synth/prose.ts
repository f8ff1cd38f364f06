// The prose around the tables: introduction with the statistics period, 总体情况 with its own
// figures (numbers in sentences are a hazard for naive parsers), problems and other matters.
// Sentences are assembled from phrases real reports use.
import type { Agency } from "./agencies.js";
import type { FigureSet } from "./figures.js";
import type { Rng } from "./random.js";

export type SectionStyle = "national" | "shanghai";

export interface Prose {
  intro: string[];
  /** Paragraphs of 一、总体情况 (or, Shanghai style, the six leading prose sections). */
  overview: { heading?: string; paragraphs: string[] }[];
  problems: string[];
  otherMatters: string[];
}

const FOCUS = [
  "营商环境",
  "乡村振兴",
  "民生保障",
  "生态环境保护",
  "安全生产",
  "重大建设项目",
  "财政预决算",
  "行政执法",
];
const CHANNELS = ["政府门户网站", "政务新媒体", "政务公开专区", "公示栏", "新闻发布会"];

export function statisticsPeriod(rng: Rng, year: number): string {
  return rng.pick([
    `本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
    `本报告所列数据的统计期限为${year}年1月1日至12月31日。`,
    `本年度报告中所列数据的统计周期为 ${year} 年 1 月 1 日至 12 月 31 日。`,
  ]);
}

export function writeProse(
  rng: Rng,
  agency: Agency,
  year: number,
  figures: FigureSet,
  style: SectionStyle,
  needsPeriod: boolean,
): Prose {
  const we = agency.kind.endsWith("department") ? "我局" : rng.pick(["我区", "本机关", "我单位"]);
  const v = figures.values;
  const requests = v["t3.new.total"] ?? 0;
  const proactive = rng.int(12, 3000);
  const intro = [
    `根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级有关要求，${agency.name}编制了${year}年度政府信息公开工作年度报告。` +
      `本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项共六个部分组成。` +
      (needsPeriod || rng.chance(0.7) ? statisticsPeriod(rng, year) : "") +
      `如对本报告有任何疑问，请与${agency.name}办公室联系（电话：0${rng.int(371, 999)}-${rng.int(2000000, 8999999)}）。`,
  ];
  const overviewParagraphs = [
    `${year}年，${we}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，围绕${rng.pick(FOCUS)}等重点工作，持续深化政务公开。`,
    `（一）主动公开。全年通过${rng.pick(CHANNELS)}等渠道主动公开政府信息${proactive}条，其中机构职能${rng.int(1, 30)}条，政策文件${rng.int(0, 60)}条，全文电子化率达100%。`,
    requests === 0
      ? `（二）依申请公开。本年度共收到政府信息公开申请0件，未发生因政府信息公开引起的行政复议、行政诉讼。`
      : `（二）依申请公开。本年度共收到政府信息公开申请${requests}件，上年结转${v["t3.carried_over.total"] ?? 0}件，均在法定期限内答复。`,
    `（三）政府信息管理。严格落实信息发布“三审”制度，动态更新政府信息公开指南，做好保密审查。`,
    `（四）平台建设。加强${rng.pick(CHANNELS)}日常维护，及时更新栏目内容，提升信息发布质量。`,
    `（五）监督保障。将政务公开纳入年度绩效考核，开展业务培训${rng.int(1, 6)}次。`,
  ];
  const overview =
    style === "national"
      ? [{ paragraphs: overviewParagraphs }]
      : [
          { heading: "一、总体情况", paragraphs: overviewParagraphs.slice(0, 1) },
          { heading: "二、工作机制保障", paragraphs: [overviewParagraphs[5]!] },
          { heading: "三、主动公开工作情况", paragraphs: [overviewParagraphs[1]!] },
          { heading: "四、政府信息公开申请情况", paragraphs: [overviewParagraphs[2]!] },
          { heading: "五、政府信息管理", paragraphs: [overviewParagraphs[3]!] },
          { heading: "六、政府信息公开平台建设", paragraphs: [overviewParagraphs[4]!] },
        ];
  const problems = [
    `${year}年，${we}政府信息公开工作取得一定成效，但仍存在不足：一是政策解读形式不够丰富；二是信息发布时效有待提高。`,
    // The next year is named here: a report's year is not the latest year it mentions.
    `${year + 1}年，${we}将从以下方面改进：一是加强政策解读，二是加强业务培训，三是强化${rng.pick(FOCUS)}领域信息公开。`,
  ];
  const otherMatters = [
    rng.pick([
      "本年度未收取政府信息公开处理费。",
      `${year}年，${we}未收取信息处理费。`,
      "本年度无其他需要报告的事项。",
      `本年度共发出收费通知0件，收取信息处理费0元。`,
    ]),
  ];
  return { intro, overview, problems, otherMatters };
}

export const NATIONAL_HEADINGS = {
  overview: "一、总体情况",
  t2: "二、主动公开政府信息情况",
  t3: "三、收到和处理政府信息公开申请情况",
  t4: "四、政府信息公开行政复议、行政诉讼情况",
  problems: "五、存在的主要问题及改进情况",
  other: "六、其他需要报告的事项",
};

/** Shanghai reports renumber: the tables start again at 一、 after six prose sections. */
export const SHANGHAI_HEADINGS = {
  overview: "",
  t2: "一、主动公开政府信息情况",
  t3: "二、收到和处理政府信息公开申请情况",
  t4: "三、政府信息公开行政复议、行政诉讼情况",
  problems: "四、存在的主要问题及改进情况",
  other: "五、其他需要报告的事项",
};

/**
 * A report from before the 2019 template: prose only, figures in sentences, the old section list
 * (概述/主动公开/依申请公开/收费及减免/复议诉讼/问题), and sometimes the old 统计表 whose rows are not
 * the national tables. A parser must find no template figures in it.
 */
export function writePre2019Prose(rng: Rng, agency: Agency, year: number): Prose {
  const we = agency.kind.endsWith("department") ? "我局" : rng.pick(["我区", "本机关", "我单位"]);
  const proactive = rng.int(30, 5000);
  const requests = rng.chance(0.4) ? 0 : rng.int(1, 300);
  const inPerson = Math.floor(requests * rng.next() * 0.5);
  const online = requests - inPerson;
  const granted = Math.floor(requests * 0.6);
  const section = (heading: string, paragraphs: string[]) => ({ heading, paragraphs });
  return {
    intro: [
      `本报告根据《中华人民共和国政府信息公开条例》要求，由${agency.name}编制。全文包括概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请提起行政复议和行政诉讼的情况、存在的主要问题及改进措施。本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
    ],
    overview: [
      section("一、概述", [
        `${year}年，${we}认真贯彻落实《中华人民共和国政府信息公开条例》，进一步完善政府信息公开工作机制。`,
      ]),
      section("二、主动公开政府信息情况", [
        `全年主动公开政府信息${proactive}条，其中通过政府网站公开${Math.floor(proactive * 0.8)}条，全文电子化率100%。`,
      ]),
      section("三、依申请公开政府信息情况", [
        requests === 0
          ? `${year}年，${we}未收到政府信息公开申请。`
          : `全年共受理政府信息公开申请${requests}件，其中当面申请${inPerson}件、网络申请${online}件。已全部按时答复，其中同意公开${granted}件，部分公开${requests - granted}件。`,
      ]),
      section("四、政府信息公开的收费及减免情况", ["本年度未收取政府信息公开检索、复制、邮寄等费用。"]),
      section("五、因政府信息公开申请提起行政复议、行政诉讼的情况", [
        `本年度发生政府信息公开行政复议${rng.int(0, 3)}件，行政诉讼${rng.int(0, 2)}件。`,
      ]),
      section("六、存在的主要问题及改进措施", [
        `${we}政府信息公开工作还存在公开内容不够全面等问题。${year + 1}年，${we}将进一步加强信息公开工作。`,
      ]),
    ],
    problems: [],
    otherMatters: [],
  };
}

/** The old 政府信息公开情况统计表 some pre-2019 reports append: indicator, unit, count. */
export function pre2019StatisticsRows(rng: Rng): [string, string, string][] {
  return [
    ["统计指标", "单位", "统计数"],
    ["一、主动公开情况", "", ""],
    ["（一）主动公开政府信息数", "条", String(rng.int(10, 3000))],
    ["二、回应解读情况", "", ""],
    ["（一）回应公众关注热点或重大舆情数", "次", String(rng.int(0, 30))],
    ["三、依申请公开情况", "", ""],
    ["（一）收到申请数", "件", String(rng.int(0, 200))],
    ["四、政府信息公开收费及减免情况", "", ""],
    ["（一）收取费用", "万元", "0"],
    ["五、因政府信息公开申请提起的复议、诉讼情况", "", ""],
    ["（一）维持具体行政行为数", "件", String(rng.int(0, 3))],
  ];
}
