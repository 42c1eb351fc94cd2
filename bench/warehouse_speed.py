"""Warehouse speed: load N synthetic articles into a fresh DuckDB file and time the views.

    .venv/bin/python bench/warehouse_speed.py [--articles 100000] [--seed 0] [--keep DIR] [--profile]
                                              [--path bulk|python]

Prints: generation time, load time and articles/s (validation, flattening, Arrow batches,
inserts and whatever the load does after them, such as entity resolution), where the load's
time went (stats.timings), the file's size,
and the median latency of 5 runs (after one warm-up) of `SELECT * FROM <view>` for every
analyst view plus a few filtered queries an analyst types. Targets at 100,000 articles:
load ≥ 10,000 articles/s, every view < 100 ms. --profile adds where the load spends its time.
--path bulk (default) loads the JSONL file as `thidua load` does (warehouse/bulk.py: DuckDB
parses, checks and flattens it); --path python feeds the parsed dicts to load_records.

    .venv/bin/python bench/warehouse_speed.py --incremental 10000,100000 [--loads 10] [--batch 1000]

measures what a load of new articles costs as the warehouse grows, in one run: for each
size N, a fresh load of N articles, then --loads loads of --batch new articles each (their
median time and where it went), the file's size after them against a fresh load of the
same N + loads × batch articles, and at the end the ratio of the largest size's median to
the smallest's. Targets: ratio ≤ 1.5, size after the loads ≤ 1.1× the fresh load.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from thidua.warehouse.db import VIEWS
from thidua.warehouse.load import load_files, load_records
from thidua.warehouse.synthetic import write_jsonl

LOAD_TARGET = 10_000  # articles/s
# top-level steps of LoadStats.timings (the others are parts of these)
_STEPS = ("read and check", "flatten and insert", "entity resolution", "history tables", "commit")
_REST = {"bulk": "copy, connect, checkpoint, swap",
         "python": "json.loads, pydantic, flattening, inserts, copy, swap"}
VIEW_TARGET_MS = 100.0


def records_from(path: Path):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def latency_ms(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None,
               runs: int = 5) -> tuple[float, float, int]:
    """Median wall times (ms) of `runs` executions after a warm-up, and the row count.

    Two timings, because they differ by up to 10× on wide results: the whole result as an
    Arrow table (what DuckDB's clients, pandas, polars and BI tools take), and as Python
    tuples (fetchall), where building a Python object per cell dominates.
    """
    rows = con.sql(sql, params=params).to_arrow_table().num_rows  # warm-up
    timings = []
    for fetch in (lambda: con.sql(sql, params=params).to_arrow_table(),
                  lambda: con.execute(sql, params or []).fetchall()):
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            fetch()
            times.append((time.perf_counter() - started) * 1000)
        timings.append(statistics.median(times))
    return timings[0], timings[1], rows


def typical_queries(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, list]]:
    """Filtered queries on the busiest province and year, on whichever views exist."""
    province, = con.execute("SELECT province FROM articles WHERE province IS NOT NULL "
                            "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchall()[0]
    year = con.execute("SELECT max(year(published)) FROM articles").fetchall()[0][0] - 1
    queries = [
        ("history of one province", "SELECT * FROM bloc_leadership_history WHERE province = ?",
         [province]),
        ("history of one year", "SELECT * FROM bloc_leadership_history WHERE year = ?", [year]),
        ("conflicts", "SELECT * FROM bloc_leadership_history WHERE conflict", []),
    ]
    award_view = "award_trends" if "award_trends" in VIEWS else "award_counts"
    queries += [
        (f"{award_view}: one province", f"SELECT * FROM {award_view} WHERE province = ?",
         [province]),
        (f"{award_view}: one year by status",
         f"SELECT status, sum(\"count\") FROM {award_view} WHERE year = ? GROUP BY status",
         [year]),
        ("awards of one province-year (raw join)",
         "SELECT a.* FROM awards a JOIN articles USING (article_id) "
         "WHERE articles.province = ? AND year(articles.published) = ?", [province, year]),
    ]
    if "indicator_series" in VIEWS:
        columns = [r[0] for r in con.execute("DESCRIBE indicator_series").fetchall()]
        if "indicator" in columns:
            queries.append(("indicator_series: one indicator",
                            "SELECT * FROM indicator_series WHERE indicator = ?",
                            ["Tỷ lệ hộ nghèo"]))
    return queries


INCREMENTAL_RATIO = 1.5
SIZE_RATIO = 1.1


def write_records(path: Path, n: int, start: int = 0) -> None:
    from thidua.warehouse.synthetic import generate

    with open(path, "w", encoding="utf-8") as handle:
        for record in generate(n, 0, start):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def file_size(db: Path) -> int:
    """The warehouse file (and a write-ahead log, if any); the search index beside it is
    reported on its own."""
    return sum(p.stat().st_size for p in (db, db.with_name(db.name + ".wal")) if p.exists())


def incremental(sizes: list[int], loads: int, batch: int, folder: Path) -> int:
    medians = {}
    failed = []
    for n in sizes:
        base, db = folder / f"base-{n}.jsonl", folder / f"inc-{n}.duckdb"
        for stale in folder.glob(f"inc-{n}.duckdb*"):
            stale.unlink()
        write_records(base, n)
        started = time.perf_counter()
        load_files([base], db)
        print(f"\n{n:,} articles: fresh load {time.perf_counter() - started:.1f} s, "
              f"{file_size(db) / 1e6:,.1f} MB")
        times, steps = [], []
        parts = []
        for i in range(loads):
            part = folder / f"part-{n}-{i}.jsonl"
            write_records(part, batch, n + i * batch)
            parts.append(part)
            started = time.perf_counter()
            stats = load_files([part], db)
            times.append(time.perf_counter() - started)
            steps.append(stats.timings)
            assert stats.ok and stats.loaded == batch
        median = statistics.median(times)
        medians[n] = median
        keys = ("read and check", "flatten and insert", "entity resolution", "history tables",
                "search index", "commit")
        typical = steps[times.index(sorted(times)[len(times) // 2])]
        print(f"  {loads} loads of {batch:,} new articles: median {median:.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}; each: "
              + " ".join(f"{t:.2f}" for t in times) + "); the median load: "
              + ", ".join(f"{k} {typical.get(k, 0):.2f}" for k in keys)
              + f", rest {median - sum(typical.get(k, 0) for k in keys):.2f} s"
              + ("; full rebuilds: " + str(sum("history: spellings moved" in t for t in steps))
                 if any("history: spellings moved" in t for t in steps) else ""))
        grown = file_size(db)
        fresh = folder / f"fresh-{n}.duckdb"
        for stale in folder.glob(f"fresh-{n}.duckdb*"):
            stale.unlink()
        load_files([base, *parts], fresh)
        ratio = grown / file_size(fresh)
        index = [(p.with_name(p.name + ".search")).stat().st_size / 1e6 for p in (db, fresh)]
        print(f"  file after the loads {grown / 1e6:,.1f} MB, a fresh load of the same "
              f"{n + loads * batch:,} articles {file_size(fresh) / 1e6:,.1f} MB: {ratio:.2f}× "
              f"(target ≤ {SIZE_RATIO}); search index {index[0]:,.1f} MB against "
              f"{index[1]:,.1f} MB")
        if ratio > SIZE_RATIO:
            failed.append(f"file size at {n:,}")
    small, large = min(sizes), max(sizes)
    ratio = medians[large] / medians[small]
    print(f"\nmedian load of {batch:,} new articles: {medians[small]:.2f} s into {small:,}, "
          f"{medians[large]:.2f} s into {large:,}: {ratio:.2f}× (target ≤ {INCREMENTAL_RATIO})")
    if ratio > INCREMENTAL_RATIO:
        failed.append("incremental ratio")
    print("targets: " + ("met" if not failed else "missed on " + ", ".join(failed)))
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, default=None,
                        help="Folder for the JSONL and DuckDB files (default: a temp folder).")
    parser.add_argument("--profile", action="store_true",
                        help="Profile the load and print the costliest functions.")
    parser.add_argument("--path", choices=("bulk", "python"), default="bulk",
                        help="bulk: the JSONL file through DuckDB (thidua load); python: "
                             "json.loads'd dicts through load_records.")
    parser.add_argument("--incremental", default=None, metavar="SIZES",
                        help="Measure loads of new articles into warehouses of these sizes "
                             "(comma-separated), instead of one big load.")
    parser.add_argument("--loads", type=int, default=10)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.incremental:
        return incremental([int(n) for n in args.incremental.split(",")], args.loads,
                           args.batch, folder)
    jsonl, db = folder / "synthetic.jsonl", folder / "warehouse.duckdb"
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)

    started = time.perf_counter()
    write_jsonl(jsonl, args.articles, args.seed)
    generated = time.perf_counter() - started
    print(f"generated {args.articles:,} records in {generated:.1f} s "
          f"({jsonl.stat().st_size / 1e6:,.0f} MB of JSON Lines)")

    started = time.perf_counter()
    if args.path == "python":
        parsed = sum(1 for _ in records_from(jsonl))
    else:  # the same warm page cache for both paths
        jsonl.read_bytes()
    parse_s = time.perf_counter() - started

    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    cpu = time.process_time()
    if args.path == "bulk":
        stats = load_files([jsonl], db)
    else:
        stats = load_records(db, records_from(jsonl))
    if profiler:
        profiler.disable()
    load_s = time.perf_counter() - started
    cpu = time.process_time() - cpu
    rate = stats.loaded / load_s
    print(f"loaded {stats.loaded:,} articles ({sum(stats.rows.values()):,} rows) in {load_s:.1f} s: "
          f"{rate:,.0f} articles/s (target ≥ {LOAD_TARGET:,}) "
          f"{'OK' if rate >= LOAD_TARGET else 'BELOW TARGET'}")
    print(f"  {args.path} path; {cpu:.1f} s of CPU on {os.cpu_count()} cores")
    steps = {k: v for k, v in stats.timings.items() if not k.startswith("insert ")}
    if steps:
        print("  where the time went: " + ", ".join(f"{k} {v:.2f} s" for k, v in steps.items())
              + f", the rest ({_REST[args.path]}) "
              f"{load_s - sum(v for k, v in steps.items() if k in _STEPS):.2f} s")
    if args.path == "python":
        print(f"  of which reading JSON: {parse_s:.1f} s "
              f"({parsed / parse_s:,.0f} lines/s on its own)")
    if stats.rejected:
        print(f"  {len(stats.rejected)} records rejected, first: {stats.rejected[0]}")
    size = sum(p.stat().st_size for p in folder.glob("warehouse.duckdb*"))
    print(f"file size: {size / 1e6:,.1f} MB ({db})")

    con = duckdb.connect(str(db), read_only=True)
    slow = []
    print(f"\nlatency, median of 5 after a warm-up (target < {VIEW_TARGET_MS:.0f} ms per view, "
          "whole result as Arrow; Python tuples for comparison):")
    print(f"  {'':<40} {'Arrow':>10} {'tuples':>10} {'rows':>10}")
    for view in VIEWS:
        try:
            ms, tuples_ms, rows = latency_ms(con, f"SELECT * FROM {view}")
        except duckdb.Error as err:  # a view the file lacks: report it, time the others
            slow.append(view)
            print(f"  {view:<40} failed: {str(err).splitlines()[0]}")
            continue
        flag = "" if ms < VIEW_TARGET_MS else "  SLOW"
        slow += [view] if flag else []
        print(f"  {view:<40} {ms:7.1f} ms {tuples_ms:7.1f} ms {rows:>10,}{flag}")
    print("typical queries:")
    for title, sql, params in typical_queries(con):
        try:
            ms, tuples_ms, rows = latency_ms(con, sql, params)
        except duckdb.Error as err:
            print(f"  {title:<40} failed: {str(err).splitlines()[0]}")
            continue
        print(f"  {title:<40} {ms:7.1f} ms {tuples_ms:7.1f} ms {rows:>10,}")
    con.close()

    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        print("\nload profile (by own time):\n" + out.getvalue())
    ok = rate >= LOAD_TARGET and not slow and not stats.rejected
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
