// Generates a full, internally consistent figure set for one report: every metric code of the
// template (metricsOf), satisfying every identity of REPORT-FORMAT.md. The distributions imitate
// real reports: most bodies receive no or few requests (all-zero tables are common), a few receive
// hundreds or thousands (multi-digit cells), money has decimals, 2019 "本年增/减" is signed.
import type { TemplateId } from "../model/contract.js";
import { metricsOf } from "../model/metrics.js";
import { checkIdentities, type IdentityViolation } from "./identities.js";
import type { Rng } from "./random.js";
import { t3DictionaryRowKeys, t3ItemsOf } from "../model/template/index.js";
import { T3_PARTS, T4_GROUPS, t3Code, t3OutcomesButOther, t4Code } from "./shape.js";

export type Volume = "none" | "few" | "tens" | "hundreds" | "thousands";

/** Arithmetic errors real reports print; each one makes an identity fail. */
export type SourceError =
  /** Table 4 group total printed 0 although its parts are not (洪泽区 2023). */
  | "t4_total_zero"
  /** One table 3 row's 总计 cell off by a few. */
  | "t3_row_total_off"
  /** 结转下年度 printed as if nothing had been handled (balance fails). */
  | "t3_carried_forward_off";

export interface FigureOptions {
  volume?: Volume;
  sourceError?: SourceError;
  /**
   * The same body's figures for the year before: this year's 上年结转 is last year's 结转下年度, and
   * in 2021 现行有效件数 is last year's plus issued minus repealed (REPORT-FORMAT.md, across years).
   */
  previous?: FigureSet;
}

export interface FigureSet {
  template: TemplateId;
  /** Every metric of the template, as printed (including any injected source error). */
  values: Record<string, number>;
  volume: Volume;
  sourceError?: SourceError;
  /** The identities the printed figures break (empty unless a source error was injected). */
  inconsistencies: IdentityViolation[];
}

const VOLUME_RANGES: Record<Volume, [number, number]> = {
  none: [0, 0],
  few: [1, 9],
  tens: [10, 99],
  hundreds: [100, 999],
  thousands: [1000, 12000],
};

export function pickVolume(rng: Rng): Volume {
  return rng.weighted<Volume>([
    ["none", 40],
    ["few", 25],
    ["tens", 18],
    ["hundreds", 12],
    ["thousands", 5],
  ]);
}

/** Splits `total` into parts proportional to `weights` (largest-remainder, randomised ties). */
function apportion(rng: Rng, total: number, weights: number[]): number[] {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || weightSum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / weightSum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) + rng.next() * 0.5 }))
    .sort((a, b) => b.r - a.r);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = order[k]!.i;
    parts[i] = parts[i]! + 1;
  }
  return parts;
}

/** Skewed weights: a few categories get most (like real outcome mixes), many get nothing. */
function skewedWeights(rng: Rng, base: number[], sparsity: number): number[] {
  return base.map((w) => (rng.chance(sparsity) ? 0 : w * (0.2 + rng.next() * 1.6)));
}

/** A money amount in 万元 with up to six decimals, as real reports print it (24252.311082). */
export function moneyAmount(rng: Rng, magnitude: number, maxDecimals = 6): number {
  if (magnitude <= 0) return 0;
  const decimals = rng.weighted<number>([
    [0, 3],
    [1, 2],
    [2, 4],
    [4, 2],
    [6, 1],
  ]);
  const whole = rng.int(0, magnitude);
  const d = Math.min(decimals, maxDecimals);
  const frac = d === 0 ? "" : "." + String(rng.int(1, 10 ** d - 1)).padStart(d, "0");
  return Number(`${whole}${frac}`);
}

