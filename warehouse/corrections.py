"""Looking entities up and correcting their resolution: what `thidua entities` runs."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from thidua.warehouse import overrides as overrides_file
from thidua.warehouse import history, resolve
from thidua.warehouse.db import PathLike, connect
from thidua.warehouse.overrides import Override
from thidua.warehouse.swap import writing

_ID = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class Spelling:
    """A spelling as the facts carry it, in the province it was read in."""

    alias: str
    context: str | None


def refresh(path: PathLike, overrides: PathLike | None = None) -> dict[str, int]:
    """Re-resolve every entity of the warehouse at `path` (upgrading an older file first)."""
    overrides = overrides if overrides is not None else overrides_file.default_path(path)
    with writing(path, overrides=overrides) as con:
        con.begin()
        try:
            counts = history.refresh(con, overrides_file.read(overrides))
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return counts


def correct(path: PathLike, override: Override, overrides: PathLike | None = None
            ) -> dict[str, int]:
    """Append `override` to the overrides file and re-resolve, as one step: a correction
    that cannot be parsed or applied leaves both the file and the warehouse as they were."""
    overrides = Path(overrides if overrides is not None else overrides_file.default_path(path))
    before = overrides.read_text(encoding="utf-8") if overrides.exists() else None
    overrides_file.append(overrides, override)
    try:
        return refresh(path, overrides)
    except BaseException:
        if before is None:
            overrides.unlink(missing_ok=True)
        else:
            overrides.write_text(before, encoding="utf-8")
        raise


def spelling(con: duckdb.DuckDBPyConnection, kind: str, name_or_id: str,
             province: str | None) -> Spelling:
    """An entity id stands for the spelling its key came from; anything else is a name."""
    if not _ID.match(name_or_id):
        return Spelling(name_or_id, province)
    k = resolve.KINDS[kind]
    rows = con.execute(
        f"SELECT a.alias, a.context FROM {k.aliases} AS a JOIN {k.table} AS e "
        f"ON e.{k.id_column} = a.{k.id_column} AND e.key = a.base_key "
        f"WHERE e.{k.id_column} = ? ORDER BY a.mentions DESC, a.alias LIMIT 1",
        [name_or_id]).fetchall()
    if not rows:
        raise LookupError(f"no {kind} with id {name_or_id}")
    return Spelling(rows[0][0], rows[0][1] or None)


def entity_of(con: duckdb.DuckDBPyConnection, kind: str, alias: str, context: str | None
              ) -> tuple[str, str] | None:
    """(id, name) of the entity a spelling resolves to now, or None if no fact uses it."""
    k = resolve.KINDS[kind]
    rows = con.execute(
        f"SELECT e.{k.id_column}, e.name FROM {k.aliases} AS a JOIN {k.table} AS e "
        f"USING ({k.id_column}) WHERE a.alias = ? AND (? IS NULL OR a.context = ?) "
        "ORDER BY a.mentions DESC LIMIT 1", [alias, context, context]).fetchall()
    return (rows[0][0], rows[0][1]) if rows else None


def open_read(path: PathLike) -> duckdb.DuckDBPyConnection:
    return connect(path, read_only=True)
