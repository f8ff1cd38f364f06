// Figures read from a table: values and provenance by metric code, plus the issues that explain the
// ones left out. Tables 2 and 4 record a row's readings the same way.
import type { FigureSource, ParseIssue } from "../../src/model/contract.js";
import { agreedCells, type Reading } from "./readings.js";

export interface FiguresRead {
  values: Record<string, number>;
  sources: Record<string, FigureSource>;
  issues: ParseIssue[];
}

export interface RowDescription {
  /** How the row is named in messages ("table 2 row fees", "table 4"). */
  what: string;
  /** The printed tokens, for messages. */
  raw: string;
  /** Why several readings remain ("", " that satisfy the identities"). */
  ambiguity?: string;
  /** Cell names for messages (default: the codes). */
  names?: string[];
  /** The metric an unreadable row is reported under (default: its first code). */
  metric?: string;
  /** Attach the distinct readings of the cells left out to the row's first ambiguity issue. */
  candidates?: boolean;
}

/** A read cell's provenance: its raw text, and where and how it was read when known. */
export function sourceOf(cell: {
  raw: string;
  loc?: FigureSource["loc"];
  derived?: FigureSource["derived"];
}): FigureSource {
  // Built field by field, not by spreading: one per figure of every report.
  const source: FigureSource = { raw: cell.raw };
  if (cell.loc) source.loc = cell.loc;
  if (cell.derived) source.derived = cell.derived;
  return source;
}

/** More readings than this are not kept as candidates (the neighbours could hardly decide them). */
export const MAX_CANDIDATES = 64;

/**
 * Records the cells every reading agrees on under `codes` (one per cell); a cell the readings disagree
 * on is left out with `figure.ambiguous_split`, a row without any reading with `figure.unreadable`.
 */
export function recordReadings(
  out: FiguresRead,
  codes: readonly string[],
  readings: Reading[],
  row: RowDescription,
): void {
  if (readings.length === 0) {
    out.issues.push({
      code: "figure.unreadable",
      metric: row.metric ?? codes[0]!,
      message: `${row.what}: could not read ${codes.length} figures from "${row.raw}"`,
    });
    return;
  }
  const agreed = agreedCells(readings);
  const candidates = row.candidates ? candidatesOf(readings, agreed, codes) : undefined;
  let first = true;
  agreed.forEach((cell, i) => {
    const code = codes[i]!;
    if (!cell) {
      out.issues.push({
        code: "figure.ambiguous_split",
        metric: code,
        message: `${row.what}: "${row.raw}" can be read ${readings.length} ways${row.ambiguity ?? ""}; ${row.names?.[i] ?? code} left out`,
        ...(first && candidates ? { candidates } : {}),
      });
      first = false;
      return;
    }
    out.values[code] = cell.value;
    out.sources[code] = sourceOf(cell);
  });
}

/** The distinct readings of the cells the readings disagree on, by code; undefined beyond MAX_CANDIDATES. */
function candidatesOf(
  readings: Reading[],
  agreed: (unknown | null)[],
  codes: readonly string[],
): Record<string, number>[] | undefined {
  // Plain loops: a row's readings may be many (up to the search's limit), each looked at here.
  const open: number[] = [];
  for (let i = 0; i < agreed.length; i++) if (!agreed[i]) open.push(i);
  if (open.length === 0) return undefined;
  const seen = new Map<string, Record<string, number>>();
  for (const reading of readings) {
    let key = "";
    for (let k = 0; k < open.length; k++) key += (k > 0 ? "," : "") + reading[open[k]!]!.value;
    if (seen.has(key)) continue;
    const candidate: Record<string, number> = {};
    for (const i of open) candidate[codes[i]!] = reading[i]!.value;
    seen.set(key, candidate);
    if (seen.size > MAX_CANDIDATES) return undefined;
  }
  return [...seen.values()];
}
