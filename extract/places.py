"""The province an article is about, from what it names ("tỉnh Bắc Kạn") or its site."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from thidua.extract.lexicon import alternation, table, words


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Each way a province is written after its administrative word → its canonical name
    ("Hồ Chí Minh" → "Thành phố Hồ Chí Minh")."""
    out = {}
    for row in table("provinces"):
        out[row["name"]] = row["name"]
        out.setdefault(re.sub(r"^Thành phố\s+", "", row["name"]), row["name"])
    return out


def _alternation(names) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Spellings that name a province with no administrative word ("TPHCM") → its name."""
    return {a.strip(): r["name"] for r in table("provinces") for a in (r.get("aliases") or "").split("|")
            if a.strip()}


@lru_cache(maxsize=1)
def _province_regex() -> re.Pattern:
    cities = [v for v, name in _variants().items()
              if any(r["name"] == name and r.get("kind") == "city" for r in table("provinces"))]
    # "tỉnh Bắc Kạn", "Tỉnh ủy Đắk Lắk", "trên địa bàn Đồng Nai"; a centrally-run city also
    # "thành phố Cần Thơ", "TP. Hải Phòng", "Thủ đô Hà Nội", "Thành ủy Hà Nội" ("thành phố Bắc
    # Kạn" is the capital of Bắc Kạn province, not the province)
    return re.compile(r"(?<!\w)(?:(?:tỉnh|Tỉnh|TỈNH|Tỉnh\s+ủy|Tỉnh\s+uỷ|địa\s+bàn)\s+(?P<p>" + _alternation(_variants())
                      + r")|(?:thành phố|Thành phố|TP\.?|Thủ đô|Thành\s+ủy|Thành\s+uỷ)\s*(?P<c>"
                      + _alternation(cities) + r")|(?P<a>" + _alternation(_aliases()) + r"))(?!\w)")


# where the clause holding a province's name starts, reading back
_CLAUSE = re.compile(r"[,;.:()\n]")


@lru_cache(maxsize=1)
def _institution() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + alternation(words("province_org_heads")) + r")(?!\w)")


def provinces_named(text: str) -> Counter:
    """How often `text` names each province, leaving out institutions named after one
    ("Trường Đại học Y Dược TP. Hồ Chí Minh")."""
    out: Counter = Counter()
    for m in _province_regex().finditer(text):
        before = text[max(0, m.start() - 80):m.start()]
        starts = [c.end() for c in _CLAUSE.finditer(before)]
        if _institution().search(before[starts[-1]:] if starts else before):
            continue
        out[_aliases()[m["a"]] if m["a"] else _variants()[re.sub(r"\s+", " ", m["p"] or m["c"])]] += 1
    return out


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
