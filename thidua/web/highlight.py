"""Cutting an article's body into runs of text, each knowing which facts' evidence covers it.

Evidence spans may overlap (several facts read from one sentence) or nest, so the body is cut
at every span boundary and each run lists all facts whose span contains it; the page marks a
run when that list is not empty.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Run:
    text: str
    start: int
    facts: list[str] = field(default_factory=list)
    # facts whose evidence starts at this run: the page puts their anchors here
    anchors: list[str] = field(default_factory=list)


def runs(body: str, spans: list[tuple[str, int | None, int | None]]) -> tuple[list[Run], list[str]]:
    """(runs covering the whole body, keys of facts whose span does not fit the body)."""
    good: list[tuple[str, int, int]] = []
    misplaced: list[str] = []
    for key, start, end in spans:
        if start is None or end is None or not 0 <= start < end <= len(body):
            misplaced.append(key)
        else:
            good.append((key, start, end))
    cuts = sorted({0, len(body)} | {s for _, s, _ in good} | {e for _, _, e in good})
    out: list[Run] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [key for key, s, e in good if s <= a and b <= e]
        anchors = [key for key, s, _ in good if s == a]
        out.append(Run(body[a:b], a, covering, anchors))
    return out, misplaced
