-- Warehouse schema v3 → v4, run by warehouse/migrate.py inside one transaction before the
-- v4 DDL files: every fact table gains the words that state the fact (the record's
-- evidence.span_start / span_end). Rows loaded before have none (NULL); reloading their
-- records fills them.
ALTER TABLE events ADD COLUMN IF NOT EXISTS evidence_span_start INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS evidence_span_end INTEGER;
ALTER TABLE blocs ADD COLUMN IF NOT EXISTS evidence_span_start INTEGER;
ALTER TABLE blocs ADD COLUMN IF NOT EXISTS evidence_span_end INTEGER;
ALTER TABLE people ADD COLUMN IF NOT EXISTS evidence_span_start INTEGER;
ALTER TABLE people ADD COLUMN IF NOT EXISTS evidence_span_end INTEGER;
ALTER TABLE awards ADD COLUMN IF NOT EXISTS evidence_span_start INTEGER;
ALTER TABLE awards ADD COLUMN IF NOT EXISTS evidence_span_end INTEGER;
ALTER TABLE bloc_leadership ADD COLUMN IF NOT EXISTS evidence_span_start INTEGER;
ALTER TABLE bloc_leadership ADD COLUMN IF NOT EXISTS evidence_span_end INTEGER;
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS evidence_span_start INTEGER;
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS evidence_span_end INTEGER;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS evidence_span_start INTEGER;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS evidence_span_end INTEGER;
ALTER TABLE movements ADD COLUMN IF NOT EXISTS evidence_span_start INTEGER;
ALTER TABLE movements ADD COLUMN IF NOT EXISTS evidence_span_end INTEGER;
