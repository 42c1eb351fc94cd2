-- Staging layer: facts put in their article's context (source, province, bloc), each with
-- its provenance (article, evidence span, extractor_version, loaded_at), not aggregated.
-- Entity resolution reads the stg_*_mentions views; analyst views build on the stg_ views
-- and the entity tables, and never on each other.

CREATE OR REPLACE VIEW stg_articles AS
SELECT
    article_id,
    -- An article without a URL (text given directly) is cited by its id.
    coalesce(url, article_id) AS source_ref,
    url, source, province, district, current_province, published, extractor_version, loaded_at
FROM articles;

-- The province of a bloc named in an article: the bloc's own when the article gives it
-- (a page may cover a neighbour's bloc).
CREATE OR REPLACE VIEW stg_bloc_context AS
SELECT article_id, name AS bloc, any_value(province) AS province
FROM blocs
WHERE province IS NOT NULL
GROUP BY article_id, name;

CREATE OR REPLACE VIEW stg_bloc_leadership AS
SELECT
    l.article_id, l.item_no, a.source_ref, a.published,
    coalesce(bc.province, a.province) AS province,
    l.bloc, l.year, l.role, l.org, l.status,
    l.evidence_text, l.evidence_start, l.evidence_end, l.extractor_version, l.loaded_at
FROM bloc_leadership AS l
JOIN stg_articles AS a ON a.article_id = l.article_id
LEFT JOIN stg_bloc_context AS bc ON bc.article_id = l.article_id AND bc.bloc = l.bloc;

CREATE OR REPLACE VIEW stg_awards AS
WITH
named_blocs AS (
    SELECT article_id, bloc FROM events WHERE bloc IS NOT NULL
    UNION ALL
    SELECT article_id, name FROM blocs
),
article_blocs AS (
    -- Awards do not name a bloc; attribute them only when the article is about exactly one.
    SELECT article_id, CASE WHEN count(DISTINCT bloc) = 1 THEN any_value(bloc) END AS bloc
    FROM named_blocs
    GROUP BY article_id
)
SELECT
    w.article_id, w.item_no, a.source_ref, a.published,
    coalesce(a.province, bc.province) AS province,
    ab.bloc,
    coalesce(bc.province, a.province) AS bloc_province,
    w.year, w.type AS award_type, w.label, w.conferrer, w.recipient, w.recipient_count,
    w.recipient_kind, w.status, w.decision,
    w.evidence_text, w.evidence_start, w.evidence_end, w.extractor_version, w.loaded_at
FROM awards AS w
JOIN stg_articles AS a ON a.article_id = w.article_id
LEFT JOIN article_blocs AS ab ON ab.article_id = w.article_id
LEFT JOIN stg_bloc_context AS bc ON bc.article_id = w.article_id AND bc.bloc = ab.bloc;

-- One row per person and title (a person named without a title keeps one row, title NULL),
-- dated by the article's event, else its publication.
CREATE OR REPLACE VIEW stg_person_titles AS
WITH
event_dates AS (
    SELECT article_id, min(date) AS date FROM events WHERE date IS NOT NULL GROUP BY article_id
),
titled AS (
    SELECT
        article_id, item_no, name, honorific, role,
        evidence_text, evidence_start, evidence_end, extractor_version, loaded_at,
        unnest(CASE WHEN len(titles) = 0 THEN [NULL::VARCHAR] ELSE titles END) AS title
    FROM people
)
SELECT
    t.article_id, t.item_no, a.source_ref, a.province, t.name, t.honorific, t.role, t.title,
    tp.position, tp.org, tp.org_kind,
    coalesce(ed.date, a.published) AS date,
    t.evidence_text, t.evidence_start, t.evidence_end, t.extractor_version, t.loaded_at
FROM titled AS t
JOIN stg_articles AS a ON a.article_id = t.article_id
LEFT JOIN entity_title_parts AS tp ON tp.title = t.title
LEFT JOIN event_dates AS ed ON ed.article_id = t.article_id;

-- Figures with the place they describe: the region the article gives ("toàn tỉnh" means
-- its province), else the district the article is about, else its province.
CREATE OR REPLACE VIEW stg_indicators AS
SELECT
    i.article_id, i.item_no, a.source_ref, a.published, a.province, a.current_province,
    CASE
        WHEN i.region IS NULL THEN coalesce(a.district, a.province)
        WHEN lower(i.region) IN ('toàn tỉnh', 'tỉnh', 'cả tỉnh', 'trên địa bàn tỉnh',
                                 'toàn địa bàn tỉnh') THEN coalesce(a.province, i.region)
        ELSE i.region
    END AS region,
    i.name AS indicator, i.value, i.unit, i.total, i.change_pct, i.compared_to, i.plan_pct,
    i.estimate, i.period,
    i.evidence_text, i.evidence_start, i.evidence_end, i.extractor_version, i.loaded_at
FROM indicators AS i
JOIN stg_articles AS a ON a.article_id = i.article_id;

-- Every spelling of a unit, a bloc or a person, in the province it was read in: what
-- entity resolution resolves, and the (alias, context) pairs views join the alias tables on.
CREATE OR REPLACE VIEW stg_unit_mentions AS
SELECT article_id, 'bloc_leadership' AS section, org AS alias, province AS context
FROM stg_bloc_leadership
UNION ALL
SELECT m.article_id, 'bloc_members', m.org, coalesce(bc.province, a.province)
FROM bloc_members AS m
JOIN stg_articles AS a ON a.article_id = m.article_id
LEFT JOIN stg_bloc_context AS bc ON bc.article_id = m.article_id AND bc.bloc = m.bloc
UNION ALL
SELECT article_id, 'awards', recipient, province
FROM stg_awards
WHERE recipient IS NOT NULL AND coalesce(recipient_kind, 'collective') = 'collective'
UNION ALL
SELECT article_id, 'people', org, province
FROM stg_person_titles
WHERE org_kind = 'unit';

CREATE OR REPLACE VIEW stg_bloc_mentions AS
SELECT b.article_id, 'blocs' AS section, b.name AS alias,
       coalesce(b.province, a.province) AS context, b.kind
FROM blocs AS b
JOIN stg_articles AS a ON a.article_id = b.article_id
UNION ALL
SELECT article_id, 'bloc_leadership', bloc, province, NULL
FROM stg_bloc_leadership
UNION ALL
SELECT e.article_id, 'events', e.bloc, coalesce(bc.province, a.province), NULL
FROM events AS e
JOIN stg_articles AS a ON a.article_id = e.article_id
LEFT JOIN stg_bloc_context AS bc ON bc.article_id = e.article_id AND bc.bloc = e.bloc
WHERE e.bloc IS NOT NULL;

CREATE OR REPLACE VIEW stg_person_mentions AS
SELECT p.article_id, 'people' AS section, p.name AS alias, a.province AS context
FROM people AS p
JOIN stg_articles AS a ON a.article_id = p.article_id
UNION ALL
SELECT article_id, 'awards', recipient, province
FROM stg_awards
WHERE recipient IS NOT NULL AND recipient_kind = 'individual';
