"""Scrapy crawler for provincial news sites."""
