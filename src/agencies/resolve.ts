// Agency name → region (GB/T 2260), organ, level and kind. A printed agency name is a chain of
// region names (河南省南阳市卧龙区) followed by the organ (商务局); the chain is matched longest-first
// against the division table, each link constrained to lie inside the previous one. A bare name
// that exists in several places (鼓楼区) is settled by hints (other text that names a parent) or
// left without a region, with the reason.
import type { AgencyKind, AgencyLevel } from "../model/agency.js";
import { fullRegionName, isAncestor, type Region, regionIndex } from "./regions.js";

export type { AgencyKind, AgencyLevel } from "../model/agency.js";

export interface AgencyIdentity {
  /** The name after Unicode (NFKC) and whitespace normalisation. */
  normalized: string;
  /** The organ without its region prefix: 人民政府, 商务局. */
  organ: string;
  region: Region | null;
  /** Why `region` is null (ambiguous or not found); null when a region was found. */
  regionNote: string | null;
  level: AgencyLevel | null;
  kind: AgencyKind;
  /** The conventional full name: 淮安市洪泽区人民政府, 南阳市招商投资促进局. */
  canonicalName: string;
}

const GOVERNMENT_ORGANS = new Set([
  "",
  "人民政府",
  "政府",
  "街道办事处",
  "办事处",
  "管理委员会",
  "管委会",
  "行政公署",
]);
const NATIONAL_PREFIX = /^(国务院|国家|中华人民共和国|全国|最高人民|中国)/;
const NATIONAL_ORGAN = /^(海关总署|审计署|[^市县区省]{1,8}部)$/;
/** Zones run by their own management committee publish as a government (平潭综合实验区). */
const SPECIAL_ZONE = /(实验区|新区|开发区|示范区|管理区|试验区)$/;
const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;

/**
 * Common short forms of organ names, expanded so that 上海市科委 and 上海市科学技术委员会 are one
 * agency. Only an organ that is exactly a short form is expanded.
 */
const ORGAN_SHORT_FORMS: Record<string, string> = {
  科委: "科学技术委员会",
  发改委: "发展和改革委员会",
  卫健委: "卫生健康委员会",
  住建局: "住房和城乡建设局",
  住建委: "住房和城乡建设委员会",
  人社局: "人力资源和社会保障局",
  市场监管局: "市场监督管理局",
  文旅局: "文化和旅游局",
  工信局: "工业和信息化局",
  教体局: "教育和体育局",
  应急局: "应急管理局",
  医保局: "医疗保障局",
  退役军人局: "退役军人事务局",
  国资委: "国有资产监督管理委员会",
  经信委: "经济和信息化委员会",
  民宗局: "民族宗教事务局",
  城管局: "城市管理局",
  政府办: "人民政府办公室",
};

/**
 * Zones that govern a territory but are not in GB/T 2260 under their own name, with the division
 * they coincide with (平潭综合实验区 administers 平潭县).
 */
const SPECIAL_ZONES: Record<string, string> = {
  平潭综合实验区: "350128",
};

