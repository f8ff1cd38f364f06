// Coverage and timeliness: which bodies should have published their annual report for a year, which
// did, when, and whether on time. Expected bodies come from three places, each kept as evidence:
//   * the store itself — a body that published in the year before or after and not in this one;
//   * the portals' directories of bodies the crawler read (crawl_bodies, crawlers/);
//   * a user's list (CSV of names or region codes, see readExpectedList).
// A body with a report gets `published` or `late` (first version's printed date against the deadline
// of data/timeliness.json); one without gets `failed` (the crawler failed on a request found under
// it), `not_due` (its deadline has not passed on the as-of day) or `missing`.
import type { Database } from "better-sqlite3";
import { AgencyResolver } from "../ingest/agency.js";
import type { AgencyKind, AgencyLevel } from "../model/agency.js";
import { deadlineFor, loadTimelinessRules, type TimelinessRules } from "./timeliness.js";

export type CoverageStatus = "published" | "late" | "missing" | "not_due" | "failed";

export interface CoverageRow {
  agency: string;
  agencyId: number | null;
  regionCode: string | null;
  level: AgencyLevel | null;
  kind: AgencyKind | null;
  year: number;
  status: CoverageStatus;
  publishedOn: string | null;
  publishedSource: string | null;
  deadline: string;
  deadlineRule: string | null;
  /** Each version's date and where it was read: "2024-01-20 page; 2024-05-06 page". */
  versions: string;
  evidence: string;
}

/** A body someone expects to publish: from a directory page or a user's list. */
export interface ExpectedBody {
  name: string;
  /** GB/T 2260 code when the list gives one (a bare code means that region's government). */
  regionCode?: string | null;
  /** A region name that places a short name (the source's region: 福建省莆田市). */
  regionHint?: string | null;
  /** Only this year (a list may say); otherwise every year in scope. */
  year?: number | null;
  /** Why: "listed in https://…/bmxxgk/", "list bodies.csv line 4". */
  evidence: string;
  /** The crawler's name for the body (crawl_frontier.publisher), to find its failures. */
  publisher?: string;
}

export interface CoverageOptions {
  /** Years to judge; default: every year the store holds a report for. */
  years?: number[];
  /** A GB/T 2260 code: only bodies in that region (a province 350000 covers 35xxxx…). */
  region?: string | null;
  /** The day `missing` is judged against (YYYY-MM-DD); default today in China (UTC+8). */
  asOf?: string;
  expected?: ExpectedBody[];
  /** The crawler's sources registry regions by source id, to place directory bodies' short names. */
  sourceRegions?: Map<string, string>;
  rules?: TimelinessRules;
}

interface VersionRow {
  agency_id: number;
  agency: string;
  region_code: string | null;
  level: AgencyLevel | null;
  kind: AgencyKind;
  year: number;
  document_id: number;
  first_seen_at: string;
  published_on: string | null;
  published_source: string | null;
}

interface Body {
  key: string;
  agency: string;
  agencyId: number | null;
  regionCode: string | null;
  level: AgencyLevel | null;
  kind: AgencyKind | null;
  evidence: Map<number | "any", string[]>;
  publishers: string[];
}

export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(name) !== undefined;
}

/** "350300" → "3503", "350000" → "35", "350302" → "350302", "350302001" stays. */
export function regionPrefix(code: string): string {
  return code.length === 6 ? code.replace(/(00){1,2}$/, "") : code;
}

/** The bodies the crawler found in portal directories (crawl_bodies), when the crawl tables exist. */
export function directoryBodies(db: Database, sourceRegions = new Map<string, string>()): ExpectedBody[] {
  if (!hasTable(db, "crawl_bodies")) return [];
  const rows = db
    .prepare("SELECT source_id, name, directory_url FROM crawl_bodies ORDER BY source_id, name")
    .all() as { source_id: string; name: string; directory_url: string }[];
  return rows.map((r) => ({
    name: r.name,
    regionHint: sourceRegions.get(r.source_id) ?? null,
    evidence: `listed in ${r.directory_url}`,
    publisher: r.name,
  }));
}

