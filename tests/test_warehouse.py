"""Warehouse: schema, loading, analyst views and read-only queries, on real DuckDB files.

The records come from the hand-written gold files in ../shared/gold, read at run time.
"""
from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from thidua.schema import SECTIONS
from thidua.warehouse.checks import run_checks
from thidua.warehouse.db import TABLES, VIEWS, WAREHOUSE_SCHEMA_VERSION, connect, schema_version
from thidua.warehouse.load import load_jsonl, load_records
from thidua.warehouse.query import ReadOnlyError, display_width, format_table, run_query

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
KTKT = "Khối thi đua Kinh tế - Kỹ thuật"
# Section → warehouse table; blocs' members land in their own table.
SECTION_TABLES = {section: section for section in SECTIONS}


def gold_records() -> list[dict]:
    files = sorted(GOLD.glob("*.json")) if GOLD.is_dir() else []
    if not files:
        pytest.skip(f"no gold records in {GOLD}")
    records = []
    for file in files:
        record = json.loads(file.read_text(encoding="utf-8"))
        record["id"] = file.stem  # the caller's stable id
        records.append(record)
    return records


@pytest.fixture
def gold() -> list[dict]:
    return gold_records()


@pytest.fixture
def db(tmp_path: Path, gold: list[dict]) -> Path:
    path = tmp_path / "wh" / "thidua.duckdb"
    stats = load_records(path, gold)
    assert stats.ok, stats.rejected
    return path


def counts(path: Path) -> dict[str, int]:
    con = connect(path, read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}
    finally:
        con.close()


def expected_counts(records: list[dict]) -> dict[str, int]:
    expected = {"articles": len(records)}
    for section, table in SECTION_TABLES.items():
        expected[table] = sum(len(r.get(section, [])) for r in records)
    expected["bloc_members"] = sum(len(b.get("members", [])) for r in records for b in r["blocs"])
    return expected


# --- schema ----------------------------------------------------------------------------------

