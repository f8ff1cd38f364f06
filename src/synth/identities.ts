// Checks the 勾稽关系 of REPORT-FORMAT.md on a (possibly partial) map of figures: the identities of the
// template description (src/model/template/), the same checks the parser reports, so issues compare
// directly. Used to prove the generator's clean figures are consistent and to derive the issues a
// parser must report when a source error was injected. An identity is checked only when every figure
// it needs is present.
import type { TemplateId } from "../model/contract.js";
import { failingIdentities } from "../model/template/index.js";

export interface IdentityViolation {
  code: string;
  metric: string;
  message: string;
}

export function checkIdentities(template: TemplateId, values: Record<string, number>): IdentityViolation[] {
  return failingIdentities(template, values);
}