export function computeCoverage(db: Database, options: CoverageOptions = {}): CoverageRow[] {
  const rules = options.rules ?? loadTimelinessRules();
  const asOf = options.asOf ?? todayInChina();
  const versions = db
    .prepare(
      `SELECT v.agency_id, v.agency, v.region_code, a.level, a.kind, v.year, v.document_id, v.first_seen_at,
              v.published_on, v.published_source
       FROM report_versions v JOIN agencies a ON a.id = v.agency_id
       ORDER BY v.agency_id, v.year, coalesce(v.published_on, substr(v.first_seen_at, 1, 10)), v.document_id`,
    )
    .all() as VersionRow[];
  const years =
    options.years ??
    [...new Set(versions.map((v) => v.year))].sort((a, b) => a - b).filter((y) => Number.isInteger(y));

  const bodies = new Map<string, Body>();
  const byAgencyYear = new Map<string, VersionRow[]>();
  const yearsOf = new Map<number, Set<number>>();
  for (const v of versions) {
    const key = `a${v.agency_id}`;
    if (!bodies.has(key))
      bodies.set(key, {
        key,
        agency: v.agency,
        agencyId: v.agency_id,
        regionCode: v.region_code,
        level: v.level,
        kind: v.kind,
        evidence: new Map(),
        publishers: [],
      });
    const k = `${key}|${v.year}`;
    byAgencyYear.set(k, [...(byAgencyYear.get(k) ?? []), v]);
    if (!yearsOf.has(v.agency_id)) yearsOf.set(v.agency_id, new Set());
    yearsOf.get(v.agency_id)!.add(v.year);
  }

  // Expected by the store: published the year before or after.
  for (const [agencyId, held] of yearsOf) {
    const body = bodies.get(`a${agencyId}`)!;
    for (const year of years) {
      if (held.has(year)) continue;
      const around = [year - 1, year + 1].filter((y) => held.has(y));
      if (around.length) addEvidence(body, year, `published for ${around.join(" and ")} (store)`);
    }
  }

  // Expected by a directory or a list: placed by the agency resolver, matched to the store's agencies.
  const resolver = new AgencyResolver();
  const findAgency = db.prepare(
    `SELECT id, name, region_code, level, kind FROM agencies
     WHERE (region_code IS NOT NULL AND region_code = @code AND organ = @organ) OR name = @name
        OR id IN (SELECT agency_id FROM agency_aliases WHERE alias = @alias)
     ORDER BY (name = @name) DESC, id LIMIT 1`,
  );
  for (const expected of [...directoryBodies(db, options.sourceRegions), ...(options.expected ?? [])]) {
    const hints = [expected.regionHint ?? ""].filter(Boolean);
    let resolved = resolver.resolve(expected.name, { hints, origin: "" });
    // A directory's short name (商务局, 市商务局) placed under the source's region.
    if (!resolved.regionCode && expected.regionHint)
      resolved = resolver.resolve(expected.regionHint + expected.name.replace(/^(省|市|县|区)(?=.)/, ""), {
        hints: [],
        origin: "",
      });
    const code = expected.regionCode ?? resolved.regionCode;
    const row = findAgency.get({
      code,
      organ: resolved.organ,
      name: resolved.name,
      alias: resolved.alias,
    }) as
      | { id: number; name: string; region_code: string | null; level: AgencyLevel; kind: AgencyKind }
      | undefined;
    const key = row ? `a${row.id}` : `n${resolved.name}`;
    let body = bodies.get(key);
    if (!body) {
      body = {
        key,
        agency: row?.name ?? resolved.name,
        agencyId: row?.id ?? null,
        regionCode: row?.region_code ?? code,
        level: row?.level ?? resolved.level,
        kind: row?.kind ?? resolved.kind,
        evidence: new Map(),
        publishers: [],
      };
      bodies.set(key, body);
    }
    if (expected.publisher) body.publishers.push(expected.publisher);
    addEvidence(body, expected.year ?? "any", expected.evidence);
  }

  const failures = failuresByPublisher(db);
  const prefix = options.region ? regionPrefix(options.region) : null;
  const out: CoverageRow[] = [];
  for (const body of bodies.values()) {
    if (prefix !== null && !(body.regionCode ?? "").startsWith(prefix)) continue;
    for (const year of years) {
      const held = byAgencyYear.get(`${body.key}|${year}`) ?? [];
      const reasons = [...(body.evidence.get(year) ?? []), ...(body.evidence.get("any") ?? [])];
      if (!held.length && !reasons.length) continue;
      const deadline = deadlineFor(rules, body, year);
      const base = {
        agency: body.agency,
        agencyId: body.agencyId,
        regionCode: body.regionCode,
        level: body.level,
        kind: body.kind,
        year,
        deadline: deadline.on,
        deadlineRule: deadline.rule,
      };
      if (held.length) {
        const dated = held.filter((v) => v.published_on);
        const first = dated[0] ?? null;
        const late = first !== null && deadline.rule !== null && first.published_on! > deadline.on;
        const seen = [`report stored (${held.length} document${held.length > 1 ? "s" : ""})`];
        if (!first) seen.push("the portal printed no publication date");
        out.push({
          ...base,
          status: late ? "late" : "published",
          publishedOn: first?.published_on ?? null,
          publishedSource: first?.published_source ?? null,
          versions: versionList(held),
          evidence: [...seen, ...reasons].join("; "),
        });
        continue;
      }
      const failed = body.publishers
        .flatMap((p) => failures.get(p) ?? [])
        .filter((f) => f.year === null || f.year === year)
        .map((f) => f.what);
      const status: CoverageStatus = failed.length ? "failed" : asOf <= deadline.on ? "not_due" : "missing";
      const why = failed.length
        ? [`crawl failed: ${failed.slice(0, 3).join(", ")}`]
        : status === "not_due"
          ? [`not due until ${deadline.on}`]
          : [];
      out.push({
        ...base,
        status,
        publishedOn: null,
        publishedSource: null,
        versions: "",
        evidence: [...reasons, ...why].join("; "),
      });
    }
  }
  return out.sort(
    (a, b) =>
      a.year - b.year ||
      (a.regionCode ?? "~").localeCompare(b.regionCode ?? "~") ||
      a.agency.localeCompare(b.agency),
  );
}

