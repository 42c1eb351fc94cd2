"""Single-job pipelines, in ITEM_PIPELINES order: raw store → dedup → pages.jsonl.

Every pipeline reads the output folder from the OUT_DIR setting.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from scrapy.exceptions import DropItem

from thidua.crawler.pageinfo import inspect_page
from thidua.crawler.urls import page_id

PAGES_FILE = "pages.jsonl"


class _OutDir:
    def __init__(self, out_dir: str | Path):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)

    @classmethod
    def from_crawler(cls, crawler):
        pipe = cls(crawler.settings.get("OUT_DIR") or "data/crawl")
        pipe.stats = crawler.stats
        return pipe


class RawStorePipeline(_OutDir):
    """Keeps every fetched page as served, so extraction can be replayed offline:
    raw/<url sha1[:2]>/<url sha1>_<fetch time>.html.gz plus a .json with status and headers."""

    def process_item(self, item, spider=None):
        url_hash = hashlib.sha1(item["fetched_url"].encode("utf-8")).hexdigest()
        stamp = item["fetched_at"].replace(":", "").replace("-", "").replace(".", "").replace("+0000", "Z")
        folder = self.out / "raw" / url_hash[:2]
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / f"{url_hash}_{stamp}"
        with gzip.open(base.with_suffix(".html.gz"), "wb") as fh:
            fh.write(item["body"])
        meta = {k: item[k] for k in ("fetched_url", "url", "status", "headers", "encoding",
                                     "fetched_at", "is_article")}
        base.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1),
                                             encoding="utf-8")
        return item


class DedupPipeline(_OutDir):
    """Drops an article already stored, by canonical URL or by content; seeded from an
    existing pages.jsonl so that a repeated crawl into the same folder adds only news."""

    def open_spider(self, spider=None):
        self.ids: set[str] = set()
        self.fingerprints: set[str] = set()
        pages = self.out / PAGES_FILE
        if pages.exists():
            with pages.open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        row = json.loads(line)
                        self.ids.add(row["id"])
                        self.fingerprints.add(inspect_page(row["html"]).fingerprint)

    def process_item(self, item, spider=None):
        if not item["is_article"]:
            return item
        pid = page_id(item["url"])
        if pid in self.ids:
            self.stats.inc_value("thidua/duplicates/url")
            raise DropItem(f"already stored: {item['url']}", log_level="DEBUG")
        if item["fingerprint"] and item["fingerprint"] in self.fingerprints:
            self.stats.inc_value("thidua/duplicates/content")
            raise DropItem(f"same content as a stored page: {item['url']}", log_level="DEBUG")
        self.ids.add(pid)
        if item["fingerprint"]:
            self.fingerprints.add(item["fingerprint"])
        return item


class JsonlPipeline(_OutDir):
    """Appends one line per new article page to pages.jsonl, flushed as it goes so that an
    interrupted crawl keeps what it fetched."""

    def open_spider(self, spider=None):
        self.fh = (self.out / PAGES_FILE).open("a", encoding="utf-8")

    def close_spider(self, spider=None):
        self.fh.close()

    def process_item(self, item, spider=None):
        if not item["is_article"]:
            return item
        row = {"id": page_id(item["url"]), "url": item["url"], "status": item["status"],
               "fetched_at": item["fetched_at"], "html": item["html"], "encoding": item["encoding"]}
        self.fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.fh.flush()
        self.stats.inc_value("thidua/articles_written")
        return item
