"""Loading article records into the warehouse, in columnar batches, idempotently per article."""
from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa
from pydantic import ValidationError

from thidua.schema import Record, validate
from thidua.warehouse import overrides as overrides_file
from thidua.warehouse import bounds
from thidua.warehouse import bulk as bulk_load
from thidua.warehouse import history, search
from thidua.warehouse.db import TABLES, default_path
from thidua.warehouse.flatten import Row, flatten
from thidua.warehouse.swap import writing

Target = duckdb.DuckDBPyConnection | str | os.PathLike
BATCH_SIZE = 5000


@dataclass
class Rejected:
    """A record that was not loaded, and why."""

    where: str  # "record 3" (0-based position) or "line 4" (1-based JSONL line)
    article_id: str | None
    reason: str


@dataclass
class LoadStats:
    loaded: int = 0  # distinct articles written
    article_ids: list[str] = field(default_factory=list)  # in first-seen order
    replaced: int = 0  # articles already in the warehouse when their batch was written
    duplicates: int = 0  # repeats of an id within this load: the last one wins
    rows: Counter = field(default_factory=Counter)  # rows inserted per table
    rejected: list[Rejected] = field(default_factory=list)
    failures: int = 0  # failed extractions ({"id", "error"} inputs) recorded in load_failures
    removed: int = 0  # articles of `replace_version` removed before loading
    removed_ids: list[str] = field(default_factory=list)
    entities: dict[str, int] = field(default_factory=dict)  # entities per kind after the load
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step of the load
    # bulk loads: lines its checks doubted and sent through the Python path (blank ones too)
    fallback: int = 0

    @property
    def ok(self) -> bool:
        return not self.rejected


def article_id_for(record: Record) -> str:
    """The caller's id; else a hash of the URL; else of the text, so reloads still replace."""
    if record.id:
        return record.id
    if record.url:
        return hashlib.sha1(record.url.encode("utf-8")).hexdigest()[:16]
    content = "\x1f".join(str(part or "") for part in
                          (record.source, record.title, record.published, record.body))
    return "text-" + hashlib.sha1(content.encode("utf-8")).hexdigest()[:16]


def load_records(con_or_path: Target, records: Iterable[dict], batch_size: int = BATCH_SIZE,
                 replace_version: str | None = None, overrides: str | os.PathLike | None = None
                 ) -> LoadStats:
    """Validate and load records; invalid ones are listed in `stats.rejected`, never lost.

    A dict with an "error" key (a failed extraction, as `thidua extract` writes it) is
    recorded in `load_failures` instead. With `replace_version`, every article loaded by that
    extractor version is removed first, so the load replaces the version's facts as a whole.
    Entities are re-resolved at the end, and the whole load is one transaction; given a
    path, it is also written to a copy swapped in at the end (swap.py), so readers in other
    processes see the warehouse before or after the load, never during it."""
    entries = ((f"record {no}", record, None) for no, record in enumerate(records))
    return _load(con_or_path, _PythonBody(entries, batch_size), replace_version, overrides)


def load_jsonl(path_or_file: str | os.PathLike | IO[str], con_or_path: Target | None = None,
               batch_size: int = BATCH_SIZE, replace_version: str | None = None,
               overrides: str | os.PathLike | None = None) -> LoadStats:
    """Load a JSONL file (one record per line) into the warehouse (default: THIDUA_DB)."""
    target = con_or_path if con_or_path is not None else default_path()
    if isinstance(path_or_file, (str, os.PathLike)):
        return load_files([path_or_file], target, batch_size, replace_version, overrides)
    return _load(target, _PythonBody(_jsonl_entries(path_or_file), batch_size),
                 replace_version, overrides)


def load_files(paths: Iterable[str | os.PathLike], con_or_path: Target,
               batch_size: int = BATCH_SIZE, replace_version: str | None = None,
               overrides: str | os.PathLike | None = None, bulk: bool = True) -> LoadStats:
    """Load several JSONL files as one load (one transaction, one swap).

    By default the files are parsed, checked and flattened inside DuckDB (bulk.py), with
    the same outcome as the line-by-line path (`bulk=False`, also used for a file whose
    line breaks only Python reads exactly)."""
    paths = list(paths)
    if bulk:
        try:
            return _load(con_or_path, _BulkBody(paths), replace_version, overrides)
        except bulk_load.NotBulk:
            pass

    def entries() -> Iterator[tuple[str, Any, str | None]]:
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                prefix = f"{path}: " if len(paths) > 1 else ""
                for where, raw, error in _jsonl_entries(handle):
                    yield prefix + where, raw, error

    return _load(con_or_path, _PythonBody(entries(), batch_size), replace_version, overrides)


