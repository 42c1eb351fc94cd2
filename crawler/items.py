"""What the spider hands to the pipelines: one fetched page, raw."""
from __future__ import annotations

import scrapy


class PageItem(scrapy.Item):
    url = scrapy.Field()            # canonical URL (see thidua.crawler.urls.canonical_url)
    fetched_url = scrapy.Field()    # the URL as requested, before canonicalisation
    status = scrapy.Field()
    headers = scrapy.Field()        # dict[str, list[str]]
    body = scrapy.Field()           # raw bytes, for the raw store
    html = scrapy.Field()           # decoded text
    encoding = scrapy.Field()
    fetched_at = scrapy.Field()     # ISO 8601 UTC
    is_article = scrapy.Field()
    fingerprint = scrapy.Field()    # hash of the main text block, None for non-articles
