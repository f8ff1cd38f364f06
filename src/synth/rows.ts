// A table row as the text renderers see it: its label texts, its value cells in order, and the
// identities among those values (so lossy forms can tell which figures stay determinable).
import type { LayoutCell, LayoutTable, Slot } from "./layout.js";
import { expandSpans } from "./layout.js";
import type { RowIdentity } from "./ambiguity.js";
import { T3_PARTS } from "./shape.js";

export interface TextRow {
  /** Origin label/header/note cells, in order (rowspan copies excluded). */
  labels: LayoutCell[];
  /** Origin value cells in order. */
  values: LayoutCell[];
  slots: Slot[];
  identities: RowIdentity[];
}

function rowIdentities(values: LayoutCell[]): RowIdentity[] {
  const index = new Map(values.map((c, i) => [c.code!, i]));
  const identities: RowIdentity[] = [];
  for (const [code, total] of index) {
    if (!code.endsWith(".total")) continue;
    const prefix = code.slice(0, -"total".length);
    const partCodes = code.startsWith("t3.")
      ? T3_PARTS.map((c) => prefix + c)
      : ["upheld", "corrected", "other", "pending"].map((o) => prefix + o);
    const parts = partCodes.map((c) => index.get(c));
    if (parts.every((p) => p !== undefined)) identities.push({ parts: parts as number[], total });
  }
  return identities;
}

export function textRows(table: LayoutTable): TextRow[] {
  const grid = expandSpans(table);
  return grid.map((slots) => {
    const origins = slots.filter((s) => s.origin).map((s) => s.cell);
    const values = origins.filter((c) => c.kind === "value");
    return {
      labels: origins.filter((c) => c.kind !== "value" && c.text !== ""),
      values,
      slots,
      identities: rowIdentities(values),
    };
  });
}
