-- Staging layer: list facts put in their article's context (province, bloc, source),
-- without any aggregation. Analyst views build on these, never on each other's joins.

CREATE OR REPLACE VIEW stg_bloc_leadership AS
WITH
article_refs AS (
    -- An article without a URL (text given directly) is cited by its id.
    SELECT article_id, coalesce(url, article_id) AS source_ref, province, published
    FROM articles
),
bloc_provinces AS (
    SELECT article_id, name AS bloc, any_value(province) AS province
    FROM blocs
    WHERE province IS NOT NULL
    GROUP BY article_id, name
)
SELECT
    l.article_id,
    ar.source_ref,
    ar.published,
    -- The bloc's own province beats the article's: a page may cover a neighbour's bloc.
    coalesce(bp.province, ar.province) AS province,
    l.bloc,
    l.year,
    l.role,
    l.org,
    l.status,
    l.item_no
FROM bloc_leadership AS l
JOIN article_refs AS ar USING (article_id)
LEFT JOIN bloc_provinces AS bp
    ON bp.article_id = l.article_id AND bp.bloc = l.bloc;

CREATE OR REPLACE VIEW stg_awards AS
WITH
article_refs AS (
    SELECT article_id, coalesce(url, article_id) AS source_ref, province, published
    FROM articles
),
named_blocs AS (
    SELECT article_id, bloc FROM events WHERE bloc IS NOT NULL
    UNION ALL
    SELECT article_id, name FROM blocs
),
article_blocs AS (
    -- Awards do not name a bloc; attribute them only when the article is about exactly one.
    SELECT
        article_id,
        CASE WHEN count(DISTINCT bloc) = 1 THEN any_value(bloc) END AS bloc
    FROM named_blocs
    GROUP BY article_id
),
bloc_provinces AS (
    SELECT article_id, name AS bloc, any_value(province) AS province
    FROM blocs
    WHERE province IS NOT NULL
    GROUP BY article_id, name
)
SELECT
    a.article_id,
    ar.source_ref,
    ar.published,
    coalesce(ar.province, bp.province) AS province,
    ab.bloc,
    a.year,
    a.type AS award_type,
    a.label,
    a.conferrer,
    a.recipient,
    a.recipient_count,
    a.recipient_kind,
    a.status,
    a.decision,
    a.item_no
FROM awards AS a
JOIN article_refs AS ar USING (article_id)
LEFT JOIN article_blocs AS ab USING (article_id)
LEFT JOIN bloc_provinces AS bp
    ON bp.article_id = a.article_id AND bp.bloc = ab.bloc;
