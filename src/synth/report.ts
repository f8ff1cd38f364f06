// One synthetic report: who publishes it, for which year, its figures, its table layout and its
// prose, plus the truth a perfect parser must print for it. Renderers turn it into documents.
import type { TemplateId } from "../model/contract.js";
import { makeTitle, pickAgency, pickYear, type Agency, type Title } from "./agencies.js";
import { generateFigures, type FigureOptions, type FigureSet, type SourceError } from "./figures.js";
import { checkIdentities } from "./identities.js";
import {
  buildTables,
  CLEAN_LAYOUT,
  pickLayoutOptions,
  printedCodes,
  type LayoutOptions,
  type ReportTables,
} from "./layout.js";
import { writePre2019Prose, writeProse, type Prose, type SectionStyle } from "./prose.js";
import { createRng, type Rng } from "./random.js";
import { T3_COLUMNS, T3_OTHER_ITEMS, t3Code } from "./shape.js";

export interface SynthReport {
  seed: string;
  /** "prose_only": a pre-2019 report with no national tables (truth: template null, no figures). */
  kind: "tables" | "prose_only";
  agency: Agency;
  year: number;
  title: Title;
  figures: FigureSet;
  layout: LayoutOptions;
  tables: ReportTables;
  sectionStyle: SectionStyle;
  prose: Prose;
  /** Publication date (YYYY-MM-DD), early in the following year as the rules require. */
  published: string;
}

/** What `parse --json` must print for a document, plus diagnosis aids (ignored by score.mjs). */
export interface SynthTruth {
  agency: string;
  year: number;
  template: TemplateId | null;
  /** Every figure the document determines, by code, as a perfect parser prints it. */
  values: Record<string, number>;
  /** Identity failures the printed figures contain (source errors a parser must report). */
  issues: { code: string; metric: string }[];
  /** Codes the document does not determine: a parser may leave them out (printing them is a guess). */
  undeterminable: string[];
  hazards: string[];
}

export interface ReportOptions {
  template?: TemplateId;
  figures?: FigureOptions;
  /** Layout overrides; unspecified options are drawn at random. */
  layout?: Partial<LayoutOptions>;
  /** Use the plain national layout with no variants (clean fixtures). */
  clean?: boolean;
  sectionStyle?: SectionStyle;
  /** A pre-2019 report: prose with figures in sentences, no national tables. */
  proseOnly?: boolean;
  /** Publish as this body (series of one body's reports). */
  agency?: Agency;
  /** Report on this year (the template follows it unless `template` is given). */
  year?: number;
}

function pickSourceError(rng: Rng): SourceError | undefined {
  if (!rng.chance(0.06)) return undefined;
  return rng.pick<SourceError>(["t4_total_zero", "t3_row_total_off", "t3_carried_forward_off"]);
}

/** The layout a year's report uses: the 2019 template up to 2020, the 2021 template after. */
const templateOf = (year: number | undefined): TemplateId | undefined =>
  year === undefined ? undefined : year >= 2021 ? "2021" : "2019";

/**
 * Builds one report deterministically from a seed. A given template skips its draw; a given agency
 * or year replaces the drawn one, so the report's other choices stay what they were.
 */
export function createReport(seed: string | number, options: ReportOptions = {}): SynthReport {
  const rng = createRng(String(seed));
  const template = options.template ?? templateOf(options.year) ?? (rng.chance(0.3) ? "2019" : "2021");
  const drawnAgency = pickAgency(rng.fork("agency"));
  const agency = options.agency ?? drawnAgency;
  const drawnYear = pickYear(rng, template);
  const year = options.year ?? drawnYear;
  const title = options.clean
    ? {
        text: `${agency.name}${year}年政府信息公开工作年度报告`,
        style: "plain" as const,
        yearOnlyInBody: false,
      }
    : makeTitle(rng, agency, year);
  const figureOptions: FigureOptions =
    options.figures ?? (options.clean ? {} : { sourceError: pickSourceError(rng) });
  const figures = generateFigures(rng.fork("figures"), template, figureOptions);
  const layout: LayoutOptions = {
    ...(options.clean ? CLEAN_LAYOUT : pickLayoutOptions(rng.fork("layout"), template)),
    ...options.layout,
  };
  const tables = buildTables(rng.fork("spans"), figures, layout);
  const sectionStyle = options.sectionStyle ?? (options.clean || !rng.chance(0.08) ? "national" : "shanghai");
  const prose = writeProse(rng.fork("prose"), agency, year, figures, sectionStyle, title.yearOnlyInBody);
  const published = `${year + 1}-0${rng.int(1, 3)}-${String(rng.int(1, 28)).padStart(2, "0")}`;
  const base = { seed: String(seed), agency, figures, layout, tables, published };
  if (options.proseOnly) {
    // Before 2019 there was no fixed layout; titles often say 政府信息公开年度报告 (no 工作).
    const oldYear = rng.int(2012, 2018);
    const text = `${agency.name}${oldYear}年${rng.pick(["政府信息公开年度报告", "政府信息公开工作年度报告", "政务信息公开年度报告"])}`;
    const prose = writePre2019Prose(rng.fork("old-prose"), agency, oldYear);
    const oldTitle: Title = { text, style: "plain", yearOnlyInBody: false };
    const oldPublished = `${oldYear + 1}${published.slice(4)}`;
    return {
      ...base,
      kind: "prose_only",
      year: oldYear,
      title: oldTitle,
      sectionStyle: "national",
      prose,
      published: oldPublished,
    };
  }
  return { ...base, kind: "tables", year, title, sectionStyle, prose };
}

