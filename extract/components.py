"""The recognizers as registered spaCy components, with the inputs they need and what they set.

`thidua_sentences` splits the body into sentences (underthesea) and marks `token.is_sent_start`.
Each fact component runs one recognizer of `extract/recognizers/` on the article and puts its
facts in `doc.spans[section]`: one Span per fact over the words that state it, the fact's fields
in `span._.fact`. `thidua_blocs` also sets `doc._.bloc_mentions`, which the stages that name a
bloc require: running them without it raises PipelineOrderError instead of quietly giving facts
with no bloc. `nlp.analyze_pipes()` shows the same dependencies.
"""
from __future__ import annotations

import time

import numpy
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from thidua.extract import extensions  # noqa: F401  (the Doc and Span attributes)
from thidua.extract.recognizers import (awards, blocs, documents, events, indicators, leadership, movements,
                                        people)

SENTENCES = "thidua_sentences"


class PipelineOrderError(RuntimeError):
    """A component ran before a component whose output it needs."""


# read once at initialize: every lexicon a stage uses is loaded and its regexes compiled then
_SAMPLE = ("Khối thi đua Nội chính tổng kết năm 2023\nSáng 10/1, tại Sở Tư pháp, Khối thi đua Nội chính tỉnh "
           "tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023. Đồng chí Nguyễn Văn An - Giám đốc "
           "Sở Tư pháp, Trưởng khối chủ trì. Hội đồng bỏ phiếu đề nghị tặng Cờ thi đua của UBND tỉnh cho 2 tập thể. "
           "Thu ngân sách đạt 120 tỷ đồng, tăng 5% so với năm 2022. Thực hiện Kế hoạch số 12/KH-UBND, các đơn vị "
           "hưởng ứng phong trào “Chung sức xây dựng nông thôn mới”. Trưởng khối năm 2024 là Thanh tra tỉnh.")


class FactComponent:
    """Runs `recognize` on the article of each doc and stores its facts as spans."""

    def __init__(self, name: str, section: str, recognize: Callable, needs: tuple[str, ...] = (),
                 sets: tuple[str, ...] = ()):
        self.name, self.section, self.recognize, self.needs, self.sets = name, section, recognize, needs, sets

    def initialize(self, get_examples=None, nlp=None) -> None:
        """Load the stage's lexicons (and any model it calls) by reading a sample article once."""
        from thidua.extract.reader import ArticleInput, read_article

        article = read_article(ArticleInput(text=_SAMPLE, published="2024-01-11"))
        article.facts["blocs"] = blocs.extract(article)
        self.recognize(article)

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        if article is None:
            raise PipelineOrderError(f"{self.name} needs the article: make docs with the thidua tokenizer "
                                     "(thidua.extract.load())")
        if not doc.has_annotation("SENT_START"):
            raise PipelineOrderError(f"{self.name} needs {SENTENCES} to run before it")
        for attr, producer in self.needs:
            if getattr(doc._, attr) is None:
                raise PipelineOrderError(f"{self.name} needs doc._.{attr}, set by {producer}: add {producer} "
                                         "before it in the pipeline")
        started = time.perf_counter()
        items = self.recognize(article)
        article.facts[self.section] = items
        doc.spans[self.section] = [fact_span(doc, self.section, item) for item in items]
        if "bloc_mentions" in self.sets:
            doc._.bloc_mentions = list(article.bloc_mentions)
        _tick(doc, self.section, started)
        return doc


def fact_span(doc: Doc, section: str, item: dict) -> Span:
    """The Span of one fact, over its words when the recognizer gave them, else its sentence;
    its fields in `span._.fact` (kept in doc._.facts under the span's id)."""
    start, end = item.get("_span") or _sentence_offsets(item)
    if start == end == 0 and not item.get("evidence"):   # a fact of the headline only
        return add_fact(doc, 0, 0, section, {k: v for k, v in item.items() if k != "_span"})
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:   # offsets on whitespace only: fall back to the sentence
        start, end = _sentence_offsets(item)
        span = doc.char_span(start, end, alignment_mode="expand") or doc[0:1]
    return add_fact(doc, span.start, span.end, section, {k: v for k, v in item.items() if k != "_span"})


def add_fact(doc: Doc, start: int, end: int, section: str, fact: dict) -> Span:
    """A new fact of `section` over tokens start…end (for components of one's own too)."""
    if doc._.facts is None:
        doc._.facts = {}
    span = Span(doc, start, end, label=section, span_id=len(doc._.facts) + 1)
    doc._.facts[span.id] = fact
    return span


def _sentence_offsets(item: dict) -> tuple[int, int]:
    ev = item.get("evidence") or {}
    return ev.get("start", 0), ev.get("end", 0)


def _tick(doc: Doc, stage: str, since: float) -> None:
    if doc._.timings is not None:
        doc._.timings[stage] = doc._.timings.get(stage, 0.0) + time.perf_counter() - since


@Language.factory(SENTENCES, assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    def split(doc: Doc) -> Doc:
        started = time.perf_counter()
        if len(doc):
            offsets = doc.to_array("IDX")
            marks = numpy.full(len(doc), -1, dtype="int32")
            at = numpy.searchsorted(offsets, [s.start for s in doc._.article.sentences])
            marks[at[at < len(doc)]] = 1
            marks[0] = 1
            doc.from_array(["SENT_START"], marks.astype("uint64"))
        _tick(doc, "sentences", started)
        return doc
    return split


_BLOCS = (("bloc_mentions", "thidua_blocs"),)
_NEEDS_SENTENCES = ["token.is_sent_start"]
_NEEDS_BLOCS = ["token.is_sent_start", "doc._.bloc_mentions"]


def _factory(section: str, extract, needs: tuple = (), sets: tuple = ()):
    def make(nlp: Language, name: str) -> FactComponent:
        return FactComponent(name, section, extract, needs=needs, sets=sets)
    return make


# one registered component per recognizer: what it needs from earlier ones, what it sets
for _section, _extract, _requires, _needs, _sets in (
        ("blocs", blocs.extract, _NEEDS_SENTENCES, (), ("bloc_mentions",)),
        ("events", events.extract, _NEEDS_BLOCS, _BLOCS, ()),
        ("people", people.extract, _NEEDS_BLOCS, _BLOCS, ()),
        ("awards", awards.extract, _NEEDS_BLOCS, _BLOCS, ()),
        ("bloc_leadership", leadership.extract, _NEEDS_BLOCS, _BLOCS, ()),
        ("indicators", indicators.extract, _NEEDS_SENTENCES, (), ()),
        ("documents", documents.extract, _NEEDS_BLOCS, _BLOCS, ()),
        ("movements", movements.extract, _NEEDS_SENTENCES, (), ())):
    Language.factory(f"thidua_{_section}", requires=_requires,
                     assigns=["doc.spans"] + (["doc._.bloc_mentions"] if _sets else []),
                     func=_factory(_section, _extract, _needs, _sets))
