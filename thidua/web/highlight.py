"""Cutting an article's body into runs of text, each knowing which facts' evidence covers it.

Evidence spans may overlap (several facts read from one sentence) or nest, so the body is cut
at every sentence boundary and each run lists all facts whose sentence contains it; the page
marks a run when that list is not empty. Inside a run, the words that state a fact (the
evidence's span_start/span_end, when the record has them) are pieces of their own, so the
page can mark the words within the sentence without cutting the sentence's mark apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# (fact key, sentence start, sentence end, words start, words end); words may be None.
Span = tuple[str, int | None, int | None, int | None, int | None]


@dataclass
class Piece:
    text: str
    words: list[str] = field(default_factory=list)  # facts whose words cover this piece


@dataclass
class Run:
    text: str
    start: int
    facts: list[str] = field(default_factory=list)
    # facts whose evidence starts at this run: the page puts their anchors here
    anchors: list[str] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)


def _fits(start: int | None, end: int | None, length: int) -> bool:
    return start is not None and end is not None and 0 <= start < end <= length


def runs(body: str, spans: list[Span]) -> tuple[list[Run], list[str]]:
    """(runs covering the whole body, keys of facts whose sentence does not fit the body).
    A fact's words are used only when they lie inside its sentence."""
    good: list[tuple[str, int, int]] = []
    words: list[tuple[str, int, int]] = []
    misplaced: list[str] = []
    for key, start, end, w_start, w_end in spans:
        if not _fits(start, end, len(body)):
            misplaced.append(key)
            continue
        good.append((key, start, end))
        if _fits(w_start, w_end, len(body)) and start <= w_start and w_end <= end:
            words.append((key, w_start, w_end))
    cuts = sorted({0, len(body)} | {s for _, s, _ in good} | {e for _, _, e in good})
    out: list[Run] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [key for key, s, e in good if s <= a and b <= e]
        anchors = [key for key, s, _ in good if s == a]
        out.append(Run(body[a:b], a, covering, anchors, _pieces(body, a, b, words)))
    return out, misplaced


def _pieces(body: str, a: int, b: int, words: list[tuple[str, int, int]]) -> list[Piece]:
    inside = [(k, max(s, a), min(e, b)) for k, s, e in words if s < b and e > a]
    cuts = sorted({a, b} | {s for _, s, _ in inside} | {e for _, _, e in inside})
    return [Piece(body[x:y], [k for k, s, e in inside if s <= x and y <= e])
            for x, y in zip(cuts, cuts[1:])]
