// The simulated site of each registered portal family (crawlers/families/index.ts). The table is
// typed by the registry's ids, so a family added there without a simulated site does not compile;
// the default scenario (scenario.ts) and tests/crawlers/registry.test.ts iterate it. `plain`
// (a CMS no family claims, with the discovery traps) and `bulk` (the benchmark) are extra sites.
import type { FamilyId } from "../../families/index.js";
import type { SimSite } from "../site.js";
import { fujianSite } from "./fujian.js";
import { gkmlptSite } from "./gkmlpt.js";
import { govcnSite } from "./govcn.js";
import { hanwebSite } from "./hanweb.js";
import { trsSite } from "./trs.js";

export const FAMILY_SITES = {
  trs: trsSite,
  hanweb: hanwebSite,
  fujian: fujianSite,
  gkmlpt: gkmlptSite,
  govcn: govcnSite,
} as const satisfies Record<FamilyId, (label: string, origin: string, options: never) => SimSite>;

export { fujianSite, gkmlptSite, govcnSite, hanwebSite, trsSite };
