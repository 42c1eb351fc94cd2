"""Upgrading a warehouse file written by an older schema version, in place, keeping its rows.

Each step is a SQL file in sql/migrations/ (v<N>_to_v<N+1>.sql) plus, where SQL cannot do it
alone, a Python function below. db.ensure_schema runs the steps inside the transaction that
then applies the current DDL and re-resolves entities, so a failed upgrade leaves the file
as it was.
"""
from __future__ import annotations

from importlib import resources

import duckdb
import pyarrow as pa

from thidua.warehouse.places import district_of


class SchemaVersionError(RuntimeError):
    """The file's schema version is one this code cannot read or upgrade."""


def step_sql(old: int) -> str:
    folder = resources.files("thidua.warehouse") / "sql" / "migrations"
    return (folder / f"v{old}_to_v{old + 1}.sql").read_text(encoding="utf-8")


def _v1_to_v2(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(step_sql(1))
    rows = con.execute("SELECT article_id, title, body FROM articles").fetchall()
    found = [(a, district_of(t, b)) for a, t, b in rows]
    found = [(a, d) for a, d in found if d]
    if found:
        con.register("_districts", pa.table({"article_id": [a for a, _ in found],
                                             "district": [d for _, d in found]}))
        try:
            con.execute("UPDATE articles SET district = d.district FROM _districts AS d "
                        "WHERE articles.article_id = d.article_id")
        finally:
            con.unregister("_districts")


def _v2_to_v3(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(step_sql(2))


def _v3_to_v4(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(step_sql(3))


STEPS = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def upgrade(con: duckdb.DuckDBPyConnection, stored: int, target: int) -> None:
    """Run every step from `stored` up to `target` (the caller holds the transaction)."""
    for version in range(stored, target):
        step = STEPS.get(version)
        if step is None:
            raise SchemaVersionError(
                f"no migration from warehouse schema v{version} to v{version + 1}: rebuild the "
                "file by loading your records into a new one (thidua load RECORDS.jsonl --db NEW)")
        step(con)
