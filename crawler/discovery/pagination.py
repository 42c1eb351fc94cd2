"""Pager links of a listing (rel="next", page numbers, "Trang sau", ?page=2, /trang-2,
/p2): fetched before the other links, so that a crawl capped by --max-pages walks the
listings before wandering off into the rest of the site. Read from the links the link
extractor already found (their text included), so no page is parsed twice."""
from __future__ import annotations

import re
from urllib.parse import urljoin

from thidua.crawler.discovery.postback import PAGER_TEXT

PAGER_URL = re.compile(r"[?&](?:page|trang|p|pg|start|pageindex|currentpage|paged)=\d+|_cur=\d+|"
                       r"/(?:page|trang|p)[-/]?\d+/?(?:\.html?)?$|-p\d+/?$", re.I)
SHORT_TEXT = 12


def pager_links(links, response) -> set[str]:
    """URLs among `links` (scrapy Link objects of `response`) that page through a listing."""
    found = {link.url for link in links if len(link.text) <= 40 and (
             PAGER_TEXT.match(" ".join(link.text.split()))
             or (len(link.text.strip()) <= SHORT_TEXT and PAGER_URL.search(link.url)))}
    if b'rel="next"' in response.body:
        found |= {urljoin(response.url, h.strip()) for h in response.xpath(
            '//a[@rel="next"]/@href|//link[@rel="next"]/@href').getall() if h.strip()}
    return found
