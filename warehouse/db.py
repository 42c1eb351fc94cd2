"""Opening the warehouse file and keeping its schema in step with warehouse/sql/*.sql."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import duckdb

# Bump when a DDL file changes in a way an existing file cannot pick up by re-running it.
WAREHOUSE_SCHEMA_VERSION = 1
DEFAULT_PATH = Path("data") / "thidua.duckdb"

PathLike = str | os.PathLike

# The contract's sections plus bloc_members, in the order exports and deletes use.
TABLES = ("articles", "events", "blocs", "bloc_members", "people", "awards", "bloc_leadership",
          "indicators", "documents", "movements")
VIEWS = ("bloc_leadership_history", "award_counts")


class SchemaVersionError(RuntimeError):
    """The file was written by a newer warehouse than this code knows."""


def default_path() -> Path:
    return Path(os.environ.get("THIDUA_DB") or DEFAULT_PATH)


def sql_files() -> list[tuple[str, str]]:
    """(name, text) of every DDL file, in the order their numbers give."""
    folder = resources.files("thidua.warehouse") / "sql"
    files = [f for f in folder.iterdir() if f.name.endswith(".sql")]
    return [(f.name, f.read_text(encoding="utf-8")) for f in sorted(files, key=lambda f: f.name)]


def connect(path: PathLike | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writable connection also creates or updates its schema."""
    path = Path(path) if path is not None else default_path()
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no warehouse at {path}: load records first")
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        ensure_schema(con)
    except BaseException:
        con.close()
        raise
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Run every DDL file (all idempotent) and record the schema version in `meta`."""
    stored = _stored_version(con)
    if stored is not None and stored > WAREHOUSE_SCHEMA_VERSION:
        raise SchemaVersionError(
            f"warehouse schema v{stored} is newer than this code (v{WAREHOUSE_SCHEMA_VERSION})")
    con.begin()
    try:
        for _name, text in sql_files():
            con.execute(text)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('warehouse_schema_version', ?)",
                    [str(WAREHOUSE_SCHEMA_VERSION)])
        con.commit()
    except BaseException:
        con.rollback()
        raise


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The warehouse schema version stored in the file, or None for an empty file."""
    return _stored_version(con)


def _stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_name = 'meta'").fetchall()[0][0]
    if not exists:
        return None
    rows = con.execute("SELECT value FROM meta WHERE key = 'warehouse_schema_version'").fetchall()
    return int(rows[0][0]) if rows else None
