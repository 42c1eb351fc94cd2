"""Exports: Parquet tables, CSV views, JSONL records, and the Data Package that describes them.

Every export is validated with frictionless against the datapackage.json written beside it,
and the records against the JSON Schema with jsonschema; broken files must fail.
"""
from __future__ import annotations

import copy
import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import get_args

import duckdb
import jsonschema
import pyarrow.parquet as pq
import pytest

from thidua.demo import run_demo
from thidua.schema import SECTIONS, json_schema, validate
from thidua.schema import record as model
from thidua.warehouse import datapackage
from thidua.warehouse.db import TABLES, VIEWS, connect
from thidua.warehouse.export import (PACKAGE_NAME, RECORDS_NAME, SCHEMA_NAME, export,
                                     export_tables, open_parquet_export)
from thidua.warehouse.load import load_records
from thidua.warehouse.synthetic import generate

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
SYNTHETIC_PROVINCES = ["Bắc Kạn", "Hà Nam", "Thái Nguyên"]


# ---------------------------------------------------------------- warehouses

@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The demo warehouse: the sample site crawled over HTTP, extracted and loaded."""
    path = tmp_path_factory.mktemp("demo") / "thidua.duckdb"
    result = run_demo(path, workdir=path.parent, progress=False)
    assert result["records"] >= 10 and not result["failures"]
    return path


@pytest.fixture(scope="module")
def demo_export(demo_db: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    export(demo_db, "all", out)
    return out


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory) -> Path:
    """300 synthetic articles of three provinces: ~33 full province-year partitions."""
    path = tmp_path_factory.mktemp("synthetic") / "thidua.duckdb"
    stats = load_records(path, generate(300, seed=3, provinces=SYNTHETIC_PROVINCES))
    assert stats.ok, stats.rejected[:3]
    return path


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
def gold(tmp_path: Path) -> tuple[Path, list[dict]]:
    records = [with_evidence(r) for r in gold_records()]
    path = tmp_path / "gold.duckdb"
    stats = load_records(path, records)
    assert stats.ok, stats.rejected
    return path, records


def relation_rows(path: Path, name: str) -> list[tuple]:
    con = connect(path, read_only=True)
    try:
        return con.execute(f"SELECT * FROM {name}").fetchall()
    finally:
        con.close()


def parquet_rows(out: Path, table: str, hive: bool = False) -> list[tuple]:
    pattern = str(out / f"{table}.parquet" / "**" / "*.parquet")
    return duckdb.sql(f"SELECT * FROM read_parquet('{pattern}', hive_partitioning = {hive})"
                      ).fetchall()


def package(out: Path) -> dict:
    return json.loads((out / PACKAGE_NAME).read_text(encoding="utf-8"))


def resource(out: Path, name: str) -> dict:
    return next(r for r in package(out)["resources"] if r["name"] == name)


def errors(report) -> list[tuple[str, str | None]]:
    return [(e.type, getattr(e, "field_name", None)) for task in report.tasks
            for e in task.errors]


# ---------------------------------------------------------------- validation of whole exports

def test_demo_export_validates_against_its_datapackage(demo_export: Path, demo_db: Path) -> None:
    report = datapackage.validate(demo_export / PACKAGE_NAME)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    # The validator read every row of every table resource: it checked real data.
    rows_read: dict[str, int] = {}
    for task, res in zip(report.tasks, package(demo_export)["resources"]):
        key = res.get("table") or res.get("view") or res["name"]
        rows_read[key] = rows_read.get(key, 0) + (task.stats.get("rows") or 0)
    for name in TABLES + VIEWS:
        assert rows_read.get(name, 0) == len(relation_rows(demo_db, name)), name
    assert rows_read["records"] == len(relation_rows(demo_db, "articles"))


def test_synthetic_export_validates_with_foreign_keys_per_partition(synthetic_db: Path,
                                                                    tmp_path: Path) -> None:
    export(synthetic_db, "parquet", tmp_path)
    report = datapackage.validate(tmp_path / PACKAGE_NAME)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    resources = package(tmp_path)["resources"]
    awards = [r for r in resources if r.get("table") == "awards"]
    # 3 provinces × 11 years (and articles whose province was not read)
    assert len(awards) > 25
    for res in awards:
        (fk,) = [k for k in res["schema"]["foreignKeys"] if k["fields"] == ["article_id"]]
        target = resource(tmp_path, fk["reference"]["resource"])
        assert target["table"] == "articles" and target["partition"] == res["partition"]
    # Bloc members point at their bloc, in the same partition.
    for res in (r for r in resources if r.get("table") == "bloc_members"):
        (fk,) = [k for k in res["schema"]["foreignKeys"] if "bloc_item_no" in k["fields"]]
        assert fk["fields"] == ["article_id", "bloc_item_no"]
        assert fk["reference"]["fields"] == ["article_id", "item_no"]
        target = resource(tmp_path, fk["reference"]["resource"])
        assert target["table"] == "blocs" and target["partition"] == res["partition"]


def test_jsonl_records_valid_against_the_json_schema(demo_export: Path) -> None:
    schema = json.loads((demo_export / SCHEMA_NAME).read_text(encoding="utf-8"))
    assert schema == json_schema()
    validator = jsonschema.Draft202012Validator(schema)
    lines = (demo_export / RECORDS_NAME).read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 10
    for line in lines:
        validator.validate(json.loads(line))


def test_jsonl_resource_points_at_the_json_schema(demo_export: Path) -> None:
    records = resource(demo_export, "records")
    assert records["jsonSchema"] == SCHEMA_NAME
    assert records["schema"]["primaryKey"] == ["id"]
    assert resource(demo_export, "record-schema")["path"] == SCHEMA_NAME


# ---------------------------------------------------------------- broken files must fail

def _rewrite_parquet(file: Path, select: str) -> None:
    tmp = file.with_suffix(".tmp")
    duckdb.sql(f"COPY ({select.format(f=f'read_parquet({chr(39)}{file}{chr(39)}, hive_partitioning = false)')}) "
               f"TO '{tmp}' (FORMAT parquet)")
    tmp.replace(file)


def test_wrong_enum_value_in_a_view_csv_fails(demo_export: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy"
    shutil.copytree(demo_export, out)
    target = next(r for r in package(out)["resources"] if r.get("view")
                  and any("enum" in f.get("constraints", {}) for f in r["schema"]["fields"]))
    column = next(f["name"] for f in target["schema"]["fields"]
                  if "enum" in f.get("constraints", {}))
    path = out / target["path"]
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0][column] = "not-a-status"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = datapackage.validate(out / PACKAGE_NAME)
    assert not report.valid
    assert errors(report) == [("constraint-error", column)]


def test_fact_without_its_article_fails(demo_export: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy"
    shutil.copytree(demo_export, out)
    award = next(r for r in package(out)["resources"] if r.get("table") == "awards")
    _rewrite_parquet(out / award["path"],
                     "SELECT * REPLACE ('no-such-article' AS article_id) FROM {f} LIMIT 1")
    report = datapackage.validate(out / PACKAGE_NAME)
    assert not report.valid
    assert ("foreign-key", None) in errors(report)


def test_wrong_type_in_a_parquet_file_fails(demo_export: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy"
    shutil.copytree(demo_export, out)
    award = next(r for r in package(out)["resources"] if r.get("table") == "awards")
    _rewrite_parquet(out / award["path"], "SELECT * REPLACE ('many' AS recipient_count) FROM {f}")
    report = datapackage.validate(out / PACKAGE_NAME)
    assert not report.valid
    assert ("type-error", "recipient_count") in errors(report)


def test_wrong_award_status_in_parquet_fails(demo_export: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy"
    shutil.copytree(demo_export, out)
    award = next(r for r in package(out)["resources"] if r.get("table") == "awards")
    _rewrite_parquet(out / award["path"], "SELECT * REPLACE ('rumoured' AS status) FROM {f}")
    assert ("constraint-error", "status") in errors(datapackage.validate(out / PACKAGE_NAME))


def test_broken_record_fails_the_json_schema(demo_export: Path) -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    record = next(json.loads(line) for line in
                  (demo_export / RECORDS_NAME).read_text(encoding="utf-8").splitlines()
                  if json.loads(line)["awards"])
    record["awards"][0]["status"] = "rumoured"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(record)


# ---------------------------------------------------------------- the package is derived

def test_every_table_view_and_file_has_a_resource(demo_export: Path, demo_db: Path) -> None:
    resources = package(demo_export)["resources"]
    con = connect(demo_db, read_only=True)
    try:
        tables = export_tables(con)
    finally:
        con.close()
    assert set(TABLES) <= set(tables)
    assert {r["table"] for r in resources if "table" in r} == set(tables)
    assert [r["view"] for r in resources if "view" in r] == list(VIEWS)
    described = {r["path"] for r in resources}
    on_disk = {p.relative_to(demo_export).as_posix() for p in demo_export.rglob("*")
               if p.is_file() and p.name != PACKAGE_NAME}
    assert described == on_disk


def test_field_types_enums_and_keys_come_from_ddl_and_models(demo_export: Path) -> None:
    resources = package(demo_export)["resources"]

    def fields(table: str) -> dict[str, dict]:
        res = next(r for r in resources if r.get("table") == table)
        return {f["name"]: f for f in res["schema"]["fields"]}

    awards = fields("awards")
    assert awards["status"]["constraints"]["enum"] == list(get_args(model.AwardStatus))
    assert awards["type"]["constraints"]["enum"] == list(get_args(model.AwardType))
    assert awards["status"]["constraints"]["required"] is True
    assert awards["recipient_count"]["type"] == "integer"
    assert awards["label"]["description"] == model.Award.model_fields["label"].description
    assert awards["evidence_start"]["constraints"]["minimum"] == 0
    assert fields("blocs")["kind"]["constraints"]["enum"] == list(get_args(model.BlocKind))
    assert fields("blocs")["aliases"]["type"] == "array"
    assert fields("bloc_members")["role"]["constraints"]["enum"] == list(get_args(model.MemberRole))
    assert fields("indicators")["value"]["type"] == "number"
    assert fields("indicators")["estimate"]["type"] == "boolean"
    assert fields("articles")["published"]["type"] == "date"
    assert fields("articles")["loaded_at"]["type"] == "datetime"

    articles = next(r for r in resources if r.get("table") == "articles")
    assert articles["schema"]["primaryKey"] == ["article_id"]
    award = next(r for r in resources if r.get("table") == "awards" and r["partition"])
    assert award["schema"]["primaryKey"] == ["article_id", "item_no"]
    (fk,) = award["schema"]["foreignKeys"]
    assert fk["fields"] == ["article_id"]
    target = next(r for r in resources if r["name"] == fk["reference"]["resource"])
    assert target["table"] == "articles" and target["partition"] == award["partition"]


def test_view_columns_take_enums_from_the_tables_they_come_from() -> None:
    docs = datapackage.table_docs()
    status = datapackage.view_column_doc("award_counts", "status", docs)
    assert status.enum == list(get_args(model.AwardStatus))
    assert datapackage.view_column_doc("award_trends", "award_type", docs).enum == list(
        get_args(model.AwardType))
    history = datapackage.view_column_doc("bloc_leadership_history", "status", docs)
    assert history.enum == list(get_args(model.LeadershipStatus))
    # `role` is in people, bloc_members and bloc_leadership: no guess for an unrelated view.
    assert datapackage.view_column_doc("officials", "role", docs) is None
    # A name that matches only an unrelated table's column (articles.title) is not taken.
    assert datapackage.view_column_doc("officials", "title", docs) is None


def test_duckdb_types_map_to_table_schema_types() -> None:
    assert datapackage.frictionless_type("VARCHAR[]") == ("array", None)
    assert datapackage.frictionless_type("DECIMAL(18,3)") == ("number", None)
    assert datapackage.frictionless_type("TIMESTAMP WITH TIME ZONE") == ("datetime", None)
    assert datapackage.frictionless_type("STRUCT(a INTEGER)") == ("object", None)
    assert datapackage.frictionless_type("ENUM('khoi', 'cum')") == ("string", ["khoi", "cum"])


def test_exports_are_repeatable(demo_db: Path, tmp_path: Path) -> None:
    export(demo_db, "all", tmp_path / "a")
    export(demo_db, "all", tmp_path / "b")
    assert package(tmp_path / "a") == package(tmp_path / "b")
    for name in ("records.jsonl", *(f"{v}.csv" for v in VIEWS)):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


# ---------------------------------------------------------------- partitions and round trips

def test_tables_are_partitioned_by_their_articles_province_and_year(demo_export: Path,
                                                                    demo_db: Path) -> None:
    folders = {p.name for p in (demo_export / "awards.parquet").iterdir()}
    assert "article_province=B%E1%BA%AFc%20K%E1%BA%A1n" in folders  # Bắc Kạn, percent-encoded
    # (articles without a province or date sit under article_province=unknown, article_year=0)
    articles = {r[0]: (r[1], r[2]) for r in duckdb.connect(str(demo_db), read_only=True).execute(
        "SELECT article_id, coalesce(province, 'unknown'), coalesce(year(published), 0) "
        "FROM articles").fetchall()}
    for res in package(demo_export)["resources"]:
        if res.get("partition"):
            ids = pq.ParquetFile(demo_export / res["path"]).read(["article_id"]).column(0)
            expected = (res["partition"]["article_province"], res["partition"]["article_year"])
            assert {articles[i] for i in ids.to_pylist()} == {expected}, res["name"]


@pytest.mark.parametrize("table", TABLES)
def test_parquet_reads_back_to_the_warehouse(demo_export: Path, demo_db: Path, table: str) -> None:
    assert sorted(map(repr, parquet_rows(demo_export, table))) == sorted(
        map(repr, relation_rows(demo_db, table)))


def test_hive_keys_do_not_override_own_columns(synthetic_db: Path, tmp_path: Path) -> None:
    # awards.year (the year rewarded) differs from the article's year in most review articles.
    export(synthetic_db, "parquet", tmp_path)
    back = duckdb.sql(
        f"SELECT article_id, item_no, year, article_year FROM read_parquet("
        f"'{tmp_path}/awards.parquet/**/*.parquet', hive_partitioning = true)").fetchall()
    con = connect(synthetic_db, read_only=True)
    try:
        warehouse = {(a, i): y for a, i, y in
                     con.execute("SELECT article_id, item_no, year FROM awards").fetchall()}
    finally:
        con.close()
    assert {(a, i): y for a, i, y, _ in back} == warehouse
    assert any(y != article_year for _, _, y, article_year in back)


def test_analyst_views_run_unchanged_over_the_parquet_files(demo_export: Path,
                                                            demo_db: Path) -> None:
    con = open_parquet_export(demo_export)
    try:
        for view in VIEWS:
            over_parquet = con.execute(f"SELECT * FROM {view}").fetchall()
            assert sorted(map(repr, over_parquet)) == sorted(
                map(repr, relation_rows(demo_db, view))), view
        (kind,) = con.execute("SELECT table_type FROM information_schema.tables "
                              "WHERE table_name = 'awards'").fetchall()[0]
        assert kind == "VIEW"
    finally:
        con.close()


def test_view_csv_holds_the_view_with_lists_as_json(demo_export: Path, demo_db: Path) -> None:
    for view in VIEWS:
        with open(demo_export / f"{view}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == len(relation_rows(demo_db, view)), view
    with open(demo_export / "bloc_leadership_history.csv", encoding="utf-8", newline="") as handle:
        history = list(csv.DictReader(handle))
    assert all(isinstance(json.loads(r["sources"]), list) for r in history)
    assert any(r["leader"] == "Ban Quản lý Vườn Quốc gia Ba Bể" or
               r["deputy"] == "Ban Quản lý Vườn Quốc gia Ba Bể" for r in history)


# ---------------------------------------------------------------- the gold records

def test_parquet_keeps_types(gold: tuple[Path, list[dict]], tmp_path: Path) -> None:
    db, _ = gold
    export(db, "parquet", tmp_path)
    first = next((tmp_path / "indicators.parquet").rglob("*.parquet"))
    schema = pq.read_schema(first)
    assert str(schema.field("value").type) == "double"
    assert str(schema.field("estimate").type) == "bool"
    first = next((tmp_path / "articles.parquet").rglob("*.parquet"))
    assert str(pq.read_schema(first).field("published").type) == "date32[day]"
    first = next((tmp_path / "blocs.parquet").rglob("*.parquet"))
    assert str(pq.read_schema(first).field("aliases").type).startswith("list")
    values = {r[0]: r[1] for r in duckdb.sql(
        f"SELECT name, value FROM read_parquet('{tmp_path}/indicators.parquet/**/*.parquet')"
    ).fetchall()}
    assert values["Giá trị sản xuất công nghiệp"] == 1334.251


def test_jsonl_round_trips_records(gold: tuple[Path, list[dict]], tmp_path: Path) -> None:
    db, records = gold
    files = export(db, "jsonl", tmp_path)
    assert [f.name for f in files] == [RECORDS_NAME, SCHEMA_NAME, PACKAGE_NAME]
    lines = (tmp_path / RECORDS_NAME).read_text(encoding="utf-8").splitlines()
    exported = {r["id"]: r for r in map(json.loads, lines)}
    expected = {r["id"]: validate(r).model_dump(mode="json") for r in records}
    assert exported == expected
    assert datapackage.validate(tmp_path / PACKAGE_NAME).valid


def test_jsonl_reloads_to_the_same_warehouse(gold: tuple[Path, list[dict]], tmp_path: Path) -> None:
    db, _ = gold
    export(db, "jsonl", tmp_path / "jsonl")
    again = tmp_path / "again.duckdb"
    lines = (tmp_path / "jsonl" / RECORDS_NAME).read_text(encoding="utf-8").splitlines()
    stats = load_records(again, map(json.loads, lines))
    assert stats.ok
    for name in TABLES + VIEWS:
        assert len(relation_rows(again, name)) == len(relation_rows(db, name)), name


def test_unknown_format_is_refused(gold: tuple[Path, list[dict]], tmp_path: Path) -> None:
    db, _ = gold
    with pytest.raises(ValueError, match="unknown export format"):
        export(db, "docx", tmp_path / "x")


# ---------------------------------------------------------------- the command

def test_export_command_writes_a_valid_package(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli"
    proc = subprocess.run([sys.executable, "-m", "thidua.cli", "export", "--db", str(demo_db),
                           "--format", "all", "--out", str(out)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"{out / 'awards.parquet'}  (" in proc.stdout
    assert str(out / PACKAGE_NAME) in proc.stdout
    assert datapackage.validate(out / PACKAGE_NAME).valid


# ---------------------------------------------------------------- every reader, unchanged

@pytest.fixture(scope="module")
def mixed_export(tmp_path_factory) -> tuple[Path, Path]:
    """An export of a warehouse where some articles have no province and one no date: the
    partitions pandas could not read before (null next to strings)."""
    records = list(generate(120, seed=8, provinces=SYNTHETIC_PROVINCES))
    for record in records[:15]:
        record["province"] = None
    records[20]["published"] = None
    folder = tmp_path_factory.mktemp("mixed")
    db = folder / "thidua.duckdb"
    assert load_records(db, records).ok
    out = folder / "export"
    export(db, "all", out)
    return db, out


def counts_in(db: Path, names) -> dict[str, int]:
    return {n: len(relation_rows(db, n)) for n in names}


def exported_tables(out: Path) -> list[str]:
    return sorted(p.name[:-len(".parquet")] for p in out.glob("*.parquet"))


def test_pandas_reads_every_file_unchanged(mixed_export) -> None:
    import pandas as pd

    db, out = mixed_export
    for table in exported_tables(out):
        frame = pd.read_parquet(out / f"{table}.parquet")
        assert len(frame) == len(relation_rows(db, table)), table
    assert "unknown" in set(pd.read_parquet(out / "awards.parquet")["article_province"].astype(str))
    for view, n in counts_in(db, VIEWS).items():
        frame = pd.read_csv(out / f"{view}.csv")
        assert len(frame) == n and not frame.columns[0].startswith("\ufeff"), view
    assert len(pd.read_json(out / RECORDS_NAME, lines=True)) == 120
    sheets = pd.read_excel(out / "analyst-views.xlsx", sheet_name=None)
    assert {name: len(f) for name, f in sheets.items()} == counts_in(db, VIEWS)


def test_polars_reads_every_file_unchanged(mixed_export) -> None:
    import polars as pl

    db, out = mixed_export
    for table in exported_tables(out):
        frame = pl.read_parquet(out / f"{table}.parquet" / "**" / "*.parquet")
        assert frame.height == len(relation_rows(db, table)), table
    for view, n in counts_in(db, VIEWS).items():
        frame = pl.read_csv(out / f"{view}.csv")
        assert frame.height == n and not frame.columns[0].startswith("\ufeff"), view
    assert pl.read_ndjson(out / RECORDS_NAME).height == 120


def test_duckdb_reads_every_file_unchanged(mixed_export) -> None:
    db, out = mixed_export
    con = duckdb.connect()
    for table in exported_tables(out):
        n = con.execute(f"SELECT count(*) FROM read_parquet('{out}/{table}.parquet/**/*.parquet', "
                        "hive_partitioning = true)").fetchone()[0]
        assert n == len(relation_rows(db, table)), table
    for view, n in counts_in(db, VIEWS).items():
        columns = [r[0] for r in con.execute(
            f"DESCRIBE SELECT * FROM read_csv('{out}/{view}.csv')").fetchall()]
        assert con.execute(f"SELECT count(*) FROM read_csv('{out}/{view}.csv')").fetchone()[0] == n
        assert not columns[0].startswith("\ufeff"), view
    assert con.execute(f"SELECT count(*) FROM read_json('{out}/{RECORDS_NAME}')").fetchone()[0] == 120


def test_pyarrow_reads_every_file_unchanged(mixed_export) -> None:
    import pyarrow.csv as pcsv
    import pyarrow.dataset as ds
    import pyarrow.json as pjson

    db, out = mixed_export
    for table in exported_tables(out):
        assert pq.read_table(out / f"{table}.parquet").num_rows == len(relation_rows(db, table))
        data = ds.dataset(out / f"{table}.parquet", format="parquet", partitioning="hive")
        assert data.to_table().num_rows == len(relation_rows(db, table)), table
    for view, n in counts_in(db, VIEWS).items():
        table = pcsv.read_csv(out / f"{view}.csv")
        assert table.num_rows == n and not table.column_names[0].startswith("\ufeff"), view
    assert pjson.read_json(out / RECORDS_NAME).num_rows == 120


def test_the_package_validates_with_the_documented_command(mixed_export) -> None:
    _, out = mixed_export
    proc = subprocess.run([sys.executable, "-m", "thidua.cli", "check-export",
                           str(out / PACKAGE_NAME)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("valid:")
    # and a broken file makes it say so
    broken = out.parent / "broken"
    shutil.copytree(out, broken)
    path = broken / "award_trends.csv"
    path.write_bytes(path.read_bytes().replace(b",proposed,", b",rumoured,", 1))
    proc = subprocess.run([sys.executable, "-m", "thidua.cli", "check-export",
                           str(broken / PACKAGE_NAME)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and "INVALID award_trends" in proc.stdout


def test_csv_exports_start_with_a_bom_for_excel(mixed_export) -> None:
    _, out = mixed_export
    for view in VIEWS:
        assert (out / f"{view}.csv").read_bytes()[:3] == b"\xef\xbb\xbf", view


def test_xlsx_export_has_vietnamese_names_and_labels(mixed_export) -> None:
    import openpyxl

    _, out = mixed_export
    book = openpyxl.load_workbook(out / "analyst-views.xlsx", read_only=True)
    assert book.sheetnames == list(VIEWS)
    rows = list(book["award_trends"].iter_rows(values_only=True))
    header = rows[0]
    assert {"Năm", "Năm thành tích", "Hình thức khen thưởng", "Trạng thái", "Số lượng"} <= set(header)
    statuses = {r[header.index("Trạng thái")] for r in rows[1:]}
    assert statuses and statuses <= {"Đề nghị", "Suy tôn, bình xét", "Đã trao tặng"}
