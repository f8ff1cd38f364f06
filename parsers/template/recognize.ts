import type { DocumentIR } from "../ir.js";
import type { FigureSource, ParseIssue, ParseResult, TemplateId } from "../../src/model/contract.js";
import { metricsOf } from "../../src/model/metrics.js";
import { identityOutcomes, identityWitnesses } from "../../src/model/template/index.js";
import { OTHER, T3_COLUMNS, T3_OTHER_ITEMS, t3RowCodes } from "./dictionary.js";
import { sourceOf } from "./figures.js";
import { identityIssues } from "./identities.js";
import { checkProse, markWitnesses } from "./witness.js";
import { readProseClaims } from "./prose.js";
import { readMetadata } from "./metadata.js";
import { findRegions } from "./regions.js";
import { tokenize } from "./stream.js";
import { readTable2 } from "./table2.js";
import { readTable3, type Table3Result } from "./table3.js";
import { readTable4 } from "./table4.js";
import { detectTemplate } from "./layout.js";

const METRIC_CODES: Record<TemplateId, Set<string>> = {
  "2019": new Set(metricsOf("2019").map((m) => m.code)),
  "2021": new Set(metricsOf("2021").map((m) => m.code)),
};

/** Finds the national template's tables in a document and reads every figure, checked by the identities. */
export function recognize(doc: DocumentIR): ParseResult {
  const issues: ParseIssue[] = doc.notes.map((n) => ({ code: n.code, message: n.message }));
  const { agency, year } = readMetadata(doc);
  const empty = (): ParseResult => ({
    agency,
    year,
    template: null,
    values: {},
    issues,
    sources: {},
    format: doc.format,
  });
  if (doc.notes.some((n) => n.code === "document.scanned")) return empty();

  const tokens = tokenize(doc);
  const regions = findRegions(tokens);
  const template = detectTemplate(tokens, regions, year);

  // Every figure read, by code, in reading order (Maps: the contract's objects are built once, below).
  const values = new Map<string, number>();
  const sources = new Map<string, FigureSource>();
  const t2 = regions.t2 ? readTable2(tokens, regions.t2.from, regions.t2.to, template) : null;
  const t3 = regions.t3 ? readTable3(tokens, regions.t3.from, regions.t3.to) : null;
  const t4 = regions.t4 ? readTable4(tokens, regions.t4.from, regions.t4.to) : null;

  const foundT2 = t2 !== null && Object.keys(t2.values).length > 0;
  if (!t3?.found && !foundT2 && !t4?.found) {
    issues.push({
      code: "template.not_found",
      message: "no table of the national template was found in the document",
    });
    return empty();
  }
  for (const part of [t2, t4]) {
    if (!part) continue;
    for (const [code, value] of Object.entries(part.values)) values.set(code, value);
    for (const [code, source] of Object.entries(part.sources)) sources.set(code, source);
    issues.push(...part.issues);
  }
  if (t3) {
    issues.push(...t3.issues);
    collectTable3(t3, template, values, sources);
  }
  if (!t3?.found)
    issues.push({ code: "table.not_found", metric: "t3.new.total", message: "table 3 was not found" });
  if (!t4?.found)
    issues.push({ code: "table.not_found", metric: "t4.review.total", message: "table 4 was not found" });

  // Only codes of the detected layout are part of the contract, in reading order.
  const allowed = METRIC_CODES[template];
  const kept: Record<string, number> = {};
  const keptSources: Record<string, FigureSource> = {};
  const keptCodes: string[] = [];
  for (const [code, value] of values) {
    if (!allowed.has(code)) continue;
    kept[code] = value;
    keptCodes.push(code);
    const source = sources.get(code);
    if (source) keptSources[code] = source;
  }
  // The prose's headline figures: a second witness, and the figure where the table's is unreadable.
  // The identities are evaluated once for the prose check, their issues and the figures' witnesses
  // (again only when the prose check changed a figure).
  let outcomes = identityOutcomes(template, kept);
  const tablesFound = { t3: t3?.found === true, t4: t4?.found === true };
  const prose = checkProse(
    template,
    readProseClaims(doc),
    kept,
    keptSources,
    issues,
    allowed,
    tablesFound,
    outcomes,
  );
  if (prose.changed) outcomes = identityOutcomes(template, kept);
  issues.push(...identityIssues(template, kept, outcomes));
  markWitnesses(
    template,
    kept,
    keptSources,
    prose.witnesses ?? identityWitnesses(template, kept, outcomes),
    // Object.keys of a ~200-figure object sorts its keys: the codes are known in order already.
    prose.changed ? Object.keys(kept) : keptCodes,
  );
  return { agency, year, template, values: kept, issues, sources: keptSources, format: doc.format };
}

function collectTable3(
  t3: Table3Result,
  template: TemplateId,
  values: Map<string, number>,
  sources: Map<string, FigureSource>,
): void {
  for (const [key, row] of t3.rows) {
    const reading = row.readings[0];
    if (!reading) continue;
    reading.forEach((cell, col) => {
      if (!cell) return;
      const code = t3RowCodes(key)[col]!;
      values.set(code, cell.value);
      sources.set(code, sourceOf(cell));
    });
  }
  // (六) printed as items: its total is the sum of the items (the contract gives t3.other.* in 2021;
  // a 2019-layout table that itemises anyway still yields the single 2019 row: the items' codes are
  // not 2019 metrics and are filtered out with the other codes of the wrong layout).
  if (!t3.items) return;
  for (const col of T3_COLUMNS) {
    const items = T3_OTHER_ITEMS.map((k) => values.get(`t3.${k}.${col}`));
    if (items.some((v) => v === undefined)) continue;
    const code = `t3.${OTHER}.${col}`;
    values.set(
      code,
      items.reduce((a, b) => a! + b!, 0)!,
    );
    sources.set(code, { raw: items.join("+"), derived: "sum_of_items" });
  }
}
