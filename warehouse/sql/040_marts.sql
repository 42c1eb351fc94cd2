-- The marts: the rows of the analyst views (docs/warehouse.md, "Analyst views"), the
-- history with names, places and labels joined, each with the key of its history row.
-- history.py keeps a mart_* table per calc_mart_* view (by that key, and by entity when a
-- name changes); the analyst views (050_views.sql) and the explorer read those tables.
-- Each row lists its sources (URL, or article id when the article had none); where sources
-- disagree the rows stay and `conflict` is true. Views only: this file runs in both schemas.

-- Which unit led and which deputised each bloc in each year, and who says so?
CREATE OR REPLACE VIEW calc_mart_bloc_leadership_history AS
SELECT
    b.province, b.current_province, b.name AS bloc, h.bloc_id, h.year,
    lu.name AS leader, h.leader_unit_id, du.name AS deputy, h.deputy_unit_id, h.status,
    h.sources, h.leader_sources, h.deputy_sources, h.conflict
FROM hist_bloc_leadership_history AS h
JOIN entity_blocs AS b ON b.bloc_id = h.bloc_id
LEFT JOIN entity_units AS lu ON lu.unit_id = h.leader_unit_id
LEFT JOIN entity_units AS du ON du.unit_id = h.deputy_unit_id;

-- How many Cờ thi đua, Bằng khen… reached each stage, per year of that stage (`year`: when
-- the award was proposed, voted or conferred) and year of achievement (`achievement_year`:
-- the year the award is for), province and bloc? Each award counts once, at the furthest
-- stage reported. The labels are the Vietnamese names of the codes (code_labels).
CREATE OR REPLACE VIEW calc_mart_award_trends AS
SELECT
    h.trend_key, h.year, h.achievement_year, h.province, pp.current_province, b.name AS bloc,
    h.bloc_id, h.award_type, tl.label AS award_type_label, h.status, sl.label AS status_label,
    h."count", h.items, h.uncounted, h.sources
FROM hist_award_trends AS h
LEFT JOIN entity_blocs AS b ON b.bloc_id = h.bloc_id
LEFT JOIN (SELECT province, any_value(current_province) AS current_province
           FROM places_provinces GROUP BY province) AS pp ON pp.province = h.province
LEFT JOIN code_labels AS tl ON tl.kind = 'award_type' AND tl.code = h.award_type
LEFT JOIN code_labels AS sl ON sl.kind = 'award_status' AND sl.code = h.status;

-- How did the figures a province or district reports move period to period?
CREATE OR REPLACE VIEW calc_mart_indicator_series AS
SELECT series_key, region, province, current_province, indicator, period, period_year, value,
       unit, estimate, sources, conflict
FROM hist_indicator_series;

-- Who held which title in which organisation, and when were they first and last seen?
CREATE OR REPLACE VIEW calc_mart_officials AS
SELECT
    h.person_id, p.name AS person, h.title,
    coalesce(u.name, h.organisation_written) AS organisation, h.organisation_id,
    p.province, p.current_province, h.first_seen, h.last_seen, h.articles, h.sources
FROM hist_officials AS h
JOIN entity_people AS p ON p.person_id = h.person_id
LEFT JOIN entity_units AS u ON u.unit_id = h.organisation_id;

-- Articles loaded and extractions that failed, per source site and month of publication
-- (a failure without a date counts in the month it was recorded). Recomputed whole by every
-- load: one pass over the articles' source and date.
CREATE OR REPLACE VIEW calc_mart_coverage AS
WITH
counted AS (
    SELECT source, strftime(published, '%Y-%m') AS month, 1 AS article, 0 AS failure
    FROM articles
    UNION ALL
    SELECT source, strftime(coalesce(published, failed_at::DATE), '%Y-%m'), 0, 1
    FROM load_failures
)
SELECT source, month, sum(article)::BIGINT AS articles, sum(failure)::BIGINT AS extraction_failures
FROM counted
GROUP BY source, month
ORDER BY source NULLS LAST, month NULLS LAST;
