"""The history the warehouse builds, on the demo warehouse: the bundled sample site served on
127.0.0.1, crawled by Scrapy, extracted and loaded into a real DuckDB file (thidua.demo).

Covers issue 6's "done when": the Kinh tế - Kỹ thuật bloc of Bắc Kạn year by year with its
sources, one unit across spellings, Bắc Kạn under Thái Nguyên, the conflicting 2021 leader,
reloads that change nothing, a v1 file that migrates, and queries during a load.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa
import pytest
from click.testing import CliRunner

from thidua.cli import main as cli
from thidua.crawler import sample_content as sample
from thidua.extract.pipeline import extract_record
from thidua.schema import validate
from thidua.warehouse.assemble import iter_records
from thidua.warehouse.checks import run_checks
from thidua.warehouse.db import (ENTITY_TABLES, HISTORY_TABLES, TABLES, VIEWS,
                                 WAREHOUSE_SCHEMA_VERSION, SchemaVersionError, connect,
                                 schema_version)
from thidua.warehouse.flatten import flatten
from thidua.warehouse.load import load_records
from thidua.warehouse.query import run_query

KTKT = "Khối thi đua Kinh tế - Kỹ thuật"
NN = "Sở Nông nghiệp và Phát triển nông thôn"
QLDA_GT = "Ban Quản lý dự án đầu tư xây dựng công trình giao thông"
BA_BE = "Ban Quản lý Vườn Quốc gia Ba Bể"
FACT_TABLES = TABLES[1:]


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Path:
    """The demo warehouse, built once; tests that change a warehouse work on a copy."""
    from thidua.demo import run_demo

    folder = tmp_path_factory.mktemp("history-demo")
    result = run_demo(folder / "thidua.duckdb", workdir=folder / "work", progress=False)
    assert result["records"] >= 10 and not result["load"].rejected
    return folder / "thidua.duckdb"


@pytest.fixture(scope="session")
def demo_records(demo: Path) -> list[dict]:
    con = connect(demo, read_only=True)
    try:
        return list(iter_records(con))
    finally:
        con.close()


@pytest.fixture
def copy(demo: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy" / "thidua.duckdb"
    target.parent.mkdir()
    shutil.copy(demo, target)
    return target


def dicts(db: Path, sql: str, *params) -> list[dict]:
    columns, rows = run_query(db, sql, list(params) or None)
    return [dict(zip(columns, row)) for row in rows]


def paths(urls: list[str]) -> list[str]:
    return sorted(urlsplit(u).path for u in urls)


def page(*articles: sample.SampleArticle) -> list[str]:
    return sorted(a.path for a in articles)


def ktkt(db: Path) -> dict[int, list[dict]]:
    rows = dicts(db, "SELECT * FROM bloc_leadership_history WHERE province = 'Bắc Kạn' "
                     "AND bloc = ? ORDER BY year, leader", KTKT)
    by_year: dict[int, list[dict]] = {}
    for row in rows:
        by_year.setdefault(row["year"], []).append(row)
    return by_year


# --- the history ------------------------------------------------------------------------------

def test_ktkt_leaders_and_deputies_by_year_with_sources(demo: Path) -> None:
    years = ktkt(demo)
    assert set(years) == {2020, 2021, 2023}

    (y2020,) = years[2020]
    assert y2020["leader"] == NN and y2020["status"] == "serving"
    assert y2020["deputy"] == "Sở Tài nguyên và Môi trường"
    assert paths(y2020["sources"]) == page(sample.KTKT_2020)

    elected = next(r for r in years[2021] if r["leader"] == QLDA_GT)
    assert elected["deputy"] == BA_BE and elected["status"] == "serving"
    # named at the 2020 review (elected) and again at the 2021 pact signing (serving)
    assert paths(elected["leader_sources"]) == page(sample.KTKT_2020, sample.KTKT_PACT_2021)
    assert paths(elected["deputy_sources"]) == page(sample.KTKT_2020, sample.KTKT_PACT_2021)

    (y2023,) = years[2023]
    assert y2023["leader"] == "Sở Xây dựng"
    assert y2023["deputy"].casefold() == ("Ban Quản lý dự án đầu tư xây dựng công trình nông "
                                          "nghiệp và phát triển nông thôn").casefold()
    assert paths(y2023["sources"]) == page(sample.KTKT_2023)
    assert y2023["leader_unit_id"] != y2023["deputy_unit_id"]


OWN_2020_REVIEW = """Khối thi đua Kinh tế - Kỹ thuật chấm điểm thi đua năm 2020