def _jsonl_entries(handle: Iterable[str]) -> Iterator[tuple[str, Any, str | None]]:
    for no, line in enumerate(handle, start=1):
        entry = _entry(f"line {no}", line)
        if entry is not None:
            yield entry


def _entry(where: str, line: str) -> tuple[str, Any, str | None] | None:
    """(where, parsed JSON, error) for one JSONL line; None for a blank line."""
    if not line.strip():
        return None
    try:
        return where, json.loads(line), None
    except json.JSONDecodeError as err:
        return where, None, f"invalid JSON: {err}"


class Body:
    """What a load does between its start and its entity refresh: write the articles
    (filling stats) and return the failed extractions met, by input id. `prepare` runs
    before the load's transaction (work that touches no warehouse table), `cleanup` after
    it, whatever happened."""

    def prepare(self, con: duckdb.DuckDBPyConnection, stats: LoadStats) -> None:
        pass

    def write(self, con: duckdb.DuckDBPyConnection, stats: LoadStats) -> dict[str, Row]:
        raise NotImplementedError

    def cleanup(self, con: duckdb.DuckDBPyConnection) -> None:
        pass


def _load(con_or_path: Target, body: Body, replace_version: str | None,
          overrides: str | os.PathLike | None) -> LoadStats:
    if isinstance(con_or_path, duckdb.DuckDBPyConnection):
        if overrides is None:
            overrides = overrides_file.default_path(_database_file(con_or_path))
        return _load_into(con_or_path, body, replace_version, overrides)
    path = Path(con_or_path)
    overrides = overrides if overrides is not None else overrides_file.default_path(path)
    whole = not search.exists(path)  # a new index takes every article
    index = search.Update(path)
    try:
        with writing(path, overrides=overrides, before_swap=index.commit) as con:
            stats = _load_into(con, body, replace_version, overrides)
            started = time.perf_counter()
            index.add(con, None if whole else stats.article_ids + stats.removed_ids)
            stats.timings["search index"] = time.perf_counter() - started
    except BaseException:
        index.rollback()
        raise
    return stats


def _database_file(con: duckdb.DuckDBPyConnection) -> str | None:
    rows = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = "
                       "current_database()").fetchall()
    return rows[0][0] if rows and rows[0][0] else None


def _load_into(con: duckdb.DuckDBPyConnection, body: Body, replace_version: str | None,
               overrides: str | os.PathLike | None) -> LoadStats:
    stats = LoadStats()
    corrections = overrides_file.read(overrides)  # a bad overrides file fails before loading
    # The cyclic GC would walk the many short-lived row dicts again and again (a third of
    # the load's time); rows hold no cycles, so it is paused for the load.
    collecting = gc.isenabled()
    gc.disable()
    try:
        body.prepare(con, stats)
        con.begin()
        try:
            removed = _remove_version(con, replace_version) if replace_version is not None else []
            stats.removed, stats.removed_ids = len(removed), removed
            failures = body.write(con, stats)
            stats.loaded = len(stats.article_ids)
            stats.failures = _record_failures(con, failures, set(stats.article_ids))
            # the history is brought up to date for the articles this load touched
            con.register("_touched_ids", pa.table({"article_id": pa.array(
                stats.article_ids + removed, pa.string())}))
            try:
                stats.entities = history.refresh(con, corrections, stats.timings,
                                                 articles="SELECT article_id FROM _touched_ids")
            finally:
                con.unregister("_touched_ids")
            started = time.perf_counter()
            con.commit()
            stats.timings["commit"] = time.perf_counter() - started
        except BaseException:
            con.rollback()
            raise
    finally:
        body.cleanup(con)
        if collecting:
            gc.enable()
    return stats


class _PythonBody(Body):
    """Records one by one: pydantic, flatten.py, Arrow batches of `batch_size` articles."""

    def __init__(self, entries: Iterable[tuple[str, Any, str | None]], batch_size: int) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.entries, self.batch_size = entries, batch_size

    def write(self, con: duckdb.DuckDBPyConnection, stats: LoadStats) -> dict[str, Row]:
        pending: dict[str, Record] = {}
        failures: dict[str, Row] = {}
        first: dict[str, tuple[str, str | None, str]] = {}  # id → where, url, body's hash
        for where, raw, error in self.entries:
            if error is None and _is_failure(raw):
                row = _failure_row(where, raw)
                failures[row["input_id"]] = row
                continue
            record = _check(where, raw, error, stats)
            if record is None:
                continue
            article_id = article_id_for(record)
            identity = (record.url, hashlib.sha1(record.body.encode("utf-8")).hexdigest())
            if article_id in first:
                earlier = first[article_id]
                if not same_article(earlier[1:], identity):
                    stats.rejected.append(Rejected(where, article_id, clash_reason(
                        article_id, earlier[0], earlier[1], record.url)))
                    continue
                stats.duplicates += 1
            else:
                first[article_id] = (where, *identity)
                stats.article_ids.append(article_id)
            pending[article_id] = record
            if len(pending) >= self.batch_size:
                _flush(con, pending, stats)
                pending = {}
        if pending:
            _flush(con, pending, stats)
        return failures


