"""Generic news-site spider: follows in-domain links (listings, pagination, related
articles), the site's feeds and sitemaps and its ASP.NET postback pager, and yields every
page it fetches, classified article or not.

Arguments (scrapy -a or run.crawl): start_urls, allowed_domains (comma-separated or
list), article_pattern (regex: URLs that are articles, replaces the classifier's verdict),
follow_pattern / deny_pattern (regexes limiting which links are followed), feeds and
sitemaps (URLs to read besides those robots.txt and the pages announce), source and
province (labels carried to every page), since (YYYY-MM-DD: articles published earlier
are not stored and their links not followed), encoding (force a page encoding),
selectors (the registry entry's: `next_page` links go first).

Every response is sniffed before it is read: a feed or a sitemap gives URLs, an HTML page
(whatever its Content-Type says) is classified in the classifier processes
(thidua.crawler.classify_pool), anything else is recorded as a failure with its URL.

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
from scrapy.http import HtmlResponse, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gzip_magic_number
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding

from thidua.crawler.classify import continues_url
from thidua.crawler.classify_pool import Classifier
from thidua.extract.decode import decode_page
from thidua.crawler.discovery import feeds, pagination, postback, sitemaps
from thidua.crawler.items import PageItem
from thidua.crawler.multipage import join_pages
from thidua.crawler.state import CrawlState
from thidua.crawler.timing import timed
from thidua.crawler.urls import canonical_url

# Share and login targets lead to other sites or to nothing; search results are listings
# of pages reached anyway; files are not articles. Feeds are followed (and read as feeds).
DEFAULT_DENY = (r"/(sharer|share|login|dang-nhap|tim-kiem|search)\b", r"[?&]s=",
                r"mailto:", r"javascript:", r"\.(pdf|docx?|xlsx?|zip|rar|jpe?g|png|gif|mp4)$")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|div|p|table)\b",
                         re.I | re.S)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|div|p|table|h1)\b", re.I)
MAX_PARTS = 20


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


def content_type(response) -> str:
    return response.headers.get("Content-Type", b"").decode("latin-1").split(";")[0].strip().lower()


def sniff(response) -> str:
    """What the body is, whatever the Content-Type says: "html", "feed", "sitemap",
    "json" or "other"."""
    if gzip_magic_number(response):  # a .xml.gz sitemap; pages come unzipped by Scrapy
        return "sitemap" if sitemaps.looks_like_sitemap(sitemaps.unzipped(response)[:4096]) else "other"
    head = response.body[:4096].lstrip(b"\xef\xbb\xbf")
    if sitemaps.looks_like_sitemap(head):
        return "sitemap"
    if feeds.looks_like_feed(head):
        return "feed"
    if _HTML_START.match(head) or (b"\x00" not in head and _HTML_ANYWHERE.search(head)):
        return "html"
    if head.lstrip()[:1] in (b"{", b"["):
        return "json"
    return "other"


def _reason(failure) -> str:
    if failure.check(HttpError):
        return f"HTTP {failure.value.response.status}"
    name = failure.type.__name__
    if failure.check(DNSLookupError) or "CannotResolveHost" in name or "DNSLookup" in name:
        return f"DNS lookup failed: no such host ({urlsplit(failure.request.url).hostname})"
    if failure.check(TimeoutError, TCPTimedOutError) or "Timeout" in name:
        return "timeout"
    if "Cancel" in name:
        return "page larger than the size cap (DOWNLOAD_MAXSIZE)"
    if "ConnectionRefused" in name:
        return "connection refused: nothing listens at that address"
    return f"{name}: {failure.getErrorMessage()}"


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, start_urls=None, allowed_domains=None, article_pattern=None,
                 follow_pattern=None, deny_pattern=None, source=None, province=None,
                 since=None, encoding=None, selectors=None, feeds=None, sitemaps=None, **kwargs):
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
        self.declared_feeds = [canonical_url(u) for u in _as_list(feeds)]
        self.declared_sitemaps = [canonical_url(u) for u in _as_list(sitemaps)]
        self.errors: list[dict] = []
        self.shared_dedup = None
        self._idle_since: float | None = None
        self.split: dict[str, dict] = {}   # page 1 URL → the article being joined
        self.part_urls: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.state = CrawlState(crawler.settings.get("OUT_DIR") or "data/crawl")
        spider.classifier = Classifier.from_settings(crawler.settings)
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

    def _resumed_request(self, url: str, depth: int) -> scrapy.Request:
        # A postback cannot be replayed without the form it came from: the page holding
        # the form is asked for again, and gives the postback anew.
        base = postback.base_of(url)
        if base is None:
            return self.make_request(url, depth)
        return self.make_request(base, max(depth - 1, 0)).replace(dont_filter=True)

    def discovery_requests(self):
        """robots.txt of each start host (for its Sitemap: lines), and the feeds and
        sitemaps the registry or the command line names."""
        hosts = dict.fromkeys(f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in self.start_urls)
        for root in hosts:
            yield scrapy.Request(f"{root}/robots.txt", callback=self.parse_robots,
                                 errback=self.robots_missing, dont_filter=True, priority=20,
                                 meta={"dont_obey_robotstxt": True, "root": root})
        declared = [(u, 0) for u in self.declared_feeds + self.declared_sitemaps]
        for url in (self.state.schedule(declared) if not self.distributed else [u for u, _ in declared]):
            yield self.make_request(url, 0, priority=15)

    async def start(self):
        if self.distributed:
            # The shared Redis queue holds what nobody has taken yet; what this worker had
            # taken when it was killed is only in its own state, so it goes back in, past
            # the shared duplicate filter that already counts it as seen.
            if self.state.resumed:
                for url, depth in self.state.pending():
                    yield self._resumed_request(url, depth).replace(dont_filter=True)
            for url in self.start_urls:
                yield self.make_request(url, 0)
            for request in self.discovery_requests():
                yield request
            return
        if self.state.resumed:
            self.logger.warning("resuming an interrupted crawl: %d pages pending",
                                len(self.state.pending()))
            todo = self.state.pending()
            todo += [(u, 0) for u in self.state.schedule([(u, 0) for u in self.start_urls])]
        else:
            todo = [(u, 0) for u in self.state.schedule([(u, 0) for u in self.start_urls])]
        for url, depth in todo:
            yield self._resumed_request(url, depth)
        for request in self.discovery_requests():
            yield request

    def schedule(self, urls: list[str], depth: int, first: set[str] = frozenset(), priority: int = 0):
        """Requests for the in-domain URLs not yet done in this run; `first` go ahead."""
        urls = [u for u in dict.fromkeys(urls) if self.in_domain(u) and u not in self.part_urls]
        fresh = urls if self.distributed else self.state.schedule([(u, depth) for u in urls])
        for url in fresh:
            yield self.make_request(url, depth, priority=10 if url in first else priority)

    def follow_links(self, response, depth: int, held: dict | None = None):
        """Requests for the page's links. With `held`, links that may be the page's own
        continuation pages (?page=2 of an article) go into held["urls"] instead, to wait
        for the verdict: pages of a split article are fetched as its parts."""
        links = self.links.extract_links(response)
        urls = [canonical_url(link.url) for link in links]
        urls += [canonical_url(u) for u in feeds.announced_feeds(response)]
        first = {canonical_url(u) for u in pagination.pager_links(links, response)}
        first |= self.pagination_links(response)
        if held is not None:
            stem = canonical_url(response.url).split("?")[0].rsplit(".", 1)[0]
            held["urls"] = [u for u in urls if u.startswith(stem) and continues_url(response.url, u)]
            held["first"] = first
            if held["urls"]:
                urls = [u for u in urls if u not in set(held["urls"])]
        yield from self.schedule(urls, depth + 1, first)
        yield from self.postbacks(response, depth)

    def postbacks(self, response, depth: int):
        """Pager links that post the page's form back (ASP.NET): replayed as the browser
        would, each under its own frontier key."""
        pairs = postback.pager_postbacks(response)
        if not pairs:
            return
        base = canonical_url(response.url)
        keys = {postback.frontier_key(base, t, a): (t, a) for t, a in pairs}
        fresh = list(keys) if self.distributed else self.state.schedule([(k, depth + 1) for k in keys])
        # Each page's form differs (its own __VIEWSTATE), so Scrapy's duplicate filter
        # cannot tell that page 3 posting "Page$2" asks for what page 1 already asked:
        # the crawl state returns each key once.
        for key in fresh:
            target, argument = keys[key]
            request = postback.postback_request(
                response, target, argument, callback=self.parse, errback=self.on_error,
                priority=10, dont_filter=True,
                meta={"frontier_url": key, "frontier_depth": depth + 1,
                      "form": {"__EVENTTARGET": target, "__EVENTARGUMENT": argument}})
            if request is not None:
                yield request

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

    # -- discovery --------------------------------------------------------------------
    def parse_robots(self, response):
        self.crawler.stats.inc_value("thidua/discovery/robots")
        found = sitemaps.robots_sitemaps(response.body, response.url) if response.status == 200 else []
        if not found:
            yield from self.sitemap_probe(response.meta["root"])
            return
        yield from self.schedule([canonical_url(u) for u in found], 0, priority=15)

    def robots_missing(self, failure):
        if failure.check(HttpError):
            self.crawler.stats.inc_value("thidua/discovery/robots")
        yield from self.sitemap_probe(failure.request.meta["root"])

    def sitemap_probe(self, root: str):
        """No Sitemap: line: the conventional /sitemap.xml, silently if it is not there."""
        url = canonical_url(f"{root}/sitemap.xml")
        if self.distributed or self.state.schedule([(url, 0)]):
            request = self.make_request(url, 0, priority=15)
            request.meta["probe"] = True
            yield request

    def read_sitemap(self, response, depth: int):
        kind, entries = sitemaps.read_sitemap(sitemaps.unzipped(response))
        if kind == "sitemapindex":
            yield from self.schedule([canonical_url(e.url) for e in entries], depth, priority=15)
            return
        urls = [canonical_url(e.url) for e in entries
                if not (self.since and e.published and e.published < self.since)]
        self.crawler.stats.inc_value("thidua/discovered/sitemap", len(urls))
        yield from self.schedule(urls, depth + 1)

    def read_feed(self, response, depth: int):
        entries = feeds.feed_entries(response.body, response.url)
        urls = [canonical_url(e.url) for e in entries
                if not (self.since and e.published and e.published < self.since)]
        self.crawler.stats.inc_value("thidua/discovered/feed", len(urls))
        yield from self.schedule(urls, depth + 1)

    # -- responses --------------------------------------------------------------------
    async def parse(self, response):
        self._idle_since = None
        frontier_url = response.meta.get("frontier_url", response.url)
        try:
            async for out in self._parse(response, frontier_url):
                yield out
        except Exception as exc:  # noqa: BLE001 - recorded with its URL, never left pending
            self.logger.debug("reading %s failed", response.url, exc_info=True)
            self._fail(frontier_url, f"could not read the page: {type(exc).__name__}: {exc}")

    async def _parse(self, response, frontier_url: str):
        host = urlsplit(response.url).hostname or ""
        stats = self.crawler.stats
        stats.inc_value(f"thidua/site/{host}/pages")
        if response.status == 304:
            stats.inc_value("thidua/not_modified")
            stats.inc_value(f"thidua/site/{host}/not_modified")
            self.state.mark_done(frontier_url)
            return
        depth = response.meta.get("frontier_depth", 0)
        kind = sniff(response)
        if kind in ("sitemap", "feed"):
            with timed(stats, "discovery"):
                reader = self.read_sitemap if kind == "sitemap" else self.read_feed
                for request in reader(response, depth):
                    yield request
            yield self.raw_item(response, frontier_url)
            return
        if kind != "html":
            if response.meta.get("probe"):
                self.state.mark_done(frontier_url)
            elif kind == "json" or isinstance(response, TextResponse):
                served = content_type(response) or "no Content-Type"
                self._fail(frontier_url, f"not an HTML page: served as {served} ({kind})")
            else:
                self.state.mark_done(frontier_url)  # images, PDFs: nothing to read or follow
            return
        if not isinstance(response, HtmlResponse):  # HTML served as text/plain, octet-stream…
            response = HtmlResponse(response.url, status=response.status, headers=response.headers,
                                    body=response.body, request=response.request)
        served = response.body  # the raw store keeps the bytes as served, not our re-encoding
        with timed(stats, "decode"):
            decoded = decode_page(served, declared_encoding(response), self.encoding)
            if decoded.mismatch:
                stats.inc_value("thidua/encoding_mismatch")
                response = response.replace(body=decoded.text.encode("utf-8"), encoding="utf-8")
        held: dict = {"urls": [], "first": set()}
        if not self.since:
            # Links first: they are scheduled while the classifier reads the page.
            with timed(stats, "links"):
                for request in list(self.follow_links(response, depth, held)):
                    yield request
        verdict = await self.classifier.classify(decoded.text, response.url)
        stats.inc_value("thidua/classified")
        item = self.page_item(response, decoded, verdict, served)
        item["frontier_url"] = frontier_url
        if self.since and not item["too_old"]:
            with timed(stats, "links"):
                for request in list(self.follow_links(response, depth, held)):
                    yield request
        parts = [canonical_url(u) for u in verdict.parts] if item["is_article"] else []
        parts = [u for u in parts if u in held["urls"]]
        if held["urls"] and not item["too_old"]:
            for request in self.schedule([u for u in held["urls"] if u not in parts],
                                         depth + 1, held["first"]):
                yield request
        if parts and not self.article_re:
            for out in self.start_split(item, parts, depth):
                yield out
            return
        yield item  # last: the page counts as done once its links are in the frontier

    def raw_item(self, response, frontier_url: str) -> PageItem:
        """A page kept in the raw store only (a feed, a sitemap)."""
        decoded = decode_page(response.body, declared_encoding(response), self.encoding)
        return PageItem(url=canonical_url(response.url), fetched_url=response.url,
                        status=response.status, headers=self._headers(response), body=response.body,
                        html=decoded.text, encoding=decoded.encoding, declared_encoding=decoded.declared,
                        fetched_at=self._now(), is_article=False, fingerprint=None,
                        etag=None, last_modified=None, source=self.source, province=self.province,
                        too_old=False, frontier_url=frontier_url)

    def canonical_of(self, canonical: str | None, html_url: str) -> str:
        """The page's own rel=canonical when it names another page of the site, else its URL."""
        if canonical:
            target = canonical_url(canonical)
            if self.in_domain(target) and urlsplit(target).path not in ("", "/"):
                return target
        return html_url

    @staticmethod
    def _headers(response) -> dict:
        return {k.decode("latin-1"): [v.decode("latin-1") for v in vs]
                for k, vs in response.headers.items()}

    @staticmethod
    def _now() -> str:
        return datetime.now(timezone.utc).isoformat(timespec="milliseconds")

    def page_item(self, response, decoded, verdict, served: bytes) -> PageItem:
        is_article = bool(self.article_re.search(response.url)) if self.article_re else verdict.is_article
        url = canonical_url(response.url)
        too_old = False
        if is_article:
            url = self.canonical_of(verdict.canonical, url)
            published = date.fromisoformat(verdict.published) if verdict.published else None
            if self.since and self.selectors.get("date"):
                from thidua.extract.html_page import published_date
                published = published_date(decoded.text, url, self.selectors) or published
            too_old = bool(self.since and published and published < self.since)
        headers = self._headers(response)
        fingerprint, simhash = verdict.fingerprint, verdict.simhash
        if is_article and fingerprint is None:  # article_pattern overrode the verdict
            from thidua.crawler.dedup import text_fingerprint
            fingerprint = text_fingerprint(decoded.text)
        return PageItem(
            url=url, fetched_url=response.url, status=response.status, headers=headers,
            body=served, html=decoded.text, encoding=decoded.encoding,
            declared_encoding=decoded.declared, fetched_at=self._now(),
            is_article=is_article, fingerprint=fingerprint if is_article else None,
            simhash=simhash if is_article else None, title=verdict.title,
            published=verdict.published, form=response.meta.get("form"),
            etag=(headers.get("ETag") or headers.get("Etag") or [None])[0],
            last_modified=(headers.get("Last-Modified") or [None])[0],
            source=self.source, province=self.province, too_old=too_old)

    # -- articles split over several pages --------------------------------------------
    def start_split(self, item: PageItem, parts: list[str], depth: int):
        """Page 1 of a split article: pages 2, 3… are fetched, then joined into one page
        (thidua.crawler.multipage); page 1 stays pending until the joined page is stored."""
        parts = [canonical_url(u) for u in parts if self.in_domain(u)][:MAX_PARTS]
        first = canonical_url(item["fetched_url"])
        self.part_urls.update(parts)
        self.split[first] = {"item": item, "parts": dict.fromkeys(parts), "depth": depth}
        yield self.part_copy(item, first)
        for n, url in enumerate(parts, 2):
            yield scrapy.Request(url, callback=self.parse_part, errback=self.part_failed,
                                 dont_filter=True, priority=12,
                                 meta={"part_of": first, "part_no": n})

    def part_copy(self, item: PageItem, first: str) -> PageItem:
        """A page of a split article as served, for the raw store only."""
        copy = PageItem(item)
        copy.update(is_article=False, fingerprint=None, simhash=None, part_of=first,
                    frontier_url=None)
        return copy

    def parse_part(self, response):
        first = response.meta["part_of"]
        split = self.split.get(first)
        if split is None:
            return
        decoded = decode_page(response.body, declared_encoding(response), self.encoding)
        part = PageItem(url=canonical_url(response.url), fetched_url=response.url,
                        status=response.status, headers=self._headers(response), body=response.body,
                        html=decoded.text, encoding=decoded.encoding, declared_encoding=decoded.declared,
                        fetched_at=self._now(), is_article=False, part_of=first,
                        source=self.source, province=self.province, too_old=False)
        yield part
        split["parts"][canonical_url(response.url)] = decoded.text
        yield from self.finish_split(first)

    def part_failed(self, failure):
        request = failure.request
        first = request.meta["part_of"]
        self.errors.append({"url": request.url, "reason": f"{_reason(failure)} (page "
                            f"{request.meta['part_no']} of the article {first})"})
        if first in self.split:
            self.split[first]["parts"][canonical_url(request.url)] = ""
            yield from self.finish_split(first)

    def finish_split(self, first: str):
        split = self.split[first]
        if any(v is None for v in split["parts"].values()):
            return
        del self.split[first]
        item = split["item"]
        pages = [(item["fetched_url"], item["html"])]
        pages += [(url, html) for url, html in split["parts"].items() if html]
        with timed(self.crawler.stats, "join"):
            joined = join_pages(pages)
        from thidua.crawler.classify import classify_html
        verdict = classify_html(joined, item["fetched_url"])
        item.update(body=joined.encode("utf-8"), html=joined, encoding="utf-8", declared_encoding="utf-8",
                    joined_from=[url for url, _ in pages],
                    fingerprint=verdict.fingerprint or item["fingerprint"],
                    simhash=verdict.simhash or item.get("simhash"))
        self.crawler.stats.inc_value("thidua/articles_joined")
        yield item

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
                            "reason": f"could not store the page: "
                                      f"{failure.getErrorMessage() if failure else '?'}"})
        if item.get("frontier_url"):
            self.state.mark_done(item["frontier_url"], "failed")

    def _fail(self, url: str, reason: str) -> None:
        self.errors.append({"url": url, "reason": reason})
        host = urlsplit(url).hostname or ""
        self.crawler.stats.inc_value(f"thidua/site/{host}/errors")
        self.state.mark_done(url, "failed")

    def on_error(self, failure) -> None:
        request = failure.request
        url = request.meta.get("frontier_url", request.url)
        if request.meta.get("probe"):  # a conventional address that was not there
            self.state.mark_done(url)
            return
        self._fail(url, _reason(failure))

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
        self.classifier.close()
        # Ctrl+C ("shutdown") leaves the run open, so that the next crawl resumes it.
        if reason in ("finished", "closespider_pagecount", "closespider_itemcount"):
            self.state.finish_run()
        self.state.close()
