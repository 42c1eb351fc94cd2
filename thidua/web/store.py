"""The warehouse as the web app sees it: one consistent, read-only snapshot at a time.

Loads never write the warehouse file in place: they write a copy and rename it over the
original (thidua.warehouse.swap). A connection opened before the rename keeps reading the old
file to the end, so a request never sees half a load. Two DuckDB details shape this module:

- `duckdb.connect(path)` returns the instance already open for that path in this process,
  which after a rename is the *old* file. So each snapshot is its own in-memory database that
  ATTACHes the file read-only: a fresh ATTACH opens whatever file the path names now.
- Everything the pages show is computed by the warehouse when it is loaded (facts, history,
  analyst views), so opening a snapshot reads a few rows and copies nothing: requests look
  rows up in the file, with DuckDB's cache of its blocks bounded (queries.MEMORY_LIMIT).

Requests take the current snapshot; when the file changes on disk a new snapshot is built in
a background thread while requests keep using the old one, which is dropped (and its file
handle closed) once the last request using it has finished.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from thidua.warehouse.db import WAREHOUSE_SCHEMA_VERSION
from thidua.web import queries
from thidua.web.params import Provinces

log = logging.getLogger("thidua.web")

# How long a request waits for a file another process holds open for writing.
LOCK_RETRY_SECONDS = 1.5


class Unavailable(RuntimeError):
    """The warehouse cannot be read right now; the message says why and what to do."""


@dataclass
class Snapshot:
    """One opened version of the warehouse file."""

    path: Path
    stamp: tuple
    con: duckdb.DuckDBPyConnection
    info: dict[str, Any] = field(default_factory=dict)
    provinces: Provinces = field(default_factory=lambda: Provinces([]))
    specs: dict[str, queries.ListSpec] = field(default_factory=dict)
    opened_at: float = field(default_factory=time.time)
    # answers that cannot change within a snapshot (the home page's provinces…), by name
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def tag(self) -> str:
        """Names this version of the warehouse: the ETag of every answer read from it."""
        return hashlib.sha1(repr((self.stamp, self.info.get("loaded_at"))).encode()
                            ).hexdigest()[:16]

    def remember(self, name: str, compute) -> Any:
        if name not in self.memo:
            with self.cursor() as cur:
                self.memo[name] = compute(cur)
        return self.memo[name]

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own per request: DuckDB connections are not shared across threads."""
        cur = self.con.cursor()
        try:
            queries.prepare_cursor(cur)
            yield cur
        finally:
            cur.close()

    def __del__(self) -> None:  # the last request using an old snapshot lets its file go
        with contextlib.suppress(Exception):
            self.con.close()


def _stamp(path: Path) -> tuple | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def open_snapshot(path: Path) -> Snapshot:
    """Attach the file read-only and check its schema version."""
    stamp = _stamp(path)
    if stamp is None:
        raise Unavailable(f"no warehouse at {path}: build one with `thidua load` or `thidua demo`")
    deadline = time.monotonic() + LOCK_RETRY_SECONDS
    while True:
        con = duckdb.connect(":memory:")
        try:
            queries.attach(con, path)
            break
        except duckdb.IOException as err:
            con.close()
            # Another process has the file open for writing (an old-style, in-place load).
            if "lock" not in str(err).lower() or time.monotonic() > deadline:
                raise Unavailable(f"the warehouse {path} cannot be opened now ({err}); "
                                  "try again when the running load has finished") from err
            time.sleep(0.1)
        except duckdb.Error as err:
            con.close()
            raise Unavailable(f"the warehouse {path} cannot be read: {err}") from err
    try:
        version = queries.schema_version(con)
        if version != WAREHOUSE_SCHEMA_VERSION:
            raise Unavailable(
                f"{path} has warehouse schema v{version}, this server reads "
                f"v{WAREHOUSE_SCHEMA_VERSION}: upgrade it with `thidua entities refresh --db "
                f"{path}` (or load records into it), then reload the page")
        info = queries.warehouse_info(con)
        known = Provinces(queries.province_names(con))
        specs = queries.list_specs(con)
    except Unavailable:
        con.close()
        raise
    except duckdb.Error as err:
        con.close()
        raise Unavailable(f"the warehouse {path} cannot be read: {err}") from err
    return Snapshot(path=path, stamp=stamp, con=con, info=info, provinces=known, specs=specs)


class Store:
    """Hands out the newest ready snapshot of the warehouse at `path`."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._current: Snapshot | None = None
        self._lock = threading.Lock()
        self._reloading: threading.Thread | None = None
        self._error: str | None = None

    def current(self) -> Snapshot:
        stamp = _stamp(self.path)
        snap = self._current
        if snap is not None and snap.stamp == stamp:
            return snap
        if snap is not None and stamp is not None:
            # Keep serving the old version while the new one is opened.
            self._reload_in_background()
            return snap
        # Nothing to serve yet (first request, or the file went away): open it now.
        with self._lock:
            snap = self._current
            if snap is not None and snap.stamp == _stamp(self.path):
                return snap
            self._current = open_snapshot(self.path)
            return self._current

    def _reload_in_background(self) -> None:
        with self._lock:
            if self._reloading is not None and self._reloading.is_alive():
                return
            self._reloading = threading.Thread(target=self._reload, name="thidua-reload",
                                               daemon=True)
            self._reloading.start()

    def _reload(self) -> None:
        try:
            snap = open_snapshot(self.path)
        except Unavailable as err:
            # The old snapshot stays in service; the next request tries again.
            log.warning("warehouse reload failed: %s", err)
            return
        self._current = snap
        log.info("serving the warehouse as of %s", snap.info.get("loaded_at"))

    def wait_reloaded(self, timeout: float = 30.0) -> None:
        """Block until a running background reload has finished (for tests and benchmarks)."""
        thread = self._reloading
        if thread is not None:
            thread.join(timeout)
