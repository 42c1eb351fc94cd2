-- The warehouse schema v1 as it shipped (001_tables.sql, 010_staging.sql, 020_views.sql
-- of extractor 0.1.0), kept verbatim so tests can build a real v1 file and migrate it.

-- ==== 001_tables.sql
-- Raw layer: one table per section of the record contract (../shared/spec/RECORD.md),
-- loaded as the extractor emits them. Field names are the contract's and must not be
-- renamed; every list table adds article_id, url, item_no and the evidence span.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    article_id        VARCHAR PRIMARY KEY,
    url               VARCHAR,
    source            VARCHAR,
    province          VARCHAR,
    title             VARCHAR,
    published         DATE,
    author            VARCHAR,
    body              VARCHAR NOT NULL,
    extractor_version VARCHAR,
    schema_version    VARCHAR NOT NULL,
    loaded_at         TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    article_id     VARCHAR NOT NULL,
    url            VARCHAR,
    item_no        INTEGER NOT NULL,
    type           VARCHAR NOT NULL,
    date           DATE,
    period_start   DATE,
    period_end     DATE,
    location       VARCHAR,
    bloc           VARCHAR,
    evidence_text  VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER
);

CREATE TABLE IF NOT EXISTS blocs (
    article_id     VARCHAR NOT NULL,
    url            VARCHAR,
    item_no        INTEGER NOT NULL,
    name           VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    province       VARCHAR,
    aliases        VARCHAR[] NOT NULL,
    member_count   INTEGER,
    evidence_text  VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER
);

-- Members are a list inside a bloc: bloc_item_no points at blocs.item_no of the same article.
CREATE TABLE IF NOT EXISTS bloc_members (
    article_id   VARCHAR NOT NULL,
    url          VARCHAR,
    bloc_item_no INTEGER NOT NULL,
    item_no      INTEGER NOT NULL,
    bloc         VARCHAR NOT NULL,
    org          VARCHAR NOT NULL,
    role         VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS people (
    article_id     VARCHAR NOT NULL,
    url            VARCHAR,
    item_no        INTEGER NOT NULL,
    name           VARCHAR NOT NULL,
    honorific      VARCHAR,
    titles         VARCHAR[] NOT NULL,
    role           VARCHAR NOT NULL,
    evidence_text  VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER
);

CREATE TABLE IF NOT EXISTS awards (
    article_id      VARCHAR NOT NULL,
    url             VARCHAR,
    item_no         INTEGER NOT NULL,
    type            VARCHAR NOT NULL,
    label           VARCHAR NOT NULL,
    conferrer       VARCHAR,
    recipient       VARCHAR,
    recipient_count INTEGER,
    recipient_kind  VARCHAR,
    status          VARCHAR NOT NULL,
    year            INTEGER,
    decision        VARCHAR,
    evidence_text   VARCHAR,
    evidence_start  INTEGER,
    evidence_end    INTEGER
);

CREATE TABLE IF NOT EXISTS bloc_leadership (
    article_id     VARCHAR NOT NULL,
    url            VARCHAR,
    item_no        INTEGER NOT NULL,
    bloc           VARCHAR NOT NULL,
    year           INTEGER,
    role           VARCHAR NOT NULL,
    org            VARCHAR NOT NULL,
    status         VARCHAR NOT NULL,
    evidence_text  VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER
);

CREATE TABLE IF NOT EXISTS indicators (
    article_id     VARCHAR NOT NULL,
    url            VARCHAR,
    item_no        INTEGER NOT NULL,
    name           VARCHAR NOT NULL,
    value          DOUBLE,
    unit           VARCHAR,
    total          DOUBLE,
    change_pct     DOUBLE,
    compared_to    VARCHAR,
    plan_pct       DOUBLE,
    estimate       BOOLEAN NOT NULL,
    period         VARCHAR,
    region         VARCHAR,
    evidence_text  VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER
);

CREATE TABLE IF NOT EXISTS documents (
    article_id     VARCHAR NOT NULL,
    url            VARCHAR,
    item_no        INTEGER NOT NULL,
    number         VARCHAR NOT NULL,
    type           VARCHAR,
    date           DATE,
    issuer         VARCHAR,
    evidence_text  VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER
);

-- Evidence of a movement comes from the record's parallel movement_evidence list.
CREATE TABLE IF NOT EXISTS movements (
    article_id     VARCHAR NOT NULL,
    url            VARCHAR,
    item_no        INTEGER NOT NULL,
    name           VARCHAR NOT NULL,
    evidence_text  VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER
);

-- ==== 010_staging.sql
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

-- ==== 020_views.sql
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

