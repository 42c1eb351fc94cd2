"""Several crawler processes, on one machine or many, sharing one crawl through Redis.

scrapy-redis keeps the frontier (the request queue) and the seen-request set in Redis,
so each URL is fetched by exactly one worker. What scrapy-redis does not share is
content: SharedDedup gives every article fingerprint a single owner across workers,
so a print view fetched by worker B is known as a copy of the article worker A stored,
and every SimHash band (thidua.crawler.dedup), so a near-copy is found across workers too.
All keys of one crawl start with `thidua:<crawl id>:`.
"""
from __future__ import annotations

import redis


def redis_settings(redis_url: str, crawl_id: str) -> dict:
    prefix = f"thidua:{crawl_id}"
    return {
        "REDIS_URL": redis_url,
        "THIDUA_REDIS_PREFIX": prefix,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        # Kept across runs: a killed worker's queue is still there when it comes back.
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
    }


class SharedDedup:
    def __init__(self, client: redis.Redis, prefix: str):
        self.client = client
        self.prefix = prefix
        self.key = f"{prefix}:fingerprints"

    @classmethod
    def from_settings(cls, settings) -> "SharedDedup":
        return cls(redis.Redis.from_url(settings["REDIS_URL"]), settings["THIDUA_REDIS_PREFIX"])

    def claim(self, fingerprint: str, page_id: str) -> str:
        """The id of the article that owns this content: `page_id` if it is the first."""
        if self.client.hsetnx(self.key, fingerprint, page_id):
            return page_id
        owner = self.client.hget(self.key, fingerprint)
        return owner.decode() if owner else page_id

    def claim_near(self, simhash: str | None, page_id: str) -> str:
        """The id of the article whose text this nearly is, or `page_id`, now registered."""
        from thidua.crawler import dedup

        if not simhash:
            return page_id
        keys = [f"{self.prefix}:simhash:{band}:{value}" for band, value in dedup.bands(simhash)]
        for key in keys:
            for member in self.client.smembers(key):
                owner, other = member.decode().split(":", 1)
                if owner != page_id and dedup.near(simhash, other):
                    return owner
        for key in keys:
            self.client.sadd(key, f"{page_id}:{simhash}")
        return page_id


def reset(redis_url: str, crawl_id: str) -> int:
    """Forget a crawl's shared frontier and fingerprints; returns the number of keys removed."""
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"thidua:{crawl_id}:*"))
    return client.delete(*keys) if keys else 0
