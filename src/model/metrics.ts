// The metric dictionary (data/metrics.json, a copy of the spec's metrics.json): every figure's
// stable code, labels and unit. Loaded once, validated at the boundary.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { metricsPath } from "./paths.js";
import type { TemplateId } from "./contract.js";

const MetricSchema = z.object({
  code: z.string().regex(/^t[234](\.[a-z_]+)+$/),
  section: z.enum(["t2", "t3", "t4"]),
  label_zh: z.string(),
  label_en: z.string(),
  templates: z.array(z.enum(["2019", "2021"])).min(1),
  unit: z.enum(["count", "10k_yuan"]),
});
export type Metric = z.infer<typeof MetricSchema>;

export const METRICS: readonly Metric[] = z
  .array(MetricSchema)
  .parse(JSON.parse(readFileSync(metricsPath, "utf8")));

const byCode = new Map(METRICS.map((m) => [m.code, m]));

export function metric(code: string): Metric | undefined {
  return byCode.get(code);
}

export function isMetricCode(code: string): boolean {
  return byCode.has(code);
}

export function metricsOf(template: TemplateId): Metric[] {
  return METRICS.filter((m) => m.templates.includes(template));
}
