"""Column checks on the raw tables (unique, not null, accepted values), run by the tests.

Accepted values are read from the record models' Literal types so the warehouse cannot
drift from the contract.
"""
from __future__ import annotations

from typing import get_args

import duckdb

from thidua.schema import record as model

UNIQUE = {
    "articles": ("article_id",),
    "bloc_members": ("article_id", "bloc_item_no", "item_no"),
    **{t: ("article_id", "item_no") for t in ("events", "blocs", "people", "awards",
                                              "bloc_leadership", "indicators", "documents",
                                              "movements")},
}
ACCEPTED = {
    ("events", "type"): model.EventType,
    ("blocs", "kind"): model.BlocKind,
    ("bloc_members", "role"): model.MemberRole,
    ("people", "role"): model.PersonRole,
    ("people", "honorific"): model.Honorific,
    ("awards", "type"): model.AwardType,
    ("awards", "status"): model.AwardStatus,
    ("awards", "recipient_kind"): model.RecipientKind,
    ("bloc_leadership", "role"): model.LeadershipRole,
    ("bloc_leadership", "status"): model.LeadershipStatus,
}


# Resolved entities: one row per id, one entity per spelling, no spelling pointing nowhere.
ENTITY_UNIQUE = {
    "entity_units": ("unit_id",), "entity_people": ("person_id",), "entity_blocs": ("bloc_id",),
    "entity_unit_aliases": ("alias", "context"), "entity_person_aliases": ("alias", "context"),
    "entity_bloc_aliases": ("alias", "context"),
}
ENTITY_REFERENCES = {
    "entity_unit_aliases": ("unit_id", "entity_units"),
    "entity_person_aliases": ("person_id", "entity_people"),
    "entity_bloc_aliases": ("bloc_id", "entity_blocs"),
}


# The history and marts: one row per key (what history.py updates them by).
DERIVED_UNIQUE = {
    "hist_holders": ("bloc_id", "year", "role", "unit_id"),
    "hist_bloc_leadership_history": ("bloc_id", "year", "leader_unit_id", "deputy_unit_id"),
    "hist_awards": ("award_key",),
    "hist_award_trends": ("trend_key",),
    "mart_award_trends": ("trend_key",),
    "hist_indicator_series": ("series_key", "region", "province", "period", "value", "unit"),
    "hist_officials": ("person_id", "title", "organisation_id", "organisation_written"),
    "mart_coverage": ("source", "month"),
}


def run_checks(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every failed check as a sentence; an empty list means the warehouse is sound."""
    failures = []
    stale = _count(con, "SELECT count(*) FROM mart_award_trends WHERE trend_key NOT IN "
                        "(SELECT trend_key FROM hist_award_trends)")
    if stale:
        failures.append(f"mart_award_trends: {stale} rows of no hist_award_trends row")
    for table, key in {**DERIVED_UNIQUE, **ENTITY_UNIQUE}.items():
        columns = ", ".join(key)
        dupes = _count(con, f"SELECT count(*) FROM (SELECT {columns} FROM {table} "
                            f"GROUP BY {columns} HAVING count(*) > 1)")
        if dupes:
            failures.append(f"{table}: {dupes} repeated ({columns})")
    for table, (column, target) in ENTITY_REFERENCES.items():
        orphans = _count(con, f"SELECT count(*) FROM {table} WHERE {column} NOT IN "
                              f"(SELECT {column} FROM {target})")
        if orphans:
            failures.append(f"{table}: {orphans} spellings of no {target} row")
    for table, key in UNIQUE.items():
        columns = ", ".join(key)
        dupes = _count(con, f"SELECT count(*) FROM (SELECT {columns} FROM {table} "
                            f"GROUP BY {columns} HAVING count(*) > 1)")
        if dupes:
            failures.append(f"{table}: {dupes} repeated ({columns})")
        orphans = 0 if table == "articles" else _count(
            con, f"SELECT count(*) FROM {table} WHERE article_id NOT IN "
                 "(SELECT article_id FROM articles)")
        if orphans:
            failures.append(f"{table}: {orphans} rows without an article")
    for (table, column), literal in ACCEPTED.items():
        allowed = list(get_args(literal))
        bad = _count(con, f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL "
                          f"AND NOT list_contains(?, {column})", [allowed])
        if bad:
            failures.append(f"{table}.{column}: {bad} values outside {allowed}")
    return failures


def _count(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> int:
    return con.execute(sql, params or []).fetchall()[0][0]
