"""Is a fetched page an article? The crawler's verdict (thidua.crawler.classify) in the
shape older callers read: is_article, the content fingerprint, a score."""
from __future__ import annotations

from dataclasses import dataclass

from thidua.crawler.classify import classify_html
from thidua.crawler.dedup import text_fingerprint


@dataclass(frozen=True)
class PageInfo:
    is_article: bool
    fingerprint: str | None
    score: float
    simhash: str | None = None
    reasons: tuple[str, ...] = ()


def inspect_page(html: str, url: str | None = None) -> PageInfo:
    verdict = classify_html(html, url)
    return PageInfo(verdict.is_article, verdict.fingerprint, verdict.score, verdict.simhash,
                    tuple(verdict.reasons))


def content_fingerprint(text: str) -> str:
    return text_fingerprint(text)
