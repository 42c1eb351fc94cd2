"""Loading article records into the warehouse, in columnar batches, idempotently per article."""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import IO, Any

import duckdb
import pyarrow as pa
from pydantic import ValidationError

from thidua.schema import Record, validate
from thidua.warehouse.db import TABLES, connect
from thidua.warehouse.flatten import Row, flatten

Target = duckdb.DuckDBPyConnection | str | os.PathLike


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


def load_records(con_or_path: Target, records: Iterable[dict], batch_size: int = 1000
                 ) -> LoadStats:
    """Validate and load records; invalid ones are listed in `stats.rejected`, never lost."""
    entries = ((f"record {no}", record, None) for no, record in enumerate(records))
    return _load(con_or_path, entries, batch_size)


def load_jsonl(path_or_file: str | os.PathLike | IO[str], con_or_path: Target | None = None,
               batch_size: int = 1000) -> LoadStats:
    """Load a JSONL file (one record per line) into the warehouse (default: THIDUA_DB)."""
    target = con_or_path if con_or_path is not None else connect()
    try:
        if isinstance(path_or_file, (str, os.PathLike)):
            with open(path_or_file, encoding="utf-8") as handle:
                return _load(target, _jsonl_entries(handle), batch_size)
        return _load(target, _jsonl_entries(path_or_file), batch_size)
    finally:
        if con_or_path is None:
            target.close()


def _jsonl_entries(handle: Iterable[str]) -> Iterator[tuple[str, Any, str | None]]:
    for no, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            yield f"line {no}", json.loads(line), None
        except json.JSONDecodeError as err:
            yield f"line {no}", None, f"invalid JSON: {err}"


def _load(con_or_path: Target, entries: Iterable[tuple[str, Any, str | None]],
          batch_size: int) -> LoadStats:
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    owned = not isinstance(con_or_path, duckdb.DuckDBPyConnection)
    con = connect(con_or_path) if owned else con_or_path
    stats = LoadStats()
    pending: dict[str, Record] = {}
    seen: set[str] = set()
    try:
        for where, raw, error in entries:
            record = _check(where, raw, error, stats)
            if record is None:
                continue
            article_id = article_id_for(record)
            if article_id in seen:
                stats.duplicates += 1
            else:
                seen.add(article_id)
                stats.article_ids.append(article_id)
            pending[article_id] = record
            if len(pending) >= batch_size:
                _flush(con, pending, stats)
                pending = {}
        if pending:
            _flush(con, pending, stats)
        stats.loaded = len(stats.article_ids)
    finally:
        if owned:
            con.close()
    return stats


def _check(where: str, raw: Any, error: str | None, stats: LoadStats) -> Record | None:
    if error is None and not isinstance(raw, dict):
        error = f"not a JSON object but {type(raw).__name__}"
    if error is None:
        try:
            return validate(raw)
        except ValidationError as err:
            error = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '<record>'}: {e['msg']}"
                              for e in err.errors())
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    stats.rejected.append(Rejected(where, raw_id if isinstance(raw_id, str) else None, error))
    return None


def _flush(con: duckdb.DuckDBPyConnection, batch: dict[str, Record], stats: LoadStats) -> None:
    # One timestamp per batch: every row of a transaction was loaded at the same moment (UTC).
    loaded_at = datetime.now(timezone.utc).replace(tzinfo=None)
    rows: dict[str, list[Row]] = {table: [] for table in TABLES}
    for article_id, record in batch.items():
        for table, table_rows in flatten(article_id, record, loaded_at).items():
            rows[table].extend(table_rows)
    ids = pa.table({"article_id": pa.array(list(batch), pa.string())})
    con.begin()
    try:
        con.register("_batch_ids", ids)
        stats.replaced += con.execute(
            "SELECT count(*) FROM articles WHERE article_id IN (SELECT article_id FROM _batch_ids)"
        ).fetchall()[0][0]
        for table in TABLES:
            con.execute(f"DELETE FROM {table} "
                        "WHERE article_id IN (SELECT article_id FROM _batch_ids)")
        for table in TABLES:
            if rows[table]:
                _insert(con, table, rows[table])
                stats.rows[table] += len(rows[table])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.unregister("_batch_ids")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
    data = pa.Table.from_pylist(rows, schema=arrow_schema(con, table))
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


def arrow_schema(con: duckdb.DuckDBPyConnection, table: str) -> pa.Schema:
    """The Arrow schema of a warehouse table, read from the DDL so the two never drift."""
    columns = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()
    return pa.schema([(name, _ARROW_TYPES[dtype]) for name, dtype in columns])
