"""Writing the warehouse out as Parquet, CSV or JSONL files for other systems."""
from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb

from thidua.schema import json_schema_text
from thidua.warehouse.assemble import iter_records
from thidua.warehouse.db import TABLES, VIEWS, PathLike, connect

FORMATS = ("parquet", "jsonl", "csv")
SCHEMA_NAME = "record.schema.json"
RECORDS_NAME = "records.jsonl"

# Stable row order so two exports of the same warehouse are byte-comparable.
_ORDER = {"articles": "article_id", "bloc_members": "article_id, bloc_item_no, item_no"}


def export(path: PathLike | None, fmt: str, out_dir: str | os.PathLike) -> list[Path]:
    """Export every table and analyst view (parquet, csv) or whole records (jsonl)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    con = connect(path, read_only=True)
    try:
        files = _write_records(con, out) if fmt == "jsonl" else _copy_relations(con, fmt, out)
    finally:
        con.close()
    schema_file = out / SCHEMA_NAME
    schema_file.write_text(json_schema_text(), encoding="utf-8")
    return files + [schema_file]


def _copy_relations(con: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> list[Path]:
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    files = []
    for name in TABLES + VIEWS:
        target = out / f"{name}.{fmt}"
        order = "" if name in VIEWS else f" ORDER BY {_ORDER.get(name, 'article_id, item_no')}"
        quoted = str(target).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM {name}{order}) TO '{quoted}' ({options})")
        files.append(target)
    return files


def _write_records(con: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    target = out / RECORDS_NAME
    with open(target, "w", encoding="utf-8") as handle:
        for record in iter_records(con):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [target]
