"""RSS and Atom feeds: found from a page's <link rel="alternate">, read with feedparser.

A feed lists a site's newest articles, often some no listing page links to any more; as
Fundus does, the crawler takes the feeds a page announces (or the registry / --feed
gives) as sources of article URLs.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/feed+json")
# Cheap test on the raw bytes before any parsing: most pages announce no feed.
FEED_MARKERS = (b"application/rss+xml", b"application/atom+xml", b"application/rdf+xml")


@dataclass(frozen=True)
class FeedEntry:
    url: str
    published: date | None
    title: str | None


def announced_feeds(response) -> list[str]:
    """Absolute URLs of the feeds a page names in <link rel="alternate" type=...>."""
    if not any(marker in response.body for marker in FEED_MARKERS):
        return []
    hrefs = response.xpath('//link[contains(concat(" ", normalize-space(@rel), " "), " alternate ")]'
                           '[@href][' + " or ".join(f'@type="{t}"' for t in FEED_TYPES) + ']/@href').getall()
    return list(dict.fromkeys(urljoin(response.url, h.strip()) for h in hrefs if h.strip()))


def looks_like_feed(head: bytes) -> bool:
    head = head[:2000].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def feed_entries(body: bytes, base_url: str) -> list[FeedEntry]:
    """The entries of an RSS/Atom feed (feedparser tolerates the malformed ones portals
    serve); relative links are made absolute against the feed's URL."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    out = []
    for entry in parsed.entries:
        link = entry.get("link") or next((x.get("href") for x in entry.get("links", [])
                                          if x.get("href")), None)
        if not link:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        out.append(FeedEntry(urljoin(base_url, link.strip()),
                             date(*when[:3]) if when else None, entry.get("title")))
    return out
