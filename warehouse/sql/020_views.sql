-- Analyst views (README: "Analyst views"). Each row lists its sources (URL, or article id
-- when the article had none); where sources disagree the rows stay and `conflict` is true.
--
-- The reconciling queries are the calc_* views; history.py materialises each into a hist_*
-- table after every load, override and upgrade (in the same transaction), and the analyst
-- view reads that table, so an analyst's query never repeats the reconciliation of 100,000
-- articles. The end of this file creates them.

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

-- Which unit led and which deputised each bloc in each year, and who said so.
-- One row per bloc and year; when sources name two leaders (or deputies) for one year,
-- each reported pairing is a row and `conflict` is true. leader_sources / deputy_sources
-- say which articles back each half of the row.
CREATE OR REPLACE VIEW calc_bloc_leadership_history AS
WITH
resolved AS (
    SELECT s.*, ba.bloc_id, ua.unit_id
    FROM stg_bloc_leadership AS s
    LEFT JOIN entity_bloc_aliases AS ba
        ON ba.alias = s.bloc AND ba.context = coalesce(s.province, '')
    LEFT JOIN entity_unit_aliases AS ua
        ON ua.alias = s.org AND ua.context = coalesce(s.province, '')
),
holders AS (
    SELECT
        bloc_id, year, role, unit_id,
        -- A later article confirming the term outranks the election that announced it.
        CASE WHEN bool_or(status = 'serving') THEN 'serving' ELSE 'elected' END AS status,
        list_sort(list(DISTINCT source_ref)) AS sources
    FROM resolved
    GROUP BY bloc_id, year, role, unit_id
),
bloc_years AS (
    SELECT
        bloc_id, year,
        count(*) FILTER (WHERE role = 'leader') > 1
            OR count(*) FILTER (WHERE role = 'deputy') > 1 AS conflict
    FROM holders
    GROUP BY bloc_id, year
),
paired AS (
    SELECT
        y.bloc_id, y.year, y.conflict,
        l.unit_id AS leader_unit_id, d.unit_id AS deputy_unit_id,
        coalesce(l.status, d.status) AS status,
        coalesce(l.sources, []) AS leader_sources,
        coalesce(d.sources, []) AS deputy_sources
    FROM bloc_years AS y
    LEFT JOIN holders AS l
        ON l.role = 'leader' AND l.bloc_id = y.bloc_id AND l.year IS NOT DISTINCT FROM y.year
    LEFT JOIN holders AS d
        ON d.role = 'deputy' AND d.bloc_id = y.bloc_id AND d.year IS NOT DISTINCT FROM y.year
)
SELECT
    b.province, b.current_province, b.name AS bloc, p.bloc_id, p.year,
    lu.name AS leader, p.leader_unit_id, du.name AS deputy, p.deputy_unit_id, p.status,
    list_sort(list_distinct(list_concat(p.leader_sources, p.deputy_sources))) AS sources,
    p.leader_sources, p.deputy_sources, p.conflict
FROM paired AS p
JOIN entity_blocs AS b ON b.bloc_id = p.bloc_id
LEFT JOIN entity_units AS lu ON lu.unit_id = p.leader_unit_id
LEFT JOIN entity_units AS du ON du.unit_id = p.deputy_unit_id
ORDER BY b.province NULLS LAST, bloc, p.year NULLS LAST, leader, deputy;

