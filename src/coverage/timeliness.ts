// The legal deadline of a body's annual report, read from data/timeliness.json (the rule as data,
// with the article it comes from): 2019 regulations 第四十九条 — departments of a government at county
// level or above by 31 January of the following year, the governments' own reports by 31 March;
// before 2019, every body by 31 March (2007 regulations 第三十一条).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { AgencyKind, AgencyLevel } from "../model/agency.js";
import { dataDir } from "../model/paths.js";

const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

const RulesSchema = z.object({
  description: z.string(),
  rules: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["government", "department", "any"]),
      levels: z.array(z.enum(["national", "province", "city", "county", "township"])),
      fromYear: z.number().int().optional(),
      toYear: z.number().int().optional(),
      deadline: MonthDay,
      basis: z.string(),
    }),
  ),
  noRule: z.object({ judgedMissingAfter: MonthDay, why: z.string() }),
});

export type TimelinessRules = z.infer<typeof RulesSchema>;

const timelinessPath = join(dataDir, "timeliness.json");

export function loadTimelinessRules(path = timelinessPath): TimelinessRules {
  return RulesSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

export interface Deadline {
  /** YYYY-MM-DD: the last day a report for `year` is on time. */
  on: string;
  /** The rule's id, or null when no rule applies (judged missing after `on`, never late). */
  rule: string | null;
  basis: string;
}

/** The deadline of the report a body of this kind and level owes for `year`. */
export function deadlineFor(
  rules: TimelinessRules,
  agency: { kind: AgencyKind | null; level: AgencyLevel | null },
  year: number,
): Deadline {
  const rule = rules.rules.find(
    (r) =>
      (r.kind === "any" || r.kind === agency.kind) &&
      agency.level !== null &&
      r.levels.includes(agency.level) &&
      (r.fromYear === undefined || year >= r.fromYear) &&
      (r.toYear === undefined || year <= r.toYear),
  );
  if (rule) return { on: `${year + 1}-${rule.deadline}`, rule: rule.id, basis: rule.basis };
  return { on: `${year + 1}-${rules.noRule.judgedMissingAfter}`, rule: null, basis: rules.noRule.why };
}
