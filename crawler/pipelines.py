"""Single-job pipelines, in ITEM_PIPELINES order: raw store → article store.

Both read the output folder from the OUT_DIR setting; the article store shares the
spider's crawl state (thidua.crawler.state), which also decides resumption. A page is
kept once, compressed, in the raw store; its pages.jsonl line points at that copy.
"""
from __future__ import annotations

import gzip
import json
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import DropItem

from thidua.crawler import dedup
from thidua.crawler.pages_file import ALIASES_FILE, open_pages_file
from thidua.crawler.raw_store import RAW_INDEX
from thidua.crawler.timing import timed
from thidua.crawler.urls import page_id


class _OutDir:
    def __init__(self, out_dir: str | Path):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)

    @classmethod
    def from_crawler(cls, crawler):
        pipe = cls(crawler.settings.get("OUT_DIR") or "data/crawl")
        pipe.crawler = crawler
        pipe.stats = crawler.stats
        return pipe


class RawStorePipeline(_OutDir):
    """Keeps every fetched page as served, so extraction can be replayed offline.

    Bodies are appended, each as its own gzip member, to raw/pages-<run start>-<n>.gz
    (a new segment every SEGMENT_BYTES); raw/index.jsonl gets one line per fetch with the
    URL, fetch time, status, headers, encodings and where the body lies (segment, offset,
    length). One open file instead of one file per page: creating small files was the
    crawl's largest cost. The index line is written after the body, so a crawl killed
    mid-write leaves at most an unindexed tail, never a line pointing at half a body."""

    SEGMENT_BYTES = 256 * 1024 * 1024

    def open_spider(self, spider=None):
        self.root = self.out / "raw"
        self.root.mkdir(parents=True, exist_ok=True)
        self.index = (self.root / RAW_INDEX).open("a", encoding="utf-8")
        self.run = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        self.segment_no = 0
        self._open_segment()

    def _open_segment(self) -> None:
        self.segment_no += 1
        self.segment_name = f"pages-{self.run}-{self.segment_no:04d}.gz"
        self.segment = (self.root / self.segment_name).open("ab")

    def close_spider(self, spider=None):
        self.segment.close()
        self.index.close()

    def process_item(self, item, spider=None):
        if item["status"] == 304:  # nothing was served but the validators
            return item
        with timed(self.stats, "raw_store"):
            self.store(item)
        return item

    def store(self, item) -> None:
        if self.segment.tell() > self.SEGMENT_BYTES:
            self.segment.close()
            self._open_segment()
        # Level 1: raw pages are written once and rarely read; speed matters more than size.
        member = gzip.compress(item["body"], compresslevel=1)
        offset = self.segment.tell()
        self.segment.write(member)
        self.segment.flush()
        meta = {k: item.get(k) for k in RAW_FIELDS if item.get(k) is not None or k in RAW_ALWAYS}
        meta.update(file=self.segment_name, offset=offset, length=len(member))
        self.index.write(json.dumps(meta, ensure_ascii=False) + "\n")
        self.index.flush()
        # pages.jsonl points at this copy instead of holding the page a second time.
        item["raw"] = {"file": f"raw/{self.segment_name}", "offset": offset, "length": len(member)}


RAW_ALWAYS = ("fetched_url", "url", "status", "headers", "encoding", "declared_encoding",
              "fetched_at", "is_article", "source", "province")
RAW_FIELDS = RAW_ALWAYS + ("fingerprint", "simhash", "title", "published", "part_of",
                           "joined_from", "form")


