-- Entity layer: units, people and blocs resolved across articles (warehouse/resolve.py).
-- Rebuilt as a whole after every load and override, from the raw tables; ids are hashes of
-- normalised keys (warehouse/names.py), so an entity keeps its id across rebuilds.
-- Alias tables map each spelling, in the province it was read in (`context`, '' when
-- unknown), to its entity, saying by which `rule`: key (same normalised key), typo (one
-- character off, same province and organisation), merge or split (an analyst's override).

CREATE TABLE IF NOT EXISTS entity_units (
    unit_id          VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    province         VARCHAR,
    current_province VARCHAR,
    type             VARCHAR,
    scope            VARCHAR NOT NULL,
    key              VARCHAR NOT NULL,
    mentions         INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS entity_unit_aliases (
    alias    VARCHAR NOT NULL,
    context  VARCHAR NOT NULL,
    unit_id  VARCHAR NOT NULL,
    name     VARCHAR NOT NULL,
    base_key VARCHAR NOT NULL,
    rule     VARCHAR NOT NULL,
    mentions INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS entity_people (
    person_id        VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    province         VARCHAR,
    current_province VARCHAR,
    key              VARCHAR NOT NULL,
    mentions         INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS entity_person_aliases (
    alias     VARCHAR NOT NULL,
    context   VARCHAR NOT NULL,
    person_id VARCHAR NOT NULL,
    name      VARCHAR NOT NULL,
    base_key  VARCHAR NOT NULL,
    rule      VARCHAR NOT NULL,
    mentions  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS entity_blocs (
    bloc_id          VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,
    province         VARCHAR,
    current_province VARCHAR,
    key              VARCHAR NOT NULL,
    mentions         INTEGER NOT NULL
);

-- Besides the names facts use, the abbreviations articles gave a bloc ("KT-KT"), rule
-- 'abbreviation'.
CREATE TABLE IF NOT EXISTS entity_bloc_aliases (
    alias    VARCHAR NOT NULL,
    context  VARCHAR NOT NULL,
    bloc_id  VARCHAR NOT NULL,
    name     VARCHAR NOT NULL,
    base_key VARCHAR NOT NULL,
    rule     VARCHAR NOT NULL,
    mentions INTEGER NOT NULL
);

-- Each distinct title string split once into position and organisation (names.split_title).
CREATE TABLE IF NOT EXISTS entity_title_parts (
    title    VARCHAR NOT NULL,
    position VARCHAR,
    org      VARCHAR,
    org_kind VARCHAR
);
