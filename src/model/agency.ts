// An agency as the ingest pipeline resolved it from the printed name (src/agencies), in the shape the
// store persists it: the store finds or creates the row and knows nothing of how names are resolved.

export type AgencyLevel = "national" | "province" | "city" | "county" | "township";
export type AgencyKind = "government" | "department";

export interface ResolvedAgency {
  /** The conventional full name: 淮安市洪泽区人民政府. */
  name: string;
  /** The organ without its region: 人民政府. */
  organ: string;
  /** GB/T 2260 code, or null when no region could be placed. */
  regionCode: string | null;
  /** The region's full path: 江苏省淮安市洪泽区. */
  regionName: string | null;
  /** The province of the region (河南省, 北京市), for grouping; null without a region. */
  province: string | null;
  /** The prefecture-level city (南阳市; 北京市 for its districts), null above or without one. */
  city: string | null;
  /** Why regionCode is null (ambiguous or not found). */
  regionNote: string | null;
  /**
   * For an agency without a region whose name is ambiguous: the site it came from, so two
   * same-named bodies (鼓楼区人民政府) are not merged blindly; "" otherwise.
   */
  origin: string;
  level: AgencyLevel | null;
  kind: AgencyKind;
  /** The printed name, normalised, kept as an alias of the agency. */
  alias: string;
}