class _BulkBody(Body):
    """JSONL files parsed, checked and flattened inside DuckDB (bulk.py)."""

    def __init__(self, paths: list[str | os.PathLike]) -> None:
        self.paths = paths
        self.failures: dict[str, Row] = {}
        self.clashes = 0

    def prepare(self, con: duckdb.DuckDBPyConnection, stats: LoadStats) -> None:
        # outside the transaction: staging writes no warehouse table, and the long parse
        # then holds no transaction open; cleanup() removes what it made, whatever happens
        def handle_line(where: str, line: str) -> tuple[str, Record] | None:
            # exactly the Python path's steps, for the lines the bulk checks doubt
            stats.fallback += 1
            entry = _entry(where, line)
            if entry is None:
                return None
            where, raw, error = entry
            if error is None and _is_failure(raw):
                row = _failure_row(where, raw)
                self.failures[row["input_id"]] = row
                return None
            record = _check(where, raw, error, stats)
            return None if record is None else (article_id_for(record), record)

        started = time.perf_counter()
        prefixes = [f"{p}: " if len(self.paths) > 1 else "" for p in self.paths]
        clashes = bulk_load.stage(con, self.paths, handle_line)
        self.clashes = len(clashes)
        for file_no, line_no, article_id, url, first_file, first_line, first_url in clashes:
            stats.rejected.append(Rejected(
                f"{prefixes[file_no]}line {line_no}", article_id,
                clash_reason(article_id, f"{prefixes[first_file]}line {first_line}",
                             first_url, url)))
        # in file and line order, as the Python path meets them
        order = {prefix: no for no, prefix in enumerate(prefixes)}
        stats.rejected.sort(key=lambda r: (order[r.where[:r.where.rindex("line ")]],
                                           int(r.where.rsplit(" ", 1)[1])))
        stats.timings["read and check"] = time.perf_counter() - started

    def write(self, con: duckdb.DuckDBPyConnection, stats: LoadStats) -> dict[str, Row]:
        stats.article_ids = [r[0] for r in con.execute(
            "SELECT article_id FROM _bulk_ids ORDER BY seen").fetchall()]
        valid = con.execute("SELECT count(*) FROM _bulk_docs").fetchall()[0][0]
        stats.duplicates = valid - self.clashes - len(stats.article_ids)
        stats.replaced = con.execute(
            "SELECT count(*) FROM articles "
            "WHERE article_id IN (SELECT article_id FROM _bulk_ids)").fetchall()[0][0]
        started = time.perf_counter()
        for table in TABLES if stats.replaced else ():  # new articles only: nothing to delete
            con.execute(f"DELETE FROM {table} "
                        "WHERE article_id IN (SELECT article_id FROM _bulk_ids)")
        con.execute("DELETE FROM load_failures "
                    "WHERE input_id IN (SELECT article_id FROM _bulk_ids)")
        bulk_load.flatten(con, TABLES, stats)
        stats.timings["flatten and insert"] = time.perf_counter() - started
        return self.failures

    def cleanup(self, con: duckdb.DuckDBPyConnection) -> None:
        bulk_load.drop(con)


def same_article(a: tuple[str | None, str], b: tuple[str | None, str]) -> bool:
    """Two lines with one id are versions of one article (the later one wins) when they
    have the same URL, or neither has one and the texts are equal; else they clash."""
    (url_a, body_a), (url_b, body_b) = a, b
    return url_a == url_b and (url_a is not None or body_a == body_b)


def clash_reason(article_id: str, first_where: str, first_url: str | None,
                 url: str | None) -> str:
    what = (f"{first_where} is {first_url or 'without a URL'}, this line "
            f"{url or 'without a URL'}" if first_url != url
            else f"neither has a URL and {first_where} has another text")
    return (f"article id {article_id!r} is already used by {first_where} for a different "
            f"article ({what}): give each article its own id; this line was not loaded")