export function normalizeAgencyName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .replace(/^[“"']+|[”"']+$/g, "");
}

/** Resolves one printed name; `hints` are any other texts that may name a parent region or a code. */
export function resolveAgency(name: string, hints: readonly string[] = []): AgencyIdentity {
  const normalized = normalizeAgencyName(name);
  const zone = Object.keys(SPECIAL_ZONES).find((z) => normalized.startsWith(z));
  if (zone) return zoneIdentity(normalized, zone);
  const { chain, rest } = matchRegionChain(normalized);
  const organ = ORGAN_SHORT_FORMS[rest] ?? rest;
  const kind: AgencyKind =
    GOVERNMENT_ORGANS.has(organ) || SPECIAL_ZONE.test(organ) ? "government" : "department";

  if (chain.length === 0) {
    const national = NATIONAL_PREFIX.test(normalized) || NATIONAL_ORGAN.test(normalized);
    return {
      normalized,
      organ,
      region: null,
      regionNote: national ? null : "no region name found in the agency name",
      level: national ? "national" : null,
      kind: national ? "department" : kind,
      canonicalName: normalized,
    };
  }

  let candidates = chain[chain.length - 1]!.filter((candidate) =>
    chain.slice(0, -1).every((link) => link.some((outer) => isAncestor(outer, candidate))),
  );
  if (candidates.length > 1) candidates = narrowByHints(candidates, hints);
  if (candidates.length !== 1) {
    const listed =
      candidates
        .slice(0, 4)
        .map((c) => `${fullRegionName(c)} (${c.code})`)
        .join(", ") + (candidates.length > 4 ? ` and ${candidates.length - 4} more` : "");
    return {
      normalized,
      organ,
      region: null,
      regionNote: `ambiguous region name: could be ${listed}`,
      level: chain[chain.length - 1]![0]!.level,
      kind,
      canonicalName: normalized,
    };
  }
  const region = candidates[0]!;
  return {
    normalized,
    organ,
    region,
    regionNote: null,
    level: region.level,
    kind,
    canonicalName: conventionalPrefix(region) + organ,
  };
}

function zoneIdentity(normalized: string, zone: string): AgencyIdentity {
  const region = regionIndex().byCode.get(SPECIAL_ZONES[zone]!) ?? null;
  const rest = normalized.slice(zone.length);
  // The zone's own name, its 管委会 and its 管理委员会 are one body.
  const organ = ["", "管委会", "管理委员会"].includes(rest)
    ? "管理委员会"
    : (ORGAN_SHORT_FORMS[rest] ?? rest);
  return {
    normalized,
    organ,
    region,
    regionNote: region ? null : `${zone} is not in the division table`,
    level: region?.level ?? null,
    kind: GOVERNMENT_ORGANS.has(organ) ? "government" : "department",
    canonicalName: organ === "管理委员会" ? zone : zone + organ,
  };
}

/** Longest-first match of consecutive region names at the start of the name. */
function matchRegionChain(name: string): { chain: Region[][]; rest: string } {
  const index = regionIndex();
  const chain: Region[][] = [];
  let pos = 0;
  scan: while (pos < name.length) {
    const outer = chain[chain.length - 1];
    for (const length of index.nameLengths) {
      if (pos + length > name.length) continue;
      const found = index.byName.get(name.slice(pos, pos + length));
      if (!found) continue;
      const inside = outer ? found.filter((r) => outer.some((o) => isAncestor(o, r))) : found;
      if (inside.length === 0) continue;
      chain.push(inside);
      pos += length;
      continue scan;
    }
    // A province written without its suffix (江苏淮安市…) only counts when another region follows.
    if (pos === 0) {
      const province = matchShortProvince(name);
      if (province) {
        chain.push([province.region]);
        pos = province.length;
        continue;
      }
    }
    break;
  }
  return { chain, rest: name.slice(pos) };
}

function matchShortProvince(name: string): { region: Region; length: number } | null {
  for (const region of regionIndex().byCode.values()) {
    if (region.level !== "province") continue;
    const short = region.name.replace(PROVINCE_SUFFIX, "");
    if (short.length < 2 || !name.startsWith(short) || name.startsWith(region.name)) continue;
    const next = name.slice(short.length);
    const followedByRegion = regionIndex().nameLengths.some((length) =>
      (regionIndex().byName.get(next.slice(0, length)) ?? []).some((r) => isAncestor(region, r)),
    );
    if (followedByRegion) return { region, length: short.length };
  }
  return null;
}

/** Keeps the candidates whose ancestors (or code) the hints mention, when that singles some out. */
function narrowByHints(candidates: Region[], hints: readonly string[]): Region[] {
  const text = hints.map(normalizeAgencyName).join("\n");
  if (!text) return candidates;
  const score = (region: Region): number => {
    let s = 0;
    for (let r = region.parent; r; r = r.parent) if (text.includes(r.name)) s += 1;
    if (new RegExp(`(^|\\D)${region.code}(\\D|$)`).test(text)) s += 10;
    return s;
  };
  const scored = candidates.map((region) => ({ region, score: score(region) }));
  const best = Math.max(...scored.map((s) => s.score));
  if (best === 0) return candidates;
  return scored.filter((s) => s.score === best).map((s) => s.region);
}

/** How agencies conventionally prefix their names: a county under its city (淮安市洪泽区), a city alone. */
function conventionalPrefix(region: Region): string {
  const parent = region.parent;
  if (region.level === "county" && parent && !region.name.endsWith("市")) return parent.name + region.name;
  if (region.level === "township" && parent) return parent.name + region.name;
  return region.name;
}
