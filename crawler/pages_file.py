"""pages.jsonl: one line per stored article version, appended and flushed as it goes.

A line describes the article (id, URL, source, province, title, date, fingerprints,
validators) and points at the page itself, kept once and compressed in the raw store:
`"raw": {"file": "raw/pages-….gz", "offset", "length"}`, relative to the folder of
pages.jsonl. `page_html(row, folder)` reads it back; lines written by older crawls that
still carry `"html"` are read as they are.

A crawl killed mid-write leaves at most one half-written last line, and possibly some
complete lines the crawl state never registered (killed between the write and the
commit). `open_pages_file` repairs both before anything new is appended, so a resumed
crawl neither loses nor repeats an article.
"""
from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

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
        fingerprint, simhash = row.get("fingerprint"), row.get("simhash")
        if fingerprint is None and isinstance(row.get("html"), str):  # a line of an older crawl
            from thidua.crawler.classify import classify_html

            verdict = classify_html(row["html"], row.get("url"))
            fingerprint, simhash = verdict.fingerprint, verdict.simhash
        state.store(row["id"], row["url"], fingerprint, row.get("etag"),
                    row.get("last_modified"), jsonl_size=offset, simhash=simhash)


class StoreError(ValueError):
    """A pages.jsonl line whose page cannot be read back from the raw store."""


def page_html(row: dict, folder: Path | str | None) -> str:
    """The page of a pages.jsonl line as text: decoded with the codec the crawl found.
    `folder` holds the pages.jsonl the line comes from (its raw/ is beside it)."""
    if isinstance(row.get("html"), str):
        return row["html"]
    raw = row.get("raw")
    if not isinstance(raw, dict) or not {"file", "offset", "length"} <= set(raw):
        raise StoreError('the line has neither "html" nor a "raw" pointer into the raw store')
    from thidua.extract.decode import decode_page
    from thidua.crawler.raw_store import read_body

    path = Path(folder or ".") / raw["file"]
    try:
        body = read_body(path.parent, {"file": path.name, "offset": raw["offset"],
                                       "length": raw["length"]})
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise StoreError(f"cannot read the page from {path} at byte {raw['offset']}: "
                         f"{getattr(exc, 'strerror', None) or exc}") from exc
    return decode_page(body, row.get("declared_encoding"), forced=row.get("encoding")).text


def _pages_files(out_dir: Path) -> list[Path]:
    return [out_dir / PAGES_FILE, *sorted(out_dir.glob(f"*/{PAGES_FILE}"))]


def read_pages(out_dir: Path, with_html: bool = True) -> list[dict]:
    """Every complete line of OUT/pages.jsonl and of its workers' folders, latest version
    of each article only, in file order; with `with_html`, each with its page as "html"."""
    out_dir = Path(out_dir)
    latest: dict[str, tuple[dict, Path]] = {}
    for f in _pages_files(out_dir):
        if not f.exists():
            continue
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                if line.endswith("\n") and line.strip():
                    row = json.loads(line)
                    latest.pop(row["id"], None)
                    latest[row["id"]] = (row, f.parent)
    if not with_html:
        return [row for row, _ in latest.values()]
    return [{**row, "html": page_html(row, folder)} for row, folder in latest.values()]
