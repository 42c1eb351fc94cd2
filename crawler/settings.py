"""Scrapy settings for polite crawling of provincial government sites."""
from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

BOT_NAME = "thidua"
SPIDER_MODULES = ["thidua.crawler.spiders"]
NEWSPIDER_MODULE = "thidua.crawler.spiders"


def user_agent() -> str:
    contact = os.environ.get("THIDUA_CONTACT", "").strip() or "no contact given"
    return f"thidua/0.1 (+{contact})"


USER_AGENT = user_agent()
ROBOTSTXT_OBEY = True

# Government portals are small servers: few parallel requests per site, paced by latency.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0

TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy ≥ 2.19 opens an HTTP control port otherwise
LOG_LEVEL = "WARNING"
COOKIES_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "thidua.crawler.pipelines.RawStorePipeline": 100,
    "thidua.crawler.pipelines.DedupPipeline": 200,
    "thidua.crawler.pipelines.JsonlPipeline": 300,
}

# Applied on top when every start URL is on this machine (tests, the sample site):
# throttling a loopback server only slows the tests down.
LOCAL_OVERRIDES = {
    "DOWNLOAD_DELAY": 0.0,
    "AUTOTHROTTLE_START_DELAY": 0.01,
    "AUTOTHROTTLE_MAX_DELAY": 0.5,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}


def is_local(urls: list[str]) -> bool:
    def local(url: str) -> bool:
        host = urlsplit(url).hostname or ""
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return bool(urls) and all(local(u) for u in urls)


def crawl_settings(start_urls: list[str], out_dir: str, max_pages: int | None = None) -> dict:
    """This module's settings plus the per-run ones, as a dict for CrawlerProcess."""
    settings = {k: v for k, v in globals().items() if k.isupper() and k != "LOCAL_OVERRIDES"}
    settings["USER_AGENT"] = user_agent()
    settings["OUT_DIR"] = str(out_dir)
    if is_local(start_urls):
        settings.update(LOCAL_OVERRIDES)
    if max_pages:
        settings["CLOSESPIDER_PAGECOUNT"] = max_pages
    return settings
