-- The marts: analyst rows kept as tables because joining their names and labels at read
-- time would cost every page (award_trends has a row per year, province, bloc, type and
-- status), and coverage. history.py keeps mart_award_trends by key (and by bloc when a
-- load renames one) and recomputes mart_coverage whole. The smaller analyst views join
-- names as they are read (050_views.sql). Views only: this file runs in both schemas.

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
