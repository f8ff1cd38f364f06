// Table 2 (proactive disclosure): a few labelled rows whose figure count depends on the layout. Rows are
// found by label alone (their order varies: Shanghai's Markdown prints the 规章 rows last). Table 2 has
// no identities, so a damaged row is read only when exactly one reading exists.
import type { FigureSource, ParseIssue, TemplateId } from "../../src/model/contract.js";
import { T2_ROWS } from "./dictionary.js";
import { scanGroups } from "./groups.js";
import { LabelMatcher } from "./matcher.js";
import { readingsOf } from "./readings.js";
import type { Token } from "./stream.js";

const matcher = new LabelMatcher(T2_ROWS);

/** Figures of each table 2 row per layout, in printed column order. */
const COLUMNS: Record<TemplateId, Record<string, string[]>> = {
  "2021": {
    rules: ["issued", "repealed", "in_force"],
    normative: ["issued", "repealed", "in_force"],
    licensing: ["decisions"],
    penalty: ["decisions"],
    coercion: ["decisions"],
    fees: ["amount"],
  },
  "2019": {
    rules: ["made", "published", "total_published"],
    normative: ["made", "published", "total_published"],
    licensing: ["prev_items", "change", "decisions"],
    other_services: ["prev_items", "change", "decisions"],
    penalty: ["prev_items", "change", "decisions"],
    coercion: ["prev_items", "change", "decisions"],
    fees: ["prev_items", "change"],
    procurement: ["items", "amount"],
  },
};

export interface FiguresRead {
  values: Record<string, number>;
  sources: Record<string, FigureSource>;
  issues: ParseIssue[];
}

export function readTable2(tokens: Token[], from: number, to: number, template: TemplateId): FiguresRead {
  const out: FiguresRead = { values: {}, sources: {}, issues: [] };
  const layout = COLUMNS[template];
  const { groups } = scanGroups(tokens, from, to, matcher, { minBlankRow: 1 });
  const done = new Set<string>();
  for (const group of groups) {
    const label = group.inRow ?? group.preceding[group.preceding.length - 1];
    if (!label || done.has(label.key)) continue;
    const columns = layout[label.key];
    if (!columns) continue;
    done.add(label.key);
    const { readings } = readingsOf(group.items, columns.length, { grid: group.grid });
    const raw = group.items.map((i) => (i.kind === "num" ? i.num.raw : "␣")).join(" ");
    if (readings.length !== 1) {
      out.issues.push({
        code: readings.length ? "figure.ambiguous_split" : "figure.unreadable",
        metric: `t2.${label.key}.${columns[0]}`,
        message: readings.length
          ? `table 2 row ${label.key}: "${raw}" can be read ${readings.length} ways; figures left out`
          : `table 2 row ${label.key}: could not read ${columns.length} figures from "${raw}"`,
      });
      continue;
    }
    readings[0]!.forEach((cell, i) => {
      const code = `t2.${label.key}.${columns[i]}`;
      out.values[code] = cell.value;
      out.sources[code] = {
        raw: cell.raw,
        ...(cell.loc ? { loc: cell.loc } : {}),
        ...(cell.derived ? { derived: cell.derived } : {}),
      };
    });
  }
  return out;
}
