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
