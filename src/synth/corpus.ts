// A corpus of synthetic reports in every form, deterministic from one seed. Report i depends only
// on (seed, i), so any slice can be regenerated alone.
import type { TemplateId } from "../model/contract.js";
import { FORMS, type Form, type RenderedDocument } from "./document.js";
import { createRng } from "./random.js";
import { pickHtmlOptions, renderHtml, type HtmlOptions } from "./render-html.js";
import { pickMarkdownOptions, renderMarkdown, type MarkdownOptions } from "./render-markdown.js";
import { pickTextOptions, renderText, type TextOptions } from "./render-text.js";
import { createReport, type ReportOptions } from "./report.js";

export interface CorpusOptions {
  n: number;
  seed?: string | number;
  /** Forms to draw from (default all), one per document, in rotation. */
  forms?: readonly Form[];
  template?: TemplateId;
  /** Report options for every document (e.g. { clean: true }). */
  report?: ReportOptions;
  html?: Partial<HtmlOptions>;
  text?: Partial<TextOptions>;
  markdown?: Partial<MarkdownOptions>;
  /** Share (0–1) of pre-2019 prose-only reports, whose truth has template null and no figures. Default 0. */
  proseOnlyShare?: number;
}

/** Renders document `index` of a corpus. */
export function renderCorpusDocument(index: number, options: Omit<CorpusOptions, "n">): RenderedDocument {
  const seed = `${options.seed ?? "nianbao"}:${index}`;
  const forms = options.forms?.length ? options.forms : FORMS;
  const form = forms[index % forms.length]!;
  // Drawn from its own stream so the share does not change the other documents of a corpus.
  const proseOnly =
    (options.proseOnlyShare ?? 0) > 0 && createRng(`${seed}:kind`).chance(options.proseOnlyShare!);
  const report = createReport(seed, {
    ...options.report,
    ...(options.template ? { template: options.template } : {}),
    ...(proseOnly ? { proseOnly } : {}),
  });
  const rng = createRng(`${seed}:render`);
  const kind = report.kind === "prose_only" ? "pre2019" : report.figures.template;
  const name = `synth-${String(index).padStart(6, "0")}-${kind}-${form}`;
  switch (form) {
    case "html":
      return renderHtml(report, { ...pickHtmlOptions(rng), ...options.html }, rng, name);
    case "text":
      return renderText(report, { ...pickTextOptions(rng), ...options.text }, rng, name);
    case "markdown":
      return renderMarkdown(report, { ...pickMarkdownOptions(rng), ...options.markdown }, rng, name);
  }
}

/** Yields `n` rendered documents; memory stays flat however large `n` is. */
export function* generateCorpus(options: CorpusOptions): Generator<RenderedDocument> {
  for (let i = 0; i < options.n; i++) yield renderCorpusDocument(i, options);
}