class ArticlePipeline(_OutDir):
    """Decides what an article page is — new, a changed version, unchanged, or a copy of
    an article already stored under another URL — and appends new versions to pages.jsonl.

    A copy is a page whose main text is an article's already stored, exactly (the same
    text fingerprint) or nearly (SimHash within a few bits: print view, mirror, re-post
    with another footer). Copies are dropped but their URL is kept as an alias (state +
    aliases.jsonl). With a Redis frontier, fingerprints and SimHash bands are shared by
    all workers through Redis.
    """

    def open_spider(self, spider=None):
        self.state = self.crawler.spider.state
        self.pages = open_pages_file(self.out, self.state)
        self.aliases = (self.out / ALIASES_FILE).open("a", encoding="utf-8")
        self.shared = getattr(self.crawler.spider, "shared_dedup", None)

    def close_spider(self, spider=None):
        self.pages.close()
        self.aliases.close()

    def _count(self, item, what: str) -> None:
        self.stats.inc_value(f"thidua/articles_{what}")
        host = urlsplit(item["fetched_url"]).hostname or ""
        self.stats.inc_value(f"thidua/site/{host}/articles_{what}")

    def _alias(self, item, url: str, pid: str, reason: str) -> None:
        if not url or page_id(url) == pid:
            return
        if self.state.add_alias(url, pid, reason, item.get("etag"), item.get("last_modified")):
            self.aliases.write(json.dumps({"id": pid, "url": url, "reason": reason}) + "\n")
            self.aliases.flush()

    def process_item(self, item, spider=None):
        if not item["is_article"] or item["status"] == 304:
            return item
        with timed(self.stats, "article_store"):
            return self.store(item)

    def same_version(self, item, pid: str) -> bool:
        """A page naming a stored article as its rel=canonical (an AMP or mobile copy), or
        the article after such a copy, in the same run and with nearly the same text: the
        version already stored, not an update."""
        if not self.state.stored_in_this_run(pid):
            return False
        stored = self.state.simhash_of(pid)
        return dedup.near(stored, item.get("simhash"))

    def copy_of(self, item, pid: str) -> str | None:
        """The stored article this page's text is, exactly or nearly, if any."""
        fingerprint, simhash = item.get("fingerprint"), item.get("simhash")
        owner = self.state.by_fingerprint(fingerprint) if fingerprint else None
        owner = owner or self.state.near_duplicate(simhash)
        if owner is None and self.shared is not None:
            owner = self.shared.claim(fingerprint, pid) if fingerprint else pid
            if owner == pid:
                owner = self.shared.claim_near(simhash, pid)
        return owner if owner and owner != pid else None

    def store(self, item):
        if item.get("too_old"):
            self._count(item, "older_than_since")
            raise DropItem(f"published before --since: {item['url']}", log_level="DEBUG")
        pid = page_id(item["url"])
        fingerprint = item["fingerprint"]
        known = self.state.known(pid)
        if known is not None and (known.fingerprint == fingerprint or self.same_version(item, pid)):
            self._alias(item, item["fetched_url"], pid, "same article")
            self.state.remember_validators(item["fetched_url"], item.get("etag"),
                                           item.get("last_modified"))
            self._count(item, "unchanged")
            raise DropItem(f"unchanged: {item['url']}", log_level="DEBUG")
        if known is None and (owner := self.copy_of(item, pid)):
            self._alias(item, item["url"], owner, "same content")
            self._alias(item, item["fetched_url"], owner, "same content")
            self.state.remember_validators(item["fetched_url"], item.get("etag"),
                                           item.get("last_modified"))
            self._count(item, "duplicates")
            raise DropItem(f"same content as stored article {owner}: {item['url']}",
                           log_level="DEBUG")
        row = {"id": pid, "url": item["url"], "source": item.get("source"),
               "province": item.get("province"), "status": item["status"],
               "fetched_at": item["fetched_at"], "title": item.get("title"),
               "published": item.get("published"), "raw": item.get("raw"),
               "encoding": item["encoding"], "declared_encoding": item.get("declared_encoding"),
               "fingerprint": fingerprint, "simhash": item.get("simhash"), "etag": item.get("etag"),
               "last_modified": item.get("last_modified"),
               "change": "new" if known is None else "updated"}
        if item.get("joined_from"):
            row["joined_from"] = item["joined_from"]
        size = self.pages.append(row)
        self.state.store(pid, item["url"], fingerprint, item.get("etag"), item.get("last_modified"),
                         jsonl_size=size, simhash=item.get("simhash"))
        self._alias(item, item["fetched_url"], pid, "same article")
        self._count(item, "new" if known is None else "updated")
        return item
