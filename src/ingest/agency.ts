// Resolving a report's printed agency name (src/agencies) into the agency the store keeps: region
// (GB/T 2260), organ, level and kind. Names that exist in several places (鼓楼区人民政府) are settled
// by hints (title, path, the source's region) and, only then, by the document's own text.
import { fullRegionName, regionIndex, regionPath, type Region } from "../agencies/regions.js";
import { normalizeAgencyName, resolveAgency, type AgencyIdentity } from "../agencies/resolve.js";
import type { ResolvedAgency } from "../model/agency.js";

export interface AgencyContext {
  /** Texts that may name a parent region (document title, the crawler's region for the source). */
  hints: string[];
  /** Where the document came from (URL host or source id), to keep unplaced same-named bodies apart. */
  origin: string;
  /** The document's own text, read only when the hints above leave a name ambiguous. */
  documentText?: () => string;
}

export class AgencyResolver {
  /**
   * A printed name's identity, and its agency when the name is not ambiguous (then neither the hints
   * nor the origin change it, so it is resolved once; nothing read is mutated).
   */
  private readonly cache = new Map<string, { identity: AgencyIdentity; agency: ResolvedAgency | null }>();

  /** Cached by name; hints are consulted only for ambiguous names. */
  resolve(printed: string, context: AgencyContext): ResolvedAgency {
    let known = this.cache.get(printed);
    if (!known) {
      const identity = resolveAgency(printed);
      if (this.cache.size > 50_000) this.cache.clear();
      known = { identity, agency: isAmbiguous(identity) ? null : toResolvedAgency(identity, context.origin) };
      this.cache.set(printed, known);
    }
    if (known.agency) return known.agency;
    const placed = context.hints.length ? resolveAgency(printed, context.hints) : known.identity;
    const identity =
      !isAmbiguous(placed) || !context.documentText
        ? placed
        : resolveAgency(printed, [...context.hints, context.documentText()]);
    return toResolvedAgency(identity, context.origin);
  }
}

function toResolvedAgency(identity: AgencyIdentity, origin: string): ResolvedAgency {
  const { region } = identity;
  return {
    name: identity.canonicalName,
    organ: identity.organ,
    regionCode: region?.code ?? null,
    regionName: region ? fullRegionName(region) : null,
    ...provinceAndCity(region),
    regionNote: identity.regionNote,
    // Ambiguous names stay apart by origin; names with no region at all are the same body everywhere.
    origin: region ? "" : isAmbiguous(identity) ? origin : "",
    level: identity.level,
    kind: identity.kind,
    alias: normalizeAgencyName(identity.normalized),
  };
}

/** Province and city of a stored region code (agencies stored before those columns existed). */
export function placeOfRegionCode(code: string): { province: string | null; city: string | null } {
  return provinceAndCity(regionIndex().byCode.get(code) ?? null);
}

/** The province and prefecture-level city a region lies in (a municipality stands for the city of its districts). */
export function provinceAndCity(region: Region | null): { province: string | null; city: string | null } {
  if (!region) return { province: null, city: null };
  const path = regionPath(region);
  const province = path[0]!;
  const city =
    path.find((r) => r.level === "city") ??
    (region.level !== "province" && province.name.endsWith("市") ? province : null);
  return { province: province.name, city: city?.name ?? null };
}

function isAmbiguous(identity: AgencyIdentity): boolean {
  return identity.region === null && identity.regionNote?.startsWith("ambiguous") === true;
}
