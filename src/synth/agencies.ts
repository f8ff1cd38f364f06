// Realistic publishing bodies, report years and titles. Place names are real (a small embedded
// list of provinces, their cities and districts/counties); body and title shapes follow the real
// varieties collected in research/portals.md §5.1.
import type { TemplateId } from "../model/contract.js";
import type { Rng } from "./random.js";

interface City {
  name: string;
  districts: string[];
}
interface Province {
  name: string;
  cities: City[];
}

const PROVINCES: Province[] = [
  {
    name: "河南省",
    cities: [
      { name: "南阳市", districts: ["卧龙区", "宛城区", "邓州市", "方城县", "西峡县"] },
      { name: "郑州市", districts: ["金水区", "二七区", "中原区", "新郑市"] },
    ],
  },
  {
    name: "江苏省",
    cities: [
      { name: "淮安市", districts: ["洪泽区", "淮安区", "淮阴区", "金湖县"] },
      { name: "宿迁市", districts: ["沭阳县", "泗阳县", "宿城区"] },
    ],
  },
  {
    name: "福建省",
    cities: [
      { name: "莆田市", districts: ["城厢区", "荔城区", "涵江区", "仙游县"] },
      { name: "泉州市", districts: ["石狮市", "晋江市", "丰泽区"] },
      { name: "南平市", districts: ["延平区", "建阳区", "武夷山市"] },
    ],
  },
  {
    name: "浙江省",
    cities: [
      { name: "金华市", districts: ["义乌市", "婺城区", "东阳市"] },
      { name: "温州市", districts: ["瓯海区", "鹿城区", "乐清市"] },
    ],
  },
  {
    name: "广东省",
    cities: [
      { name: "广州市", districts: ["天河区", "越秀区", "番禺区"] },
      { name: "深圳市", districts: ["龙岗区", "南山区", "福田区"] },
    ],
  },
  {
    name: "吉林省",
    cities: [
      { name: "长春市", districts: ["朝阳区", "南关区", "九台区"] },
      { name: "白城市", districts: ["洮北区", "大安市", "镇赉县"] },
    ],
  },
  {
    name: "山西省",
    cities: [
      { name: "晋城市", districts: ["高平市", "泽州县", "城区"] },
      { name: "大同市", districts: ["云冈区", "平城区", "阳高县"] },
    ],
  },
  {
    name: "四川省",
    cities: [
      { name: "广元市", districts: ["利州区", "昭化区", "苍溪县"] },
      { name: "成都市", districts: ["武侯区", "锦江区", "郫都区"] },
    ],
  },
  {
    name: "云南省",
    cities: [
      { name: "昆明市", districts: ["西山区", "禄劝彝族苗族自治县", "五华区"] },
      { name: "昭通市", districts: ["昭阳区", "镇雄县", "鲁甸县"] },
    ],
  },
];

/** Province-level municipalities and special zones publish under their own names. */
const MUNICIPALITIES = [
  { name: "上海市", districts: ["黄浦区", "浦东新区", "徐汇区"] },
  { name: "北京市", districts: ["密云区", "东城区", "大兴区"] },
];
const SPECIAL_ZONES = ["平潭综合实验区"];

const DEPARTMENTS = [
  "商务局",
  "财政局",
  "教育局",
  "民政局",
  "林业局",
  "统计局",
  "审计局",
  "司法局",
  "应急管理局",
  "交通运输局",
  "农业农村局",
  "生态环境局",
  "医疗保障局",
  "退役军人事务局",
  "市场监督管理局",
  "招商投资促进局",
  "卫生健康委员会",
  "住房和城乡建设局",
  "自然资源和规划局",
  "发展和改革委员会",
  "人力资源和社会保障局",
  "民族与宗教事务局",
];
const PROVINCE_DEPARTMENTS = [
  "发展和改革委员会",
  "科学技术厅",
  "财政厅",
  "自然资源厅",
  "商务厅",
  "交通运输厅",
];
const TOWNS = [
  "城关镇",
  "高岭镇",
  "石门镇",
  "新华街道办事处",
  "东风乡",
  "河口镇",
  "龙潭街道办事处",
  "太平乡",
];

export type BodyKind =
  "province" | "city" | "county" | "town" | "department" | "district_department" | "zone";

export interface Agency {
  /** The body's name as the title prints it (what `agency` in the contract must hold). */
  name: string;
  kind: BodyKind;
  /** Place names for prose and portal chrome. */
  province: string;
  city?: string;
  district?: string;
  /** Short name a metadata card's 发布机构 would show (e.g. "市商务局"). */
  shortName: string;
}

