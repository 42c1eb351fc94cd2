"""Reading back the raw store a crawl keeps (OUT/raw/index.jsonl, one line per fetch, and
the bodies as served, gzip members in OUT/raw/pages-*.gz), so that extraction can be
rebuilt with no network when the extractor improves."""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from thidua.crawler import dedup
from thidua.crawler.classify import classify_html
from thidua.extract.decode import decode_page
from thidua.crawler.urls import page_id


@dataclass(frozen=True)
class RawPage:
    id: str
    url: str
    fetched_url: str
    fetched_at: str
    status: int
    html: str
    encoding: str
    source: str | None
    province: str | None
    fingerprint: str | None


RAW_INDEX = "index.jsonl"


def read_body(root: Path, meta: dict) -> bytes:
    """The page's bytes as served, from its segment."""
    with (root / meta["file"]).open("rb") as fh:
        fh.seek(meta["offset"])
        return gzip.decompress(fh.read(meta["length"]))


def raw_fetches(out_dir: Path | str) -> Iterator[tuple[Path, dict]]:
    """(raw folder, metadata) of every page fetched into OUT, in fetch order."""
    root = Path(out_dir) / "raw"
    index = root / RAW_INDEX
    if not index.exists():
        return
    with index.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.endswith("\n"):
                break  # cut by a killed crawl: its page is fetched again on resume
            yield root, json.loads(line)


def raw_articles(out_dir: Path | str, errors: list[str] | None = None) -> list[RawPage]:
    """The newest stored fetch of every article page, one per article: a page whose main
    text equals or nearly equals an earlier-fetched article's (print view, mirror) is left
    out. Pages 2, 3… of an article split over pages are in its joined page, not alone.

    The fingerprints recorded at crawl time are used; a raw store written before they
    were recorded is classified again. Pages that cannot be read are listed in `errors`
    (when given) and skipped."""
    newest: dict[str, tuple[str, Path, dict]] = {}
    for root, meta in raw_fetches(out_dir):
        if not meta.get("is_article") or meta.get("status") != 200 or meta.get("part_of"):
            continue
        key = page_id(meta["url"])
        if key not in newest or meta["fetched_at"] > newest[key][0]:
            newest[key] = (meta["fetched_at"], root, meta)
    pages: list[RawPage] = []
    seen = _Seen()
    for key, (_, root, meta) in sorted(newest.items(), key=lambda kv: kv[1][0]):
        try:
            body = read_body(root, meta)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            if errors is not None:
                errors.append(f"{root / meta['file']} at {meta['offset']}: {exc}")
            continue
        # The codec that decoded the page at crawl time, found then by detection if need be.
        decoded = decode_page(body, meta.get("declared_encoding"), forced=meta.get("encoding"))
        fingerprint, simhash = meta.get("fingerprint"), meta.get("simhash")
        if fingerprint is None:
            verdict = classify_html(decoded.text, meta["url"])
            fingerprint, simhash = verdict.fingerprint, verdict.simhash
        if seen.copy(key, fingerprint, simhash):
            continue
        pages.append(RawPage(id=key, url=meta["url"], fetched_url=meta["fetched_url"],
                             fetched_at=meta["fetched_at"], status=meta["status"],
                             html=decoded.text, encoding=decoded.encoding,
                             source=meta.get("source"), province=meta.get("province"),
                             fingerprint=fingerprint))
    return pages


class _Seen:
    """Fingerprints and SimHash bands of the articles kept so far, in memory."""

    def __init__(self):
        self.exact: dict[str, str] = {}
        self.bands: dict[tuple[int, int], list[tuple[str, str]]] = {}

    def copy(self, key: str, fingerprint: str | None, simhash: str | None) -> bool:
        if fingerprint and self.exact.setdefault(fingerprint, key) != key:
            return True
        if simhash:
            for band in dedup.bands(simhash):
                for owner, other in self.bands.get(band, ()):
                    if owner != key and dedup.near(simhash, other):
                        return True
            for band in dedup.bands(simhash):
                self.bands.setdefault(band, []).append((key, simhash))
        return False
