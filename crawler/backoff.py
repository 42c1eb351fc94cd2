"""Retries that wait before asking again: exponential backoff with jitter.

Scrapy's RetryMiddleware re-queues a failed request at once; against a portal that is
briefly overloaded (500, 503, timeouts) that is the worst moment to ask again.
"""
from __future__ import annotations

import asyncio
import random

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request


class BackoffRetryMiddleware(RetryMiddleware):
    """RETRY_BACKOFF_BASE × 2^(attempt-1) seconds (capped by RETRY_BACKOFF_MAX), ±25 %."""

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    def delay(self, request: Request) -> float:
        attempt = max(int(request.meta.get("retry_times", 1)), 1)
        return min(self.base * 2 ** (attempt - 1), self.cap) * random.uniform(0.75, 1.25)

    async def _after(self, result):
        if isinstance(result, Request):
            self.crawler.stats.inc_value("thidua/retries")
            await asyncio.sleep(self.delay(result))
        return result

    async def process_response(self, request, response):
        return await self._after(super().process_response(request, response))

    async def process_exception(self, request, exception):
        return await self._after(super().process_exception(request, exception))