-- How many awards of each type and status per year, province and (when known) bloc.
-- One award to one named recipient counts once however many articles report it; `count`
-- adds recipient_count, or 1 per named recipient; `uncounted` is the number of award items
-- that give neither, so a zero count is never mistaken for "none".
CREATE OR REPLACE VIEW calc_award_trends AS
WITH
resolved AS (
    SELECT s.*, ba.bloc_id, coalesce(ua.unit_id, pa.person_id) AS recipient_id
    FROM stg_awards AS s
    LEFT JOIN entity_bloc_aliases AS ba
        ON ba.alias = s.bloc AND ba.context = coalesce(s.bloc_province, '')
    LEFT JOIN entity_unit_aliases AS ua
        ON coalesce(s.recipient_kind, 'collective') = 'collective'
        AND ua.alias = s.recipient AND ua.context = coalesce(s.province, '')
    LEFT JOIN entity_person_aliases AS pa
        ON s.recipient_kind = 'individual'
        AND pa.alias = s.recipient AND pa.context = coalesce(s.province, '')
),
facts AS (
    SELECT
        year, province, bloc_id, award_type, status,
        -- an unnamed group ("02 tập thể") is told apart only by where it was read
        coalesce(recipient_id, 'item:' || article_id || '#' || item_no) AS fact,
        max(coalesce(recipient_count, CASE WHEN recipient IS NOT NULL THEN 1 ELSE 0 END)) AS n,
        list(DISTINCT source_ref) AS sources
    FROM resolved
    GROUP BY year, province, bloc_id, award_type, status, fact
)
SELECT
    f.year, f.province, pp.current_province, b.name AS bloc, f.bloc_id, f.award_type, f.status,
    sum(f.n)::BIGINT AS "count",
    count(*) AS items,
    count(*) FILTER (WHERE f.n = 0) AS uncounted,
    list_sort(list_distinct(flatten(list(f.sources)))) AS sources
FROM facts AS f
LEFT JOIN entity_blocs AS b ON b.bloc_id = f.bloc_id
LEFT JOIN places_provinces AS pp ON pp.province = f.province
GROUP BY f.year, f.province, pp.current_province, b.name, f.bloc_id, f.award_type, f.status
ORDER BY f.year NULLS LAST, f.province NULLS LAST, bloc NULLS LAST, f.award_type, f.status;

-- The figures a place reported, period by period. The same value reported by several
-- articles is one row; different values for one place, indicator, period and unit are all
-- kept with `conflict` true.
CREATE OR REPLACE VIEW calc_indicator_series AS
WITH
facts AS (
    SELECT
        region, province, any_value(current_province) AS current_province,
        lower(indicator) AS indicator_key, min(indicator) AS indicator,
        period, value, unit, bool_or(estimate) AS estimate,
        list_sort(list(DISTINCT source_ref)) AS sources
    FROM stg_indicators
    WHERE value IS NOT NULL
    GROUP BY region, province, lower(indicator), period, value, unit
)
SELECT
    region, province, current_province, indicator, period, value, unit, estimate, sources,
    count(*) OVER (PARTITION BY region, province, indicator_key, period, unit) > 1 AS conflict
FROM facts
ORDER BY province NULLS LAST, region NULLS LAST, indicator, period NULLS LAST, value;

-- Who held which title in which organisation, first and last seen.
CREATE OR REPLACE VIEW calc_officials AS
SELECT
    t.person_id, p.name AS person, t.position AS title,
    coalesce(u.name, t.org) AS organisation, t.org_unit_id AS organisation_id,
    p.province, p.current_province,
    min(t.date) AS first_seen, max(t.date) AS last_seen,
    count(DISTINCT t.article_id) AS articles,
    list_sort(list(DISTINCT t.source_ref)) AS sources
FROM entity_person_titles AS t
JOIN entity_people AS p ON p.person_id = t.person_id
LEFT JOIN entity_units AS u ON u.unit_id = t.org_unit_id
GROUP BY t.person_id, p.name, t.position, coalesce(u.name, t.org), t.org_unit_id,
         p.province, p.current_province
ORDER BY p.province NULLS LAST, person, first_seen NULLS LAST, title NULLS LAST;

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

-- Materialised analyst views: created empty here, filled by history.rebuild().
CREATE TABLE IF NOT EXISTS hist_bloc_leadership_history AS
    SELECT * FROM calc_bloc_leadership_history LIMIT 0;
CREATE TABLE IF NOT EXISTS hist_award_trends AS SELECT * FROM calc_award_trends LIMIT 0;
CREATE TABLE IF NOT EXISTS hist_indicator_series AS SELECT * FROM calc_indicator_series LIMIT 0;
CREATE TABLE IF NOT EXISTS hist_officials AS SELECT * FROM calc_officials LIMIT 0;

CREATE OR REPLACE VIEW bloc_leadership_history AS SELECT * FROM hist_bloc_leadership_history;
CREATE OR REPLACE VIEW award_trends AS SELECT * FROM hist_award_trends;
CREATE OR REPLACE VIEW indicator_series AS SELECT * FROM hist_indicator_series;
CREATE OR REPLACE VIEW officials AS SELECT * FROM hist_officials;
