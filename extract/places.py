"""The province an article is about, from what it names ("tỉnh Bắc Kạn") or its site."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from thidua.extract.lexicon import table


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Each way a province is written after its administrative word → its canonical name
    ("Hồ Chí Minh" → "Thành phố Hồ Chí Minh")."""
    out = {}
    for row in table("provinces"):
        out[row["name"]] = row["name"]
        bare = re.sub(r"^Thành phố\s+", "", row["name"])
        out.setdefault(bare, row["name"])
    return out


@lru_cache(maxsize=1)
def _province_regex() -> re.Pattern:
    names = sorted(_variants(), key=len, reverse=True)
    alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    # "tỉnh Bắc Kạn"; a centrally-run city also as "thành phố Cần Thơ", "TP. Hải Phòng", "Thủ đô Hà Nội"
    return re.compile(r"\b(?:tỉnh|Tỉnh|TỈNH|thành phố|Thành phố|TP\.?|Thủ đô)\s+(" + alt + r")\b")


def provinces_named(text: str) -> Counter:
    return Counter(_variants()[re.sub(r"\s+", " ", m.group(1))] for m in _province_regex().finditer(text))


def province_of_host(host: str | None) -> str | None:
    if not host:
        return None
    for row in table("provinces"):
        if any(h and h in host for h in row["hosts"].split("|")):
            return row["name"]
    return None


def detect_province(doc, given: str | None = None) -> str | None:
    """The province the article is about, in this order: the one its text names most (when
    no other is named as often), the one its headline names, the one the crawl was told
    (`given`: `--province`, the registry entry), the one its site belongs to."""
    counts = provinces_named(doc.body)
    if counts:
        (top, n), *rest = counts.most_common()
        if not rest or rest[0][1] < n:
            return top
    named = provinces_named(doc.title or "")
    if len(named) == 1:
        return next(iter(named))
    if given and given.strip():
        return canonical_province(given) or given.strip()
    return province_of_host(doc.source)


def canonical_province(name: str) -> str | None:
    """"tỉnh Bắc Kạn", "Bắc Kạn", "bac kan" → "Bắc Kạn"; None when it is no province."""
    from thidua.extract.text import fold_ascii

    key = fold_ascii(re.sub(r"^(?:tỉnh|thành phố|tp\.?)\s+", "", name.strip(), flags=re.I))
    for row in table("provinces"):
        if fold_ascii(row["name"]) == key or fold_ascii(re.sub(r"^Thành phố\s+", "", row["name"])) == key:
            return row["name"]
    return None
