"""Ad-hoc SQL against the warehouse, read-only, and rendering results as text."""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import duckdb

from thidua.warehouse.db import PathLike, connect

FORMATS = ("table", "csv", "json")

# A query reads the warehouse and nothing else: no other file (read_csv('/etc/passwd'),
# COPY … TO, EXPORT DATABASE, ATTACH), no extension installed or loaded, and no setting
# changed afterwards (PRAGMA profiling_output writes a file; the lock also keeps a query
# from switching external access back on).
SANDBOX = {"enable_external_access": False, "autoinstall_known_extensions": False,
           "autoload_known_extensions": False, "allow_community_extensions": False}


def lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """Close a connection to everything but the databases it has attached, for good."""
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


class ReadOnlyError(PermissionError):
    """A statement tried to change the warehouse, or to reach beyond it, through the
    read-only query path."""


def run_query(path: PathLike | None, sql: str, params: Sequence[Any] | dict | None = None
              ) -> tuple[list[str], list[tuple]]:
    """Run one statement on a read-only, sandboxed connection; returns (columns, rows)."""
    con = connect(path, read_only=True, config=SANDBOX)
    try:
        lock_down(con)
        cursor = con.execute(sql, params) if params is not None else con.execute(sql)
        if cursor.description is None:
            return [], []
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()
    except duckdb.PermissionException as err:
        raise ReadOnlyError(
            "queries read the warehouse only: other files, extensions and settings are out "
            f"of reach (use `thidua export` to write files): {err}") from err
    except duckdb.Error as err:
        if "configuration has been locked" in str(err):
            raise ReadOnlyError(f"queries cannot change settings: {err}") from err
        if "read-only" in str(err):
            raise ReadOnlyError(
                "the warehouse is opened read-only for queries; write statements are refused "
                f"(load records with `thidua load` instead): {err}") from err
        raise
    finally:
        con.close()


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table"
                 ) -> str:
    """Render a result as aligned text, CSV, or JSON (a list of objects, dates in ISO)."""
    if fmt == "json":
        objects = [dict(zip(columns, row)) for row in rows]
        return json.dumps(objects, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_csv_cell(v) for v in row] for row in rows])
        return out.getvalue()
    if fmt == "table":
        return _aligned(columns, rows)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return str(value)


def _text_cell(value: Any) -> str:
    if value is None:
        return "NULL"
    # Newlines inside a cell would break the grid.
    return _csv_cell(value).replace("\r", " ").replace("\n", " ")


def display_width(text: str) -> int:
    """Terminal columns: combining marks take none, wide (CJK) characters two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def _aligned(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[_text_cell(v) for v in row] for row in rows]
    numeric = [bool(rows) and all(isinstance(row[i], (int, float, Decimal)) or row[i] is None
                                  for row in rows) for i in range(len(columns))]
    widths = [max([display_width(c)] + [display_width(row[i]) for row in cells])
              for i, c in enumerate(columns)]
    lines = [" | ".join(_pad(c, w, False) for c, w in zip(columns, widths)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(_pad(c, w, r) for c, w, r in zip(row, widths, numeric)) for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines) + "\n"
