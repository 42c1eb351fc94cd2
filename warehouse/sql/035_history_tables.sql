-- The tables that hold the rows of the calc_hist_* views (kept by key by history.py;
-- created empty here).
CREATE TABLE IF NOT EXISTS hist_holders AS SELECT * FROM calc_hist_holders LIMIT 0;
CREATE TABLE IF NOT EXISTS hist_awards AS SELECT * FROM calc_hist_awards LIMIT 0;
CREATE TABLE IF NOT EXISTS hist_indicator_series AS SELECT * FROM calc_hist_indicator_series LIMIT 0;
CREATE TABLE IF NOT EXISTS hist_officials AS SELECT * FROM calc_hist_officials LIMIT 0;

