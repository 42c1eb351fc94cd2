-- The analyst views (docs/warehouse.md, "Analyst views"), over the derived tables that
-- history.py keeps from the calc_* views. Each analyst row lists its sources (URL, or
-- article id when the article had none); where sources disagree the rows stay and
-- `conflict` is true. Names and places are joined here, from the entity tables, so that
-- the history tables hold only ids and need no change when an entity's name does.

-- Every title a person was seen with, dated, resolved to the person and the unit.
CREATE OR REPLACE VIEW entity_person_titles AS
SELECT
    pa.person_id, t.title, t.position, t.org, ua.unit_id AS org_unit_id, t.date,
    t.article_id, t.item_no, t.source_ref, t.province, t.role,
    t.evidence_text, t.evidence_start, t.evidence_end, t.extractor_version, t.loaded_at
FROM stg_person_titles AS t
JOIN entity_person_aliases AS pa ON pa.alias = t.name AND pa.context = coalesce(t.province, '')
LEFT JOIN entity_unit_aliases AS ua
    ON t.org_kind = 'unit' AND ua.alias = t.org AND ua.context = coalesce(t.province, '');

-- Which unit led and which deputised each bloc in each year, and who says so?
CREATE OR REPLACE VIEW bloc_leadership_history AS
SELECT
    b.province, b.current_province, b.name AS bloc, h.bloc_id, h.year,
    lu.name AS leader, h.leader_unit_id, du.name AS deputy, h.deputy_unit_id, h.status,
    h.sources, h.leader_sources, h.deputy_sources, h.conflict
FROM hist_bloc_leadership_history AS h
JOIN entity_blocs AS b ON b.bloc_id = h.bloc_id
LEFT JOIN entity_units AS lu ON lu.unit_id = h.leader_unit_id
LEFT JOIN entity_units AS du ON du.unit_id = h.deputy_unit_id
ORDER BY b.province NULLS LAST, bloc, h.year NULLS LAST, leader NULLS LAST, deputy NULLS LAST;

-- How many Cờ thi đua, Bằng khen… reached each stage, per year of that stage (`year`: when
-- the award was proposed, voted or conferred) and year of achievement (`achievement_year`:
-- the year the award is for), province and bloc? Each award counts once, at the furthest
-- stage reported. The labels are the Vietnamese names of the codes (code_labels).
CREATE OR REPLACE VIEW award_trends AS
SELECT
    h.year, h.achievement_year, h.province, pp.current_province, b.name AS bloc, h.bloc_id,
    h.award_type, tl.label AS award_type_label, h.status, sl.label AS status_label,
    h."count", h.items, h.uncounted, h.sources
FROM hist_award_trends AS h
LEFT JOIN entity_blocs AS b ON b.bloc_id = h.bloc_id
LEFT JOIN (SELECT province, any_value(current_province) AS current_province
           FROM places_provinces GROUP BY province) AS pp ON pp.province = h.province
LEFT JOIN code_labels AS tl ON tl.kind = 'award_type' AND tl.code = h.award_type
LEFT JOIN code_labels AS sl ON sl.kind = 'award_status' AND sl.code = h.status
ORDER BY h.year NULLS LAST, h.province NULLS LAST, bloc NULLS LAST, h.award_type, h.status,
         h.achievement_year NULLS LAST;

-- How did the figures a province or district reports move period to period?
CREATE OR REPLACE VIEW indicator_series AS
SELECT region, province, current_province, indicator, period, value, unit, estimate, sources,
       conflict
FROM hist_indicator_series
ORDER BY province NULLS LAST, region NULLS LAST, indicator, period NULLS LAST, value;

-- Who held which title in which organisation, and when were they first and last seen?
CREATE OR REPLACE VIEW officials AS
SELECT
    h.person_id, p.name AS person, h.title,
    coalesce(u.name, h.organisation_written) AS organisation, h.organisation_id,
    p.province, p.current_province, h.first_seen, h.last_seen, h.articles, h.sources
FROM hist_officials AS h
JOIN entity_people AS p ON p.person_id = h.person_id
LEFT JOIN entity_units AS u ON u.unit_id = h.organisation_id
ORDER BY p.province NULLS LAST, person, h.first_seen NULLS LAST, h.title NULLS LAST,
         organisation NULLS LAST;

-- Articles loaded and extractions that failed, per source site and month of publication
-- (a failure without a date counts in the month it was recorded).
CREATE OR REPLACE VIEW coverage AS
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
