// A user's list of bodies expected to publish: a CSV with a header naming at least one of `agency`
// (or `name`) and `region_code`; an optional `year` limits a row to that year. A row with a region
// code and no name expects that region's government (its 人民政府).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "csv-parse/sync";
import { regionIndex, fullRegionName } from "../agencies/regions.js";
import type { ExpectedBody } from "./coverage.js";

export function readExpectedList(path: string): ExpectedBody[] {
  const records = parse(readFileSync(path, "utf8"), {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    bom: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
  const file = basename(path);
  return records.map((record, i) => {
    const line = i + 2;
    const code = record.region_code?.trim() || null;
    let name = (record.agency ?? record.name ?? "").trim();
    if (code && !/^\d{6}(\d{3})?$/.test(code))
      throw new Error(`${file} line ${line}: region_code "${code}" is not a GB/T 2260 code`);
    if (!name && code) {
      const region = regionIndex().byCode.get(code);
      if (!region) throw new Error(`${file} line ${line}: unknown region code ${code}`);
      name = `${fullRegionName(region)}${region.level === "township" ? "" : "人民政府"}`;
    }
    if (!name) throw new Error(`${file} line ${line}: neither agency/name nor region_code`);
    const year = record.year ? Number(record.year) : null;
    if (year !== null && !Number.isInteger(year))
      throw new Error(`${file} line ${line}: year "${record.year}" is not a year`);
    return { name, regionCode: code, year, evidence: `list ${file} line ${line}` };
  });
}
