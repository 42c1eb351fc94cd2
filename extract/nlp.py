"""The extraction pipeline as a spaCy `Language`, and its documents as records.

    nlp = thidua.extract.load()
    doc = nlp(text)                          # or read(nlp, html=page, url=..., published=...)
    doc.spans["bloc_leadership"]             # one Span per fact, its fields in span._.fact
    record = to_record(doc)                  # the record of ../shared/spec/RECORD.md
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_config, load_model_from_config

from thidua import __version__
from thidua.extract import components, tokenizer  # noqa: F401  (registers the factories and the tokenizer)
from thidua.extract import member_roles
from thidua.extract.reader import ArticleInput
from thidua.schema import SECTIONS, Record

CONFIG = Path(__file__).with_name("pipeline.cfg")
EXTRACTOR_VERSION = f"thidua-extract/{__version__}"


def load(config: Path | str = CONFIG) -> Language:
    """The pipeline described by `config` (default: the one in the package), initialised:
    lexicons read and regexes compiled, so the first article costs no more than the next."""
    nlp = load_model_from_config(load_config(config), auto_fill=True, validate=True)
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    missing = {name: attrs for name, attrs in problems.items() if attrs}
    if missing:
        raise components.PipelineOrderError(
            "components run before what they need: " + "; ".join(f"{n} needs {', '.join(a)}" for n, a in missing.items()))
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    return load()


def read(nlp: Language, **given) -> Doc:
    """The doc of one article with the caller's context: `text` or `html`, and `url`,
    `published`, `province`, `selectors`, `id`, `max_chars` (see reader.ArticleInput)."""
    return nlp(nlp.tokenizer.from_input(ArticleInput(**given)))


def to_record(doc: Doc) -> dict:
    """The validated record of a processed doc (the JSON form, as `thidua extract` writes it)."""
    article = doc._.article
    sections = {name: [_item(span) for span in doc.spans[name]] if name in doc.spans else []
                for name in SECTIONS}
    movements = sections.pop("movements")
    member_roles.apply(sections.get("blocs") or [], sections.get("bloc_leadership") or [])
    record = Record.model_validate({
        "id": article.id, "url": article.url, "source": article.source, "province": article.province,
        "title": article.title, "published": article.published, "author": article.author,
        "body": article.body, **sections,
        "movements": [m["name"] for m in movements],
        "movement_evidence": [m["evidence"] for m in movements if m.get("evidence")],
        "warnings": article.warnings,
        "extractor_version": EXTRACTOR_VERSION,
    })
    return record.model_dump(mode="json")


def _item(span) -> dict:
    """A fact's record item: its fields, and its evidence — the sentence around it and the span
    of the words that state it."""
    fact = dict(span._.fact or {})
    evidence = dict(fact.get("evidence") or {})
    if not evidence:
        sent = span.sent
        evidence = {"text": sent.text, "start": sent.start_char, "end": sent.start_char + len(sent.text)}
    evidence["span_start"], evidence["span_end"] = span.start_char, span.end_char
    fact["evidence"] = evidence
    return fact
