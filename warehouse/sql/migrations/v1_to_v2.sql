-- Warehouse schema v1 → v2, run by warehouse/migrate.py inside one transaction before the
-- v2 DDL files (which then create the new tables and views). Every v1 row is kept.

-- The v1 analyst views are replaced (award_counts by award_trends).
DROP VIEW IF EXISTS award_counts;
DROP VIEW IF EXISTS bloc_leadership_history;
DROP VIEW IF EXISTS stg_awards;
DROP VIEW IF EXISTS stg_bloc_leadership;

-- Places on articles (filled by migrate.py and places.sync).
ALTER TABLE articles ADD COLUMN district VARCHAR;
ALTER TABLE articles ADD COLUMN current_province VARCHAR;

-- Provenance on every fact row, copied from its article.
ALTER TABLE events ADD COLUMN extractor_version VARCHAR;
ALTER TABLE events ADD COLUMN loaded_at TIMESTAMP;
ALTER TABLE blocs ADD COLUMN extractor_version VARCHAR;
ALTER TABLE blocs ADD COLUMN loaded_at TIMESTAMP;
ALTER TABLE bloc_members ADD COLUMN extractor_version VARCHAR;
ALTER TABLE bloc_members ADD COLUMN loaded_at TIMESTAMP;
ALTER TABLE people ADD COLUMN extractor_version VARCHAR;
ALTER TABLE people ADD COLUMN loaded_at TIMESTAMP;
ALTER TABLE awards ADD COLUMN extractor_version VARCHAR;
ALTER TABLE awards ADD COLUMN loaded_at TIMESTAMP;
ALTER TABLE bloc_leadership ADD COLUMN extractor_version VARCHAR;
ALTER TABLE bloc_leadership ADD COLUMN loaded_at TIMESTAMP;
ALTER TABLE indicators ADD COLUMN extractor_version VARCHAR;
ALTER TABLE indicators ADD COLUMN loaded_at TIMESTAMP;
ALTER TABLE documents ADD COLUMN extractor_version VARCHAR;
ALTER TABLE documents ADD COLUMN loaded_at TIMESTAMP;
ALTER TABLE movements ADD COLUMN extractor_version VARCHAR;
ALTER TABLE movements ADD COLUMN loaded_at TIMESTAMP;

UPDATE events SET extractor_version = a.extractor_version, loaded_at = a.loaded_at
FROM articles AS a WHERE events.article_id = a.article_id;
UPDATE blocs SET extractor_version = a.extractor_version, loaded_at = a.loaded_at
FROM articles AS a WHERE blocs.article_id = a.article_id;
UPDATE bloc_members SET extractor_version = a.extractor_version, loaded_at = a.loaded_at
FROM articles AS a WHERE bloc_members.article_id = a.article_id;
UPDATE people SET extractor_version = a.extractor_version, loaded_at = a.loaded_at
FROM articles AS a WHERE people.article_id = a.article_id;
UPDATE awards SET extractor_version = a.extractor_version, loaded_at = a.loaded_at
FROM articles AS a WHERE awards.article_id = a.article_id;
UPDATE bloc_leadership SET extractor_version = a.extractor_version, loaded_at = a.loaded_at
FROM articles AS a WHERE bloc_leadership.article_id = a.article_id;
UPDATE indicators SET extractor_version = a.extractor_version, loaded_at = a.loaded_at
FROM articles AS a WHERE indicators.article_id = a.article_id;
UPDATE documents SET extractor_version = a.extractor_version, loaded_at = a.loaded_at
FROM articles AS a WHERE documents.article_id = a.article_id;
UPDATE movements SET extractor_version = a.extractor_version, loaded_at = a.loaded_at
FROM articles AS a WHERE movements.article_id = a.article_id;
