"""Article in, record out: `extract_record` runs the spaCy pipeline of `nlp.py` on one input.

The pipeline (extract/pipeline.cfg, built by `thidua.extract.load()`): the tokenizer reads the
article (checks, furniture, headline, byline, province) and splits its body into syllables;
`thidua_sentences` marks sentences; one component per section recognizes its facts.
"""
from __future__ import annotations

from thidua.extract.guards import MAX_CHARS
from thidua.extract.nlp import EXTRACTOR_VERSION, default_pipeline, to_record
from thidua.extract.reader import ExtractionError, as_date

__all__ = ["EXTRACTOR_VERSION", "ExtractionError", "extract_record"]

_SENTENCES = "thidua_sentences"


def extract_record(*, text: str | None = None, html: str | None = None, id: str | None = None,
                   url: str | None = None, published=None, timings: dict | None = None,
                   only: tuple[str, ...] | None = None, selectors=None, province: str | None = None,
                   max_chars: int = MAX_CHARS) -> dict:
    """The record of one article given as plain text or as an HTML page.

    `published` (a date or ISO string) is context for text input; an HTML page's own date
    wins only when none is given. `only` runs just the named sections' stages (tests of one
    section). `selectors` (a registry entry's title/date/byline/body selectors) guide HTML
    input. `province` is the one the crawl was told (its `--province` or registry entry): used
    when neither the text nor the headline names one. Inputs over `max_chars` characters, or
    with NUL bytes, raise InputError (guards.py). Raises ExtractionError when the input has no
    article. `timings`, when given, gathers the seconds spent per stage.
    """
    import time

    as_date(published)   # a bad date is the caller's error before any work
    nlp = default_pipeline()
    started = time.perf_counter()
    doc = nlp.tokenizer.from_input(_input(text, html, id, url, published, selectors, province, max_chars))
    if timings is not None:
        timings["clean"] = timings.get("clean", 0.0) + time.perf_counter() - started
        doc._.timings = timings
    if only is None:
        doc = nlp(doc)
    else:
        wanted = {_SENTENCES} | {f"thidua_{name}" for name in only}
        with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in wanted]):
            doc = nlp(doc)
    started = time.perf_counter()
    record = to_record(doc)
    if timings is not None:
        timings["validate"] = timings.get("validate", 0.0) + time.perf_counter() - started
    return record


def _input(text, html, id, url, published, selectors, province, max_chars):
    from thidua.extract.reader import ArticleInput

    return ArticleInput(text=text, html=html, id=id, url=url, published=published, selectors=selectors,
                        province=province, max_chars=max_chars)
