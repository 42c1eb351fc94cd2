"""An input (text or HTML page, with its context) read into the article the recognizers see:
checked, cleaned of page furniture, headline, date line and byline taken out, province found."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Mapping
from urllib.parse import urlsplit

from thidua.extract.boilerplate import strip_boilerplate
from thidua.extract.document import Doc
from thidua.extract.guards import MAX_CHARS, InputError, check_text
from thidua.extract.meta import read_meta
from thidua.extract.places import detect_province
from thidua.extract.text import normalize


class ExtractionError(ValueError):
    """The input cannot be turned into a record (empty, not text, not HTML…)."""


@dataclass
class ArticleInput:
    """What one call reads: the article as text or as a page, and what the caller knows of it."""
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    published: date | str | None = None
    province: str | None = None                 # the crawl's --province or registry entry
    selectors: Mapping | None = None            # a registry entry's selectors, for HTML
    max_chars: int = MAX_CHARS
    extra: dict = field(default_factory=dict)


def as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ExtractionError(f"published is not a YYYY-MM-DD date: {value!r}") from exc


def read_article(item: ArticleInput) -> Doc:
    """The article of `item`; raises ExtractionError or InputError (guards.py)."""
    given = as_date(item.published)
    text, page_meta = item.text, {}
    if item.html is not None:
        if len(item.html) > item.max_chars * 4:   # markup is some 2-4 times the text it holds
            raise InputError(f"page is {len(item.html):,} characters, over the cap of "
                             f"{item.max_chars * 4:,} (--max-chars × 4)")
        from thidua.extract.html_page import html_to_article  # trafilatura loads on demand

        try:
            page_meta = html_to_article(item.html, item.url, selectors=item.selectors)
        except ValueError as exc:
            raise ExtractionError(str(exc)) from exc
        text = page_meta.get("text") or ""
    if text is None or not str(text).strip():
        raise ExtractionError("empty input: no article text")
    text, warnings = check_text(str(text), item.max_chars)
    meta = read_meta(strip_boilerplate(normalize(text).split("\n")))
    body = "\n".join(meta.body_lines).strip()
    while "\n\n\n" in body:
        body = body.replace("\n\n\n", "\n\n")
    if not body:
        raise ExtractionError("no article text left after removing page furniture")
    title = page_meta.get("title") or meta.title
    doc = Doc(body=body, title=normalize(title) if title else None,
              published=given or page_meta.get("published") or meta.published, url=item.url,
              source=urlsplit(item.url).hostname if item.url else None)
    doc.province = detect_province(doc, given=item.province)
    doc.author = page_meta.get("author") or meta.author
    doc.id = item.id
    doc.warnings = warnings
    return doc
