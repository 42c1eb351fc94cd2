"""The crawl's classifier processes: every fetched page is classified (trafilatura's
extraction and the structure tests of thidua.crawler.classify, a few milliseconds) in a
worker process, so Scrapy's own process keeps downloading and following links while
pages are read: on a site served over loopback the crawl stays as fast as a bare spider.

THIDUA_CLASSIFY_WORKERS sets how many (default: one per core beyond the first, at most
four; 0 classifies in the crawl process itself, which tests of the spider alone use).
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from thidua.crawler.classify import Verdict, classify_html

log = logging.getLogger(__name__)


def default_workers() -> int:
    return max(0, min(4, (os.cpu_count() or 1) - 1))


def _warm() -> None:
    # Load trafilatura, lxml and the weights before the first page arrives.
    classify_html("<html><body><h1>Tiêu đề thử</h1><p>Nội dung thử của trang.</p></body></html>")


class Classifier:
    def __init__(self, workers: int):
        self.pool = None
        if workers > 0:
            self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_warm,
                                            mp_context=multiprocessing.get_context("spawn"))

    @classmethod
    def from_settings(cls, settings) -> "Classifier":
        value = settings.get("THIDUA_CLASSIFY_WORKERS", "auto")
        return cls(default_workers() if value in (None, "", "auto") else int(value))

    async def classify(self, html: str, url: str) -> Verdict:
        if self.pool is not None:
            try:
                return await asyncio.get_running_loop().run_in_executor(self.pool, classify_html, html, url)
            except BrokenProcessPool:
                log.warning("the classifier process died; classifying in the crawl process from now on")
                self.pool = None
        return classify_html(html, url)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
