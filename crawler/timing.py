"""Seconds spent per crawl stage, summed in the crawl stats as thidua/time/<stage>, so the
report and the benchmark can say where a crawl's time goes without a profiler."""
from __future__ import annotations

import time
from contextlib import contextmanager


@contextmanager
def timed(stats, stage: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        stats.inc_value(f"thidua/time/{stage}", time.perf_counter() - started, start=0.0)