const townBody = (town: string): string => (town.endsWith("街道办事处") ? town : `${town}人民政府`);

export function pickAgency(rng: Rng): Agency {
  const kind = rng.weighted<BodyKind>([
    ["department", 30],
    ["district_department", 25],
    ["county", 15],
    ["city", 8],
    ["town", 10],
    ["province", 4],
    ["zone", 2],
  ]);
  if (kind === "zone") {
    const name = rng.pick(SPECIAL_ZONES);
    return { name, kind, province: "福建省", shortName: name };
  }
  if (rng.chance(0.12) && kind !== "province") {
    const m = rng.pick(MUNICIPALITIES);
    const district = rng.pick(m.districts);
    const dept = rng.pick(DEPARTMENTS);
    if (kind === "department")
      return { name: `${m.name}${dept}`, kind, province: m.name, shortName: `市${dept}` };
    if (kind === "city")
      return { name: `${m.name}人民政府`, kind, province: m.name, shortName: "市政府办公厅" };
    return {
      name: `${m.name}${district}人民政府`,
      kind: "county",
      province: m.name,
      district,
      shortName: `${district}政府`,
    };
  }
  const province = rng.pick(PROVINCES);
  const city = rng.pick(province.cities);
  const district = rng.pick(city.districts);
  const dept = rng.pick(DEPARTMENTS);
  const base = { province: province.name, city: city.name, district };
  switch (kind) {
    case "province": {
      const useDept = rng.chance(0.5);
      const name = useDept ? `${province.name}${rng.pick(PROVINCE_DEPARTMENTS)}` : `${province.name}人民政府`;
      return { name, kind, province: province.name, shortName: name.replace(province.name, "省") };
    }
    case "city":
      return {
        ...base,
        name: `${city.name}人民政府`,
        kind,
        district: undefined,
        shortName: `${city.name}人民政府办公室`,
      };
    case "county": {
      // Titles name the county alone (洪泽区人民政府) or with its city (淮安市洪泽区人民政府).
      const name = rng.chance(0.3) ? `${city.name}${district}人民政府` : `${district}人民政府`;
      return { ...base, name, kind, shortName: `${district}政府办` };
    }
    case "town": {
      const town = rng.pick(TOWNS);
      const name = rng.chance(0.3) ? `${district}${townBody(town)}` : townBody(town);
      return { ...base, name, kind, shortName: townBody(town) };
    }
    case "department":
      return { ...base, name: `${city.name}${dept}`, kind, district: undefined, shortName: `市${dept}` };
    case "district_department":
      // A county-level body often names itself without its city (卧龙区商务局).
      return { ...base, name: `${district}${dept}`, kind, shortName: dept };
  }
}

/** The reported year for a template; a few 2021+ reports still print the 2019 layout (real). */
export function pickYear(rng: Rng, template: TemplateId): number {
  if (template === "2019") return rng.chance(0.08) ? 2023 : rng.pick([2019, 2020]);
  return rng.int(2021, 2025);
}

export type TitleStyle = "plain" | "spaced" | "nian_du" | "guanyu" | "year_first" | "no_year" | "two_lines";

export interface Title {
  /** The full title text as printed (two_lines: the agency line, a newline, then the title line). */
  text: string;
  style: TitleStyle;
  /** True when the year appears only in the body text (statistics-period sentence). */
  yearOnlyInBody: boolean;
}

export function makeTitle(rng: Rng, agency: Agency, year: number): Title {
  const style = rng.weighted<TitleStyle>([
    ["plain", 40],
    ["nian_du", 15],
    ["spaced", 8],
    ["guanyu", 10],
    ["year_first", 12],
    ["no_year", 8],
    ["two_lines", 7],
  ]);
  const a = agency.name;
  const text = {
    plain: `${a}${year}年政府信息公开工作年度报告`,
    nian_du: `${a}${year}年度政府信息公开工作年度报告`,
    spaced: `${a} ${year} 年政府信息公开工作 年度报告`,
    guanyu: `${a}关于${year}年度政府信息公开工作的年度报告`,
    year_first: `${year}年${a}政府信息公开工作年度报告`,
    no_year: `${a}政府信息公开工作年度报告`,
    two_lines: `${a}\n${year}年政府信息公开工作年度报告`,
  }[style];
  return { text, style, yearOnlyInBody: style === "no_year" };
}
