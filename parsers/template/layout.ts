// Which revision of the national template a report uses, read from table 2's column words (each
// revision's cue words in the template description), never from the year: a 2023 report printed in the
// 2019 layout is "2019". Only a tie is broken by (六)'s items and then by the year.
import type { TemplateId } from "../../src/model/contract.js";
import { FIRST_YEAR, REVISIONS, TABLE2, t3ItemsOf } from "../../src/model/template/index.js";
import { normalizeLabel } from "./normalize.js";
import type { Regions } from "./regions.js";
import type { Token } from "./stream.js";

// `holds.call(norm, cue)`, not `norm.includes(cue)`, over every token: see parsers/template/nfkc.ts.
const holds = String.prototype.includes;

const CUES = REVISIONS.map((t) => ({ template: t, cues: TABLE2.cues[t].map(normalizeLabel) }));
const ITEM_CUES = ["逾期不补正", "逾期未按收费通知"].map(normalizeLabel);
/** Revisions whose (六)其他处理 is printed as items. */
const ITEMISED = REVISIONS.filter((t) => t3ItemsOf("other", t).length > 0);

export function detectTemplate(tokens: Token[], regions: Regions, year: number | null): TemplateId {
  const from = regions.t2?.from ?? regions.t3?.from ?? 0;
  const to = regions.t4?.to ?? tokens.length;
  const counts = CUES.map(() => 0);
  let items = false;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind !== "text") continue;
    const norm = t.norm;
    for (let r = 0; r < CUES.length; r++)
      for (const cue of CUES[r]!.cues) if (holds.call(norm, cue)) counts[r]!++;
    if (!items) for (const c of ITEM_CUES) if (holds.call(norm, c)) items = true;
  }
  const best = Math.max(...counts);
  let tied = REVISIONS.filter((_, r) => counts[r] === best);
  if (tied.length === 1) return tied[0]!;
  if (items && tied.some((t) => ITEMISED.includes(t))) tied = tied.filter((t) => ITEMISED.includes(t));
  if (tied.length === 1) return tied[0]!;
  // The latest revision in use that year (REVISIONS is in order); without a year, the latest.
  if (year === null) return tied[tied.length - 1]!;
  const inUse = tied.filter((t) => FIRST_YEAR[t] <= year);
  return inUse.length ? inUse[inUse.length - 1]! : tied[0]!;
}