/** Hazards of the report itself (renderers add their own). */
export function reportHazards(report: SynthReport): string[] {
  if (report.kind === "prose_only") return ["pre_2019_prose_only"];
  const h: string[] = [];
  const l = report.layout;
  if (l.collapseOther && report.figures.template === "2021") h.push("t3_other_collapsed");
  if (l.noTotalColumn) h.push("t3_no_total_column");
  if (l.labelTypo) h.push("label_typo");
  if (l.halfWidthParens) h.push("half_width_parens");
  if (l.zeroStyle !== "0")
    h.push(`zero_as_${{ "": "blank", "-": "hyphen", "—": "dash", "/": "slash", 无: "wu" }[l.zeroStyle]}`);
  if (l.moneyStyle !== "plain") h.push(`money_in_${l.moneyStyle}`);
  if (l.plusSign && report.figures.template === "2019") h.push("plus_sign");
  if (l.shiftSpans) h.push("shifted_spans");
  if (report.figures.sourceError) h.push(`source_error_${report.figures.sourceError}`);
  if (report.title.style !== "plain") h.push(`title_${report.title.style}`);
  if (report.sectionStyle === "shanghai") h.push("sections_renumbered");
  if (report.figures.template === "2019" && report.year >= 2021) h.push("template_2019_after_2021");
  if (report.figures.volume === "none") h.push("all_zero_requests");
  if (report.figures.volume === "thousands") h.push("multi_digit");
  return h;
}

/**
 * The truth for a document of this report. `undeterminable` names codes the rendering made
 * unreadable; they leave `values` (together with figures derived from them).
 */
export function truthFor(
  report: SynthReport,
  hazards: string[],
  undeterminable: Iterable<string> = [],
): SynthTruth {
  const { figures, layout } = report;
  if (report.kind === "prose_only") {
    return {
      agency: report.agency.name,
      year: report.year,
      template: null,
      values: {},
      issues: [],
      undeterminable: [],
      hazards,
    };
  }
  const hidden = new Set(undeterminable);
  if (layout.noTotalColumn)
    for (const code of Object.keys(figures.values))
      if (code.startsWith("t3.") && code.endsWith(".total")) hidden.add(code);
  const values: Record<string, number> = {};
  for (const code of printedCodes(report.tables)) if (!hidden.has(code)) values[code] = figures.values[code]!;
  // 2021: (六) is printed as its three items; the contract still wants their sum.
  if (figures.template === "2021" && !layout.collapseOther) {
    for (const column of T3_COLUMNS) {
      const items = T3_OTHER_ITEMS.map((k) => t3Code(`other.${k}`, column));
      const code = t3Code("other", column);
      if (items.every((i) => i in values)) values[code] = items.reduce((s, i) => s + values[i]!, 0);
      else hidden.add(code);
    }
  }
  return {
    agency: report.agency.name,
    year: report.year,
    template: figures.template,
    values,
    issues: checkIdentities(figures.template, values).map(({ code, metric }) => ({ code, metric })),
    undeterminable: [...hidden].filter((c) => !(c in values)).sort(),
    hazards,
  };
}

/**
 * One body's reports for consecutive years (`from`..`to`): the 2019 layout up to 2020, 2021 after,
 * and figures that carry over from year to year (上年结转 = last year's 结转下年度; 2021 现行有效件数).
 */
export function createSeries(
  seed: string,
  from: number,
  to: number,
  options: ReportOptions = {},
): SynthReport[] {
  const agency = options.agency ?? pickAgency(createRng(`${seed}:agency`));
  const reports: SynthReport[] = [];
  let previous: FigureSet | undefined;
  for (let year = from; year <= to; year++) {
    const report = createReport(`${seed}:${year}`, {
      ...options,
      agency,
      year,
      figures: { ...options.figures, previous },
    });
    reports.push(report);
    previous = report.figures;
  }
  return reports;
}
