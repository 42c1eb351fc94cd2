"""A one-line progress display on stderr for long crawls (enabled by THIDUA_PROGRESS)."""
from __future__ import annotations

import sys

from scrapy import signals
from scrapy.exceptions import NotConfigured


class Progress:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("THIDUA_PROGRESS"):
            raise NotConfigured
        ext = cls(crawler.stats)
        crawler.signals.connect(ext.show, signal=signals.response_received)
        crawler.signals.connect(ext.done, signal=signals.spider_closed)
        return ext

    def show(self, *args, **kwargs) -> None:
        pages = self.stats.get_value("response_received_count", 0)
        written = self.stats.get_value("thidua/articles_written", 0)
        sys.stderr.write(f"\rthidua crawl: {pages} pages fetched, {written} articles written")
        sys.stderr.flush()

    def done(self, *args, **kwargs) -> None:
        self.show()
        sys.stderr.write("\n")
