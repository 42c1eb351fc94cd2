"""Opening the warehouse file and keeping its schema in step with warehouse/sql/*.sql."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import duckdb

from thidua.warehouse import overrides as overrides_file
from thidua.warehouse import history, labels, places
from thidua.warehouse.migrate import SchemaVersionError, upgrade

# Bump when a DDL file changes in a way an existing file cannot pick up by re-running it,
# and add the step to migrate.py.
WAREHOUSE_SCHEMA_VERSION = 4
DEFAULT_PATH = Path("data") / "thidua.duckdb"

PathLike = str | os.PathLike

# The contract's sections plus bloc_members, in the order exports and deletes use.
TABLES = ("articles", "events", "blocs", "bloc_members", "people", "awards", "bloc_leadership",
          "indicators", "documents", "movements")
# Resolved entities (rebuilt after each load) and the tables that support them.
ENTITY_TABLES = ("entity_units", "entity_unit_aliases", "entity_people", "entity_person_aliases",
                 "entity_blocs", "entity_bloc_aliases")
SUPPORT_TABLES = ("load_failures", "places_provinces", "entity_title_parts", "code_labels")
VIEWS = ("bloc_leadership_history", "award_trends", "indicator_series", "officials", "coverage")
# What the analyst views read, kept up to date by every load (history.py).
FACT_TABLES = tuple(d.table for d in history.FACTS)
HISTORY_TABLES = tuple(d.table for d in history.HISTORY)
MART_TABLES = tuple(d.table for d in history.MARTS)
ENTITY_VIEWS = ("entity_person_titles",)
# The DDL files that hold only the views derived tables are computed by: they run in the
# schema `scoped` too (history.py).
SCOPED_FILES = ("010_staging.sql", "020_facts.sql", "030_history.sql", "036_folded_history.sql",
                "040_marts.sql")

__all__ = ["ENTITY_TABLES", "ENTITY_VIEWS", "FACT_TABLES", "HISTORY_TABLES", "SUPPORT_TABLES", "TABLES", "VIEWS",
           "WAREHOUSE_SCHEMA_VERSION", "SchemaVersionError", "connect", "default_path",
           "ensure_schema", "schema_version"]


def default_path() -> Path:
    return Path(os.environ.get("THIDUA_DB") or DEFAULT_PATH)


def sql_files() -> list[tuple[str, str]]:
    """(name, text) of every DDL file, in the order their numbers give."""
    folder = resources.files("thidua.warehouse") / "sql"
    files = [f for f in folder.iterdir() if f.name.endswith(".sql")]
    return [(f.name, f.read_text(encoding="utf-8")) for f in sorted(files, key=lambda f: f.name)]


def connect(path: PathLike | None = None, read_only: bool = False,
            overrides: PathLike | None = None, config: dict | None = None
            ) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writable connection also creates or upgrades its schema.

    A writable connection holds the file: other processes cannot open it, even read-only,
    until it is closed. Loads therefore write a copy and swap it in (warehouse/swap.py).
    `overrides` is the entity overrides file used if an upgrade re-resolves entities
    (default: beside the file); `config` is passed to DuckDB (query.SANDBOX)."""
    path = Path(path) if path is not None else default_path()
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no warehouse at {path}: load records first")
        con = duckdb.connect(str(path), read_only=True, config=config or {})
        try:
            _check_readable(con, path)
        except BaseException:
            con.close()
            raise
        return con
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:  # no progress bar on the terminal of a load (in Jupyter DuckDB refuses the setting)
        con.execute("SET enable_progress_bar = false")
    except duckdb.Error:
        pass
    try:
        ensure_schema(con, overrides if overrides is not None else overrides_file.default_path(path))
    except BaseException:
        con.close()
        raise
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection, overrides: PathLike | None = None) -> None:
    """Upgrade an older file, run every DDL file (all idempotent), sync the places table and
    record the schema version in `meta`, in one transaction."""
    stored = _stored_version(con)
    if stored is None and _has_table(con, "articles"):
        raise SchemaVersionError(
            "this warehouse file has no schema version (it predates versioned warehouses): "
            "rebuild it by loading your records into a new file (thidua load RECORDS.jsonl --db NEW)")
    if stored is not None and stored > WAREHOUSE_SCHEMA_VERSION:
        raise SchemaVersionError(
            f"warehouse schema v{stored} is newer than this code (v{WAREHOUSE_SCHEMA_VERSION}): "
            "upgrade thidua")
    con.begin()
    try:
        migrated = stored is not None and stored < WAREHOUSE_SCHEMA_VERSION
        if migrated:
            upgrade(con, stored, WAREHOUSE_SCHEMA_VERSION)
        files = sql_files()
        for _name, text in files:
            con.execute(text)
        con.execute(history.scoped_sql())
        con.execute("SET schema = 'scoped'")
        try:
            for name, text in files:
                if name in SCOPED_FILES:
                    con.execute(text)
        finally:
            con.execute("SET schema = 'main'")
        places.sync(con)
        labels.sync(con)
        if migrated:
            history.refresh(con, overrides_file.read(overrides))
        con.execute("INSERT OR REPLACE INTO meta VALUES ('warehouse_schema_version', ?)",
                    [str(WAREHOUSE_SCHEMA_VERSION)])
        con.commit()
    except BaseException:
        con.rollback()
        raise


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The warehouse schema version stored in the file, or None for an empty file."""
    return _stored_version(con)


def _check_readable(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    stored = _stored_version(con)
    if stored == WAREHOUSE_SCHEMA_VERSION:
        return
    if stored is not None and stored > WAREHOUSE_SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{path} has warehouse schema v{stored}, newer than this code "
            f"(v{WAREHOUSE_SCHEMA_VERSION}): upgrade thidua")
    if stored is None:
        raise SchemaVersionError(
            f"{path} has no warehouse schema version: rebuild it by loading your records "
            "into a new file (thidua load RECORDS.jsonl --db NEW)")
    raise SchemaVersionError(
        f"{path} has warehouse schema v{stored}; this code reads v{WAREHOUSE_SCHEMA_VERSION}. "
        f"Upgrade it in place, keeping every row, with: thidua entities refresh --db {path} "
        "(any thidua load into it upgrades it too)")


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_name = ?", [name]).fetchall()[0][0] > 0


def _stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    if not _has_table(con, "meta"):
        return None
    rows = con.execute("SELECT value FROM meta WHERE key = 'warehouse_schema_version'").fetchall()
    return int(rows[0][0]) if rows else None