def _check(where: str, raw: Any, error: str | None, stats: LoadStats) -> Record | None:
    if error is None and not isinstance(raw, dict):
        error = f"not a JSON object but {type(raw).__name__}"
    if error is None:
        try:
            record = validate(raw)
        except ValidationError as err:
            error = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '<record>'}: {e['msg']}"
                              for e in err.errors())
        else:
            found = bounds.problems(record)
            if not found:
                return record
            error = "; ".join(found)
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    stats.rejected.append(Rejected(where, raw_id if isinstance(raw_id, str) else None, error))
    return None


def _is_failure(raw: Any) -> bool:
    return isinstance(raw, dict) and isinstance(raw.get("error"), str) and "body" not in raw


def _failure_row(where: str, raw: dict) -> Row:
    url = raw.get("url") if isinstance(raw.get("url"), str) else None
    published = raw.get("published")
    try:
        published = date.fromisoformat(published) if isinstance(published, str) else None
    except ValueError:
        published = None
    return {"input_id": str(raw.get("id") or url or where), "url": url,
            "source": urlsplit(url).hostname if url else None, "published": published,
            "error": raw["error"], "extractor_version": raw.get("extractor_version"),
            "failed_at": datetime.now(timezone.utc).replace(tzinfo=None)}


def _record_failures(con: duckdb.DuckDBPyConnection, failures: dict[str, Row],
                     loaded: set[str]) -> int:
    # an id that also loaded in this load is not a failure any more
    rows = [row for input_id, row in failures.items() if input_id not in loaded]
    if rows:
        con.register("_failed_ids", pa.table({"input_id": [r["input_id"] for r in rows]}))
        try:
            con.execute("DELETE FROM load_failures "
                        "WHERE input_id IN (SELECT input_id FROM _failed_ids)")
        finally:
            con.unregister("_failed_ids")
        _insert(con, "load_failures", rows)
    return len(rows)


def _remove_version(con: duckdb.DuckDBPyConnection, version: str) -> list[str]:
    ids = [r[0] for r in con.execute("SELECT article_id FROM articles WHERE extractor_version = ?",
                                     [version]).fetchall()]
    con.register("_version_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        for table in reversed(TABLES):
            con.execute(f"DELETE FROM {table} "
                        "WHERE article_id IN (SELECT article_id FROM _version_ids)")
    finally:
        con.unregister("_version_ids")
    return ids


def _flush(con: duckdb.DuckDBPyConnection, batch: dict[str, Record], stats: LoadStats) -> None:
    # One timestamp per batch: every row of a batch was loaded at the same moment (UTC).
    loaded_at = datetime.now(timezone.utc).replace(tzinfo=None)
    rows: dict[str, list[Row]] = {table: [] for table in TABLES}
    for article_id, record in batch.items():
        for table, table_rows in flatten(article_id, record, loaded_at).items():
            rows[table].extend(table_rows)
    ids = pa.table({"article_id": pa.array(list(batch), pa.string())})
    con.register("_batch_ids", ids)
    try:
        stats.replaced += con.execute(
            "SELECT count(*) FROM articles WHERE article_id IN (SELECT article_id FROM _batch_ids)"
        ).fetchall()[0][0]
        for table in TABLES:
            con.execute(f"DELETE FROM {table} "
                        "WHERE article_id IN (SELECT article_id FROM _batch_ids)")
        con.execute("DELETE FROM load_failures "
                    "WHERE input_id IN (SELECT article_id FROM _batch_ids)")
        for table in TABLES:
            if rows[table]:
                _insert(con, table, rows[table])
                stats.rows[table] += len(rows[table])
    finally:
        con.unregister("_batch_ids")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
    # one C++ conversion of the dicts into a struct array beats Table.from_pylist, which
    # gathers every column in Python
    schema = arrow_schema(con, table)
    data = pa.Table.from_struct_array(pa.array(rows, type=pa.struct(schema)))
    view = f"_batch_{table}"
    con.register(view, data)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)


_ARROW_TYPES = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}


_SCHEMAS: dict[str, pa.Schema] = {}


def arrow_schema(con: duckdb.DuckDBPyConnection, table: str) -> pa.Schema:
    """The Arrow schema of a warehouse table, read from the DDL so the two never drift
    (once per process: every file of this schema version has the same columns)."""
    if table not in _SCHEMAS:
        _SCHEMAS[table] = _read_schema(con, table)
    return _SCHEMAS[table]


def _read_schema(con: duckdb.DuckDBPyConnection, table: str) -> pa.Schema:
    columns = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()
    return pa.schema([(name, _ARROW_TYPES[dtype]) for name, dtype in columns])
