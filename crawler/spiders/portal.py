"""Generic news-site spider: follows in-domain links (listings, pagination, related
articles) and yields every HTML page it fetches, flagged article or not.

Arguments (scrapy -a or run.crawl): start_urls, allowed_domains (comma-separated or
list), article_pattern (regex: URLs that are articles, replaces the structural test),
follow_pattern / deny_pattern (regexes limiting which links are followed), source and
province (labels carried to every page), since (YYYY-MM-DD: articles published earlier
are not stored and their links not followed), encoding (force a page encoding),
selectors (the registry entry's: `next_page` links go first, `date` serves --since).

The crawl state (thidua.crawler.state) makes the crawl resumable and incremental:
pages already done in an interrupted run are skipped, articles stored by an earlier run
are asked for with If-None-Match / If-Modified-Since.
"""
from __future__ import annotations

import re
import time
from datetime import date, datetime, timezone
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding

from thidua.crawler.decode import decode_page
from thidua.crawler.items import PageItem
from thidua.crawler.pageinfo import inspect_page
from thidua.crawler.state import CrawlState
from thidua.crawler.timing import timed
from thidua.crawler.urls import canonical_url

# Share/print targets and feeds lead to copies or to other sites, never to new articles.
DEFAULT_DENY = (r"/(sharer|share|rss|feed|login|dang-nhap|tim-kiem|search)\b",
                r"mailto:", r"javascript:", r"\.(pdf|docx?|xlsx?|zip|rar|jpe?g|png|gif|mp4)$")


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


def declared_encoding(response) -> str | None:
    """What the server or the page claims, None when neither says (Scrapy's
    response.encoding falls back to a guess, which is not a claim to check)."""
    header = response.headers.get("Content-Type", b"").decode("latin-1")
    return http_content_type_encoding(header) or html_body_declared_encoding(response.body)


