"""Loads reject bad lines one by one and keep the rest; queries reach nothing but the
warehouse; a killed load's copy does not stay behind. Real files, both load paths."""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from thidua.warehouse.load import load_files
from thidua.warehouse.query import ReadOnlyError, run_query
from thidua.warehouse.synthetic import generate


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(generate(30, seed=5))


def write(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def with_award(records: list[dict]) -> dict:
    return copy.deepcopy(next(r for r in records if r["awards"]))


def broken(records: list[dict]) -> list[tuple[str, dict, str]]:
    """(id, record, words the rejection must say) for each bound."""
    out = []

    def add(new_id: str, change, says: str) -> None:
        record = with_award(records)
        record["id"] = new_id
        change(record)
        out.append((new_id, record, says))

    add("huge-count", lambda r: r["awards"][0].update(recipient_count=10 ** 30),
        "awards.0.recipient_count")
    add("negative-count", lambda r: r["awards"][0].update(recipient_count=-3),
        "awards.0.recipient_count")
    add("old-year", lambda r: r["awards"][0].update(year=1200), "awards.0.year: 1200")
    add("future-date", lambda r: r.update(published="2999-01-01"), "published")
    add("span-past-body",
        lambda r: r["awards"][0]["evidence"].update(start=0, end=len(r["body"]) + 5),
        "awards.0.evidence: the span")
    add("span-backwards", lambda r: r["awards"][0]["evidence"].update(start=9, end=3),
        "not inside the body")
    return out


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "python"])
def test_values_out_of_bounds_reject_their_line_and_the_rest_loads(tmp_path, records, bulk):
    bad = broken(records)
    path = write(tmp_path / "in.jsonl", records[:10] + [r for _, r, _ in bad] + records[10:])
    stats = load_files([path], tmp_path / "w.duckdb", bulk=bulk)
    assert stats.loaded == len(records)
    got = {r.article_id: (r.where, r.reason) for r in stats.rejected}
    assert set(got) == {i for i, _, _ in bad}
    for no, (new_id, _, says) in enumerate(bad):
        where, reason = got[new_id]
        assert where == f"line {11 + no}" and says in reason, reason
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(records)


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "python"])
def test_two_articles_with_one_id_name_both_lines(tmp_path, records, bulk):
    first, other = copy.deepcopy(records[0]), copy.deepcopy(records[1])
    other["id"] = first["id"]  # another article (its own URL) under the same id
    newer = dict(first, title="Bản cập nhật")  # the same article (same URL) again: a version
    path = write(tmp_path / "in.jsonl", [first, *records[2:5], other, newer])
    stats = load_files([path], tmp_path / "w.duckdb", bulk=bulk)
    (rejected,) = stats.rejected
    assert rejected.where == "line 5" and rejected.article_id == first["id"]
    assert "line 1" in rejected.reason and other["url"] in rejected.reason
    assert stats.duplicates == 1 and stats.loaded == 4
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT title, url FROM articles WHERE article_id = ?",
                           [first["id"]]).fetchall() == [("Bản cập nhật", first["url"])]


def test_the_load_command_reports_each_rejected_line(tmp_path, records):
    bad = broken(records)[:2]
    path = write(tmp_path / "in.jsonl", records[:5] + [r for _, r, _ in bad])
    proc = subprocess.run([sys.executable, "-m", "thidua.cli", "load", str(path), "--db",
                           str(tmp_path / "w.duckdb")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "loaded 5 articles" in proc.stdout
    assert "rejected line 6 (huge-count): awards.0.recipient_count" in proc.stderr


def test_a_killed_loads_copy_is_removed_by_the_next_load(tmp_path, records):
    db = tmp_path / "w.duckdb"
    load_files([write(tmp_path / "a.jsonl", records[:5])], db)
    stale = tmp_path / ".w.duckdb.99999999.writing"
    stale.write_bytes(b"half a warehouse")
    (tmp_path / ".w.duckdb.99999999.writing.wal").write_bytes(b"log")
    load_files([write(tmp_path / "b.jsonl", records[5:10])], db)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# ---------------------------------------------------------------- read-only queries

@pytest.fixture(scope="module")
def db(tmp_path_factory, records) -> Path:
    folder = tmp_path_factory.mktemp("ro")
    path = folder / "w.duckdb"
    load_files([write(folder / "in.jsonl", records)], path)
    return path


ESCAPES = [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "COPY (SELECT 'overwritten') TO '{target}' (FORMAT csv)",
    "EXPORT DATABASE '{folder}'",
    "PRAGMA profiling_output = '{target}'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "ATTACH '{target}' AS other",
    "SET enable_external_access = true",
]


@pytest.mark.parametrize("sql", ESCAPES)
def test_a_query_reaches_nothing_but_the_warehouse(db, tmp_path, sql):
    target = tmp_path / "existing.txt"
    target.write_text("keep me", encoding="utf-8")
    folder = tmp_path / "exported"
    with pytest.raises(ReadOnlyError):
        run_query(db, sql.format(target=target, folder=folder))
    assert target.read_text(encoding="utf-8") == "keep me"
    assert not folder.exists()


def test_the_query_command_refuses_to_read_other_files(db):
    proc = subprocess.run([sys.executable, "-m", "thidua.cli", "query", "--db", str(db),
                           "SELECT * FROM read_csv('/etc/passwd')"], capture_output=True,
                          text=True)
    assert proc.returncode == 1
    assert "root:" not in proc.stdout + proc.stderr
    assert "read the warehouse only" in proc.stderr
    ok = subprocess.run([sys.executable, "-m", "thidua.cli", "query", "--db", str(db),
                         "SELECT count(*) AS n FROM articles", "--format", "csv"],
                        capture_output=True, text=True, env={**os.environ})
    assert ok.returncode == 0 and ok.stdout.split() == ["n", "30"]
