"""Writing the warehouse without ever blocking or half-showing it to readers.

DuckDB lets one process open a file for writing, and while it does no other process can open
the file at all, not even read-only. So a writer never opens the warehouse itself: it copies
the file beside it, writes the copy, checkpoints and closes it, and renames it over the
original (os.replace, atomic on POSIX). A reader that opened the file before the rename keeps
reading the old version to the end; one that opens it after sees the new one; none sees a
partial load, and none is refused. Writers queue on a lock file beside the warehouse.

The price is one file copy per load (measured in the README); the copy is made with the
kernel's copy_file_range, which reflinks on file systems that can (XFS, Btrfs).
"""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from thidua.warehouse.db import PathLike, connect

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: one writer at a time is the user's job
    fcntl = None  # type: ignore[assignment]


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


@contextlib.contextmanager
def writer_lock(path: Path) -> Iterator[None]:
    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a+") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _copy(source: Path, target: Path) -> None:
    with open(source, "rb") as src, open(target, "wb") as dst:
        size = os.fstat(src.fileno()).st_size
        copied = 0
        try:
            while copied < size:
                n = os.copy_file_range(src.fileno(), dst.fileno(), size - copied)
                if n == 0:
                    break
                copied += n
        except (AttributeError, OSError):
            src.seek(0)
            dst.seek(0)
            dst.truncate()
            shutil.copyfileobj(src, dst, 1 << 20)


@contextlib.contextmanager
def writing(path: PathLike, overrides: PathLike | None = None,
            before_swap: Callable[[], None] | None = None
            ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable connection to a copy of the warehouse at `path` that replaces it when the
    block ends without an exception; on an exception the copy is dropped, `path` untouched.
    `before_swap` runs once the copy is written and closed, just before it replaces `path`
    (the search index commits there)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(path):
        # Holding the lock, no other writer is at work: any copy left beside the file is
        # from a writer that was killed, and only takes up space.
        for stale in path.parent.glob(f".{glob.escape(path.name)}.*.writing*"):
            _remove(stale)
        work = path.with_name(f".{path.name}.{os.getpid()}.writing")
        stale_wal = _wal(path).exists()
        if path.exists():
            _copy(path, work)
            if stale_wal:  # a writer died before checkpointing: the copy replays its log
                _copy(_wal(path), _wal(work))
        con = connect(work, overrides=overrides)
        try:
            yield con
            con.execute("CHECKPOINT")
            _compact(con, work)
        except BaseException:
            con.close()
            _remove(work)
            _remove(_compacted(work))
            raise
        con.close()
        if _compacted(work).exists():
            os.replace(_compacted(work), work)
        if before_swap is not None:
            try:
                before_swap()
            except BaseException:
                _remove(work)
                raise
        if stale_wal:
            _wal(path).unlink(missing_ok=True)
        os.replace(work, path)


# DuckDB reuses the blocks a load frees but never gives them back: rows a load rewrites (the
# history of what it touched) leave free space behind, and the file grows load after load.
# When more than this share of it is free (a fifth: about every fifth load of 1,000 articles
# into 100,000), the load writes the warehouse anew, compactly.
COMPACT_WHEN_FREE = 0.20


def _compacted(work: Path) -> Path:
    return work.with_name(work.name + ".compact")


def _compact(con: duckdb.DuckDBPyConnection, work: Path) -> bool:
    """Copy the checkpointed warehouse into a new file when too much of it is free space
    (the file replaces the copy after `con` is closed)."""
    total, free = con.execute(
        "SELECT total_blocks, free_blocks FROM pragma_database_size() "
        "WHERE database_name = current_database()").fetchall()[0]
    if not total or free / total <= COMPACT_WHEN_FREE:
        return False
    target = _compacted(work)
    _remove(target)
    name = con.execute("SELECT current_database()").fetchall()[0][0]
    literal = "'" + str(target).replace("'", "''") + "'"
    con.execute(f"ATTACH {literal} AS thidua_compact")
    try:
        con.execute(f'COPY FROM DATABASE "{name}" TO thidua_compact')
    finally:
        con.execute("DETACH thidua_compact")
    return True


def _remove(work: Path) -> None:
    work.unlink(missing_ok=True)
    _wal(work).unlink(missing_ok=True)
