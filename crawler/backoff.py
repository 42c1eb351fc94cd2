"""Retries that wait before asking again: exponential backoff with jitter, or as long as
the server's Retry-After says (429, 503), up to RETRY_AFTER_MAX seconds.

Scrapy's RetryMiddleware re-queues a failed request at once; against a portal that is
briefly overloaded (500, 503, timeouts) that is the worst moment to ask again.
"""
from __future__ import annotations

import asyncio
import random
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request


def retry_after(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date), None when
    absent or unreadable."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max((when - (now or datetime.now(timezone.utc))).total_seconds(), 0.0)


class BackoffRetryMiddleware(RetryMiddleware):
    """RETRY_BACKOFF_BASE × 2^(attempt-1) seconds (capped by RETRY_BACKOFF_MAX), ±25 %;
    a response's Retry-After instead, when it gives one (capped by RETRY_AFTER_MAX)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self.after_cap = settings.getfloat("RETRY_AFTER_MAX", 120.0)

    def delay(self, request: Request) -> float:
        asked = request.meta.get("retry_after")
        if asked is not None:
            return min(asked, self.after_cap)
        attempt = max(int(request.meta.get("retry_times", 1)), 1)
        return min(self.base * 2 ** (attempt - 1), self.cap) * random.uniform(0.75, 1.25)

    async def _after(self, result):
        if isinstance(result, Request):
            self.crawler.stats.inc_value("thidua/retries")
            await asyncio.sleep(self.delay(result))
        return result

    async def process_response(self, request, response):
        result = super().process_response(request, response)
        if isinstance(result, Request):
            wait = retry_after(response.headers.get("Retry-After"))
            result.meta["retry_after"] = wait
            if wait is not None:
                self.crawler.stats.inc_value("thidua/retry_after")
        return await self._after(result)

    async def process_exception(self, request, exception):
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            result.meta.pop("retry_after", None)
        return await self._after(result)
