-- Resolved facts: every fact of the raw tables once, with the entity ids its spellings
-- resolve to and the keys the history groups it by. history.py keeps a fact_* table per
-- calc_fact_* view, updated per article: a load deletes the rows of the articles it
-- touches and inserts these views' rows for the articles it loaded (the views then run in
-- the schema `scoped`, whose raw tables hold only those articles). Views only: this file
-- runs in both schemas.

-- An award's stage as a number (proposed 1, voted 2, conferred 3) and back, and the key of
-- the award_trends row an award counts in.
CREATE OR REPLACE MACRO award_stage(status) AS
    CASE status WHEN 'conferred' THEN 3 WHEN 'voted' THEN 2 ELSE 1 END;
CREATE OR REPLACE MACRO award_status(stage) AS
    CASE stage WHEN 3 THEN 'conferred' WHEN 2 THEN 'voted' ELSE 'proposed' END;
CREATE OR REPLACE MACRO award_trend_key(year, achievement_year, province, bloc_id, award_type,
                                        stage) AS
    concat_ws('|', coalesce(year::VARCHAR, ''), coalesce(achievement_year::VARCHAR, ''),
              coalesce(province, ''), coalesce(bloc_id, ''), award_type, stage);

-- Every spelling of a unit, bloc or person as read, one row per mention: what entity
-- resolution counts (kept per article in entity_mentions).
CREATE OR REPLACE VIEW calc_entity_mentions AS
SELECT article_id, 'unit' AS kind, alias, context, NULL::VARCHAR AS hint FROM stg_unit_mentions
UNION ALL
SELECT article_id, 'bloc', alias, context, kind FROM stg_bloc_mentions
UNION ALL
SELECT article_id, 'person', alias, context, NULL FROM stg_person_mentions;

-- Each fact carries its article's headline, so a page listing facts joins nothing.
CREATE OR REPLACE VIEW calc_fact_leadership AS
SELECT
    s.article_id, s.item_no, ba.bloc_id, s.bloc, coalesce(s.province, '') AS context,
    s.year, s.role, ua.unit_id, s.org, s.status, s.source_ref, s.published, t.title
FROM stg_bloc_leadership AS s
JOIN articles AS t ON t.article_id = s.article_id
LEFT JOIN entity_bloc_aliases AS ba ON ba.alias = s.bloc AND ba.context = coalesce(s.province, '')
LEFT JOIN entity_unit_aliases AS ua ON ua.alias = s.org AND ua.context = coalesce(s.province, '');

-- An award is one award however many articles report it and at whichever stage: the same
-- award type, for the same achievement year, to the same resolved recipient in the same
-- province (`award_key`). An unnamed group ("02 tập thể") is told apart only by where it
-- was read. `year` is the year of the stage reported: the date of the article's award
-- ceremony, else of its first dated event, else its publication.
CREATE OR REPLACE VIEW calc_fact_awards AS
WITH
stage_dates AS (
    SELECT article_id,
           coalesce(min(date) FILTER (WHERE type = 'award_ceremony'), min(date)) AS date
    FROM events WHERE date IS NOT NULL GROUP BY article_id
),
resolved AS (
    SELECT s.*, ba.bloc_id, coalesce(ua.unit_id, pa.person_id) AS recipient_id,
           year(coalesce(sd.date, s.published)) AS stage_year, t.title
    FROM stg_awards AS s
    JOIN articles AS t ON t.article_id = s.article_id
    LEFT JOIN stage_dates AS sd ON sd.article_id = s.article_id
    LEFT JOIN entity_bloc_aliases AS ba
        ON ba.alias = s.bloc AND ba.context = coalesce(s.bloc_province, '')
    LEFT JOIN entity_unit_aliases AS ua
        ON coalesce(s.recipient_kind, 'collective') = 'collective'
        AND ua.alias = s.recipient AND ua.context = coalesce(s.province, '')
    LEFT JOIN entity_person_aliases AS pa
        ON s.recipient_kind = 'individual'
        AND pa.alias = s.recipient AND pa.context = coalesce(s.province, '')
)
SELECT
    article_id, item_no,
    concat_ws('|', coalesce(recipient_id, 'item:' || article_id || '#' || item_no), award_type,
              coalesce(year::VARCHAR, ''), coalesce(province, '')) AS award_key,
    bloc_id, bloc, coalesce(bloc_province, '') AS bloc_context, province,
    coalesce(province, '') AS context, award_type, label, status,
    award_stage(status) AS stage,
    stage_year AS year, year AS achievement_year,
    recipient, recipient_kind, recipient_id, recipient_count,
    coalesce(recipient_count, CASE WHEN recipient IS NOT NULL THEN 1 ELSE 0 END) AS n,
    decision, source_ref, published, title
