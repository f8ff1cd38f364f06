// The coverage owner's tables in the store file (migrations by name, src/db/migrations.ts):
//   coverage         — the last `nianbao coverage` run's verdict per expected or publishing body and
//                      year (status published/late/missing/not_due/failed, the date, the evidence);
//   report_versions  — a live view: every agency-year's documents grouped into versions by the date
//                      the portal printed (an edited report is a later version of the same agency-year).
import type { MigrationSet } from "../db/migrations.js";

export const COVERAGE_SCHEMA: MigrationSet = {
  owner: "coverage",
  migrations: [
    {
      name: "001-coverage-table-report-versions-view",
      sql: `
CREATE TABLE coverage (
  agency        TEXT NOT NULL,            -- the agency's canonical name, or the name as a list printed it
  agency_id     INTEGER,                  -- agencies.id when the body is known to the store
  region_code   TEXT,
  level         TEXT,
  kind          TEXT,
  year          INTEGER NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('published', 'late', 'missing', 'not_due', 'failed')),
  published_on  TEXT,                     -- first version's date as the portal printed it
  published_source TEXT,                  -- page, meta, listing, api, written, url, last-modified
  deadline      TEXT NOT NULL,            -- YYYY-MM-DD (data/timeliness.json)
  deadline_rule TEXT,                     -- the rule's id, null when no statutory deadline applies
  versions      TEXT,                     -- '2024-01-20 page; 2024-05-06 page'
  evidence      TEXT NOT NULL,            -- why the body is expected, and what was seen
  computed_at   TEXT NOT NULL,
  as_of         TEXT NOT NULL,            -- the day missing/not_due was judged against
  PRIMARY KEY (agency, year)
);

CREATE VIEW report_versions AS
SELECT a.id AS agency_id, a.name AS agency, a.region_code, r.year, r.id AS report_id, r.document_id,
       r.is_current, d.first_seen_at,
       (SELECT min(s.published_on) FROM document_sources s
         WHERE s.document_id = r.document_id AND s.published_on IS NOT NULL) AS published_on,
       (SELECT s.published_source FROM document_sources s
         WHERE s.document_id = r.document_id AND s.published_on IS NOT NULL
         ORDER BY s.published_on LIMIT 1) AS published_source,
       (SELECT s.url FROM document_sources s WHERE s.document_id = r.document_id ORDER BY s.fetched_at LIMIT 1) AS url
FROM reports r
JOIN agencies a ON a.id = r.agency_id
JOIN documents d ON d.id = r.document_id
WHERE r.year IS NOT NULL AND r.status != 'unidentified';
`,
    },
  ],
};
