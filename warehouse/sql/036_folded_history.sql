-- History folded from other history tables (so these views come after those tables):
-- the bloc-years of the holders, the award counts of the awards. Views only: this file
-- runs in both schemas (history.py).

-- Which unit led and which deputised each bloc in each year, and who said so (key bloc_id).
-- One row per bloc and year; when sources name two leaders (or deputies) for one year,
-- each reported pairing is a row and `conflict` is true. leader_sources / deputy_sources
-- say which articles back each half of the row.
CREATE OR REPLACE VIEW calc_hist_bloc_leadership_history AS
WITH
holders AS (SELECT * FROM hist_holders),
bloc_years AS (
    SELECT
        bloc_id, year,
        count(*) FILTER (WHERE role = 'leader') > 1
            OR count(*) FILTER (WHERE role = 'deputy') > 1 AS conflict
    FROM holders
    GROUP BY bloc_id, year
)
SELECT
    y.bloc_id, y.year, l.unit_id AS leader_unit_id, d.unit_id AS deputy_unit_id,
    coalesce(l.status, d.status) AS status,
    list_sort(list_distinct(list_concat(coalesce(l.sources, []), coalesce(d.sources, []))))
        AS sources,
    coalesce(l.sources, []) AS leader_sources, coalesce(d.sources, []) AS deputy_sources,
    y.conflict
FROM bloc_years AS y
LEFT JOIN holders AS l
    ON l.role = 'leader' AND l.bloc_id = y.bloc_id AND l.year IS NOT DISTINCT FROM y.year
LEFT JOIN holders AS d
    ON d.role = 'deputy' AND d.bloc_id = y.bloc_id AND d.year IS NOT DISTINCT FROM y.year;

-- How many awards of each type reached each stage per year of that stage, year of
-- achievement, province and (when known) bloc (key trend_key). `uncounted` is the number
-- of awards that give no number of recipients, so a zero count is never read as "none".
CREATE OR REPLACE VIEW calc_hist_award_trends AS
SELECT
    trend_key, year, achievement_year, province, bloc_id, award_type, status,
    sum(n)::BIGINT AS "count", count(*) AS items, count(*) FILTER (WHERE n = 0) AS uncounted,
    list_sort(list_distinct(flatten(list(sources)))) AS sources
FROM hist_awards
GROUP BY trend_key, year, achievement_year, province, bloc_id, award_type, status;
