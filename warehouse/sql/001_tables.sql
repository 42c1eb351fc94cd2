-- Raw layer: one table per section of the record contract (../shared/spec/RECORD.md),
-- loaded as the extractor emits them. Field names are the contract's and must not be
-- renamed; every list table adds article_id, url, item_no and the evidence span, and, so
-- that each fact row carries its provenance, the article's extractor_version and loaded_at
-- (last, where migrating a v1 file appends them too).

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
    -- The article text is most of the file; zstd makes it a third smaller and the commit faster.
    body              VARCHAR NOT NULL USING COMPRESSION zstd,
    extractor_version VARCHAR,
    schema_version    VARCHAR NOT NULL,
    loaded_at         TIMESTAMP NOT NULL,
    -- Places: `province` stays as written; district is read from headline or lead sentence;
    -- current_province is the province it belongs to since 1 July 2025.
    district          VARCHAR,
    current_province  VARCHAR
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
    evidence_end   INTEGER,
    evidence_span_start INTEGER,
    evidence_span_end   INTEGER,
    extractor_version VARCHAR,
    loaded_at      TIMESTAMP
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
    evidence_end   INTEGER,
    evidence_span_start INTEGER,
    evidence_span_end   INTEGER,
    extractor_version VARCHAR,
    loaded_at      TIMESTAMP
);

-- Members are a list inside a bloc: bloc_item_no points at blocs.item_no of the same article.
CREATE TABLE IF NOT EXISTS bloc_members (
    article_id   VARCHAR NOT NULL,
    url          VARCHAR,
    bloc_item_no INTEGER NOT NULL,
    item_no      INTEGER NOT NULL,
    bloc         VARCHAR NOT NULL,
    org          VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,
    extractor_version VARCHAR,
    loaded_at    TIMESTAMP
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
    evidence_end   INTEGER,
    evidence_span_start INTEGER,
    evidence_span_end   INTEGER,
    extractor_version VARCHAR,
    loaded_at      TIMESTAMP
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
    evidence_end    INTEGER,
    evidence_span_start INTEGER,
    evidence_span_end   INTEGER,
    extractor_version VARCHAR,
    loaded_at       TIMESTAMP
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
    evidence_end   INTEGER,
    evidence_span_start INTEGER,
    evidence_span_end   INTEGER,
    extractor_version VARCHAR,
    loaded_at      TIMESTAMP
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
    evidence_end   INTEGER,
    evidence_span_start INTEGER,
    evidence_span_end   INTEGER,
    extractor_version VARCHAR,
    loaded_at      TIMESTAMP
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
    evidence_end   INTEGER,
    evidence_span_start INTEGER,
    evidence_span_end   INTEGER,
    extractor_version VARCHAR,
    loaded_at      TIMESTAMP
);

-- Evidence of a movement comes from the record's parallel movement_evidence list.
CREATE TABLE IF NOT EXISTS movements (
    article_id     VARCHAR NOT NULL,
    url            VARCHAR,
    item_no        INTEGER NOT NULL,
    name           VARCHAR NOT NULL,
    evidence_text  VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    evidence_span_start INTEGER,
    evidence_span_end   INTEGER,
    extractor_version VARCHAR,
    loaded_at      TIMESTAMP
);

-- Inputs that extraction could not turn into a record ({"id", "error"} lines of
-- `thidua extract`), kept so coverage can show what is missing. A later successful load of
-- the same id removes its failure.
CREATE TABLE IF NOT EXISTS load_failures (
    input_id          VARCHAR NOT NULL,
    url               VARCHAR,
    source            VARCHAR,
    published         DATE,
    error             VARCHAR NOT NULL,
    extractor_version VARCHAR,
    failed_at         TIMESTAMP NOT NULL
);

-- The 63 former provinces (and the 34 current names) with the province each is part of
-- since 1 July 2025; filled from warehouse/lexicon/province_succession.tsv, checked against the
-- vietnam-provinces package.
CREATE TABLE IF NOT EXISTS places_provinces (
    province              VARCHAR NOT NULL,
    current_province      VARCHAR NOT NULL,
    current_code          INTEGER NOT NULL,
    current_official_name VARCHAR NOT NULL,
    division              VARCHAR NOT NULL
);

-- Vietnamese names of the record's codes (award types, statuses, roles…), filled from
-- warehouse/lexicon/labels.toml; the analyst views and exports carry them beside the codes.
CREATE TABLE IF NOT EXISTS code_labels (
    kind  VARCHAR NOT NULL,
    code  VARCHAR NOT NULL,
    label VARCHAR NOT NULL
);
