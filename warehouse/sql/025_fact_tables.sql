-- The tables that hold the rows of the calc_fact_* views and of calc_entity_mentions
-- (kept per article by history.py; created empty here).
CREATE TABLE IF NOT EXISTS entity_mentions AS SELECT * FROM calc_entity_mentions LIMIT 0;
CREATE TABLE IF NOT EXISTS fact_leadership AS SELECT * FROM calc_fact_leadership LIMIT 0;
CREATE TABLE IF NOT EXISTS fact_awards AS SELECT * FROM calc_fact_awards LIMIT 0;
CREATE TABLE IF NOT EXISTS fact_indicators AS SELECT * FROM calc_fact_indicators LIMIT 0;
CREATE TABLE IF NOT EXISTS fact_titles AS SELECT * FROM calc_fact_titles LIMIT 0;
CREATE TABLE IF NOT EXISTS fact_events AS SELECT * FROM calc_fact_events LIMIT 0;
CREATE TABLE IF NOT EXISTS fact_members AS SELECT * FROM calc_fact_members LIMIT 0;
CREATE TABLE IF NOT EXISTS fact_blocs AS SELECT * FROM calc_fact_blocs LIMIT 0;