Chiều ngày 18/12/2020, Khối thi đua Kinh tế - Kỹ thuật tỉnh Bắc Kạn tổ chức hội nghị chấm điểm \
thi đua năm 2020 của các đơn vị thành viên.

Năm 2020, Sở Nông nghiệp và Phát triển nông thôn là đơn vị Trưởng khối, Sở TN&MT là đơn vị \
Phó Trưởng khối. Hai đơn vị đã phối hợp hướng dẫn các thành viên tự chấm điểm đúng quy định.
"""


def test_a_second_report_of_2020_joins_the_same_row(copy: Path) -> None:
    # Another article naming the same 2020 pair, the deputy abbreviated, run through the
    # real extractor: one row, both articles as sources, no conflict.
    url = "https://tin-thi-dua.example/khoi-ktkt-cham-diem-2020.html"
    record = extract_record(text=OWN_2020_REVIEW, id="own-2020", url=url, published="2020-12-21")
    assert load_records(copy, [record]).ok
    years = ktkt(copy)
    for year in (2020, 2021, 2023):
        assert any(r["leader"] and r["deputy"] and r["sources"] for r in years[year]), year
    (y2020,) = years[2020]
    assert (y2020["leader"], y2020["deputy"]) == (NN, "Sở Tài nguyên và Môi trường")
    assert y2020["conflict"] is False  # the new article agrees with the sample
    own = urlsplit(url).path
    assert paths(y2020["leader_sources"]) == sorted(page(sample.KTKT_2020) + [own])
    assert paths(y2020["deputy_sources"]) == sorted(page(sample.KTKT_2020) + [own])


def test_conflicting_2021_leader_is_flagged_not_dropped(demo: Path) -> None:
    rows = ktkt(demo)[2021]
    assert {r["leader"] for r in rows} == {QLDA_GT, "Sở Giao thông vận tải"}
    assert all(r["conflict"] for r in rows)
    rival = next(r for r in rows if r["leader"] == "Sở Giao thông vận tải")
    assert paths(rival["leader_sources"]) == page(sample.KTKT_INSPECTION_2021)
    agreed = [r for years in ktkt(demo).values() for r in years if r["year"] != 2021]
    assert agreed and not any(r["conflict"] for r in agreed)


def test_one_row_per_bloc_year_unless_conflict(demo: Path) -> None:
    rows = dicts(demo, "SELECT bloc_id, year, count(*) AS n, bool_and(conflict) AS c "
                       "FROM bloc_leadership_history GROUP BY ALL HAVING n > 1")
    assert rows and all(r["c"] for r in rows)


def test_nn_ptnt_spellings_of_the_sample_are_one_unit(demo: Path) -> None:
    # the sample writes "Sở Nông nghiệp và PTNT" in the award sentence and the full name
    # in the leadership sentence: both facts point at one unit
    (award,) = dicts(demo, """
        SELECT ua.unit_id FROM stg_awards AS s
        JOIN entity_unit_aliases AS ua ON ua.alias = s.recipient AND ua.context = s.province
        WHERE s.evidence_text LIKE '%Sở Nông nghiệp và PTNT%' AND s.award_type LIKE '%flag'""")
    (leader,) = dicts(demo, "SELECT leader_unit_id FROM bloc_leadership_history "
                            "WHERE bloc = ? AND year = 2020", KTKT)
    assert award["unit_id"] == leader["leader_unit_id"]
    (unit,) = dicts(demo, "SELECT * FROM entity_units WHERE unit_id = ?", award["unit_id"])
    assert (unit["name"], unit["province"], unit["type"]) == (NN, "Bắc Kạn", "department")


# --- places -----------------------------------------------------------------------------------

def test_bac_kan_articles_group_under_thai_nguyen(demo: Path) -> None:
    rows = dicts(demo, "SELECT province, current_province, count(*) AS n FROM articles "
                       "WHERE province IS NOT NULL GROUP BY ALL ORDER BY province")
    assert {(r["province"], r["current_province"]) for r in rows} == {
        ("Bắc Kạn", "Thái Nguyên"), ("Hà Nam", "Ninh Bình")}
    history = dicts(demo, "SELECT DISTINCT current_province FROM bloc_leadership_history "
                          "WHERE province = 'Bắc Kạn'")
    assert history == [{"current_province": "Thái Nguyên"}]
    by_current = dicts(demo, 'SELECT current_province, sum("count") AS n FROM award_trends '
                             "GROUP BY ALL ORDER BY 1")
    by_former = dicts(demo, 'SELECT province, sum("count") AS n FROM award_trends '
                            "WHERE province = 'Bắc Kạn' GROUP BY ALL")
    assert {"current_province": "Thái Nguyên", "n": by_former[0]["n"]} in by_current


def test_district_as_written(demo: Path) -> None:
    (row,) = dicts(demo, "SELECT district, province, current_province FROM articles "
                         "WHERE url LIKE ?", "%" + sample.KIM_BANG_2020.slug + "%")
    assert row == {"district": "huyện Kim Bảng", "province": "Hà Nam",
                   "current_province": "Ninh Bình"}
    # its figures are the district's, and still group under both provinces
    series = dicts(demo, "SELECT DISTINCT region, province, current_province FROM indicator_series "
                         "WHERE region LIKE '%Kim Bảng'")
    assert series == [{"region": "huyện Kim Bảng", "province": "Hà Nam",
                       "current_province": "Ninh Bình"}]


# --- provenance -------------------------------------------------------------------------------

def test_every_fact_row_knows_its_article_version_time_and_evidence(demo: Path) -> None:
    for table in FACT_TABLES:
        (bad,) = dicts(demo, f"""
            SELECT count(*) AS n FROM {table} AS f JOIN articles AS a USING (article_id)
            WHERE f.extractor_version IS DISTINCT FROM a.extractor_version
               OR f.loaded_at IS DISTINCT FROM a.loaded_at OR f.loaded_at IS NULL""")
        assert bad["n"] == 0, table
    for table in ("events", "people", "awards", "bloc_leadership", "indicators", "documents"):
        (n,) = dicts(demo, f"""
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE substr(a.body, f.evidence_start + 1,
                                                  f.evidence_end - f.evidence_start)
                                          = f.evidence_text) AS matching
            FROM {table} AS f JOIN articles AS a USING (article_id)""")
        assert n["total"] == n["matching"] and n["total"] > 0, table


# --- reloading --------------------------------------------------------------------------------

def snapshot(db: Path) -> dict:
    con = connect(db, read_only=True)
    try:
        out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
               for t in TABLES + ENTITY_TABLES + HISTORY_TABLES}
        for table, column in (("entity_units", "unit_id"), ("entity_people", "person_id"),
                              ("entity_blocs", "bloc_id")):
            out[column] = sorted(r[0] for r in con.execute(f"SELECT {column} FROM {table}").fetchall())
        for view in VIEWS:
            out[view] = sorted(map(repr, con.execute(f"SELECT * FROM {view}").fetchall()))
        return out
    finally:
        con.close()


def test_reloading_changes_nothing(copy: Path, demo_records: list[dict]) -> None:
    before = snapshot(copy)
    stats = load_records(copy, demo_records)
    assert stats.replaced == len(demo_records) and stats.ok
    assert snapshot(copy) == before
    con = connect(copy, read_only=True)
    try:
        assert run_checks(con) == []
    finally:
        con.close()


def test_ids_do_not_depend_on_load_order(tmp_path: Path, demo_records: list[dict]) -> None:
    forward, backward = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    load_records(forward, demo_records)
    for record in reversed(demo_records):  # one article per load, newest first
        load_records(backward, [record])
    assert snapshot(forward) == snapshot(backward)


def test_replace_version_swaps_a_whole_extractor_version(tmp_path: Path,
                                                         demo_records: list[dict]) -> None:
    db = tmp_path / "w.duckdb"
    old = [{**r, "extractor_version": "0.0.9"} for r in demo_records]
    load_records(db, old)
    newer = [{**r, "extractor_version": "0.2.0"} for r in demo_records[:3]]
    stats = load_records(db, newer, replace_version="0.0.9")
    assert stats.removed == len(demo_records)
    rows = dicts(db, "SELECT extractor_version, count(*) AS n FROM articles GROUP BY ALL")
    assert rows == [{"extractor_version": "0.2.0", "n": 3}]
    (facts,) = dicts(db, "SELECT count(*) AS n FROM bloc_leadership WHERE extractor_version <> '0.2.0'")
    assert facts["n"] == 0


# --- failures and coverage --------------------------------------------------------------------

def test_failed_extractions_are_recorded_and_counted(tmp_path: Path,
                                                     demo_records: list[dict]) -> None:
    good = {**demo_records[0], "id": "ok-1", "url": "https://bao.example/ok-1.html",
            "source": "bao.example"}
    failed = {"id": "broken-1", "url": "https://bao.example/broken-1.html",
              "error": "no article text found"}
    source = tmp_path / "records.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (good, failed)) + "\n",
                      encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(cli, ["load", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 failed extractions recorded" in result.output
    (row,) = dicts(db, "SELECT input_id, source, error FROM load_failures")
    assert row == {"input_id": "broken-1", "source": "bao.example", "error": "no article text found"}
    coverage = dicts(db, "SELECT * FROM coverage WHERE source = 'bao.example'")
    assert sum(r["articles"] for r in coverage) == 1
    assert sum(r["extraction_failures"] for r in coverage) == 1
    # the same page extracted successfully later is no longer a failure
    load_records(db, [{**good, "id": "broken-1", "url": failed["url"]}])
    assert dicts(db, "SELECT * FROM load_failures") == []


# --- migration --------------------------------------------------------------------------------

def v1_file(path: Path, records: list[dict]) -> Path:
    """A real v1 warehouse: the v1 DDL as it shipped, rows as v1 flattened them."""
    ddl = (resources.files("thidua.warehouse") / "sql" / "migrations" / "v1_schema.sql")
    con = duckdb.connect(str(path))
    try:
        con.execute(ddl.read_text(encoding="utf-8"))
        con.execute("INSERT INTO meta VALUES ('warehouse_schema_version', '1')")
        from datetime import datetime
        loaded_at = datetime(2024, 1, 2, 3, 4, 5)
        for record in records:
            rows = flatten(record["id"], validate(record), loaded_at)
            for table, table_rows in rows.items():
                if not table_rows:
                    continue
                columns = [r[0] for r in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                    "ORDER BY ordinal_position", [table]).fetchall()]
                data = pa.Table.from_pylist([{c: r[c] for c in columns} for r in table_rows])
                con.register("_rows", data)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
                con.unregister("_rows")
    finally:
        con.close()
    return path


def test_v1_file_migrates_and_matches_a_fresh_load(tmp_path: Path, demo: Path,
                                                   demo_records: list[dict]) -> None:
    old = v1_file(tmp_path / "old.duckdb", demo_records)
    with pytest.raises(SchemaVersionError, match="thidua entities refresh --db"):
        run_query(old, "SELECT count(*) FROM articles")
    result = CliRunner().invoke(cli, ["entities", "refresh", "--db", str(old)])
    assert result.exit_code == 0, result.output
    con = connect(old, read_only=True)
    try:
        assert schema_version(con) == WAREHOUSE_SCHEMA_VERSION
        assert con.execute("SELECT count(*) FROM bloc_leadership WHERE loaded_at IS NULL "
                           "OR extractor_version IS NULL").fetchall() == [(0,)]
    finally:
        con.close()
    migrated, fresh = snapshot(old), snapshot(demo)
    assert migrated == fresh  # same rows, same entity ids, same views


def test_v1_file_migrates_on_a_load_too(tmp_path: Path, demo_records: list[dict]) -> None:
    old = v1_file(tmp_path / "old.duckdb", demo_records[:2])
    stats = load_records(old, demo_records[2:])
    assert stats.ok
    (n,) = dicts(old, "SELECT count(*) AS n FROM articles")
    assert n["n"] == len(demo_records)


def test_v3_file_gains_the_fact_words_and_a_reload_fills_them(tmp_path: Path,
                                                             demo_records: list[dict]) -> None:
    # A v3 file is a v4 one without the evidence_span_* columns: make one by dropping them.
    old = tmp_path / "v3.duckdb"
    assert load_records(old, demo_records).ok
    con = duckdb.connect(str(old))
    tables = [t for (t,) in con.execute(
        "SELECT DISTINCT table_name FROM duckdb_columns() WHERE column_name = 'evidence_span_start'"
    ).fetchall()]
    for table in tables:
        con.execute(f"ALTER TABLE {table} DROP COLUMN evidence_span_start")
        con.execute(f"ALTER TABLE {table} DROP COLUMN evidence_span_end")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'warehouse_schema_version'")
    con.close()
    assert {"bloc_leadership", "awards", "movements"} <= set(tables)
    assert load_records(old, demo_records).ok  # the load upgrades, then replaces the rows
    (row,) = dicts(old, "SELECT count(*) AS n, count(evidence_span_start) AS words "
                        "FROM bloc_leadership")
    assert row["n"] > 0 and row["words"] == row["n"]


def test_unversioned_or_newer_files_say_what_to_do(tmp_path: Path) -> None:
    bare = tmp_path / "bare.duckdb"
    con = duckdb.connect(str(bare))
    con.execute("CREATE TABLE articles (article_id VARCHAR)")
    con.close()
    with pytest.raises(SchemaVersionError, match="thidua load RECORDS.jsonl --db NEW"):
        connect(bare).close()
    newer = tmp_path / "newer.duckdb"
    connect(newer).close()
    con = duckdb.connect(str(newer))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'warehouse_schema_version'")
    con.close()
    with pytest.raises(SchemaVersionError, match="newer than this code"):
        run_query(newer, "SELECT 1")


# --- reading while a load runs ----------------------------------------------------------------

def many(records: list[dict], n: int) -> list[dict]:
    return [{**records[i % len(records)], "id": f"bulk-{i}", "url": f"https://bulk.example/{i}"}
            for i in range(n)]


def test_thidua_query_works_during_thidua_load(copy: Path, demo_records: list[dict],
                                               tmp_path: Path) -> None:
    before = len(demo_records)
    bulk = many(demo_records, 4000)
    source = tmp_path / "bulk.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in bulk),
                      encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    loader = subprocess.Popen([sys.executable, "-m", "thidua.cli", "load", str(source),
                               "--db", str(copy)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
    seen, during, cli_outputs = [], 0, []
    try:
        deadline = time.monotonic() + 240
        while loader.poll() is None and time.monotonic() < deadline:
            writing = any(copy.parent.glob(f".{copy.name}.*.writing"))
            (row,) = dicts(copy, "SELECT count(*) AS n FROM articles")
            seen.append(row["n"])
            during += writing and loader.poll() is None
            if writing and not cli_outputs:
                q = subprocess.run([sys.executable, "-m", "thidua.cli", "query", "--db", str(copy),
                                    "--format", "csv", "SELECT count(*) AS n FROM articles"],
                                   capture_output=True, text=True, env=env, timeout=60)
                cli_outputs.append((q.returncode, q.stdout, q.stderr))
            time.sleep(0.02)
        out, err = loader.communicate(timeout=240)
    finally:
        if loader.poll() is None:
            loader.kill()
    assert loader.returncode == 0, err
    assert during > 0, "no query ran while the load was writing"
    assert set(seen) <= {before, before + len(bulk)}
    assert cli_outputs and cli_outputs[0][0] == 0, cli_outputs
    assert cli_outputs[0][1].split() in (["n", str(before)], ["n", str(before + len(bulk))])
    (row,) = dicts(copy, "SELECT count(*) AS n FROM articles")
    assert row["n"] == before + len(bulk)


def test_a_reader_thread_sees_before_or_after(copy: Path, demo_records: list[dict]) -> None:
    before = len(demo_records)
    bulk = many(demo_records, 1500)
    seen: list[int] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                (row,) = dicts(copy, "SELECT count(*) AS n FROM articles")
                seen.append(row["n"])
            except BaseException as exc:  # noqa: BLE001 - reported by the test below
                errors.append(exc)
                return

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        load_records(copy, bulk, batch_size=100)
    finally:
        done.set()
        thread.join(timeout=60)
    assert not errors, errors
    assert seen and set(seen) <= {before, before + len(bulk)}
