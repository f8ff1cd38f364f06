import type { Migration } from "../../db/migrations.js";

// Documents, reports, agencies, figures, findings, metric dictionary: the "core" owner's migrations.
// Append a new one at the end with a new name; never edit or reorder a released one.
// Views and the metric dictionary's rows are derived from data/metrics.json and rebuilt by
// src/store/dictionary.ts whenever the dictionary changes, so they are not migrations.
export const coreMigrations: Migration[] = [
  {
    name: "001-core-tables",
    legacyVersion: 1,
    sql: `
CREATE TABLE metrics (
  code       TEXT PRIMARY KEY,
  section    TEXT NOT NULL,
  label_zh   TEXT NOT NULL,
  label_en   TEXT NOT NULL,
  unit       TEXT NOT NULL,
  templates  TEXT NOT NULL,          -- comma-separated template ids: 2019,2021
  position   INTEGER NOT NULL        -- order in the template
);

CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per distinct content (SHA-256); the bytes live content-addressed in blobs/ beside the db.
CREATE TABLE documents (
  id              INTEGER PRIMARY KEY,
  sha256          TEXT NOT NULL UNIQUE,
  size            INTEGER NOT NULL,
  media_type      TEXT,
  format          TEXT,                 -- sniffed by the parser: html, text, pdf, ...
  title           TEXT,
  first_seen_at   TEXT NOT NULL,
  parse_status    TEXT NOT NULL CHECK (parse_status IN ('parsed', 'failed')),
  parse_error     TEXT,
  parser_version  TEXT NOT NULL
);

-- Every place and time the same bytes were seen: URL fetches (with HTTP validators) and local paths.
CREATE TABLE document_sources (
  id             INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  url            TEXT,
  path           TEXT,
  source_id      TEXT,                  -- the crawler's sources registry entry
  fetched_at     TEXT NOT NULL,
  etag           TEXT,
  last_modified  TEXT,
  media_type     TEXT
);
CREATE UNIQUE INDEX document_sources_place ON document_sources (document_id, coalesce(url, ''), coalesce(path, ''));
CREATE INDEX document_sources_url ON document_sources (url);

CREATE TABLE agencies (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,           -- canonical: 淮安市洪泽区人民政府
  organ        TEXT NOT NULL,           -- without the region: 人民政府
  region_code  TEXT,                    -- GB/T 2260 (9 digits for a township)
  region_name  TEXT,                    -- full path: 江苏省淮安市洪泽区
  region_note  TEXT,                    -- why region_code is null
  origin       TEXT NOT NULL DEFAULT '', -- for an agency without a region: the site it came from, so
                                        -- two same-named bodies (鼓楼区人民政府) are not merged blindly
  level        TEXT CHECK (level IN ('national', 'province', 'city', 'county', 'township')),
  kind         TEXT NOT NULL CHECK (kind IN ('government', 'department'))
);
CREATE UNIQUE INDEX agencies_region_organ ON agencies (region_code, organ) WHERE region_code IS NOT NULL;
CREATE UNIQUE INDEX agencies_unplaced_name ON agencies (name, origin) WHERE region_code IS NULL;

CREATE TABLE agency_aliases (
  alias      TEXT NOT NULL,             -- a name as printed (normalised)
  agency_id  INTEGER NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  PRIMARY KEY (alias, agency_id)
) WITHOUT ROWID;

-- One row per parse of a document; the newest document of an agency-year is its current report.
CREATE TABLE reports (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
  agency_id       INTEGER REFERENCES agencies(id),
  agency_printed  TEXT,                 -- the agency as the parser read it
  year            INTEGER,
  template        TEXT CHECK (template IN ('2019', '2021')),
  parser_version  TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('ok', 'issues', 'no_tables', 'unidentified')),
  is_current      INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
  figure_count    INTEGER NOT NULL,     -- lets a reader verify the report is complete
  issue_count     INTEGER NOT NULL,
  parsed_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX reports_one_current ON reports (agency_id, year) WHERE is_current = 1;
CREATE INDEX reports_agency_year ON reports (agency_id, year);

CREATE TABLE figures (
  report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  metric     TEXT NOT NULL REFERENCES metrics(code),
  value      NUMERIC NOT NULL,
  raw        TEXT,                      -- the cell text as printed
  page       INTEGER,
  line       INTEGER,
  path       TEXT,
  bbox       TEXT,                      -- JSON [x0, y0, x1, y1], PDF points
  derived    TEXT,                      -- how the value was obtained when not read as is
  PRIMARY KEY (report_id, metric)
) WITHOUT ROWID;
CREATE INDEX figures_metric ON figures (metric);

CREATE TABLE findings (
  id                   INTEGER PRIMARY KEY,
  report_id            INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  other_report_id      INTEGER REFERENCES reports(id) ON DELETE CASCADE,  -- the previous year's, for cross-year findings
  scope                TEXT NOT NULL CHECK (scope IN ('report', 'cross_year')),
  code                 TEXT NOT NULL,
  metric               TEXT,
  message              TEXT NOT NULL,
  source_inconsistent  INTEGER NOT NULL CHECK (source_inconsistent IN (0, 1)),
  expected             NUMERIC,
  actual               NUMERIC,
  created_at           TEXT NOT NULL
);
CREATE INDEX findings_report ON findings (report_id);
CREATE INDEX findings_code ON findings (code);
`,
  },
  {
    name: "002-drop-figures-metric-index",
    legacyVersion: 2,
    // Each report's ~200 figures landed on ~200 different pages of this index, so every one-document
    // transaction rewrote most of it (5× slower ingest). A scan by metric over the figures is fast
    // enough for research queries; report-first access uses the primary key.
    sql: "DROP INDEX IF EXISTS figures_metric;",
  },
  {
    name: "003-ocr-origin",
    // Figures read by OCR from a scan (parsers/ocr) say so, so users can filter them; a report
    // read from a scan says how many of its figures came from OCR and how many were left out.
    sql: `
ALTER TABLE figures ADD COLUMN ocr_confidence INTEGER;   -- 0-100 when read by OCR from a scan, else NULL
ALTER TABLE figures ADD COLUMN ocr_first_reading TEXT;   -- the engine's first reading when the identities chose another
ALTER TABLE reports ADD COLUMN ocr_figures INTEGER;      -- figures read by OCR (NULL: not a scan)
ALTER TABLE reports ADD COLUMN ocr_left_out INTEGER;     -- figures read by OCR but left out (unconfirmed)
`,
  },
  {
    name: "004-figure-witnesses",
    // How each figure is known (docs/witnesses.md): a researcher keeps known = 'confirmed' to use only
    // figures a second printing confirms. NULL on figures stored before this migration until reparsed.
    sql: `
ALTER TABLE figures ADD COLUMN known TEXT;       -- confirmed, contradicted, reconstructed, unconfirmed, no_identity, prose
ALTER TABLE figures ADD COLUMN identities_hold TEXT;      -- identity codes reading the figure that hold, comma-separated
ALTER TABLE figures ADD COLUMN identities_fail TEXT;      -- ... that fail
ALTER TABLE figures ADD COLUMN identities_unchecked TEXT; -- ... that cannot be checked (a figure they read is missing)
ALTER TABLE figures ADD COLUMN prose TEXT;       -- agrees / disagrees: the report's prose states the figure too
`,
  },
  {
    name: "005-document-sources-published-on",
    // The publication date the portal printed where the document was found, and where it was read:
    // page (发布日期), meta, listing, api, written (成文日期), url, last-modified (the weakest).
    // Timeliness (src/coverage) compares it with the legal deadline.
    sql: `
ALTER TABLE document_sources ADD COLUMN published_on TEXT;
ALTER TABLE document_sources ADD COLUMN published_source TEXT;
`,
  },
  {
    name: "006-document-sources-content-type",
    // The Content-Type header as the server sent it, parameters included ("text/html; charset=gbk"):
    // media_type keeps only the type, and the declared charset is what `reparse` hands the decoder
    // again (a GBK page without a <meta> is read right only with it). NULL for sources recorded
    // before this migration and for local files.
    sql: "ALTER TABLE document_sources ADD COLUMN content_type TEXT;",
  },
  {
    name: "007-agencies-province-city",
    // Research columns: grouping by province or city without parsing region_name. Filled when an
    // agency is written, and for agencies stored before this by the ingest pipeline on open.
    sql: `
ALTER TABLE agencies ADD COLUMN province TEXT;
ALTER TABLE agencies ADD COLUMN city TEXT;
`,
  },
  {
    name: "008-resolved-across-years",
    // A table-2 row one report cannot split keeps its candidate readings; when exactly one agrees with
    // the same body's neighbouring years (the template's cross-year relations), its figures are stored
    // with known = 'resolved_across_years' and the evidence (src/ingest/cross-year.ts), and deleted
    // again when a neighbour changes so that the reading is no longer the only one.
    sql: `
CREATE TABLE ambiguous_readings (
  report_id   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  metrics     TEXT NOT NULL,   -- the codes left out, comma-separated
  candidates  TEXT NOT NULL,   -- JSON [{code: value, ...}, ...], the distinct readings
  PRIMARY KEY (report_id, metrics)
) WITHOUT ROWID;
ALTER TABLE figures ADD COLUMN evidence TEXT;   -- JSON {relations, reports} for resolved_across_years
`,
  },
  {
    name: "009-document-resources",
    // The images an HTML report shows (tables published as pictures), handed to the parser with the
    // page and kept so that `reparse` reads them again offline: their bytes in the blobs file by
    // hash, here in the order they were handed over, with the reference the page writes and where
    // they came from. An image that could not be had keeps its reason (sha256 NULL).
    sql: `
CREATE TABLE document_resources (
  document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,  -- 1-based, the order handed to the parser
  ref          TEXT NOT NULL,     -- as the document writes it (an <img>'s src)
  url          TEXT NOT NULL,     -- fetched from (absolute URL) or read at (a path)
  content_type TEXT,
  sha256       TEXT,              -- its bytes in the blobs file; NULL when they could not be had
  size         INTEGER,
  error        TEXT,              -- why there are no bytes
  PRIMARY KEY (document_id, position)
) WITHOUT ROWID;
CREATE INDEX document_resources_sha256 ON document_resources (sha256);
`,
  },
];
