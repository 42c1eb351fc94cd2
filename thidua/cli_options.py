"""Options several `thidua` commands share: which warehouse file they read or write."""
from __future__ import annotations

import os
from pathlib import Path

import click

DEFAULT_DB = "data/thidua.duckdb"


def db_option(f):
    return click.option("--db", type=click.Path(dir_okay=False), default=None,
                        help=f"DuckDB file (default: $THIDUA_DB or {DEFAULT_DB}).")(f)


def resolve_db(db: str | None) -> Path:
    return Path(db or os.environ.get("THIDUA_DB") or DEFAULT_DB)
