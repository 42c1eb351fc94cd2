"""pages.jsonl: one line per stored article version, appended and flushed as it goes.

A crawl killed mid-write leaves at most one half-written last line, and possibly some
complete lines the crawl state never registered (killed between the write and the
commit). `open_pages_file` repairs both before anything new is appended, so a resumed
crawl neither loses nor repeats an article.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from thidua.crawler.pageinfo import inspect_page
from thidua.crawler.state import CrawlState

PAGES_FILE = "pages.jsonl"
ALIASES_FILE = "aliases.jsonl"

log = logging.getLogger(__name__)


class PagesFile:
    def __init__(self, path: Path):
        self.path = path
        self.fh = path.open("ab")

    def append(self, row: dict) -> int:
        """Write one row; returns the file size after it, the offset the state records."""
        self.fh.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        self.fh.flush()
        return self.fh.tell()

    def close(self) -> None:
        self.fh.close()


def open_pages_file(out_dir: Path, state: CrawlState) -> PagesFile:
    path = Path(out_dir) / PAGES_FILE
    size = path.stat().st_size if path.exists() else 0
    recorded = state.jsonl_size()
    if size < recorded:
        # pages.jsonl was replaced or cut by hand: the state describes pages that are gone.
        log.warning("%s is shorter than the crawl state records (%d < %d bytes); the seen-page "
                    "store is kept, articles removed by hand will not be fetched again",
                    path, size, recorded)
        recorded = size
    if size > recorded:
        _register_tail(path, recorded, state)
    return PagesFile(path)


def _register_tail(path: Path, start: int, state: CrawlState) -> None:
    with path.open("rb+") as fh:
        fh.seek(start)
        tail = fh.read()
        end = tail.rfind(b"\n") + 1  # 0 when there is no complete line
        if end < len(tail):
            log.warning("%s ends with a half-written line (%d bytes): removed", path, len(tail) - end)
            fh.truncate(start + end)
    offset = start
    for line in tail[:end].splitlines(keepends=True):
        offset += len(line)
        if not line.strip():
            continue
        row = json.loads(line)
        fingerprint = row.get("fingerprint") or inspect_page(row.get("html", "")).fingerprint
        state.store(row["id"], row["url"], fingerprint, row.get("etag"), row.get("last_modified"),
                    jsonl_size=offset)


def read_pages(out_dir: Path) -> list[dict]:
    """Every complete line of OUT/pages.jsonl and of its workers' folders, latest version
    of each article only, in file order."""
    out_dir = Path(out_dir)
    files = [out_dir / PAGES_FILE, *sorted(out_dir.glob(f"*/{PAGES_FILE}"))]
    latest: dict[str, dict] = {}
    for f in files:
        if not f.exists():
            continue
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                if line.endswith("\n") and line.strip():
                    row = json.loads(line)
                    latest.pop(row["id"], None)
                    latest[row["id"]] = row
    return list(latest.values())
