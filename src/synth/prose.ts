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
