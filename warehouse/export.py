"""Writing the warehouse out for other systems, with a published schema beside the files.

Layout of an export folder (every format into the same folder gives one package):

    <table>.parquet/article_province=<p>/article_year=<y>/data_0.parquet   every table
    <view>.csv                                                            every analyst view
    analyst-views.xlsx                                                    the views, for Excel
    records.jsonl                                                         whole records
    record.schema.json                                                    JSON Schema of a record
    datapackage.json                                                      Frictionless Data Package

Tables are partitioned by the province and publication year of the article each row comes
from, so an article and all its facts share a partition (foreign keys never cross one, and
re-exporting a province-year replaces whole files). The keys are named article_province /
article_year, not province / year: awards.year, bloc_leadership.year and blocs.province
are columns of their own, and hive readers (DuckDB, pyarrow) let a path key override a
file column of the same name — `year=2021` would silently overwrite an award's year.
An article without a province or date sits under article_province=unknown / article_year=0,
not under hive's null folder: pandas cannot read a dataset whose partition key is null in
one folder and a string in another ("Cannot yet unify dictionaries with nulls").

CSV files start with a byte-order mark, so Excel reads their accents as UTF-8 (pandas,
polars, DuckDB and pyarrow skip it).
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import unquote

import duckdb

from thidua.schema import json_schema_text
from thidua.warehouse import datapackage, excel
from thidua.warehouse.assemble import iter_records
from thidua.warehouse.datapackage import ARTICLE_KEY, PACKAGE_NAME, ExportedFile, describe
from thidua.warehouse.db import FACT_TABLES, TABLES, VIEWS, PathLike, connect, ensure_schema

FORMATS = ("parquet", "jsonl", "csv", "xlsx")
CHOICES = (*FORMATS, "all")
SCHEMA_NAME = "record.schema.json"
RECORDS_NAME = "records.jsonl"
XLSX_NAME = "analyst-views.xlsx"
PARTITION_KEYS = ("article_province", "article_year")
UNKNOWN_PROVINCE, UNKNOWN_YEAR = "unknown", 0  # the partition of articles without them
BOM = "\ufeff".encode("utf-8")
# Tables that describe the file rather than the news (schema version), and the working
# tables a load keeps the history with (rebuilt from the raw tables by history.refresh):
# not exported. The history tables the analyst views read are.
_INTERNAL_TABLES = {"meta", "entity_mentions", *FACT_TABLES}


def export(path: PathLike | None, fmt: str, out_dir: str | os.PathLike) -> list[Path]:
    """Export the warehouse at `path`; returns every file written, datapackage.json last.

    fmt: parquet (every table), csv (every analyst view), jsonl (whole records), xlsx (every
    analyst view, one sheet each, Vietnamese column names and labels) or all.
    record.schema.json and datapackage.json are written with any of them; the package
    describes the files of this call.
    """
    if fmt not in CHOICES:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(CHOICES)}")
    formats = FORMATS if fmt == "all" else (fmt,)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    con = connect(path, read_only=True)
    try:
        written: list[ExportedFile] = []
        if "parquet" in formats:
            for table in export_tables(con):
                written += write_table_parquet(con, table, out)
        if "csv" in formats:
            written += [write_view_csv(con, view, out) for view in VIEWS]
        if "jsonl" in formats:
            written.append(write_records(con, out))
        if "xlsx" in formats:
            written.append(write_views_xlsx(con, out))
        (out / SCHEMA_NAME).write_text(json_schema_text(), encoding="utf-8")
        written.append(ExportedFile(Path(SCHEMA_NAME), "json-schema"))
        package = datapackage.write(con, out, written)
    finally:
        con.close()
    return [out / f.path for f in written] + [package]


def export_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every base table of the warehouse: the record's tables first, then any others."""
    names = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
    others = [n for n in names if n not in TABLES and n not in _INTERNAL_TABLES
              and not n.startswith("_")]
    return [t for t in TABLES if t in names] + others