FROM resolved;

CREATE OR REPLACE VIEW calc_fact_indicators AS
SELECT
    i.article_id, i.item_no,
    concat_ws('|', coalesce(i.region, ''), coalesce(i.province, ''), lower(i.indicator),
              coalesce(i.unit, '')) AS series_key,
    i.region, i.province, i.current_province, lower(i.indicator) AS indicator_key, i.indicator,
    i.period, TRY_CAST(regexp_extract(i.period, '(1[89]|20)[0-9][0-9]') AS INTEGER) AS period_year,
    i.value, i.unit, i.estimate, i.source_ref, i.published, t.title
FROM stg_indicators AS i
JOIN articles AS t ON t.article_id = i.article_id
WHERE i.value IS NOT NULL;

-- One row per person and title, resolved to the person and the unit (entity_person_titles
-- with the keys officials groups by), with the article's headline and first event (what
-- the person attended, on their page).
CREATE OR REPLACE VIEW calc_fact_titles AS
WITH
first_event AS (
    SELECT article_id, arg_min(type, item_no) AS type, arg_min(date, item_no) AS date,
           arg_min(location, item_no) AS location, arg_min(bloc, item_no) AS bloc
    FROM events GROUP BY article_id
)
SELECT
    t.article_id, t.item_no, pa.person_id, t.name, coalesce(t.province, '') AS context,
    t.title, t.position, t.org, t.org_kind, ua.unit_id AS org_unit_id, t.date, t.role,
    t.source_ref, a.title AS article_title, a.published, e.type AS event_type,
    e.date AS event_date, e.location AS event_location, e.bloc AS event_bloc
FROM stg_person_titles AS t
JOIN articles AS a ON a.article_id = t.article_id
LEFT JOIN first_event AS e ON e.article_id = t.article_id
JOIN entity_person_aliases AS pa ON pa.alias = t.name AND pa.context = coalesce(t.province, '')
LEFT JOIN entity_unit_aliases AS ua
    ON t.org_kind = 'unit' AND ua.alias = t.org AND ua.context = coalesce(t.province, '');

CREATE OR REPLACE VIEW calc_fact_events AS
SELECT
    e.article_id, e.item_no, ba.bloc_id, e.bloc, coalesce(bc.province, a.province, '') AS context,
    e.type, e.date, e.location, a.published, t.title
FROM events AS e
JOIN stg_articles AS a ON a.article_id = e.article_id
JOIN articles AS t ON t.article_id = e.article_id
LEFT JOIN stg_bloc_context AS bc ON bc.article_id = e.article_id AND bc.bloc = e.bloc
LEFT JOIN entity_bloc_aliases AS ba
    ON ba.alias = e.bloc AND ba.context = coalesce(bc.province, a.province, '');

CREATE OR REPLACE VIEW calc_fact_members AS
SELECT
    m.article_id, m.bloc_item_no, m.item_no, ba.bloc_id, m.bloc,
    coalesce(bc.province, a.province, '') AS context, ua.unit_id, m.org, m.role, a.published
FROM bloc_members AS m
JOIN stg_articles AS a ON a.article_id = m.article_id
LEFT JOIN stg_bloc_context AS bc ON bc.article_id = m.article_id AND bc.bloc = m.bloc
LEFT JOIN entity_bloc_aliases AS ba
    ON ba.alias = m.bloc AND ba.context = coalesce(bc.province, a.province, '')
LEFT JOIN entity_unit_aliases AS ua
    ON ua.alias = m.org AND ua.context = coalesce(bc.province, a.province, '');

CREATE OR REPLACE VIEW calc_fact_blocs AS
SELECT
    b.article_id, b.item_no, ba.bloc_id, b.name, coalesce(b.province, a.province, '') AS context,
    b.member_count
FROM blocs AS b
JOIN stg_articles AS a ON a.article_id = b.article_id
LEFT JOIN entity_bloc_aliases AS ba
    ON ba.alias = b.name AND ba.context = coalesce(b.province, a.province, '');
