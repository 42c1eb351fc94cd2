"""The province an article is about, from what it names ("tỉnh Bắc Kạn") or its site."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from thidua.extract.lexicon import table


@lru_cache(maxsize=1)
def _province_regex() -> re.Pattern:
    names = sorted((r["name"] for r in table("provinces")), key=len, reverse=True)
    alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(r"\b(?:tỉnh|Tỉnh|TỈNH)\s+(" + alt + r")\b")


def provinces_named(text: str) -> Counter:
    return Counter(m.group(1) for m in _province_regex().finditer(text))


def province_of_host(host: str | None) -> str | None:
    if not host:
        return None
    for row in table("provinces"):
        if any(h and h in host for h in row["hosts"].split("|")):
            return row["name"]
    return None


def detect_province(doc) -> str | None:
    """The province named with "tỉnh" in the headline, else the one named most in the body
    (only when no other province is named as often), else the site's own province."""
    named = provinces_named(doc.title or "")
    if len(named) == 1:
        return next(iter(named))
    counts = provinces_named(doc.body)
    if counts:
        (top, n), *rest = counts.most_common()
        if not rest or rest[0][1] < n:
            return top
        return None
    return province_of_host(doc.source)
