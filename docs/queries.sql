-- Example queries over data/nianbao.db (sqlite3 data/nianbao.db < docs/queries.sql, or paste into
-- Datasette). Only current reports are in the views; `reports.is_current = 0` rows are older versions.

-- 1. One row per report with its headline figures.
SELECT agency, region_name, year, template, t3_new_total, t3_granted_total, t4_review_total
FROM report_overview
ORDER BY region_code, agency, year;

-- 2. Applications received per year, all agencies of one city (南阳市 = 4113xx) and its counties.
SELECT r.year, sum(f.value) AS applications
FROM figures f
JOIN reports r ON r.id = f.report_id AND r.is_current = 1
JOIN agencies a ON a.id = r.agency_id
WHERE f.metric = 't3.new.total' AND a.region_code LIKE '4113%'
GROUP BY r.year
ORDER BY r.year;

-- 3. Disclosure rate (予以公开 + 部分公开) / 办理结果总计, by province and year.
SELECT substr(a.region_code, 1, 2) || '0000' AS province, r.year,
  round(1.0 * sum(CASE WHEN f.metric IN ('t3.granted.total', 't3.partial.total') THEN f.value END)
        / nullif(sum(CASE WHEN f.metric = 't3.total.total' THEN f.value END), 0), 3) AS disclosure_rate
FROM figures f
JOIN reports r ON r.id = f.report_id AND r.is_current = 1
JOIN agencies a ON a.id = r.agency_id
WHERE a.region_code IS NOT NULL
GROUP BY province, r.year
ORDER BY province, r.year;

-- 4. Reports whose printed figures break an identity (the source's own arithmetic).
SELECT agency, year, code, metric, message
FROM findings_overview
WHERE scope = 'report' AND source_inconsistent = 1
ORDER BY agency, year;

-- 5. Cross-year breaks found by `nianbao check`: carried-over applications that do not match.
SELECT agency, year, metric, expected, actual, message
FROM findings_overview
WHERE code = 'cross_year.carry_over';

-- 6. Where a figure came from: the printed cell text and its place in the document.
SELECT a.name, r.year, f.metric, f.value, f.raw, f.page, f.line, f.path, d.sha256,
  (SELECT url FROM document_sources s WHERE s.document_id = d.id AND url IS NOT NULL LIMIT 1) AS url
FROM figures f
JOIN reports r ON r.id = f.report_id
JOIN agencies a ON a.id = r.agency_id
JOIN documents d ON d.id = r.document_id
WHERE a.name LIKE '%洪泽区%' AND f.metric = 't4.review.total';

-- 7. Every version of one agency-year report (the current one last).
SELECT r.id, r.is_current, r.parser_version, d.first_seen_at, d.sha256
FROM reports r JOIN documents d ON d.id = r.document_id
JOIN agencies a ON a.id = r.agency_id
WHERE a.name = '淮安市洪泽区人民政府' AND r.year = 2023
ORDER BY d.id;

-- 8. All names an agency was printed under.
SELECT a.name, group_concat(x.alias, ' / ') AS printed_as
FROM agencies a JOIN agency_aliases x ON x.agency_id = a.id
GROUP BY a.id HAVING count(*) > 1;

-- 9. Agencies without a region, and why (ambiguous names such as 鼓楼区, or none found).
SELECT name, level, region_note FROM agencies WHERE region_code IS NULL;

-- 10. Documents that could not be parsed, with the reason.
SELECT d.id, d.sha256, d.parse_error, s.url, s.path
FROM documents d LEFT JOIN document_sources s ON s.document_id = d.id
WHERE d.parse_status = 'failed';

-- 11. The data dictionary.
SELECT code, label_zh, label_en, unit, templates FROM metrics ORDER BY position;

-- 12. Only the figures a second printing confirms (an identity holds or the prose restates them;
-- docs/witnesses.md): a headline figure across current reports, and how many were left aside.
SELECT year, count(*) FILTER (WHERE known = 'confirmed') AS confirmed_reports,
       sum(value) FILTER (WHERE known = 'confirmed') AS confirmed_total,
       count(*) FILTER (WHERE known IS NOT 'confirmed') AS other_reports
FROM figures_labeled WHERE metric = 't3.new.total'
GROUP BY year ORDER BY year;
