// The one list of portal families. Discovery (discovery/discover.ts), identification (identify.ts:
// `sources add` and `sources check`), seeding (crawler.ts) and the simulator (simulator/sites/index.ts,
// whose table of sites is typed by FamilyId) all iterate it. Pages no family recognises are read by the
// generic mechanics (pagination links, sub-columns, directories), which every page gets anyway.
import type { PortalFamily } from "./family.js";
import { fujian } from "./fujian.js";
import { gkmlpt } from "./gkmlpt.js";
import { govcn } from "./govcn.js";
import { hanweb } from "./hanweb.js";
import { trs } from "./trs.js";

export const FAMILIES = [trs, hanweb, fujian, gkmlpt, govcn] as const;

export type FamilyId = (typeof FAMILIES)[number]["id"];

/** Family ids a source may name in data/sources.json: the registry's, and "generic" (a portal no family claims). */
export const FAMILY_IDS = [...FAMILIES.map((f) => f.id), "generic" as const];

export function familyById(id: string | null | undefined): PortalFamily | undefined {
  return (FAMILIES as readonly PortalFamily[]).find((f) => f.id === id);
}

export type { Page, PortalFamily, Recognition, ApiListing } from "./family.js";
