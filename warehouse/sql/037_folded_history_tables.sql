-- The tables that hold the rows of the views of 036_folded_history.sql (kept by key by
-- history.py).
CREATE TABLE IF NOT EXISTS hist_bloc_leadership_history AS
    SELECT * FROM calc_hist_bloc_leadership_history LIMIT 0;
CREATE TABLE IF NOT EXISTS hist_award_trends AS SELECT * FROM calc_hist_award_trends LIMIT 0;
