-- Reconciliation: the facts of many articles folded into the history the analyst views
-- show. history.py keeps a hist_* table per calc_hist_* view, each updated by its key (a
-- load recomputes only the blocs, awards, series and people its articles touch: in the
-- schema `scoped`, the fact tables these views read hold only the rows of those keys).
-- Names are joined in the analyst views (040_views.sql), so a renamed entity changes no
-- row here. Views only: this file runs in both schemas.

-- Who each article says led or deputised a bloc in a year (key bloc_id): one row per
-- bloc, year, role and unit, with every source.
CREATE OR REPLACE VIEW calc_hist_holders AS
SELECT
    bloc_id, year, role, unit_id,
    -- A later article confirming the term outranks the election that announced it.
    CASE WHEN bool_or(status = 'serving') THEN 'serving' ELSE 'elected' END AS status,
    list_sort(list(DISTINCT source_ref)) AS sources
FROM fact_leadership
WHERE bloc_id IS NOT NULL
GROUP BY bloc_id, year, role, unit_id;

-- One row per award (key award_key), counted once at the furthest stage any article
-- reports (proposed < voted < conferred), in the year of the first report of that stage;
-- `n` recipients (recipient_count, or 1 for a named recipient, 0 when neither is given).
CREATE OR REPLACE VIEW calc_hist_awards AS
WITH
folded AS (
    SELECT
        award_key, any_value(province) AS province, any_value(award_type) AS award_type,
        any_value(achievement_year) AS achievement_year,
        min(struct_pack(s := -stage, y := year)) AS furthest,
        max(bloc_id) AS bloc_id, max(n) AS n, count(*) AS reports,
        list_sort(list(DISTINCT source_ref)) AS sources
    FROM fact_awards
    GROUP BY award_key
)
SELECT
    award_key, furthest.y AS year, achievement_year, province, bloc_id, award_type,
    award_status(-furthest.s) AS status, n, reports, sources,
    award_trend_key(furthest.y, achievement_year, province, bloc_id, award_type, -furthest.s)
        AS trend_key
FROM folded;

-- The figures a place reported, period by period (key series_key: place, indicator, unit).
-- The same value reported by several articles is one row; different values for one place,
-- indicator, period and unit are all kept with `conflict` true.
CREATE OR REPLACE VIEW calc_hist_indicator_series AS
WITH
facts AS (
    SELECT
        series_key, region, province, any_value(current_province) AS current_province,
        min(indicator) AS indicator, period, any_value(period_year) AS period_year, value, unit,
        bool_or(estimate) AS estimate, list_sort(list(DISTINCT source_ref)) AS sources
    FROM fact_indicators
    GROUP BY series_key, region, province, period, value, unit
)
SELECT *, count(*) OVER (PARTITION BY series_key, period) > 1 AS conflict
FROM facts;

-- Who held which title in which organisation, first and last seen (key person_id).
CREATE OR REPLACE VIEW calc_hist_officials AS
SELECT
    person_id, position AS title, org_unit_id AS organisation_id,
    CASE WHEN org_unit_id IS NULL THEN org END AS organisation_written,
    min(date) AS first_seen, max(date) AS last_seen,
    count(DISTINCT article_id) AS articles, list_sort(list(DISTINCT source_ref)) AS sources
FROM fact_titles
GROUP BY person_id, position, org_unit_id, CASE WHEN org_unit_id IS NULL THEN org END;
