"""`thidua sources check NAME --online`: does the entry lead to articles on the live site?

A handful of polite requests, one after the other: robots.txt, the first start URL, the
feed (the entry's first, else one the page declares), and article links from the start
page until one reads as an article (at most MAX_ARTICLE_TRIES). Each page goes through the
same decoding and generic reading as in a crawl (thidua.extract.decode,
thidua.crawler.page_report). A host that cannot be reached is one clear line, not a
traceback.
"""
from __future__ import annotations

import socket
import ssl
import time
from dataclasses import asdict, dataclass, field
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from thidua.crawler.page_report import PageReport, is_article_page, read_article, read_page

MAX_BYTES = 5 * 1024 * 1024  # the crawl's page-size cap
MAX_ARTICLE_TRIES = 3
DEFAULT_TIMEOUT = 20.0
PAUSE = 0.5  # seconds between two requests to the same site, as the crawl's base delay


class Unreachable(Exception):
    """The host did not answer: DNS, refused connection, timeout, TLS."""


@dataclass
class Fetched:
    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def text(self, forced: str | None = None) -> str:
        from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding

        from thidua.extract.decode import decode_page

        declared = http_content_type_encoding(self.content_type) or html_body_declared_encoding(self.body)
        return decode_page(self.body, declared, forced).text


def _why(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.gaierror):
        return f"DNS lookup failed ({reason.strerror or reason})"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({reason.reason or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason)


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT, contact: str | None = None) -> Fetched:
    """One GET with the crawl's User-Agent. An HTTP error status is a result (the host
    answered); no answer at all raises `Unreachable` with the reason in a few words."""
    from thidua.crawler.settings import user_agent

    req = Request(url, headers={"User-Agent": user_agent(contact),
                                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    try:
        with urlopen(req, timeout=timeout) as resp:
            body = resp.read(MAX_BYTES + 1)
            return Fetched(url, resp.geturl(), resp.status, body[:MAX_BYTES],
                           resp.headers.get("Content-Type", ""))
    except HTTPError as exc:
        with exc:
            body = exc.read(MAX_BYTES) if exc.fp is not None else b""
        return Fetched(url, exc.geturl() or url, exc.code, body, exc.headers.get("Content-Type", "") if exc.headers else "")
    except (URLError, OSError, ValueError) as exc:
        raise Unreachable(f"{url}: {_why(exc)}") from None


@dataclass
class Step:
    """One request of the check and what came of it."""
    url: str
    status: int | None = None
    final_url: str | None = None
    note: str = ""


@dataclass
class OnlineReport:
    name: str
    start_url: str
    reachable: bool = False
    error: str | None = None  # why the start page could not be had
    robots: str = "not read"
    robots_sitemaps: list[str] = field(default_factory=list)
    start: Step | None = None
    page: PageReport | None = None
    feed: Step | None = None
    feed_items: int | None = None
    articles_tried: list[Step] = field(default_factory=list)
    article: dict | None = None  # url, title, published, body_chars of the first article read

    @property
    def platform(self) -> str | None:
        return self.page.platform.label if self.page and self.page.platform.name else None

    @property
    def listing_articles(self) -> int:
        return len(self.page.article_links) if self.page else 0

    @property
    def ok(self) -> bool:
        return self.reachable and self.article is not None

    def to_dict(self) -> dict:
        out = asdict(self)
        out["page"] = self.page.to_dict() if self.page else None
        out.update(platform=self.platform, listing_articles=self.listing_articles, ok=self.ok)
        return out


def _robots(report: OnlineReport, url: str, timeout: float, contact: str | None):
    """robots.txt read with Protego, the parser Scrapy's crawl obeys; None when it allows."""
    from protego import Protego

    from thidua.crawler.settings import user_agent

    parts = urlsplit(url)
    robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
    try:
        got = fetch(robots_url, timeout, contact)
    except Unreachable as exc:
        report.robots = f"not read ({exc})"
        return None
    if got.status >= 400:
        report.robots = f"none (HTTP {got.status}): everything allowed"
        return None
    rules = Protego.parse(got.text())
    report.robots_sitemaps = list(rules.sitemaps)
    if rules.can_fetch(url, user_agent(contact)):
        report.robots = "allows the start URL"
        return None
    report.robots = "forbids the start URL"
    return report.robots


def _count_feed_items(body: bytes) -> int | None:
    from lxml import etree

    try:
        root = etree.fromstring(body, etree.XMLParser(recover=False, resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    return len(root.xpath("//*[local-name()='item' or local-name()='entry']"))


def check_online(source, timeout: float = DEFAULT_TIMEOUT, contact: str | None = None,
                 pause: float | None = None) -> OnlineReport:
    """The online check of one entry; `pause` between requests defaults to the crawl's base
    delay, none for loopback sites (tests, the sample site) as in the crawl."""
    from thidua.crawler.settings import is_local

    url = source.start_urls[0]
    if pause is None:
        pause = 0.0 if is_local([url]) else PAUSE
    report = OnlineReport(source.name, url)
    try:
        if _robots(report, url, timeout, contact):
            report.reachable = True
            report.error = f"robots.txt forbids {url}: not fetched"
            return report
        time.sleep(pause)
        got = fetch(url, timeout, contact)
    except Unreachable as exc:
        report.error = f"unreachable: {exc}"
        return report
    report.reachable = True
    report.start = Step(url, got.status, got.final_url)
    if not got.ok:
        report.error = f"start page answered HTTP {got.status}"
        return report
    html = got.text(source.encoding)
    report.page = read_page(html, got.final_url, source)

    feeds = [*source.feeds, *report.page.feeds]
    if feeds:
        time.sleep(pause)
        report.feed, feed = _try(feeds[0], timeout, contact)
        if feed is not None and feed.ok:
            report.feed_items = _count_feed_items(feed.body)
            report.feed.note = "from the entry" if source.feeds else "declared on the start page"

    if report.page.is_article and report.page.article and not report.page.article.error:
        report.article = {"url": got.final_url, **asdict(report.page.article)}
        return report
    for link in report.page.article_links[:MAX_ARTICLE_TRIES]:
        time.sleep(pause)
        step, page = _try(link, timeout, contact)
        report.articles_tried.append(step)
        if page is None or not page.ok:
            continue
        page_html = page.text(source.encoding)
        if not is_article_page(page_html, page.final_url, source):
            step.note = "not an article (page structure)"
            continue
        reading = read_article(page_html, page.final_url, source)
        if reading.error:
            step.note = reading.error
            continue
        step.note = "article"
        report.article = {"url": page.final_url, **asdict(reading)}
        break
    return report


def _try(url: str, timeout: float, contact: str | None) -> tuple[Step, Fetched | None]:
    """A fetch that records its failure in the step instead of raising."""
    try:
        got = fetch(url, timeout, contact)
    except Unreachable as exc:
        return Step(url, note=str(exc)), None
    return Step(url, got.status, got.final_url, "" if got.ok else f"HTTP {got.status}"), got