def _reason(failure) -> str:
    if failure.check(HttpError):
        return f"HTTP {failure.value.response.status}"
    if failure.check(DNSLookupError):
        return "DNS lookup failed"
    name = failure.type.__name__
    if failure.check(TimeoutError, TCPTimedOutError) or "Timeout" in name:
        return "timeout"
    if "Cancel" in name:
        return "page larger than the size cap (DOWNLOAD_MAXSIZE)"
    return f"{name}: {failure.getErrorMessage()}"


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, start_urls=None, allowed_domains=None, article_pattern=None,
                 follow_pattern=None, deny_pattern=None, source=None, province=None,
                 since=None, encoding=None, selectors=None, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [canonical_url(u) for u in _as_list(start_urls)]
        domains = _as_list(allowed_domains) or [urlsplit(u).hostname for u in self.start_urls]
        self.allowed_domains = sorted({d.lower() for d in domains if d})
        self.article_re = re.compile(article_pattern) if article_pattern else None
        self.links = LinkExtractor(
            allow=_as_list(follow_pattern), deny=DEFAULT_DENY + tuple(_as_list(deny_pattern)),
            unique=True)
        self.source, self.province, self.encoding = source, province, encoding
        self.selectors = dict(selectors or {})
        self.next_page = self.selectors.get("next_page")
        self.since = date.fromisoformat(since) if isinstance(since, str) and since else since
        self.errors: list[dict] = []
        self.shared_dedup = None
        self._idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.state = CrawlState(crawler.settings.get("OUT_DIR") or "data/crawl")
        spider.distributed = bool(crawler.settings.get("REDIS_URL"))
        spider.state.begin_run({"start_urls": spider.start_urls, "source": spider.source})
        if spider.distributed:
            from thidua.crawler.distributed import SharedDedup
            spider.shared_dedup = SharedDedup.from_settings(crawler.settings)
            spider.idle_timeout = crawler.settings.getfloat("THIDUA_IDLE_TIMEOUT", 10.0)
            crawler.signals.connect(spider.request_taken, signal=signals.request_reached_downloader)
        for handler, signal in ((spider.page_finished, signals.item_scraped),
                                (spider.page_finished, signals.item_dropped),
                                (spider.page_failed, signals.item_error),
                                (spider.request_dropped, signals.request_dropped),
                                (spider.on_idle, signals.spider_idle),
                                (spider.on_closed, signals.spider_closed)):
            crawler.signals.connect(handler, signal=signal)
        return spider

    # -- scheduling -------------------------------------------------------------------
    def make_request(self, url: str, depth: int, priority: int = 0) -> scrapy.Request:
        headers = {}
        etag, last_modified = self.state.validators(url) or (None, None)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, headers=headers,
                              priority=priority,
                              meta={"frontier_url": url, "frontier_depth": depth,
                                    "handle_httpstatus_list": [304]})

    async def start(self):
        if self.distributed:
            # The shared Redis queue holds what nobody has taken yet; what this worker had
            # taken when it was killed is only in its own state, so it goes back in, past
            # the shared duplicate filter that already counts it as seen.
            if self.state.resumed:
                for url, depth in self.state.pending():
                    yield self.make_request(url, depth).replace(dont_filter=True)
            for url in self.start_urls:
                yield self.make_request(url, 0)
            return
        if self.state.resumed:
            self.logger.warning("resuming an interrupted crawl: %d pages pending",
                                len(self.state.pending()))
            todo = self.state.pending()
            todo += [(u, 0) for u in self.state.schedule([(u, 0) for u in self.start_urls])]
        else:
            todo = [(u, 0) for u in self.state.schedule([(u, 0) for u in self.start_urls])]
        for url, depth in todo:
            yield self.make_request(url, depth)

    def follow_links(self, response, depth: int):
        urls = []
        for link in self.links.extract_links(response):
            if self.in_domain(link.url):
                urls.append(canonical_url(link.url))
        urls = list(dict.fromkeys(urls))
        fresh = urls if self.distributed else self.state.schedule([(u, depth + 1) for u in urls])
        pagination = self.pagination_links(response)
        for url in fresh:
            yield self.make_request(url, depth + 1, priority=10 if url in pagination else 0)

    def pagination_links(self, response) -> set[str]:
        """Links the registry's next_page selector points at: fetched first, so that a
        capped crawl walks the listing before wandering into the rest of the site."""
        if not self.next_page:
            return set()
        if self.next_page.startswith("xpath:"):
            found = response.xpath(self.next_page[len("xpath:"):])
        else:
            found = response.css(self.next_page)
        hrefs = [h for sel in found for h in (sel.attrib.get("href"),
                                              *sel.xpath(".//a/@href").getall()) if h]
        return {canonical_url(urljoin(response.url, h)) for h in hrefs}

    def in_domain(self, url: str) -> bool:
        # By host name: LinkExtractor's allow_domains compares host:port and misses
        # servers on a non-default port.
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    # -- responses --------------------------------------------------------------------
    def parse(self, response):
        self._idle_since = None
        host = urlsplit(response.url).hostname or ""
        self.crawler.stats.inc_value(f"thidua/site/{host}/pages")
        frontier_url = response.meta.get("frontier_url", response.url)
        if response.status == 304:
            self.crawler.stats.inc_value("thidua/not_modified")
            self.crawler.stats.inc_value(f"thidua/site/{host}/not_modified")
            self.state.mark_done(frontier_url)
            return
        if not isinstance(response, TextResponse):  # images, PDFs: nothing to read or follow
            self.state.mark_done(frontier_url)
            return
        stats = self.crawler.stats
        served = response.body  # the raw store keeps the bytes as served, not our re-encoding
        with timed(stats, "decode"):
            decoded = decode_page(served, declared_encoding(response), self.encoding)
            if decoded.mismatch:
                stats.inc_value("thidua/encoding_mismatch")
                response = response.replace(body=decoded.text.encode("utf-8"), encoding="utf-8")
        with timed(stats, "classify"):
            item = self.page_item(response, decoded)
        item["body"] = served
        item["frontier_url"] = frontier_url
        if not item["too_old"]:
            with timed(stats, "links"):
                requests = list(self.follow_links(response, response.meta.get("frontier_depth", 0)))
            yield from requests
        yield item  # last: the page counts as done once its links are in the frontier

    def canonical_of(self, response, html_url: str) -> str:
        """The page's own rel=canonical when it names another page of the site, else its URL."""
        href = response.xpath('//link[@rel="canonical"]/@href').get()
        if href:
            target = canonical_url(urljoin(response.url, href.strip()))
            if self.in_domain(target) and urlsplit(target).path not in ("", "/"):
                return target
        return html_url

    def page_item(self, response, decoded) -> PageItem:
        html = decoded.text
        info = inspect_page(html)
        is_article = bool(self.article_re.search(response.url)) if self.article_re else info.is_article
        url = canonical_url(response.url)
        too_old = False
        if is_article:
            url = self.canonical_of(response, url)
            if self.since:
                from thidua.extract.html_page import published_date
                published = published_date(html, url, self.selectors or None)
                too_old = published is not None and published < self.since
        headers = {k.decode("latin-1"): [v.decode("latin-1") for v in vs]
                   for k, vs in response.headers.items()}
        return PageItem(
            url=url, fetched_url=response.url, status=response.status, headers=headers,
            body=response.body, html=html, encoding=decoded.encoding,
            declared_encoding=decoded.declared,
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            is_article=is_article, fingerprint=info.fingerprint,
            etag=(headers.get("ETag") or headers.get("Etag") or [None])[0],
            last_modified=(headers.get("Last-Modified") or [None])[0],
            source=self.source, province=self.province, too_old=too_old)

    # -- bookkeeping ------------------------------------------------------------------
    def request_taken(self, request, spider=None, **kwargs) -> None:
        """Distributed mode: a request this worker took from the shared queue is pending in
        its own state until its page is done, so a restart after a kill can put it back."""
        url = request.meta.get("frontier_url")
        if url:
            self.state.schedule([(url, request.meta.get("frontier_depth", 0))])

    def page_finished(self, item, response=None, spider=None, **kwargs) -> None:
        if item.get("frontier_url"):
            self.state.mark_done(item["frontier_url"])

    def page_failed(self, item, response=None, spider=None, failure=None, **kwargs) -> None:
        self.errors.append({"url": item.get("fetched_url", ""),
                            "reason": f"pipeline error: {failure.getErrorMessage() if failure else '?'}"})
        if item.get("frontier_url"):
            self.state.mark_done(item["frontier_url"], "failed")

    def _fail(self, url: str, reason: str) -> None:
        self.errors.append({"url": url, "reason": reason})
        host = urlsplit(url).hostname or ""
        self.crawler.stats.inc_value(f"thidua/site/{host}/errors")
        self.state.mark_done(url, "failed")

    def on_error(self, failure) -> None:
        request = failure.request
        self._fail(request.meta.get("frontier_url", request.url), _reason(failure))

    def request_dropped(self, request, spider=None, **kwargs) -> None:
        # A redirect back to an address already visited is dropped by the duplicate
        # filter without an errback: report it as the loop it is.
        chain = request.meta.get("redirect_urls")
        if chain:
            self._fail(request.meta.get("frontier_url", chain[0]),
                       f"redirect loop: {' → '.join([*chain, request.url])}")

    def on_idle(self, spider=None, **kwargs) -> None:
        # A worker of a shared Redis frontier waits while others may still add pages.
        if not self.distributed:
            return
        scheduler = getattr(self.crawler.engine, "scheduler", None)
        if scheduler is not None and len(scheduler) > 0:
            self._idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        self._idle_since = self._idle_since or now
        if now - self._idle_since < self.idle_timeout:
            raise DontCloseSpider

    def on_closed(self, spider=None, reason: str = "", **kwargs) -> None:
        # Ctrl+C ("shutdown") leaves the run open, so that the next crawl resumes it.
        if reason in ("finished", "closespider_pagecount", "closespider_itemcount"):
            self.state.finish_run()
        self.state.close()
