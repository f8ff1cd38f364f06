// Agencies in the store: a printed name is resolved (src/agencies) and merged with the agency of the
// same region and organ, so 洪泽区人民政府 and 淮安市洪泽区人民政府 are one agency with two aliases.
import type Database from "better-sqlite3";
import { fullRegionName } from "../agencies/regions.js";
import { normalizeAgencyName, resolveAgency, type AgencyIdentity } from "../agencies/resolve.js";

export interface AgencyContext {
  /** Texts that may name a parent region (document title, the crawler's region for the source). */
  hints: string[];
  /** Where the document came from (URL host or source id), to keep unplaced same-named bodies apart. */
  origin: string;
  /** The document's own text, read only when the hints above leave a name ambiguous. */
  documentText?: () => string;
}

export class AgencyRegistry {
  private readonly cache = new Map<string, AgencyIdentity>();
  private readonly byRegion: Database.Statement;
  private readonly byName: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly alias: Database.Statement;

  constructor(db: Database.Database) {
    this.byRegion = db.prepare("SELECT id FROM agencies WHERE region_code = ? AND organ = ?").pluck();
    this.byName = db
      .prepare("SELECT id FROM agencies WHERE region_code IS NULL AND name = ? AND origin = ?")
      .pluck();
    this.insert = db.prepare(
      `INSERT INTO agencies (name, organ, region_code, region_name, region_note, origin, level, kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.alias = db.prepare("INSERT OR IGNORE INTO agency_aliases (alias, agency_id) VALUES (?, ?)");
  }

  /** Pure and cached by name: safe to call outside a transaction. Hints are consulted only for ambiguous names. */
  resolve(printed: string, context: AgencyContext): AgencyIdentity {
    let identity = this.cache.get(printed);
    if (!identity) {
      identity = resolveAgency(printed);
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(printed, identity);
    }
    if (!isAmbiguous(identity)) return identity;
    const placed = context.hints.length ? resolveAgency(printed, context.hints) : identity;
    if (!isAmbiguous(placed) || !context.documentText) return placed;
    return resolveAgency(printed, [...context.hints, context.documentText()]);
  }

  /** Finds or creates the agency; call inside the document's write transaction. */
  upsert(identity: AgencyIdentity, context: AgencyContext): number {
    const { region } = identity;
    // Ambiguous names stay apart by origin; names with no region at all are the same body everywhere.
    const origin = isAmbiguous(identity) ? context.origin : "";
    let id = (
      region
        ? this.byRegion.get(region.code, identity.organ)
        : this.byName.get(identity.canonicalName, origin)
    ) as number | undefined;
    if (id === undefined) {
      id = Number(
        this.insert.run(
          identity.canonicalName,
          identity.organ,
          region?.code ?? null,
          region ? fullRegionName(region) : null,
          identity.regionNote,
          region ? "" : origin,
          identity.level,
          identity.kind,
        ).lastInsertRowid,
      );
    }
    this.alias.run(normalizeAgencyName(identity.normalized), id);
    return id;
  }
}

function isAmbiguous(identity: AgencyIdentity): boolean {
  return identity.region === null && identity.regionNote?.startsWith("ambiguous") === true;
}
