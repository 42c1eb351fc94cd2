"""Generic news-site spider: follows in-domain links (listings, pagination, related
articles) and yields every HTML page it fetches, flagged article or not.

Arguments (scrapy -a or run.crawl): start_urls, allowed_domains (comma-separated or
list), article_pattern (regex: URLs that are articles, replaces the structural test),
follow_pattern / deny_pattern (regexes limiting which links are followed).
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError

from thidua.crawler.items import PageItem
from thidua.crawler.pageinfo import inspect_page
from thidua.crawler.urls import canonical_url

# Share/print targets and feeds lead to copies or to other sites, never to new articles.
DEFAULT_DENY = (r"/(sharer|share|print|rss|feed|login|dang-nhap|tim-kiem|search)\b",
                r"mailto:", r"javascript:")


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, start_urls=None, allowed_domains=None, article_pattern=None,
                 follow_pattern=None, deny_pattern=None, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = _as_list(start_urls)
        domains = _as_list(allowed_domains) or [urlsplit(u).hostname for u in self.start_urls]
        self.allowed_domains = sorted({d for d in domains if d})
        self.article_re = re.compile(article_pattern) if article_pattern else None
        self.links = LinkExtractor(
            allow=_as_list(follow_pattern), deny=DEFAULT_DENY + tuple(_as_list(deny_pattern)),
            unique=True)
        self.errors: list[dict] = []

    async def start(self):
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.on_error)

    def parse(self, response):
        if not hasattr(response, "text"):  # images, PDFs: nothing to read or follow
            return
        yield self.page_item(response)
        for link in self.links.extract_links(response):
            if self.in_domain(link.url):
                yield response.follow(link.url, callback=self.parse, errback=self.on_error)

    def in_domain(self, url: str) -> bool:
        # By host name: LinkExtractor's allow_domains compares host:port and misses
        # servers on a non-default port.
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def page_item(self, response) -> PageItem:
        info = inspect_page(response.text)
        is_article = bool(self.article_re.search(response.url)) if self.article_re else info.is_article
        return PageItem(
            url=canonical_url(response.url), fetched_url=response.url, status=response.status,
            headers={k.decode("latin-1"): [v.decode("latin-1") for v in vs]
                     for k, vs in response.headers.items()},
            body=response.body, html=response.text, encoding=response.encoding,
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            is_article=is_article, fingerprint=info.fingerprint)

    def on_error(self, failure) -> None:
        request = failure.request
        if failure.check(HttpError):
            reason = f"HTTP {failure.value.response.status}"
        elif failure.check(DNSLookupError):
            reason = "DNS lookup failed"
        elif failure.check(TimeoutError, TCPTimedOutError):
            reason = "timeout"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        self.errors.append({"url": request.url, "reason": reason})
