"""What the spider hands to the pipelines: one fetched page, raw."""
from __future__ import annotations

import scrapy


class PageItem(scrapy.Item):
    url = scrapy.Field()            # canonical URL (see thidua.crawler.urls.canonical_url)
    fetched_url = scrapy.Field()    # the URL as requested, before canonicalisation
    status = scrapy.Field()         # 200, or 304 when a conditional request found no change
    headers = scrapy.Field()        # dict[str, list[str]]
    body = scrapy.Field()           # raw bytes, for the raw store
    html = scrapy.Field()           # decoded text, NFC
    encoding = scrapy.Field()       # the codec that really decoded the page
    declared_encoding = scrapy.Field()  # what the server or the page claimed
    fetched_at = scrapy.Field()     # ISO 8601 UTC
    is_article = scrapy.Field()
    fingerprint = scrapy.Field()    # hash of the extracted main text, None for non-articles
    simhash = scrapy.Field()        # SimHash of the main text (near-copies), None for non-articles
    title = scrapy.Field()          # as the classifier read it
    published = scrapy.Field()      # ISO date, as the classifier read it
    etag = scrapy.Field()           # validators for the next run's conditional request
    last_modified = scrapy.Field()
    source = scrapy.Field()         # registry name, when crawled from the registry
    province = scrapy.Field()       # as the registry or --province gives it
    too_old = scrapy.Field()        # published before --since
    frontier_url = scrapy.Field()   # the frontier entry this page answers (before redirects)
    raw = scrapy.Field()            # where the raw store put the body: {file, offset, length}
    part_of = scrapy.Field()        # page 2, 3… of the article at this URL
    joined_from = scrapy.Field()    # an article split over pages: the pages joined, in order
    form = scrapy.Field()           # a postback: the __EVENTTARGET and __EVENTARGUMENT sent
