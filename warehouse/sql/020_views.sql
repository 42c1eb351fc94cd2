-- Analyst views. Deliberately simple first cuts; a later issue deepens them.

-- Who led and deputised each bloc in each year, across every article that says so.
-- One row per province + bloc + year, except when sources disagree on the leader
-- (or deputy): then every reported pairing stays visible and `conflict` is true.
CREATE OR REPLACE VIEW bloc_leadership_history AS
WITH
holders AS (
    SELECT
        province, bloc, year, role, org,
        -- A later article confirming the term outranks the election that announced it.
        CASE WHEN bool_or(status = 'serving') THEN 'serving' ELSE 'elected' END AS status,
        list(DISTINCT source_ref) AS sources
    FROM stg_bloc_leadership
    GROUP BY province, bloc, year, role, org
),
bloc_years AS (
    SELECT
        province, bloc, year,
        count(DISTINCT org) FILTER (WHERE role = 'leader') > 1
            OR count(DISTINCT org) FILTER (WHERE role = 'deputy') > 1 AS conflict
    FROM holders
    GROUP BY province, bloc, year
),
leaders AS (
    SELECT * FROM holders WHERE role = 'leader'
),
deputies AS (
    SELECT * FROM holders WHERE role = 'deputy'
),
paired AS (
    SELECT
        y.province, y.bloc, y.year,
        l.org AS leader,
        d.org AS deputy,
        coalesce(l.status, d.status) AS status,
        list_sort(list_distinct(list_concat(coalesce(l.sources, []), coalesce(d.sources, []))))
            AS sources,
        y.conflict
    FROM bloc_years AS y
    LEFT JOIN leaders AS l
        ON l.province IS NOT DISTINCT FROM y.province
        AND l.bloc = y.bloc
        AND l.year IS NOT DISTINCT FROM y.year
    LEFT JOIN deputies AS d
        ON d.province IS NOT DISTINCT FROM y.province
        AND d.bloc = y.bloc
        AND d.year IS NOT DISTINCT FROM y.year
)
SELECT province, bloc, year, leader, deputy, status, sources, conflict
FROM paired
ORDER BY province NULLS LAST, bloc, year NULLS LAST, leader, deputy;

-- How many awards of each type, per year, province and (when known) bloc.
-- `count` adds recipient_count, or 1 per named recipient; `uncounted` is the number of
-- award items that give neither, so a zero count is never mistaken for "none".
CREATE OR REPLACE VIEW award_counts AS
WITH
counted AS (
    SELECT
        year, province, bloc, award_type, status,
        coalesce(recipient_count, CASE WHEN recipient IS NOT NULL THEN 1 ELSE 0 END) AS n,
        recipient_count IS NULL AND recipient IS NULL AS is_uncounted
    FROM stg_awards
)
SELECT
    year, province, bloc, award_type, status,
    sum(n)::BIGINT AS "count",
    count(*) AS items,
    count(*) FILTER (WHERE is_uncounted) AS uncounted
FROM counted
GROUP BY year, province, bloc, award_type, status
ORDER BY year NULLS LAST, province NULLS LAST, bloc NULLS LAST, award_type, status;
