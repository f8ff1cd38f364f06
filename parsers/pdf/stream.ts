// Tables drawn without rules: rows of text whose chunks line up in columns.
import type { Line } from "./text-join.js";
import type { PageTable } from "./page-layout.js";

export type AlignedTable = PageTable & { lines: Line[] };

export function findAlignedTables(_lines: Line[], _page: number): AlignedTable[] {
  return [];
}
