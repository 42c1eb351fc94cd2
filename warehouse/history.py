"""Materialising the reconciled analyst views (warehouse/sql/020_views.sql).

Each analyst view reads a hist_* table that holds the result of its calc_* view. Rebuilding
them is set-based SQL over the whole warehouse, run in the transaction of every load,
override and upgrade, after entity resolution, so the tables never disagree with the facts
and an analyst's query is a scan of a few thousand rows instead of a reconciliation.
"""
from __future__ import annotations

import time

import duckdb

MATERIALISED = ("bloc_leadership_history", "award_trends", "indicator_series", "officials")


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    for view in MATERIALISED:
        con.execute(f"CREATE OR REPLACE TABLE hist_{view} AS SELECT * FROM calc_{view}")


def refresh(con: duckdb.DuckDBPyConnection, overrides=(),
            timings: dict[str, float] | None = None) -> dict[str, int]:
    """Re-resolve entities, then rebuild the materialised views; entity counts per kind
    (and, given `timings`, the seconds each step took)."""
    from thidua.warehouse import resolve

    started = time.perf_counter()
    counts = resolve.refresh(con, overrides)
    resolved = time.perf_counter()
    rebuild(con)
    if timings is not None:
        timings["entity resolution"] = resolved - started
        timings["history tables"] = time.perf_counter() - resolved
    return counts


def live(con: duckdb.DuckDBPyConnection) -> None:
    """Point the analyst views straight at their calc_* queries (no materialised tables):
    for a connection whose raw tables are views over files someone else wrote."""
    for view in MATERIALISED:
        con.execute(f"CREATE OR REPLACE VIEW {view} AS SELECT * FROM calc_{view}")
