"""What the crawl's generic reading makes of one page of a site, without the network.

`read_page(html, url, source)` answers the questions a person checking a registry entry
asks of a listing or an article page: which platform does it run on, is it an article
(the spider's structural test, or the entry's article_pattern) and what do title, date
and body come out as, which links would the crawl follow from it and how many of those
look like articles, which feeds does the page declare, where is its next page.
`thidua sources check --page FILE` prints it for a saved page; `--online` for the fetched
start page and article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from thidua.crawler.platforms import Guess, guess_platform

# A teaser's link text is a headline: several words. Menu items, "Xem thêm" and page
# numbers are shorter.
HEADLINE_MIN_CHARS = 25
HEADLINE_MIN_WORDS = 5
_FEED_HREF = re.compile(r"(?:/rss\b|\.rss$|/feed/?$|/atom\.xml$|rss\.xml$)", re.I)


@dataclass
class ArticleReading:
    title: str | None = None
    published: str | None = None
    body_chars: int = 0
    error: str | None = None  # why no article could be read


@dataclass
class PageReport:
    url: str
    platform: Guess
    is_article: bool
    article: ArticleReading | None = None  # filled when the page is an article
    links: int = 0  # in-domain links the crawl would follow
    article_links: list[str] = field(default_factory=list)  # of those, the ones that look like articles
    by_pattern: bool = False  # article_links chosen by the entry's article_pattern
    feeds: list[str] = field(default_factory=list)  # feeds the page declares or links to
    next_page: str | None = None  # the entry's next_page selector's target

    def to_dict(self) -> dict:
        from dataclasses import asdict

        out = asdict(self)
        out["platform"] = {"name": self.platform.name, "label": self.platform.label,
                           "evidence": list(self.platform.evidence)}
        return out


def _domains(source, url: str) -> tuple[str, ...]:
    if source is not None and source.allowed_domains:
        return tuple(d.lower() for d in source.allowed_domains)
    return ((urlsplit(url).hostname or "").lower(),)


def _within(url: str, domains) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def followed_links(html: str, url: str, source=None) -> list[tuple[str, str]]:
    """(url, link text) of every link the crawl would follow from this page: Scrapy's
    LinkExtractor with the spider's deny list and the entry's follow/deny patterns,
    inside the entry's domains."""
    from scrapy.http import HtmlResponse
    from scrapy.linkextractors import LinkExtractor

    from thidua.crawler.spiders.portal import DEFAULT_DENY

    follow = tuple(source.follow_pattern) if source is not None else ()
    deny = tuple(source.deny_pattern) if source is not None else ()
    extractor = LinkExtractor(allow=follow, deny=DEFAULT_DENY + deny, unique=True)
    response = HtmlResponse(url, body=html.encode("utf-8"), encoding="utf-8")
    domains = _domains(source, url)
    page = url.split("#")[0]
    return [(link.url, " ".join(link.text.split())) for link in extractor.extract_links(response)
            if _within(link.url, domains) and link.url.split("#")[0] != page]


def _looks_like_headline(text: str) -> bool:
    return len(text) >= HEADLINE_MIN_CHARS and len(text.split()) >= HEADLINE_MIN_WORDS


def declared_feeds(html: str, url: str) -> list[str]:
    """Feeds named by <link rel="alternate" type="application/rss+xml|atom+xml"> and by
    links that look like feed addresses."""
    from parsel import Selector

    sel = Selector(text=html)
    hrefs = sel.xpath('//link[contains(@rel, "alternate")][contains(@type, "rss") or '
                      'contains(@type, "atom")]/@href').getall()
    hrefs += [h for h in sel.xpath("//a/@href").getall() if _FEED_HREF.search(h.split("?")[0])]
    return list(dict.fromkeys(urljoin(url, h.strip()) for h in hrefs if h.strip()))


def read_article(html: str, url: str, source=None) -> ArticleReading:
    from thidua.extract.html_page import html_to_article

    selectors = source.selectors.model_dump(exclude_none=True) if source is not None and source.selectors else None
    try:
        art = html_to_article(html, url, selectors)
    except ValueError as exc:
        return ArticleReading(error=str(exc))
    published = art["published"].isoformat() if art["published"] else None
    return ArticleReading(art["title"], published, len(art["text"]))


def is_article_page(html: str, url: str, source=None) -> bool:
    """The spider's own decision: the entry's article_pattern on the URL when it has one,
    else the crawler's classifier (thidua.crawler.classify), which weighs the URL too."""
    from thidua.crawler.pageinfo import inspect_page

    if source is not None and source.article_pattern:
        return bool(re.search(source.article_pattern, url))
    return inspect_page(html, url).is_article


def read_page(html: str, url: str, source=None) -> PageReport:
    links = followed_links(html, url, source)
    pattern = source.article_pattern if source is not None else None
    if pattern:
        articles = [u for u, _ in links if re.search(pattern, u)]
    else:
        articles = [u for u, text in links if _looks_like_headline(text) and urlsplit(u).path not in ("", "/")]
    report = PageReport(url=url, platform=guess_platform(html, [url, *(u for u, _ in links)]),
                        is_article=is_article_page(html, url, source), links=len(links),
                        article_links=list(dict.fromkeys(articles)), by_pattern=bool(pattern),
                        feeds=declared_feeds(html, url))
    if report.is_article:
        report.article = read_article(html, url, source)
    if source is not None and source.selectors and source.selectors.next_page:
        report.next_page = _next_page(html, url, source.selectors.next_page)
    return report


def _next_page(html: str, url: str, selector: str) -> str | None:
    from parsel import Selector

    from thidua.crawler.sources import XPATH_PREFIX

    sel = Selector(text=html)
    found = sel.xpath(selector[len(XPATH_PREFIX):]) if selector.startswith(XPATH_PREFIX) else sel.css(selector)
    for el in found:
        href = el.attrib.get("href") or el.xpath(".//a/@href").get()
        if href:
            return urljoin(url, href)
    return None
