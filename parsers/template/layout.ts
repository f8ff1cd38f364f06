// Which of the two national layouts a report uses, read from table 2's column words (the 2021
// revision renamed them), never from the year: a 2023 report printed in the 2019 layout is "2019".
import type { TemplateId } from "../../src/model/contract.js";
import { LAYOUT_2019_CUES, LAYOUT_2021_CUES } from "./dictionary.js";
import { normalizeLabel } from "./normalize.js";
import type { Regions } from "./regions.js";
import type { Token } from "./stream.js";

const ITEM_CUES = ["逾期不补正", "逾期未按收费通知"].map(normalizeLabel);

export function detectTemplate(tokens: Token[], regions: Regions, year: number | null): TemplateId {
  const from = regions.t2?.from ?? regions.t3?.from ?? 0;
  const to = regions.t4?.to ?? tokens.length;
  let cues2021 = 0;
  let cues2019 = 0;
  let items = false;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind !== "text") continue;
    for (const cue of LAYOUT_2021_CUES) if (t.norm.includes(cue)) cues2021++;
    for (const cue of LAYOUT_2019_CUES) if (t.norm.includes(cue)) cues2019++;
    if (ITEM_CUES.some((c) => t.norm.includes(c))) items = true;
  }
  if (cues2021 !== cues2019) return cues2021 > cues2019 ? "2021" : "2019";
  if (items) return "2021";
  return year !== null && year < 2021 ? "2019" : "2021";
}