function tableThree(
  rng: Rng,
  template: TemplateId,
  volume: Volume,
  out: Record<string, number>,
  previous?: FigureSet,
): void {
  const [lo, hi] = VOLUME_RANGES[volume];
  const newTotal = rng.int(lo, hi);
  // Natural persons file most requests; organisations are rare except at big bodies.
  const applicantWeights = [
    rng.int(60, 95),
    rng.int(0, 15),
    rng.chance(0.8) ? 0 : 1,
    rng.int(0, 2),
    rng.int(0, 3),
    rng.int(0, 6),
  ];
  const newByColumn = apportion(rng, newTotal, applicantWeights);
  const carriedOverShare = volume === "none" ? 0 : rng.chance(0.6) ? 0 : rng.next() * 0.1;
  const carriedForwardShare = volume === "none" ? 0 : rng.chance(0.5) ? 0 : rng.next() * 0.12;

  // (六)其他处理 is drawn as its items where the revision has them, and is then their sum.
  const otherItems = t3ItemsOf("other", template);
  const outcomeRows = [...t3OutcomesButOther(template), ...(otherItems.length ? otherItems : ["other"])];
  const baseWeights = outcomeRows.map((row) =>
    row === "granted"
      ? 40
      : row === "partial"
        ? 8
        : row === "unable.not_held"
          ? 20
          : row.startsWith("other")
            ? 4
            : 2,
  );
  const outcomeWeights = skewedWeights(rng, baseWeights, 0.45);

  T3_PARTS.forEach((column, i) => {
    const fresh = newByColumn[i]!;
    const carriedOver = previous
      ? (previous.values[t3Code("carried_forward", column)] ?? 0)
      : Math.round(fresh * carriedOverShare);
    const available = fresh + carriedOver;
    const carriedForward = Math.min(available, Math.round(available * carriedForwardShare));
    const handled = available - carriedForward;
    out[t3Code("new", column)] = fresh;
    out[t3Code("carried_over", column)] = carriedOver;
    out[t3Code("carried_forward", column)] = carriedForward;
    out[t3Code("total", column)] = handled;
    const split = apportion(rng, handled, outcomeWeights.some((w) => w > 0) ? outcomeWeights : baseWeights);
    outcomeRows.forEach((row, k) => (out[t3Code(row, column)] = split[k]!));
    if (otherItems.length) {
      out[t3Code("other", column)] = otherItems.reduce((s, k) => s + out[t3Code(k, column)]!, 0);
    }
  });
  for (const row of t3DictionaryRowKeys(template)) {
    out[t3Code(row, "total")] = T3_PARTS.reduce((s, c) => s + out[t3Code(row, c)]!, 0);
  }
}

function tableFour(rng: Rng, volume: Volume, out: Record<string, number>): void {
  const scale = { none: 0, few: 1, tens: 3, hundreds: 12, thousands: 60 }[volume];
  for (const group of T4_GROUPS) {
    const cases = scale === 0 ? 0 : rng.chance(0.4) ? 0 : rng.int(0, scale);
    const [upheld, corrected, other, pending] = apportion(rng, cases, [
      rng.int(3, 8),
      rng.int(0, 3),
      rng.int(0, 2),
      rng.int(0, 2),
    ]);
    out[t4Code(group, "upheld")] = upheld!;
    out[t4Code(group, "corrected")] = corrected!;
    out[t4Code(group, "other")] = other!;
    out[t4Code(group, "pending")] = pending!;
    out[t4Code(group, "total")] = cases;
  }
}

/** How busy a body's table 2 is: small departments print zeros, big governments thousands. */
function decisions(rng: Rng, max: number): number {
  if (rng.chance(0.35)) return 0;
  const digits = rng.int(0, Math.max(0, Math.floor(Math.log10(max))));
  return rng.int(digits === 0 ? 1 : 10 ** digits, Math.min(max, 10 ** (digits + 1) - 1));
}

/** 2021's 现行有效件数 carried on from last year's report: last year's + issued − repealed. */
function continueInForce(out: Record<string, number>, previous: FigureSet | undefined): void {
  if (previous?.template !== "2021") return;
  for (const kind of ["rules", "normative"]) {
    const before = previous.values[`t2.${kind}.in_force`]!;
    const issued = out[`t2.${kind}.issued`]!;
    const repealed = Math.min(out[`t2.${kind}.repealed`]!, before + issued);
    out[`t2.${kind}.repealed`] = repealed;
    out[`t2.${kind}.in_force`] = before + issued - repealed;
  }
}

