// Real report documents for attachment forms: the PDF/DOCX/DOC files the demo publishes
// (data/demo-documents, rendered by scripts/fixtures/build.ts from synthetic reports; the parser
// tests read them there too).
// A report published with one of them takes the fixture's synthetic report as its own, so its
// article page, title and inline copy agree with the file, and its figures are the fixture's truth.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createReport } from "../../src/synth/index.js";
import { dataDir } from "../../src/paths.js";
import type { ReportForm, SimReport } from "./content.js";

/** The seed scripts/fixtures/build.ts renders fixture number i from: `${FIXTURE_SEED}:${i}`. */
const FIXTURE_SEED = "pdf-word-fixtures";

export interface RealDocument {
  /** File name under data/demo-documents (its truth is NAME.truth.json beside it). */
  file: string;
  /** The fixture's corpus index and template (see scripts/fixtures/build.ts CASES). */
  index: number;
  template: "2019" | "2021";
}

/** Fixtures with distinct agency-years, so each is one report of the simulated portals. */
export const REAL_DOCUMENTS = {
  wps: { file: "synth-2021-editor.doc", index: 0, template: "2021" },
  docx2021: { file: "synth-2021-word.docx", index: 1, template: "2021" },
  docx2019: { file: "synth-2019-editor.docx", index: 2, template: "2019" },
  pdfRepeatedHeader: { file: "split-table-repeated-header.pdf", index: 3, template: "2021" },
  pdfSplitTable: { file: "split-table-no-header.pdf", index: 4, template: "2021" },
  pdfWrappedLabels: { file: "wrapped-labels.pdf", index: 5, template: "2021" },
  pdfRuleLess: { file: "rule-less.pdf", index: 6, template: "2021" },
} satisfies Record<string, RealDocument>;

const demoDocumentsDir = join(dataDir, "demo-documents");

export const realDocumentPath = (document: RealDocument): string => join(demoDocumentsDir, document.file);

/** Whether the documents are present (they are not in an installed package). */
export function realDocumentsAvailable(): boolean {
  return Object.values(REAL_DOCUMENTS).every((d) => existsSync(realDocumentPath(d)));
}

/**
 * A report published as `form` ("pdf", "docx", "doc", "wps", "inline+pdf") whose attachment is the
 * real document. The served file name follows the form (a Word 97 file named .wps is common).
 */
export function realReport(document: RealDocument, form: ReportForm): SimReport {
  const key = `${FIXTURE_SEED}:${document.index}`;
  const synth = createReport(key, { template: document.template });
  return {
    key,
    agency: synth.agency.name,
    year: synth.year,
    title: synth.title.text.replace(/\n/g, ""),
    published: synth.published,
    form,
    synth,
    file: realDocumentPath(document),
  };
}

/** The agency-year identities of the real documents (kept out of the generated reports). */
export function realDocumentIdentities(): Set<string> {
  return new Set(
    Object.values(REAL_DOCUMENTS).map((d) => {
      const r = realReport(d, "pdf");
      return `${r.agency}|${r.year}`;
    }),
  );
}
