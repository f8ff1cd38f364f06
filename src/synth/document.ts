// A rendered synthetic document: the bytes a portal would serve, and the truth for them.
import type { SynthReport, SynthTruth } from "./report.js";

export type Form = "html" | "text" | "markdown";
export const FORMS: readonly Form[] = ["html", "text", "markdown"];

export interface RenderedDocument {
  /** File name with extension (ASCII), e.g. "synth-000042-2021-html.html". */
  name: string;
  bytes: Uint8Array;
  /** HTTP Content-Type a portal would send. */
  mediaType: string;
  form: Form;
  /** The expected `parse --json` output; `truth.hazards` says what the document makes hard. */
  truth: SynthTruth;
  /** The report the document was made from (figures, layout, agency) for in-process checks. */
  report: SynthReport;
}
