// How each figure is known: the identities that read it (do they hold, fail, or lack a figure?) and
// the report's prose where it restates the figure. A researcher keeps `known === "confirmed"` to
// use only figures a second, independent printing confirms (docs/witnesses.md).
import type { FigureKnown, FigureSource, ParseIssue, TemplateId } from "../../src/model/contract.js";
import { identityChecks, identityWitnesses } from "../../src/model/template/index.js";
import type { IdentityOutcomes, IdentityWitness } from "../../src/model/template/index.js";
import type { ProseClaim } from "./prose.js";

/**
 * Readings chosen among several by the identities (as is an OCR figure whose engine's first reading
 * was replaced): those identities are not independent of them.
 */
const RECONSTRUCTED = new Set([
  "split_run_together",
  "expanded_merged_cells",
  "joined_word_runs",
  "solved_from_identity",
]);

/** Adds `known`, `holds`, `fails` and `unchecked` to the source of every figure in `values`. */
export function markWitnesses(
  template: TemplateId,
  values: Readonly<Record<string, number>>,
  sources: Record<string, FigureSource>,
  /** The witnesses of exactly these values when already known (checkProse's, see there). */
  witnesses: ReadonlyMap<string, IdentityWitness> = identityWitnesses(template, values),
  /** Object.keys(values) when the caller already has them in that order. */
  codes: readonly string[] = Object.keys(values),
): void {
  for (const code of codes) {
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

/**
 * Checks the prose's claims against the figures (before `markWitnesses`):
 * - agreeing figures are marked `prose: "agrees"`;
 * - a disagreement is an issue saying which side is likely wrong: the prose, when identities confirm
 *   the table's figures; the table, when one of its identities fails; when neither, the table's
 *   figures are left out (exact or none), with the reconstructed figures of their row;
 * - a figure the table printed but could not be read (an issue names its row and quotes it, holding
 *   the prose's number) is filled from a claim about it alone when an identity reading it then holds
 *   and none fails: the prose, the row as printed and the table's other figures are its witnesses.
 * Returns whether it changed `values`, and the identity witnesses it computed when it left them
 * as they were (markWitnesses then needs no second computation).
 */
export function checkProse(
  template: TemplateId,
  claims: ProseClaim[],
  values: Record<string, number>,
  sources: Record<string, FigureSource>,
  issues: ParseIssue[],
  allowed: ReadonlySet<string>,
  tablesFound: { t3: boolean; t4: boolean },
  /** identityOutcomes(template, values), when the caller has them. */
  outcomes?: IdentityOutcomes,
): { changed: boolean; witnesses?: Map<string, IdentityWitness> } {
  const usable = claims.filter(
    (claim) =>
      claim.codes.every((c) => allowed.has(c)) &&
      claim.codes.every((c) => tablesFound[c.startsWith("t3.") ? "t3" : "t4"]),
  );
  if (usable.length === 0) return { changed: false };
  const witnesses = identityWitnesses(template, values, outcomes);
  const confirmed = (code: string): boolean => {
    const w = witnesses.get(code);
    const derived = sources[code]?.derived;
    return !!w && w.holds.length > 0 && w.fails.length === 0 && !(derived && RECONSTRUCTED.has(derived));
  };
  const leaveOut: string[] = [];
  let changed = false;
  for (const claim of usable) {
    const { codes } = claim;
    if (codes.every((c) => c in values)) {
      let table = 0;
      for (const c of codes) table += values[c]!;
      const verdict = table === claim.value ? "agrees" : "disagrees";
      for (const c of codes) (sources[c] ??= { raw: String(values[c]) }).prose = verdict;
      if (verdict === "agrees") continue;
      const what = codes.length === 1 ? codes[0]! : codes.join(" + ");
      const failing = [...new Set(codes.flatMap((c) => witnesses.get(c)?.fails ?? []))];
      let side: string;
      if (failing.length) side = `the table breaks ${failing.join(", ")}, so the table is likely wrong`;
      else if (codes.every(confirmed))
        side = `the table's figures are confirmed by ${[...new Set(codes.flatMap((c) => witnesses.get(c)!.holds))].join(", ")}, so the prose is likely wrong`;
      else {
        const out = codes.flatMap((c) => [c, ...reconstructedRowMates(c, values, sources)]);
        leaveOut.push(...out);
        side = `no identity confirms the table's figures, so either side may be wrong: ${[...new Set(out)].join(", ")} left out`;
      }
      issues.push({
        code: "prose.disagrees",
        metric: codes[0]!,
        message: `${what}: the prose states ${claim.value} ("${claim.text}") but the table reads ${table}; ${side}`,
      });
      continue;
    }
    const [code] = codes;
    if (codes.length !== 1 || code === undefined || code in values) continue;
    // The table printed the figure's row but it could not be read (an issue names a figure of it).
    const row = code.slice(0, code.lastIndexOf(".") + 1);
    const unread = (metric: string | undefined) =>
      metric !== undefined && metric.startsWith(row) && metric.indexOf(".", row.length) === -1;
    // …and the row as printed holds the prose's number: the prose decides which of its figures is
    // the one (a row whose printed figure differs, a misprint, is never given the prose's).
    const printed = issues.some(
      (i) =>
        i.code.startsWith("figure.") &&
        unread(i.metric) &&
        (/from "([^"]*)"/u.exec(i.message)?.[1] ?? "").split(/[^\d.]+/u).includes(String(claim.value)),
    );
    if (!printed) continue;
    changed = true;
    values[code] = claim.value;
    let holds = false;
    let fails = false;
    for (const check of identityChecks(template)) {
      if (!check.terms.includes(code) || !check.terms.every((t) => t in values)) continue;
      if (check.evaluate(values) === null) holds = true;
      else fails = true;
    }
    if (!holds || fails) {
      delete values[code];
      continue;
    }
    sources[code] = {
      raw: claim.text,
      ...(claim.loc ? { loc: claim.loc } : {}),
      derived: "read_from_prose",
    };
    issues.push({
      code: "prose.filled",
      metric: code,
      message: `${code}: the table's figure could not be read; ${claim.value} is read from the prose ("${claim.text}"), and the table's other figures add up with it`,
    });
  }
  for (const code of leaveOut) {
    delete values[code];
    delete sources[code];
  }
  return changed || leaveOut.length > 0 ? { changed: true } : { changed: false, witnesses };
}

/** The figures of the same printed row (t3.<row>.* / t4.<group>.*) read by the same reconstruction. */
function reconstructedRowMates(
  code: string,
  values: Record<string, number>,
  sources: Record<string, FigureSource>,
): string[] {
  const derived = sources[code]?.derived;
  if (!derived || !RECONSTRUCTED.has(derived)) return [];
  const row = code.slice(0, code.lastIndexOf(".") + 1);
  return Object.keys(values).filter(
    (c) =>
      c !== code && c.startsWith(row) && c.indexOf(".", row.length) === -1 && sources[c]?.derived === derived,
  );
}
