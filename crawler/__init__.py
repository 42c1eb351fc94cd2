"""Scrapy crawler for provincial news sites.

`thidua.crawler.run.crawl()` runs a crawl (in a child process) into pages.jsonl + raw/;
`thidua.crawler.sample_server.serve()` serves the bundled sample site for tests and demos.
"""