function tableTwo(rng: Rng, template: TemplateId, out: Record<string, number>): void {
  const documents = (maxIssued: number): [number, number, number] => {
    const issued = rng.chance(0.5) ? 0 : rng.int(1, maxIssued);
    const repealed = rng.chance(0.7) ? 0 : rng.int(1, maxIssued);
    const inForce = issued + rng.int(0, maxIssued * 12);
    return [issued, repealed, inForce];
  };
  if (template === "2021") {
    const rules: [number, number, number] = rng.chance(0.85) ? [0, 0, 0] : documents(3);
    const normative = documents(40);
    [out["t2.rules.issued"], out["t2.rules.repealed"], out["t2.rules.in_force"]] = rules;
    [out["t2.normative.issued"], out["t2.normative.repealed"], out["t2.normative.in_force"]] = normative;
    out["t2.licensing.decisions"] = decisions(rng, 120000);
    out["t2.penalty.decisions"] = decisions(rng, 20000);
    out["t2.coercion.decisions"] = decisions(rng, 600);
    out["t2.fees.amount"] = rng.chance(0.6) ? 0 : moneyAmount(rng, rng.pick([50, 5000, 90000]));
    return;
  }
  // 2019: made/published/total published; items last year, signed change, decisions.
  const published = (max: number): [number, number, number] => {
    const made = rng.chance(0.5) ? 0 : rng.int(1, max);
    const pub = rng.chance(0.8) ? made : rng.int(0, made);
    return [made, pub, pub + rng.int(0, max * 10)];
  };
  const rules: [number, number, number] = rng.chance(0.85) ? [0, 0, 0] : published(3);
  [out["t2.rules.made"], out["t2.rules.published"], out["t2.rules.total_published"]] = rules;
  [out["t2.normative.made"], out["t2.normative.published"], out["t2.normative.total_published"]] =
    published(30);
  for (const [item, max] of [
    ["licensing", 80000],
    ["other_services", 20000],
    ["penalty", 15000],
    ["coercion", 500],
  ] as const) {
    const prev = rng.chance(0.3) ? 0 : rng.int(1, 300);
    out[`t2.${item}.prev_items`] = prev;
    out[`t2.${item}.change`] = rng.chance(0.5) ? 0 : Math.max(-prev, rng.int(-12, 15));
    out[`t2.${item}.decisions`] = decisions(rng, max);
  }
  const feeItems = rng.chance(0.6) ? 0 : rng.int(1, 40);
  out["t2.fees.prev_items"] = feeItems;
  out["t2.fees.change"] = rng.chance(0.7) ? 0 : Math.max(-feeItems, rng.int(-5, 5));
  out["t2.procurement.items"] = rng.chance(0.5) ? 0 : rng.int(1, 400);
  out["t2.procurement.amount"] = out["t2.procurement.items"] === 0 ? 0 : moneyAmount(rng, 20000);
}

function injectSourceError(
  rng: Rng,
  template: TemplateId,
  error: SourceError,
  values: Record<string, number>,
): void {
  switch (error) {
    case "t4_total_zero": {
      const group = rng.pick(T4_GROUPS);
      if (values[t4Code(group, "total")] === 0) {
        values[t4Code(group, "upheld")] = rng.int(1, 12);
        values[t4Code(group, "corrected")] = rng.int(0, 2);
      }
      values[t4Code(group, "total")] = 0;
      break;
    }
    case "t3_row_total_off": {
      const row = rng.pick(t3DictionaryRowKeys(template).filter((r) => r !== "total"));
      values[t3Code(row, "total")] = values[t3Code(row, "total")]! + rng.pick([1, 2, 10]);
      break;
    }
    case "t3_carried_forward_off": {
      const column = rng.pick(T3_PARTS);
      values[t3Code("carried_forward", column)] = values[t3Code("carried_forward", column)]! + rng.int(1, 3);
      break;
    }
  }
}

/** Generates the figures of one report of `template`. */
export function generateFigures(rng: Rng, template: TemplateId, options: FigureOptions = {}): FigureSet {
  const volume = options.volume ?? pickVolume(rng);
  const values: Record<string, number> = {};
  tableTwo(rng, template, values);
  continueInForce(values, options.previous);
  tableThree(rng, template, volume, values, options.previous);
  tableFour(rng, volume, values);
  // A figure the template description gained after these distributions were written (a new table 2
  // row or column) still gets a plausible value, so a new row needs no edit here.
  for (const m of metricsOf(template)) {
    if (values[m.code] === undefined)
      values[m.code] = m.unit === "10k_yuan" ? moneyAmount(rng, 5000) : decisions(rng, 1000);
  }
  if (options.sourceError) injectSourceError(rng, template, options.sourceError, values);
  return {
    template,
    values,
    volume,
    sourceError: options.sourceError,
    inconsistencies: checkIdentities(template, values),
  };
}
