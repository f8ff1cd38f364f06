// Public surface of the synthetic report generator (docs/synth.md).
export { generateCorpus, renderCorpusDocument, type CorpusOptions } from "./corpus.js";
export { FORMS, type Form, type RenderedDocument } from "./document.js";
export { createRng, type Rng } from "./random.js";
export { generateFigures, type FigureSet, type SourceError, type Volume } from "./figures.js";
export { checkIdentities, type IdentityViolation } from "./identities.js";
export {
  createReport,
  createSeries,
  truthFor,
  type SynthReport,
  type SynthTruth,
  type ReportOptions,
} from "./report.js";
export { renderHtml, pickHtmlOptions, type HtmlOptions } from "./render-html.js";
export { renderText, pickTextOptions, type TextOptions } from "./render-text.js";
export { renderMarkdown, pickMarkdownOptions, type MarkdownOptions } from "./render-markdown.js";
export { CLEAN_LAYOUT, type LayoutOptions } from "./layout.js";
export { cellPerLine, markdownTable, MESSY_CLASSES, renderMessyDocument, type MessyClass } from "./messy.js";
