-- The analyst views (docs/warehouse.md, "Analyst views"): the history with names, places
-- and labels (joined here from the entity tables, so a renamed entity changes no history
-- row; award_trends and coverage read their marts). Each row lists its sources (URL, or
-- article id when the article had none); where sources disagree the rows stay and
-- `conflict` is true. No order is promised: ORDER BY what you need.

CREATE OR REPLACE VIEW award_trends AS SELECT * EXCLUDE (trend_key) FROM mart_award_trends;

-- Which unit led and which deputised each bloc in each year, and who says so?
CREATE OR REPLACE VIEW bloc_leadership_history AS
SELECT
    b.province, b.current_province, b.name AS bloc, h.bloc_id, h.year,
    lu.name AS leader, h.leader_unit_id, du.name AS deputy, h.deputy_unit_id, h.status,
    h.sources, h.leader_sources, h.deputy_sources, h.conflict
FROM hist_bloc_leadership_history AS h
JOIN entity_blocs AS b ON b.bloc_id = h.bloc_id
LEFT JOIN entity_units AS lu ON lu.unit_id = h.leader_unit_id
LEFT JOIN entity_units AS du ON du.unit_id = h.deputy_unit_id;

-- How did the figures a province or district reports move period to period?
CREATE OR REPLACE VIEW indicator_series AS
SELECT region, province, current_province, indicator, period, value, unit, estimate, sources,
       conflict
FROM hist_indicator_series;

-- Who held which title in which organisation, and when were they first and last seen?
CREATE OR REPLACE VIEW officials AS
SELECT
    h.person_id, p.name AS person, h.title,
    coalesce(u.name, h.organisation_written) AS organisation, h.organisation_id,
    p.province, p.current_province, h.first_seen, h.last_seen, h.articles, h.sources
FROM hist_officials AS h
JOIN entity_people AS p ON p.person_id = h.person_id
LEFT JOIN entity_units AS u ON u.unit_id = h.organisation_id;


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

-- Articles loaded and extractions that failed, per source site and month.
CREATE OR REPLACE VIEW coverage AS SELECT * FROM mart_coverage;
