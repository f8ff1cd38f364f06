// Agencies in the store: an agency resolved by the ingest pipeline (src/ingest/agency.ts) is merged
// with the agency of the same region and organ, so 洪泽区人民政府 and 淮安市洪泽区人民政府 are one
// agency with two aliases.
import type Database from "better-sqlite3";
import type { ResolvedAgency } from "../model/agency.js";

export class AgencyTable {
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
      `INSERT INTO agencies (name, organ, region_code, region_name, region_note, origin, level, kind, province, city)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.alias = db.prepare("INSERT OR IGNORE INTO agency_aliases (alias, agency_id) VALUES (?, ?)");
  }

  /** Finds or creates the agency; call inside the document's write transaction. */
  upsert(agency: ResolvedAgency): number {
    let id = (
      agency.regionCode
        ? this.byRegion.get(agency.regionCode, agency.organ)
        : this.byName.get(agency.name, agency.origin)
    ) as number | undefined;
    if (id === undefined) {
      id = Number(
        this.insert.run(
          agency.name,
          agency.organ,
          agency.regionCode,
          agency.regionName,
          agency.regionNote,
          agency.regionCode ? "" : agency.origin,
          agency.level,
          agency.kind,
          agency.province,
          agency.city,
        ).lastInsertRowid,
      );
    }
    this.alias.run(agency.alias, id);
    return id;
  }
}
