-- The tables that hold the rows of the calc_mart_* views (kept by history.py).
CREATE TABLE IF NOT EXISTS mart_award_trends AS SELECT * FROM calc_mart_award_trends LIMIT 0;
CREATE TABLE IF NOT EXISTS mart_coverage AS SELECT * FROM calc_mart_coverage LIMIT 0;
