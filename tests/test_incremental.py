"""A load updates only what its articles touch; the outcome must be the warehouse a full
rebuild gives. Real DuckDB files: one built by several loads (new articles, changed ones,
an extractor version removed), one by a full refresh of the same raw rows."""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

import duckdb
import pytest

from thidua.warehouse import history
from thidua.warehouse.checks import run_checks
from thidua.warehouse.db import ENTITY_TABLES, VIEWS, connect
from thidua.warehouse.load import load_records
from thidua.warehouse.synthetic import generate

DERIVED = tuple(d.table for d in history.DERIVED)
COMPARED = DERIVED + ENTITY_TABLES + VIEWS
VOLATILE = {"loaded_at", "failed_at"}


def snapshot(db: Path) -> dict[str, list]:
    with duckdb.connect(str(db), read_only=True) as con:
        out = {}
        for name in COMPARED:
            columns = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
            kept = ", ".join(f'"{c}"' for c in columns if c not in VOLATILE)
            out[name] = con.execute(f"SELECT {kept} FROM {name} ORDER BY ALL").fetchall()
        return out


def full_rebuild(db: Path, copy_to: Path) -> Path:
    shutil.copy(db, copy_to)
    con = connect(copy_to)
    try:
        con.begin()
        history.refresh(con)  # no scope: everything recomputed
        con.commit()
    finally:
        con.close()
    return copy_to


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(generate(900, seed=11, provinces=["Bắc Kạn", "Hà Nam", "Lạng Sơn"]))


def changed(records: list[dict]) -> list[dict]:
    """Later versions of some articles: another leader named, an award conferred, a person
    spelt as the typo rule would join."""
    out = []
    for record in records:
        record = copy.deepcopy(record)
        for item in record["bloc_leadership"]:
            item["year"] = (item["year"] or 2020) + 1
        for award in record["awards"]:
            award["status"] = "conferred"
        record["extractor_version"] = "synthetic/2"
        out.append(record)
    return out


def test_loads_in_steps_give_the_warehouse_a_full_rebuild_gives(tmp_path, records):
    db = tmp_path / "steps.duckdb"
    timings: list[dict] = []
    for part in (records[:500], records[500:700], changed(records[100:160]), records[700:]):
        stats = load_records(db, part)
        assert stats.ok, stats.rejected[:2]
        timings.append(stats.timings)
    stats = load_records(db, [], replace_version="synthetic/2")  # the changed ones go
    assert stats.removed == 60
    steps = snapshot(db)
    rebuilt = snapshot(full_rebuild(db, tmp_path / "rebuilt.duckdb"))
    for name in COMPARED:
        assert steps[name] == rebuilt[name], name
    assert any(steps[name] for name in DERIVED)
    # the later loads were incremental (no spelling moved to another entity)
    assert sum("history: spellings moved" in t for t in timings[1:]) <= 1
    with duckdb.connect(str(db), read_only=True) as con:
        assert run_checks(con) == []


def test_one_load_equals_loads_in_steps(tmp_path, records):
    once = tmp_path / "once.duckdb"
    load_records(once, records)
    steps = tmp_path / "steps.duckdb"
    for start in range(0, len(records), 300):
        load_records(steps, records[start:start + 300])
    a, b = snapshot(once), snapshot(steps)
    for name in COMPARED:
        assert a[name] == b[name], name


def test_a_load_that_renames_an_entity_updates_every_row_showing_its_name(tmp_path, records):
    def short(name: str) -> str:
        return name.replace("Khối thi đua ", "Khối ")  # same bloc (same key), other spelling

    later = []
    for n, record in enumerate(records[400:800]):
        record = copy.deepcopy(record)
        record["id"], record["url"] = f"renaming-{n}", None
        for item in record["bloc_leadership"] + record["events"]:
            item["bloc"] = short(item["bloc"]) if item.get("bloc") else item.get("bloc")
        for bloc in record["blocs"]:
            bloc["name"] = short(bloc["name"])
        later.append(record)
    db = tmp_path / "rename.duckdb"
    load_records(db, records[:300])
    with duckdb.connect(str(db), read_only=True) as con:
        before = dict(con.execute("SELECT bloc_id, name FROM entity_blocs").fetchall())
    stats = load_records(db, later)
    assert "history: spellings moved" not in stats.timings  # incremental, names changed
    with duckdb.connect(str(db), read_only=True) as con:
        after = dict(con.execute("SELECT bloc_id, name FROM entity_blocs").fetchall())
        shown = dict(con.execute("SELECT DISTINCT bloc_id, bloc FROM bloc_leadership_history"
                                 ).fetchall())
    renamed = {b for b in before if b in after and before[b] != after[b]}
    assert renamed, "the test meant to rename a bloc"
    assert all(shown[b] == after[b] for b in renamed if b in shown)
    steps = snapshot(db)
    rebuilt = snapshot(full_rebuild(db, tmp_path / "rebuilt.duckdb"))
    for name in COMPARED:
        assert steps[name] == rebuilt[name], name


def test_loads_that_leave_free_space_write_the_file_anew(tmp_path, records, monkeypatch):
    from thidua.warehouse import swap

    db = tmp_path / "compact.duckdb"
    load_records(db, records[:300])
    before = snapshot(db)
    monkeypatch.setattr(swap, "COMPACT_WHEN_FREE", -1.0)  # any free block: compact
    load_records(db, [])  # nothing new: the history stays, the file is rewritten
    assert snapshot(db) == before
    with duckdb.connect(str(db), read_only=True) as con:
        (free,) = con.execute("SELECT free_blocks FROM pragma_database_size()").fetchone()
        assert free == 0
        assert con.execute("SELECT count(*) FROM scoped.articles_in_scope").fetchone()[0] == 0
    assert not list(tmp_path.glob(".*compact*"))
    load_records(db, records[300:400])  # and the next load keeps it up to date as before
    steps = snapshot(db)
    rebuilt = snapshot(full_rebuild(db, tmp_path / "rebuilt.duckdb"))
    for name in COMPARED:
        assert steps[name] == rebuilt[name], name
