"""A one-line live progress display on stderr for long crawls (enabled by THIDUA_PROGRESS):
pages fetched, articles new/updated, pages unchanged, errors and the current rate."""
from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured


class Progress:
    def __init__(self, stats, every: float = 0.5):
        self.stats = stats
        self.every = every
        self.started = time.monotonic()
        self.last = 0.0

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("THIDUA_PROGRESS"):
            raise NotConfigured
        ext = cls(crawler.stats)
        crawler.signals.connect(ext.tick, signal=signals.response_received)
        crawler.signals.connect(ext.done, signal=signals.spider_closed)
        return ext

    def line(self) -> str:
        v = self.stats.get_value
        pages = v("response_received_count", 0)
        errors = sum(c for k, c in self.stats.get_stats().items()
                     if k.startswith("thidua/site/") and k.endswith("/errors"))
        rate = pages / max(time.monotonic() - self.started, 1e-6)
        return (f"thidua crawl: {pages} pages ({rate:.1f}/s), {v('thidua/articles_new', 0)} new "
                f"and {v('thidua/articles_updated', 0)} updated articles, "
                f"{v('thidua/not_modified', 0)} unchanged, {errors} errors")

    def tick(self, *args, **kwargs) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            sys.stderr.write("\r" + self.line())
            sys.stderr.flush()

    def done(self, *args, **kwargs) -> None:
        if not self.last:  # nothing was fetched: the command says why, in one line
            return
        sys.stderr.write("\r" + self.line() + "\n")
        sys.stderr.flush()
