"""Scrapy settings for polite crawling of provincial government sites."""
from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

BOT_NAME = "thidua"
SPIDER_MODULES = ["thidua.crawler.spiders"]
NEWSPIDER_MODULE = "thidua.crawler.spiders"


def user_agent(contact: str | None = None) -> str:
    """Names the bot and how to reach its operator (--contact or $THIDUA_CONTACT), so a
    site's webmaster can ask before blocking."""
    contact = (contact or os.environ.get("THIDUA_CONTACT", "")).strip() or "no contact given"
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
RETRY_BACKOFF_BASE = 2.0   # seconds before the first retry, doubled each time
RETRY_BACKOFF_MAX = 60.0
RETRY_AFTER_MAX = 120.0    # a server's Retry-After is obeyed up to this many seconds
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # a page that fails for good is in the crawl report, with its reason
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "thidua.crawler.backoff.BackoffRetryMiddleware": 550,
}
DOWNLOAD_TIMEOUT = 30
# A news page is well under 2 MB; anything larger is a file or a trap, not an article.
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
REDIRECT_MAX_TIMES = 5

# Pages are classified in worker processes (thidua.crawler.classify_pool): "auto" is one
# per core beyond the first; 0 classifies in the crawl process.
THIDUA_CLASSIFY_WORKERS = "auto"

TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy ≥ 2.19 opens an HTTP control port otherwise
LOG_LEVEL = "WARNING"
COOKIES_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {
    "thidua.crawler.pipelines.RawStorePipeline": 100,
    "thidua.crawler.pipelines.ArticlePipeline": 200,
}

# Development runs only (`thidua crawl --http-cache`): replay pages from OUT/httpcache.
HTTPCACHE_ENABLED = False
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.DummyPolicy"
HTTPCACHE_IGNORE_HTTP_CODES = [304, 500, 502, 503, 504]

# Applied on top when every start URL is on this machine (tests, the sample site):
# throttling a loopback server only slows the tests down.
LOCAL_OVERRIDES = {
    "DOWNLOAD_DELAY": 0.0,
    "RETRY_BACKOFF_BASE": 0.1,
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


def crawl_settings(start_urls: list[str], out_dir: str, max_pages: int | None = None,
                   http_cache: bool = False, contact: str | None = None,
                   overrides: dict | None = None) -> dict:
    """This module's settings plus the per-run ones, as a dict for CrawlerProcess.
    `overrides` (any Scrapy or THIDUA_ setting) come last."""
    settings = {k: v for k, v in globals().items() if k.isupper() and k != "LOCAL_OVERRIDES"}
    settings["USER_AGENT"] = user_agent(contact)
    settings["OUT_DIR"] = str(out_dir)
    if is_local(start_urls):
        settings.update(LOCAL_OVERRIDES)
    if max_pages:
        settings["CLOSESPIDER_PAGECOUNT"] = max_pages
    if http_cache:
        settings["HTTPCACHE_ENABLED"] = True
        settings["HTTPCACHE_DIR"] = str(os.path.abspath(os.path.join(out_dir, "httpcache")))
    settings.update(overrides or {})
    return settings
