"""Exports: every format reads back with the warehouse's counts; JSONL round-trips records."""
from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from thidua.schema import SECTIONS, json_schema, validate
from thidua.warehouse.db import TABLES, VIEWS, connect
from thidua.warehouse.export import RECORDS_NAME, SCHEMA_NAME, export
from thidua.warehouse.load import load_records

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def gold_records() -> list[dict]:
    files = sorted(GOLD.glob("*.json")) if GOLD.is_dir() else []
    if not files:
        pytest.skip(f"no gold records in {GOLD}")
    records = []
    for file in files:
        record = json.loads(file.read_text(encoding="utf-8"))
        record["id"] = file.stem
        records.append(record)
    return records


def with_evidence(record: dict) -> dict:
    """The gold record as an extractor would emit it: a body, and evidence on every item."""
    record = copy.deepcopy(record)
    record["body"] = record["title"] or "body"
    span = {"text": record["body"], "start": 0, "end": len(record["body"])}
    for section in SECTIONS:
        if section != "movements":
            for item in record[section]:
                item["evidence"] = dict(span)
    record["movement_evidence"] = [dict(span) for _ in record["movements"]]
    record["extractor_version"] = "test-1"
    return record


@pytest.fixture
def records() -> list[dict]:
    return [with_evidence(r) for r in gold_records()]


@pytest.fixture
def db(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "thidua.duckdb"
    stats = load_records(path, records)
    assert stats.ok, stats.rejected
    return path


def relation_counts(path: Path) -> dict[str, int]:
    con = connect(path, read_only=True)
    try:
        return {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
                for name in TABLES + VIEWS}
    finally:
        con.close()


def test_parquet_one_file_per_table_and_view(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    files = export(db, "parquet", out)
    expected = relation_counts(db)
    assert sorted(f.name for f in files) == sorted(
        [f"{name}.parquet" for name in expected] + [SCHEMA_NAME])
    for name, count in expected.items():
        assert pq.read_table(out / f"{name}.parquet").num_rows == count, name
        via_duckdb = duckdb.sql(f"SELECT count(*) FROM '{out / f'{name}.parquet'}'").fetchall()
        assert via_duckdb == [(count,)]


def test_parquet_keeps_types(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    export(db, "parquet", out)
    schema = pq.read_schema(out / "indicators.parquet")
    assert str(schema.field("value").type) == "double"
    assert str(schema.field("estimate").type) == "bool"
    assert str(pq.read_schema(out / "articles.parquet").field("published").type) == "date32[day]"
    assert str(pq.read_schema(out / "blocs.parquet").field("aliases").type).startswith("list")


def test_csv_one_file_per_table_and_view(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    files = export(db, "csv", out)
    expected = relation_counts(db)
    assert len(files) == len(expected) + 1
    for name, count in expected.items():
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == count, name
    with open(out / "indicators.csv", encoding="utf-8", newline="") as handle:
        values = {row["name"]: row["value"] for row in csv.DictReader(handle)}
    assert float(values["Giá trị sản xuất công nghiệp"]) == 1334.251


def test_jsonl_round_trips_records(db: Path, tmp_path: Path, records: list[dict]) -> None:
    out = tmp_path / "jsonl"
    files = export(db, "jsonl", out)
    assert [f.name for f in files] == [RECORDS_NAME, SCHEMA_NAME]
    lines = (out / RECORDS_NAME).read_text(encoding="utf-8").splitlines()
    exported = {r["id"]: r for r in map(json.loads, lines)}
    expected = {r["id"]: validate(r).model_dump(mode="json") for r in records}
    assert exported == expected


def test_jsonl_reloads_to_the_same_warehouse(db: Path, tmp_path: Path) -> None:
    export(db, "jsonl", tmp_path / "jsonl")
    again = tmp_path / "again.duckdb"
    lines = (tmp_path / "jsonl" / RECORDS_NAME).read_text(encoding="utf-8").splitlines()
    stats = load_records(again, map(json.loads, lines))
    assert stats.ok
    assert relation_counts(again) == relation_counts(db)


def test_schema_file_written_beside_exports(db: Path, tmp_path: Path) -> None:
    export(db, "csv", tmp_path / "csv")
    written = json.loads((tmp_path / "csv" / SCHEMA_NAME).read_text(encoding="utf-8"))
    assert written == json_schema()


def test_unknown_format_is_refused(db: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(db, "xlsx", tmp_path / "x")
