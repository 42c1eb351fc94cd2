"""One crawl per output folder at a time: two crawlers writing one pages.jsonl and one
crawl state would fetch every page twice and interleave their lines.

The lock is an advisory lock (fcntl.flock) on OUT/crawl.lock, held by the crawl process
for as long as it runs; the kernel releases it when the process ends, however it ends
(a SIGKILL included), so a crashed crawl never leaves a stale lock behind. The file
holds the holder's process id, for the message the second crawl prints.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK_FILE = "crawl.lock"


class FolderBusy(RuntimeError):
    """Another crawl is writing into this folder."""


class CrawlLock:
    def __init__(self, out_dir: str | Path):
        self.path = Path(out_dir) / LOCK_FILE
        self.fh = None

    def acquire(self) -> "CrawlLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = self.path.open("a+")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            fh.close()
            raise FolderBusy(f"another crawl (process {holder}) is writing into {self.path.parent}; "
                             "wait for it to finish or give another --out") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self.fh = fh
        return self

    def release(self) -> None:
        if self.fh is not None:
            fcntl.flock(self.fh, fcntl.LOCK_UN)
            self.fh.close()
            self.fh = None


def holder(out_dir: str | Path) -> str | None:
    """The process id holding the folder's lock, None when the folder is free."""
    path = Path(out_dir) / LOCK_FILE
    if not path.exists():
        return None
    with path.open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            return fh.read().strip() or "?"
        fcntl.flock(fh, fcntl.LOCK_UN)
    return None