def test_connect_creates_parent_dirs_schema_and_version(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "w.duckdb"
    connect(path).close()
    con = connect(path)  # a second run of the DDL must be harmless
    try:
        assert schema_version(con) == WAREHOUSE_SCHEMA_VERSION
        names = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        assert set(TABLES) | set(VIEWS) | {"meta"} <= names
    finally:
        con.close()


def test_default_path_comes_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "env" / "x.duckdb"
    monkeypatch.setenv("THIDUA_DB", str(target))
    connect().close()
    assert target.exists()


def test_columns_are_typed(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    try:
        types = dict(con.execute(
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
        ).fetchall())
    finally:
        con.close()
    assert types["articles.published"] == "DATE"
    assert types["indicators.value"] == "DOUBLE"
    assert types["indicators.estimate"] == "BOOLEAN"
    assert types["awards.recipient_count"] == "INTEGER"
    assert types["blocs.aliases"] == "VARCHAR[]"
    assert types["people.titles"] == "VARCHAR[]"
    assert types["events.evidence_start"] == "INTEGER"


# --- loading ---------------------------------------------------------------------------------

def test_gold_row_counts(db: Path, gold: list[dict]) -> None:
    assert counts(db) == expected_counts(gold)


def test_column_checks_pass(db: Path, gold: list[dict]) -> None:
    load_records(db, gold)  # a reload must not leave repeats or orphans behind
    con = connect(db, read_only=True)
    try:
        assert run_checks(con) == []
    finally:
        con.close()


def test_column_checks_catch_bad_values(db: Path) -> None:
    con = connect(db)
    try:
        con.execute("UPDATE awards SET status = 'maybe' WHERE item_no = 0")
        con.execute("INSERT INTO movements SELECT * FROM movements LIMIT 1")
        failures = run_checks(con)
    finally:
        con.close()
    assert any(f.startswith("awards.status") for f in failures)
    assert any(f.startswith("movements: 1 repeated") for f in failures)


def test_indicator_value(db: Path) -> None:
    _, rows = run_query(db, "SELECT value, unit FROM indicators WHERE name = ?",
                        ["Giá trị sản xuất công nghiệp"])
    assert [r[0] for r in rows] == [1334.251]


def test_lists_and_dates_keep_their_types(db: Path, gold: list[dict]) -> None:
    first = gold[0]
    _, rows = run_query(db, "SELECT aliases FROM blocs WHERE article_id = ? ORDER BY item_no",
                        [first["id"]])
    assert [r[0] for r in rows] == [b["aliases"] for b in first["blocs"]]
    _, rows = run_query(db, "SELECT published FROM articles WHERE article_id = ?", [first["id"]])
    assert rows == [(date.fromisoformat(first["published"]),)]


def test_loading_twice_leaves_one_copy(db: Path, gold: list[dict]) -> None:
    before = counts(db)
    stats = load_records(db, gold)
    assert stats.loaded == len(gold) and stats.replaced == len(gold)
    assert counts(db) == before


def test_duplicates_within_a_load_and_across_batches(tmp_path: Path, gold: list[dict]) -> None:
    path = tmp_path / "w.duckdb"
    stats = load_records(path, gold + gold, batch_size=2)
    assert stats.duplicates == len(gold) and stats.loaded == len(gold)
    assert counts(path) == expected_counts(gold)


def test_record_without_id_reloads_in_place(tmp_path: Path, gold: list[dict]) -> None:
    path = tmp_path / "w.duckdb"
    anonymous = {k: v for k, v in gold[0].items() if k != "id"}
    first = load_records(path, [anonymous])
    second = load_records(path, [anonymous])
    assert first.article_ids == second.article_ids
    assert counts(path)["articles"] == 1


def test_invalid_record_is_reported_and_others_load(tmp_path: Path, gold: list[dict]) -> None:
    broken = copy.deepcopy(gold[0])
    broken["id"] = "broken"
    broken["awards"][0]["status"] = "maybe"
    path = tmp_path / "w.duckdb"
    stats = load_records(path, [broken, "not a record"] + gold[1:])
    assert stats.loaded == len(gold) - 1
    assert [(r.where, r.article_id) for r in stats.rejected] == [
        ("record 0", "broken"), ("record 1", None)]
    assert "awards.0.status" in stats.rejected[0].reason
    assert "not a JSON object" in stats.rejected[1].reason
    assert counts(path) == expected_counts(gold[1:])


def test_load_jsonl_reports_bad_lines(tmp_path: Path, gold: list[dict]) -> None:
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in gold]
    source.write_text("\n".join(lines[:1] + ["{oops"] + lines[1:]) + "\n", encoding="utf-8")
    stats = load_jsonl(source, tmp_path / "w.duckdb")
    assert stats.loaded == len(gold)
    assert [r.where for r in stats.rejected] == ["line 2"]
    assert stats.rejected[0].reason.startswith("invalid JSON")


def test_failed_batch_leaves_previous_copy(tmp_path: Path, gold: list[dict],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.duckdb"
    load_records(path, gold)
    before = counts(path)

    def boom(*_args: object) -> None:
        raise RuntimeError("insert failed")

    monkeypatch.setattr("thidua.warehouse.load._insert", boom)
    with pytest.raises(RuntimeError):
        load_records(path, gold)
    assert counts(path) == before  # the deletes were rolled back with the failed inserts


# --- views -----------------------------------------------------------------------------------

def leadership(path: Path, bloc: str, year: int) -> list[dict]:
    columns, rows = run_query(
        path, "SELECT * FROM bloc_leadership_history WHERE bloc = ? AND year = ?", [bloc, year])
    return [dict(zip(columns, row)) for row in rows]


def reported(records: list[dict], bloc: str, year: int, role: str) -> set[str]:
    return {item["org"] for r in records for item in r["bloc_leadership"]
            if item["bloc"] == bloc and item["year"] == year and item["role"] == role}


def test_bloc_leadership_history_2021(db: Path, gold: list[dict]) -> None:
    rows = leadership(db, KTKT, 2021)
    (leader,) = reported(gold, KTKT, 2021, "leader")
    (deputy,) = reported(gold, KTKT, 2021, "deputy")
    assert len(rows) == 1
    row = rows[0]
    assert (row["leader"], row["deputy"]) == (leader, deputy)
    assert row["province"] == "Bắc Kạn" and row["status"] == "elected"
    assert row["conflict"] is False
    assert len(row["sources"]) == 1


def test_bloc_leadership_history_one_row_per_bloc_year(db: Path) -> None:
    _, rows = run_query(db, "SELECT province, bloc, year, count(*) FROM bloc_leadership_history "
                            "GROUP BY ALL HAVING count(*) > 1")
    assert rows == []


def test_conflicting_leaders_stay_visible(db: Path, gold: list[dict]) -> None:
    article = next(r for r in gold if reported([r], KTKT, 2021, "leader"))
    rival = copy.deepcopy(article)
    rival["id"] = "rival-report"
    for item in rival["bloc_leadership"]:
        if item["year"] == 2021 and item["role"] == "leader":
            item["org"] = "Đơn vị được báo khác"
    load_records(db, [rival])
    rows = leadership(db, KTKT, 2021)
    assert {r["leader"] for r in rows} == reported(gold, KTKT, 2021, "leader") | {
        "Đơn vị được báo khác"}
    assert all(r["conflict"] for r in rows)
    assert {s for r in rows for s in r["sources"]} == {article["id"], "rival-report"}


def test_agreeing_sources_merge(db: Path, gold: list[dict]) -> None:
    article = next(r for r in gold if reported([r], KTKT, 2021, "leader"))
    again = copy.deepcopy(article)
    again["id"] = "second-report"
    again["url"] = "https://example.invalid/second"
    load_records(db, [again])
    (row,) = leadership(db, KTKT, 2021)
    assert row["conflict"] is False
    assert sorted(row["sources"]) == sorted([article["id"], "https://example.invalid/second"])


def test_award_trends_total_recipients(db: Path, gold: list[dict]) -> None:
    _, rows = run_query(db, 'SELECT sum("count"), sum(items) FROM award_trends')
    awards = [a for r in gold for a in r["awards"]]
    expected = sum(a["recipient_count"] if a["recipient_count"] is not None
                   else (1 if a["recipient"] else 0) for a in awards)
    assert rows == [(expected, len(awards))]


def test_award_trends_group_by_year_type_status(db: Path, gold: list[dict]) -> None:
    # `year` is when the award was proposed (the review meeting's date, else the article's),
    # `achievement_year` the year it is for
    _, rows = run_query(db, 'SELECT year, achievement_year, province, bloc, award_type, status, '
                            '"count" FROM award_trends WHERE bloc = ? AND achievement_year = 2020',
                        [KTKT])
    article = next(r for r in gold if r["blocs"] and r["blocs"][0]["name"] == KTKT
                   and r["awards"])
    dates = [e["date"] for e in article["events"] if e.get("date")]
    stage_year = int((min(dates) if dates else article["published"])[:4])
    assert stage_year == 2021  # the 2020 review was held in January 2021
    expected: dict[tuple, int] = {}
    for a in article["awards"]:
        key = (stage_year, a["year"], article["province"], KTKT, a["type"], a["status"])
        expected[key] = expected.get(key, 0) + 1
    assert {row[:6]: row[6] for row in rows} == expected


def test_an_award_counts_once_at_its_furthest_stage(tmp_path: Path, gold: list[dict]) -> None:
    article = next(r for r in gold if r["blocs"] and r["blocs"][0]["name"] == KTKT
                   and any(a["recipient"] for a in r["awards"]))
    award = next(a for a in article["awards"] if a["recipient"])
    conferred = copy.deepcopy(article)
    conferred["id"] = "conferred-later"
    conferred["published"] = "2021-09-15"
    conferred["events"] = [dict(conferred["events"][0], type="award_ceremony",
                                date="2021-09-10")] if conferred["events"] else []
    conferred["awards"] = [dict(award, status="conferred", decision="1234/QĐ-UBND")]
    path = tmp_path / "w.duckdb"
    load_records(path, [article, conferred])
    _, rows = run_query(path, 'SELECT year, status, "count", items, sources FROM award_trends '
                              "WHERE award_type = ? AND achievement_year = ?",
                        [award["type"], award["year"]])
    conferred_rows = [r for r in rows if r[1] == "conferred"]
    # the award proposed in January and conferred in September is one conferred award
    assert [r[:4] for r in conferred_rows] == [(2021, "conferred", 1, 1)]
    assert len(conferred_rows[0][4]) == 2  # both articles back it
    proposed = sum(r[3] for r in rows if r[1] == "proposed")
    same_type = [a for a in article["awards"] if a["type"] == award["type"]
                 and a["year"] == award["year"]]
    assert proposed == len(same_type) - 1


# --- queries ---------------------------------------------------------------------------------

def test_query_is_read_only(db: Path) -> None:
    with pytest.raises(ReadOnlyError, match="read-only"):
        run_query(db, "DELETE FROM articles")
    assert counts(db)["articles"] > 0


def test_query_on_missing_file_is_clear(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no warehouse"):
        run_query(tmp_path / "absent.duckdb", "SELECT 1")


def test_query_errors_are_duckdb_errors(db: Path) -> None:
    with pytest.raises(duckdb.Error):
        run_query(db, "SELECT * FROM no_such_table")


def test_format_json_lists_objects_with_iso_dates(db: Path) -> None:
    columns, rows = run_query(db, "SELECT article_id, published, province FROM articles "
                                  "WHERE published IS NOT NULL ORDER BY article_id LIMIT 1")
    (obj,) = json.loads(format_table(columns, rows, "json"))
    assert set(obj) == {"article_id", "published", "province"}
    date.fromisoformat(obj["published"])


def test_format_csv_has_header_and_rows(db: Path) -> None:
    columns, rows = run_query(db, "SELECT article_id, aliases FROM blocs ORDER BY article_id")
    lines = format_table(columns, rows, "csv").splitlines()
    assert lines[0] == "article_id,aliases" and len(lines) == len(rows) + 1


def test_format_table_aligns_vietnamese_text() -> None:
    columns = ["tên", "n"]
    rows = [("Sở Nông nghiệp và Phát triển nông thôn", 1), ("Ủy ban", None), ("Hoa\u0300", 22)]
    lines = format_table(columns, rows, "table").splitlines()
    grid = lines[:-1]
    assert len({display_width(line.split(" | ")[0]) for line in grid if " | " in line}) == 1
    assert lines[2].endswith(" 1") and lines[3].endswith("NULL")
    assert lines[-1] == "(3 rows)"


def test_format_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        format_table(["a"], [(1,)], "xml")