function addEvidence(body: Body, year: number | "any", why: string): void {
  const list = body.evidence.get(year) ?? [];
  if (!list.includes(why)) list.push(why);
  body.evidence.set(year, list);
}

/**
 * Versions of one agency-year: its documents grouped by the printed date (an inline page and its PDF
 * attachment published together are one version; an edit published later is another).
 */
function versionList(held: VersionRow[]): string {
  const labels = held.map((v) =>
    v.published_on
      ? `${v.published_on} ${v.published_source ?? ""}`.trim()
      : `${v.first_seen_at.slice(0, 10)} first fetched`,
  );
  return [...new Set(labels)].join("; ");
}

/**
 * Failed or blocked crawl requests by the directory body they were found under, with the year their
 * link's title names (null: the failure may have hidden any year's report).
 */
function failuresByPublisher(db: Database): Map<string, { year: number | null; what: string }[]> {
  const out = new Map<string, { year: number | null; what: string }[]>();
  if (!hasTable(db, "crawl_frontier")) return out;
  const hasPublisher = (db.prepare("PRAGMA table_info(crawl_frontier)").all() as { name: string }[]).some(
    (c) => c.name === "publisher",
  );
  if (!hasPublisher) return out;
  const rows = db
    .prepare(
      `SELECT publisher, url, title, coalesce(error, status) AS why FROM crawl_frontier
       WHERE publisher IS NOT NULL AND status IN ('failed', 'blocked') AND kind != 'listing'`,
    )
    .all() as { publisher: string; url: string; title: string | null; why: string }[];
  for (const r of rows) {
    const year = /((?:19|20)\d{2})\s*年/.exec(r.title ?? "")?.[1];
    out.set(r.publisher, [
      ...(out.get(r.publisher) ?? []),
      { year: year ? Number(year) : null, what: `${r.why} ${r.url}` },
    ]);
  }
  return out;
}

/** Replaces the stored verdicts for the judged years (and region) with `rows`. */
export function writeCoverage(
  db: Database,
  rows: CoverageRow[],
  scope: { years: number[]; region?: string | null; asOf: string },
): void {
  const now = new Date().toISOString();
  const prefix = scope.region ? regionPrefix(scope.region) : "";
  const clear = db.prepare(
    "DELETE FROM coverage WHERE year = ? AND (? = '' OR coalesce(region_code, '') LIKE ? || '%')",
  );
  const insert = db.prepare(
    `INSERT OR REPLACE INTO coverage (agency, agency_id, region_code, level, kind, year, status, published_on,
       published_source, deadline, deadline_rule, versions, evidence, computed_at, as_of)
     VALUES (@agency, @agencyId, @regionCode, @level, @kind, @year, @status, @publishedOn, @publishedSource,
       @deadline, @deadlineRule, @versions, @evidence, @now, @asOf)`,
  );
  db.transaction(() => {
    for (const year of scope.years) clear.run(year, prefix, prefix);
    for (const row of rows) insert.run({ ...row, now, asOf: scope.asOf });
  })();
}
