// How each figure is known: the identities that read it (do they hold, fail, or lack a figure?) and
// the report's prose where it restates the figure. A researcher keeps `known === "confirmed"` to
// use only figures a second, independent printing confirms (docs/witnesses.md).
import type { FigureKnown, FigureSource, TemplateId } from "../../src/model/contract.js";
import { identityWitnesses } from "../../src/model/template/index.js";

/**
 * Readings chosen among several by the identities (as is an OCR figure whose engine's first reading
 * was replaced): those identities are not independent of them.
 */
const RECONSTRUCTED = new Set(["split_run_together", "expanded_merged_cells", "joined_word_runs"]);

/** Adds `known`, `holds`, `fails` and `unchecked` to the source of every figure in `values`. */
export function markWitnesses(
  template: TemplateId,
  values: Readonly<Record<string, number>>,
  sources: Record<string, FigureSource>,
): void {
  const witnesses = identityWitnesses(template, values);
  for (const code in values) {
    const source = (sources[code] ??= { raw: String(values[code]) });
    const w = witnesses.get(code);
    // Taken again after figures changed (OCR verification): stale witnesses go first.
    if (source.known !== undefined) {
      delete source.holds;
      delete source.fails;
      delete source.unchecked;
    }
    if (w) {
      if (w.holds.length) source.holds = w.holds;
      if (w.fails.length) source.fails = w.fails;
      if (w.unchecked.length) source.unchecked = w.unchecked;
    }
    source.known = knownOf(source, w !== undefined);
  }
}

function knownOf(source: FigureSource, covered: boolean): FigureKnown {
  if (source.derived === "read_from_prose") return "prose";
  if (source.fails || source.prose === "disagrees") return "contradicted";
  if (source.prose === "agrees") return "confirmed";
  if ((source.derived && RECONSTRUCTED.has(source.derived)) || source.ocr?.first_reading !== undefined)
    return "reconstructed";
  if (source.holds) return "confirmed";
  return covered ? "unconfirmed" : "no_identity";
}
