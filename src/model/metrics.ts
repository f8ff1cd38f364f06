// The metric dictionary: every figure's stable code, labels and unit, derived from the template
// description (src/model/template/). data/metrics.json (a copy of the spec's metrics.json) is the
// published form of the same list; tests/metrics.test.ts checks that the two agree.
import { METRIC_LIST, type MetricInfo, type TemplateId } from "./template/index.js";

export type Metric = MetricInfo;

export const METRICS: readonly Metric[] = METRIC_LIST;

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
