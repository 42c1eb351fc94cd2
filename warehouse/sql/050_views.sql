-- The analyst views (docs/warehouse.md, "Analyst views"): the marts without the keys they
-- are kept by. No order is promised: ORDER BY what you need.

CREATE OR REPLACE VIEW bloc_leadership_history AS SELECT * FROM mart_bloc_leadership_history;
CREATE OR REPLACE VIEW award_trends AS SELECT * EXCLUDE (trend_key) FROM mart_award_trends;
CREATE OR REPLACE VIEW indicator_series AS
    SELECT * EXCLUDE (series_key, period_year) FROM mart_indicator_series;
CREATE OR REPLACE VIEW officials AS SELECT * FROM mart_officials;

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
