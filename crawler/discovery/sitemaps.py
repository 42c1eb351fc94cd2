"""Sitemaps: the Sitemap: lines of robots.txt, sitemap indexes, URL sets and news
sitemaps (gzipped or not).

Scrapy's sitemap utilities find the robots.txt lines and unzip; the XML is read here
because scrapy.utils.sitemap.Sitemap keeps only the direct children of each <url>, and a
news sitemap's publication date sits one level down (<news:news><news:publication_date>),
which is what lets --since skip old articles without fetching them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import lxml.etree
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import sitemap_urls_from_robots

from thidua.extract.html_dates import iso_date

_PARSER = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                               remove_comments=True, huge_tree=False)
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, unzipped


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    published: date | None   # news:publication_date, else lastmod


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    return list(dict.fromkeys(sitemap_urls_from_robots(body, base_url=base_url)))


def looks_like_sitemap(head: bytes) -> bool:
    head = head[:2000].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def unzipped(response) -> bytes:
    if gzip_magic_number(response):
        return gunzip(response.body, max_size=MAX_SITEMAP_BYTES)
    return response.body


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_sitemap(body: bytes) -> tuple[str | None, list[SitemapEntry]]:
    """("sitemapindex" | "urlset" | None, entries). An index's entries are sitemaps."""
    try:
        root = lxml.etree.fromstring(body, parser=_PARSER)
    except lxml.etree.XMLSyntaxError:
        return None, []
    if root is None or _local(root.tag) not in ("urlset", "sitemapindex"):
        return None, []
    entries = []
    for item in root:
        if _local(item.tag) not in ("url", "sitemap"):
            continue
        fields: dict[str, str] = {}
        for el in item.iter():
            name = _local(el.tag)
            if name in ("loc", "lastmod", "publication_date") and el.text and name not in fields:
                fields[name] = el.text.strip()
        if fields.get("loc"):
            when = iso_date(fields.get("publication_date")) or iso_date(fields.get("lastmod"))
            entries.append(SitemapEntry(fields["loc"], when))
    return _local(root.tag), entries
