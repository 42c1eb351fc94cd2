-- Warehouse schema v2 → v3, run by warehouse/migrate.py inside one transaction before the
-- v3 DDL files. No raw row changes: the history tables are recomputed from the facts, by
-- their keys and without names (the analyst views join those), so the v2 ones go first.
DROP VIEW IF EXISTS bloc_leadership_history;
DROP VIEW IF EXISTS award_trends;
DROP VIEW IF EXISTS indicator_series;
DROP VIEW IF EXISTS officials;
DROP TABLE IF EXISTS hist_bloc_leadership_history;
DROP TABLE IF EXISTS hist_award_trends;
DROP TABLE IF EXISTS hist_indicator_series;
DROP TABLE IF EXISTS hist_officials;