def _quote_path(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_table_parquet(con: duckdb.DuckDBPyConnection, table: str, out: Path
                        ) -> list[ExportedFile]:
    """One table as a folder of Parquet files, hive-partitioned when its rows have articles."""
    folder = out / f"{table}.parquet"
    if folder.is_dir():
        shutil.rmtree(folder)
    elif folder.exists():
        folder.unlink()
    folder.mkdir(parents=True)
    columns = [name for name, _type, _null in describe(con, table)]
    order = ", ".join(_ident(c) for c in (datapackage.primary_key(con, table) or columns[:1]))
    rows = con.execute(f"SELECT count(*) FROM {_ident(table)}").fetchall()[0][0]
    if ARTICLE_KEY not in columns or rows == 0:
        # No article to partition by (entity tables), or nothing to partition: one file,
        # so the table's schema is still published.
        target = folder / "data_0.parquet"
        con.execute(f"COPY (SELECT * FROM {_ident(table)} ORDER BY {order}) "
                    f"TO {_quote_path(target)} (FORMAT parquet)")
        return [ExportedFile(target.relative_to(out), "parquet", table)]
    keys = (f"coalesce(province, '{UNKNOWN_PROVINCE}') AS article_province, "
            f"coalesce(year(published), {UNKNOWN_YEAR}) AS article_year")
    if table == "articles":
        source = f"SELECT *, {keys} FROM articles"
    else:
        source = (f"SELECT t.*, a.article_province, a.article_year FROM {_ident(table)} AS t "
                  f"LEFT JOIN (SELECT article_id, {keys} FROM articles) AS a USING (article_id)")
    con.execute(f"COPY ({source} ORDER BY {order}) TO {_quote_path(folder)} "
                f"(FORMAT parquet, PARTITION_BY ({', '.join(PARTITION_KEYS)}), "
                "OVERWRITE_OR_IGNORE true)")
    return [ExportedFile(file.relative_to(out), "parquet", table, _partition(file, folder))
            for file in sorted(folder.rglob("*.parquet"))]


def _partition(file: Path, folder: Path) -> dict:
    """The hive keys of a partition file's path, decoded (DuckDB percent-encodes values)."""
    values: dict = {}
    for part in file.relative_to(folder).parent.parts:
        key, _, raw = part.partition("=")
        value = unquote(raw)
        values[key] = int(value) if key == "article_year" else value
    return values


def write_view_csv(con: duckdb.DuckDBPyConnection, view: str, out: Path) -> ExportedFile:
    """An analyst view as CSV; list and struct cells as JSON text (Table Schema `array`)."""
    target = out / f"{view}.csv"
    select = ", ".join(
        f"to_json({_ident(name)}) AS {_ident(name)}"
        if dtype.endswith("]") or dtype.startswith(("STRUCT", "MAP")) else _ident(name)
        for name, dtype, _null in describe(con, view))
    body = target.with_name(target.name + ".part")
    con.execute(f"COPY (SELECT {select} FROM {_ident(view)}) TO {_quote_path(body)} "
                "(FORMAT csv, HEADER true)")
    with open(target, "wb") as handle, open(body, "rb") as rows:
        handle.write(BOM)
        shutil.copyfileobj(rows, handle, 1 << 20)
    body.unlink()
    return ExportedFile(target.relative_to(out), "csv", view)


def write_views_xlsx(con: duckdb.DuckDBPyConnection, out: Path) -> ExportedFile:
    """Every analyst view as a sheet of one workbook (warehouse/excel.py)."""
    target = out / XLSX_NAME
    excel.write(target, ((view, con.sql(f"SELECT * FROM {_ident(view)}").to_arrow_table())
                         for view in VIEWS))
    return ExportedFile(target.relative_to(out), "xlsx")


def write_records(con: duckdb.DuckDBPyConnection, out: Path) -> ExportedFile:
    target = out / RECORDS_NAME
    with open(target, "w", encoding="utf-8") as handle:
        for record in iter_records(con):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return ExportedFile(target.relative_to(out), "jsonl")


def open_parquet_export(root: str | os.PathLike,
                        con: duckdb.DuckDBPyConnection | None = None
                        ) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection whose tables are views over an export's Parquet files.

    The warehouse's DDL runs first (so empty tables keep their types and every analyst
    view exists), then each table with exported files is replaced by a view over them.
    `root` may be a folder or an object-store prefix (s3://bucket/thidua) once the httpfs
    extension is loaded on `con`. Views bind by name when queried, so the analyst views
    read the Parquet files unchanged.
    """
    con = con if con is not None else duckdb.connect()
    ensure_schema(con)
    base = str(root).rstrip("/")
    for table in export_tables(con):
        pattern = f"{base}/{table}.parquet/**/*.parquet"
        if not con.execute("SELECT count(*) FROM glob(?)", [pattern]).fetchall()[0][0]:
            continue
        # Path keys stay out: they duplicate articles.province and collide with own columns.
        con.execute(f"DROP TABLE {_ident(table)}")
        con.execute(f"CREATE VIEW {_ident(table)} AS SELECT * FROM read_parquet("
                    f"{_quote_path(pattern)}, hive_partitioning = false)")
    return con


__all__ = ["CHOICES", "FORMATS", "PACKAGE_NAME", "PARTITION_KEYS", "RECORDS_NAME", "SCHEMA_NAME",
           "XLSX_NAME", "write_views_xlsx",
           "export", "export_tables", "open_parquet_export", "write_records",
           "write_table_parquet", "write_view_csv"]
