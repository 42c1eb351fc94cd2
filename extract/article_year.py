"""The year an article reviews: the one its awards reward, its figures report and its serving
bloc leaders hold office for.

The first "năm YYYY" of an article is often another year: the plan's ("triển khai nhiệm vụ
năm 2026"), the pact's ("ký kết giao ước thi đua năm 2025"), the session's ("họp phiên thứ
hai năm 2020"), a year compared with ("so với năm 2019"). The rules, in order:
1. a year a review word governs (year_cues.tsv), in the headline, then the body;
2. a paragraph opening "Năm 2024, …" or "Trong năm 2024, …";
3. any other year of the headline or the body's opening, not a session's or one compared with;
4. the year before a coming year, when the article reviews (tổng kết / sơ kết) and names only
   the coming one; the coming year itself for a pact or a launch;
5. the publication year (the year before for a year-end review printed in January–March).
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from thidua.extract.lexicon import alternation, table

_YEAR = re.compile(r"(?i)(?<!\w)năm\s+((?:19|20)\d\d)(?!\d)")
# where a clause governing a year starts: punctuation, "và", "đồng thời"
_CLAUSE_START = re.compile(r"(?i)[,;.:!?()“”\"]|\n|(?<!\w)(?:và|đồng\s+thời)(?!\w)")
_SESSION = re.compile(r"(?i)(?<!\w)(?:(?:phiên|lần|kỳ\s+họp)\s+thứ\s+\w+|đợt\s+\w+|phiên\s+\w+)\s*$")
_COMPARED = re.compile(r"(?i)(?<!\w)(?:so\s+với|cùng\s+kỳ|so)\s*$")
_OPENER = re.compile(r"(?im)^\W{0,3}(?:trong\s+)?năm\s+((?:19|20)\d\d)\s*,")
_REVIEWS = re.compile(r"(?i)(?<!\w)(?:tổng\s+kết|sơ\s+kết)(?!\w)")
LATEST_REVIEW_MONTH = 3   # a year-end review is printed by March at the latest
OPENING = 600             # the body's opening, where an article states what it is about


KINDS = ("reviewed", "pact", "forward")   # the first found in a clause wins


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    rows = table("year_cues")
    return {kind: re.compile(r"(?i)(?<!\w)(?:" + alternation(r["phrase"] for r in rows if r["kind"] == kind)
                             + r")(?!\w)") for kind in KINDS}


def year_mentions(text: str) -> list[tuple[int, str]]:
    """Each "năm YYYY" of `text` with what governs it: "reviewed", "pact", "forward",
    "session", "compared" or "plain"."""
    cues = _cues()
    out = []
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 160):m.start()]
        if _SESSION.search(before):
            out.append((int(m[1]), "session"))
            continue
        if _COMPARED.search(before[-14:]):
            out.append((int(m[1]), "compared"))
            continue
        starts = [c.end() for c in _CLAUSE_START.finditer(before)]
        clause = before[starts[-1]:] if starts else before
        kind = next((k for k in KINDS if cues[k].search(clause)), "plain")
        out.append((int(m[1]), kind))
    return out


def reviewed_year(title: str | None, body: str, published: date | None) -> int | None:
    title = title or ""
    head = body[:OPENING]
    in_title, in_body = year_mentions(title), year_mentions(body[:4 * OPENING])
    for found in (in_title, in_body):
        for year, kind in found:
            if kind == "reviewed":
                return year
    opener = _OPENER.search(body)
    if opener:
        return int(opener[1])
    for found in (in_title, year_mentions(head)):
        for year, kind in found:
            if kind == "plain":
                return year
    coming = [y for y, kind in in_title + year_mentions(head) if kind in ("pact", "forward")]
    reviews = bool(_REVIEWS.search(title) or _REVIEWS.search(head))
    if coming:
        return coming[0] - 1 if reviews else coming[0]
    if published is None:
        return None
    if reviews and published.month <= LATEST_REVIEW_MONTH and not re.search(r"(?i)sơ\s+kết", title + head):
        return published.year - 1
    return published.year


def term_year(title: str | None, body: str, published: date | None) -> int | None:
    """The term of the bloc leaders an article shows serving: the year of the pact signed
    when the headline is a pact's ("ký kết giao ước thi đua năm 2016": its leaders hold 2016,
    though the meeting heard the report on 2015), else the year reviewed."""
    in_title = year_mentions(title or "")
    if not any(kind == "reviewed" for _, kind in in_title):
        for year, kind in in_title:
            if kind == "pact":
                return year
    return reviewed_year(title, body, published)
