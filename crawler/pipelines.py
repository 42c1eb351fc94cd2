"""Single-job pipelines, in ITEM_PIPELINES order: raw store → article store.

Both read the output folder from the OUT_DIR setting; the article store shares the
spider's crawl state (thidua.crawler.state), which also decides resumption.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import DropItem

from thidua.crawler.pages_file import ALIASES_FILE, PAGES_FILE, open_pages_file  # noqa: F401
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
    """Keeps every fetched page as served, so extraction can be replayed offline:
    raw/<url sha1[:2]>/<url sha1>_<fetch time>.html.gz plus a .json with status and headers."""

    def process_item(self, item, spider=None):
        if item["status"] == 304:  # nothing was served but the validators
            return item
        url_hash = hashlib.sha1(item["fetched_url"].encode("utf-8")).hexdigest()
        stamp = item["fetched_at"].replace(":", "").replace("-", "").replace(".", "").replace("+0000", "Z")
        folder = self.out / "raw" / url_hash[:2]
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / f"{url_hash}_{stamp}"
        with gzip.open(base.with_suffix(".html.gz"), "wb", compresslevel=5) as fh:
            fh.write(item["body"])
        meta = {k: item.get(k) for k in ("fetched_url", "url", "status", "headers", "encoding",
                                         "declared_encoding", "fetched_at", "is_article",
                                         "source", "province")}
        base.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1),
                                             encoding="utf-8")
        return item


class ArticlePipeline(_OutDir):
    """Decides what an article page is — new, a changed version, unchanged, or a copy of
    an article already stored under another URL — and appends new versions to pages.jsonl.

    Copies are dropped but their URL is kept as an alias (state + aliases.jsonl). With a
    Redis frontier, the content fingerprints are shared by all workers through Redis.
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
        if item.get("too_old"):
            self._count(item, "older_than_since")
            raise DropItem(f"published before --since: {item['url']}", log_level="DEBUG")
        pid = page_id(item["url"])
        fingerprint = item["fingerprint"]
        known = self.state.known(pid)
        if known is not None and known.fingerprint == fingerprint:
            self._alias(item, item["fetched_url"], pid, "same article")
            self.state.remember_validators(item["fetched_url"], item.get("etag"),
                                           item.get("last_modified"))
            self._count(item, "unchanged")
            raise DropItem(f"unchanged: {item['url']}", log_level="DEBUG")
        if known is None and fingerprint:
            owner = self.state.by_fingerprint(fingerprint) or (
                self.shared.claim(fingerprint, pid) if self.shared else None)
            if owner and owner != pid:
                self._alias(item, item["url"], owner, "same content")
                self._alias(item, item["fetched_url"], owner, "same content")
                self.state.remember_validators(item["fetched_url"], item.get("etag"),
                                               item.get("last_modified"))
                self._count(item, "duplicates")
                raise DropItem(f"same content as stored article {owner}: {item['url']}",
                               log_level="DEBUG")
        row = {"id": pid, "url": item["url"], "source": item.get("source"),
               "province": item.get("province"), "status": item["status"],
               "fetched_at": item["fetched_at"], "html": item["html"],
               "encoding": item["encoding"], "declared_encoding": item.get("declared_encoding"),
               "fingerprint": fingerprint, "etag": item.get("etag"),
               "last_modified": item.get("last_modified"),
               "change": "new" if known is None else "updated"}
        size = self.pages.append(row)
        self.state.store(pid, item["url"], fingerprint, item.get("etag"), item.get("last_modified"),
                         jsonl_size=size)
        self._alias(item, item["fetched_url"], pid, "same article")
        self._count(item, "new" if known is None else "updated")
        return item
