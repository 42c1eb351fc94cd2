"""Article in, record out: clean → metadata → sentences → recognizers → validated record."""
from __future__ import annotations

import time
from datetime import date
from urllib.parse import urlsplit

from thidua import __version__
from thidua.extract.boilerplate import strip_boilerplate
from thidua.extract.document import Doc
from thidua.extract.guards import MAX_CHARS, InputError, check_text
from thidua.extract.meta import read_meta
from thidua.extract.places import detect_province
from thidua.extract.recognizers import STAGES
from thidua.extract.text import normalize
from thidua.schema import Record

EXTRACTOR_VERSION = f"thidua-extract/{__version__}"


class ExtractionError(ValueError):
    """The input cannot be turned into a record (empty, not text, not HTML…)."""


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ExtractionError(f"published is not a YYYY-MM-DD date: {value!r}") from exc


def extract_record(*, text: str | None = None, html: str | None = None, id: str | None = None,
                   url: str | None = None, published=None, timings: dict | None = None,
                   only: tuple[str, ...] | None = None, selectors=None, province: str | None = None,
                   max_chars: int = MAX_CHARS) -> dict:
    """The record of one article given as plain text or as an HTML page.

    `published` (a date or ISO string) is context for text input; an HTML page's own date
    wins only when none is given. `only` runs just the named stages (tests of one section).
    `selectors` (a registry entry's title/date/byline/body selectors) guide HTML input.
    `province` is the one the crawl was told (its `--province` or registry entry): used when
    neither the text nor the headline names one. Inputs over `max_chars` characters, or with
    NUL bytes, raise InputError (guards.py). Raises ExtractionError when the input has no article.
    """
    clock = time.perf_counter()
    given = _as_date(published)
    page_meta: dict = {}
    warnings: list[str] = []
    if html is not None:
        if len(html) > max_chars * 4:   # markup is some 2-4 times the text it holds
            raise InputError(f"page is {len(html):,} characters, over the cap of {max_chars * 4:,} (--max-chars × 4)")
        from thidua.extract.html_page import html_to_article  # trafilatura loads on demand

        try:
            page_meta = html_to_article(html, url, selectors=selectors)
        except ValueError as exc:
            raise ExtractionError(str(exc)) from exc
        text = page_meta.get("text") or ""
    if text is None or not str(text).strip():
        raise ExtractionError("empty input: no article text")
    text, warnings = check_text(str(text), max_chars)
    lines = strip_boilerplate(normalize(str(text)).split("\n"))
    meta = read_meta(lines)
    body = "\n".join(meta.body_lines).strip()
    while "\n\n\n" in body:
        body = body.replace("\n\n\n", "\n\n")
    if not body:
        raise ExtractionError("no article text left after removing page furniture")
    title = page_meta.get("title") or meta.title
    doc = Doc(body=body, title=normalize(title) if title else None,
              published=given or page_meta.get("published") or meta.published, url=url,
              source=urlsplit(url).hostname if url else None)
    doc.province = detect_province(doc, given=province)
    _tick(timings, "clean", clock)
    clock = time.perf_counter()
    doc.sentences  # split once, up front, so the recognizers' timings are their own
    _tick(timings, "sentences", clock)
    for name, stage in STAGES:
        if only is not None and name not in only:
            continue
        clock = time.perf_counter()
        doc.facts[name] = stage(doc)
        _tick(timings, name, clock)
    clock = time.perf_counter()
    movements = doc.facts.get("movements", [])
    record = Record.model_validate({
        "id": id, "url": url, "source": doc.source, "province": doc.province, "title": doc.title,
        "published": (given or page_meta.get("published") or meta.published),
        "author": page_meta.get("author") or meta.author, "body": body,
        **{name: doc.facts.get(name, []) for name, _ in STAGES if name != "movements"},
        "movements": [m["name"] for m in movements],
        "movement_evidence": [m["evidence"] for m in movements if m.get("evidence")],
        "warnings": warnings,
        "extractor_version": EXTRACTOR_VERSION,
    })
    out = record.model_dump(mode="json")
    _tick(timings, "validate", clock)
    return out


def _tick(timings: dict | None, stage: str, since: float) -> None:
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - since
